#include <sys/wait.h>

#include <array>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "calibration/posterior_file.hpp"
#include "samen/batch/batch_file.hpp"
#include "samen/batch/batch_runner.hpp"
#include "samen/calibration/posterior_draws.hpp"
#include "samen/core/build_info.hpp"
#include "samen/core/config.hpp"
#include "samen/dynamics/outcomes.hpp"
#include "samen/dynamics/replicate.hpp"
#include "samen/io/run_file.hpp"
#include "samen/model/scenario.hpp"
#include "samen/model/scenario_inputs.hpp"
#include "support/test_binary.hpp"

namespace fs = std::filesystem;

namespace {

std::string source(const std::string& relative) {
  return samen::build::source_dir() + "/" + relative;
}

const std::vector<std::string> kSmall = {"field.municipalities=4", "field.families=5000",
                                         "run.burn_in_weeks=15", "run.weeks=25"};

fs::path temp_dir(const std::string& name) {
  const auto dir = fs::temp_directory_path() / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::string write_batch(const fs::path& dir, unsigned replicates) {
  const auto path = (dir / "small.ini").string();
  std::ofstream out(path);
  out << "name = small\nreplicates = " << replicates << "\n";
  out << "baseline = " << source("scenarios/baseline.ini") << "\n";
  out << "scenario = " << source("scenarios/cjg_knowledge_sharing.ini") << "\n";
  return path;
}

std::string error_of(const samen::BatchFile& batch, const samen::BatchOptions& opts) {
  try {
    samen::run_batch(batch, opts);
  } catch (const samen::ConfigError& e) {
    return e.what();
  }
  return "";
}

std::string run(const std::string& args) {
  const std::string command = std::string("'") + samen_binary() + "' " + args + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::string output;
  std::array<char, 4096> buffer{};
  while (std::fgets(buffer.data(), buffer.size(), pipe)) output += buffer.data();
  pclose(pipe);
  return output;
}

}  // namespace

TEST_CASE("under --posterior replicate r of every scenario runs under draw r mod K",
          "[batch][posterior]") {
  const auto dir = temp_dir("samen_test_batch_posterior");
  const auto post = (dir / "post.h5").string();
  test_posterior::write_default(post);
  const auto batch = samen::BatchFile::load(write_batch(dir, 3));
  samen::BatchOptions opts;
  opts.out_dir = (dir / "out").string();
  opts.overrides = kSmall;
  opts.posterior = post;
  opts.draws = 2;
  const auto summary = samen::run_batch(batch, opts);
  REQUIRE(summary.computed == 6);

  const auto base = samen::read_run_file(summary.outputs[0]);
  const auto option = samen::read_run_file(summary.outputs[1]);
  const std::uint32_t seed = base.header.seed;  // run.seed keys the draws too
  const auto draws = samen::draw_posterior(post, 2, seed);
  for (const auto* run : {&base, &option}) {
    INFO(run->path);
    CHECK(run->header.posterior_path == post);
    CHECK(run->header.posterior_sha256 == samen::file_sha256(post));
    CHECK(run->header.posterior_draws == 2);
    const auto& rec = run->posterior;
    REQUIRE(rec.draw.size() == 3);
    CHECK(rec.names == draws.names);
    for (std::uint32_t r = 0; r < 3; ++r) {
      CHECK(rec.draw[r] == static_cast<std::int32_t>(r % 2));
      CHECK(rec.particle[r] == static_cast<std::int32_t>(draws.particle[r % 2]));
      CHECK(rec.values[r * 2] == draws.values(r % 2, 0));
      CHECK(rec.values[r * 2 + 1] == draws.values(r % 2, 1));
    }
  }
  // The two draws are different particles, so the replicates ran under
  // different values (else this test could not tell draws apart).
  REQUIRE(draws.particle[0] != draws.particle[1]);

  // Replicate 2 of the option is exactly a run from scratch under draw 0.
  auto overrides = kSmall;
  for (const auto& o : draws.overrides(0)) overrides.push_back(o);
  const auto sc =
      samen::load_model_scenario(source("scenarios/cjg_knowledge_sharing.ini"), overrides);
  samen::ReplicatePlan plan;
  plan.weeks = 25;
  plan.burn_in_weeks = 15;
  plan.survey = false;
  const auto targets = samen::load_scenario_targets(sc);
  const auto scratch = samen::run_replicate(sc.params, targets, {seed, 2}, plan);
  const auto& outcomes = samen::outcome_registry();
  bool same = true, differs_from_base_values = false;
  const auto plain = samen::run_replicate(
      samen::load_model_scenario(source("scenarios/cjg_knowledge_sharing.ini"), kSmall).params,
      targets, {seed, 2}, plan);
  for (std::size_t o = 0; o < outcomes.size(); ++o) {
    const auto& m = option.outcomes.at(outcomes[o].name);
    for (std::size_t w = 0; w <= 25; ++w) {
      const double stored = m.values[2 * 26 + w];
      const double want = scratch[o][w];
      same = same && (stored == want || (std::isnan(stored) && std::isnan(want)));
      differs_from_base_values = differs_from_base_values || !(plain[o][w] == want);
    }
  }
  CHECK(same);
  CHECK(differs_from_base_values);

  // Compare says what the intervals include, and the report's caption too.
  const auto text = run("compare '" + summary.outputs[0] + "' '" + summary.outputs[1] + "'");
  CHECK_THAT(text, Catch::Contains("intervals include parameter uncertainty (2 draws from the "
                                   "posterior '" +
                                   post + "') as well as stochastic noise"));

  const auto report = (dir / "report.html").string();
  run("report '" + opts.out_dir + "' --html '" + report + "'");
  std::ifstream page(report);
  const std::string html{std::istreambuf_iterator<char>(page), std::istreambuf_iterator<char>()};
  CHECK_THAT(html, Catch::Contains("intervals include parameter uncertainty (2 draws"));

  // Rerun with another K, another posterior or none: refused, nothing mixed.
  opts.draws = 3;
  CHECK_THAT(error_of(batch, opts), Catch::Contains("posterior draws changed (2, now 3)") &&
                                        Catch::Contains("--overwrite"));
  opts.draws = 2;
  const auto other = (dir / "other.h5").string();
  test_posterior::write_default(other, {0.25, 0.25, 0.25, 0.25});
  opts.posterior = other;
  CHECK_THAT(error_of(batch, opts), Catch::Contains("run under another posterior"));
  opts.posterior.clear();
  CHECK_THAT(error_of(batch, opts), Catch::Contains("now without"));
  // Unchanged: all reused.
  opts.posterior = post;
  CHECK(samen::run_batch(batch, opts).reused == 6);

  // A file run without --posterior is not compared with one run under it.
  samen::BatchOptions plain_opts;
  plain_opts.out_dir = (dir / "plain").string();
  plain_opts.overrides = kSmall;
  const auto without = samen::run_batch(batch, plain_opts);
  const auto refused = run("compare '" + summary.outputs[0] + "' '" + without.outputs[1] + "'");
  CHECK_THAT(refused, Catch::Contains("cannot be compared with the baseline") &&
                          Catch::Contains("it was run without posterior draws, the baseline "
                                          "under 2 draws of the posterior '" +
                                          post + "'"));
  CHECK(run("compare '" + without.outputs[0] + "' '" + without.outputs[1] + "'")
            .find("parameter uncertainty") == std::string::npos);
  fs::remove_all(dir);
}

TEST_CASE("a batch under a posterior it cannot use is refused before it runs",
          "[batch][posterior]") {
  const auto dir = temp_dir("samen_test_batch_posterior_bad");
  const auto batch = samen::BatchFile::load(write_batch(dir, 2));
  samen::BatchOptions opts;
  opts.out_dir = (dir / "out").string();
  opts.overrides = kSmall;
  const auto bad = (dir / "bad.h5").string();
  std::ofstream(bad) << "text\n";
  opts.posterior = bad;
  CHECK_THAT(error_of(batch, opts), Catch::Contains(bad) && Catch::Contains("not an HDF5 file"));
  const auto post = (dir / "post.h5").string();
  test_posterior::write_default(post);
  opts.posterior = post;
  opts.overrides.push_back("awareness.fade_weeks=100");
  CHECK_THAT(error_of(batch, opts), Catch::Contains("--set sets key 'awareness.fade_weeks'"));
  opts.overrides = kSmall;
  opts.from = (dir / "checkpoint.h5").string();
  CHECK_THAT(error_of(batch, opts),
             Catch::Contains("--from") && Catch::Contains("cannot be combined"));
  CHECK_FALSE(fs::exists(dir / "out"));
  const std::string usage = run("batch '" + batch.path + "' --draws 3");
  CHECK_THAT(usage, Catch::Contains("--draws applies to --posterior"));
  fs::remove_all(dir);
}

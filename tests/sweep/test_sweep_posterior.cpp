#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "calibration/posterior_file.hpp"
#include "samen/calibration/posterior_draws.hpp"
#include "samen/core/build_info.hpp"
#include "samen/core/config.hpp"
#include "samen/io/run_file.hpp"
#include "samen/sweep/sweep_data.hpp"
#include "samen/sweep/sweep_file.hpp"
#include "samen/sweep/sweep_runner.hpp"

namespace fs = std::filesystem;

namespace {

std::string source(const std::string& relative) {
  return samen::build::source_dir() + "/" + relative;
}

fs::path temp_dir(const std::string& name) {
  const auto dir = fs::temp_directory_path() / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

// A grid of 2 levels over one assumption, the baseline and one option, on a small field.
std::string write_sweep(const fs::path& dir, const std::string& parameter) {
  const auto path = (dir / "small.ini").string();
  std::ofstream out(path);
  out << "name = small\nreplicates = 3\n";
  out << "baseline = " << source("scenarios/baseline.ini") << "\n";
  out << "scenario = " << source("scenarios/cjg_knowledge_sharing.ini") << "\n";
  out << "set = field.municipalities=4\nset = field.families=5000\nset = run.burn_in_weeks=15\n"
      << "set = run.weeks=20\nblock_weeks = 10\ndesign = grid\nlevels = 2\n";
  out << "parameter = " << parameter << "\n";
  return path;
}

std::string error_of(const std::string& path, const samen::SweepOptions& opts) {
  try {
    samen::run_sweep(samen::SweepFile::load(path), opts);
  } catch (const samen::ConfigError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("a sweep under --posterior runs replicate r under draw r mod K at every point",
          "[sweep][posterior]") {
  const auto dir = temp_dir("samen_test_sweep_posterior");
  const auto post = (dir / "post.h5").string();
  test_posterior::write_default(post);
  samen::SweepOptions opts;
  opts.out_dir = (dir / "out").string();
  opts.posterior = post;
  opts.draws = 2;

  // A design over a key the posterior sets is refused, naming the key.
  const auto overlap = write_sweep(dir, "awareness.fade_weeks");
  CHECK_THAT(error_of(overlap, opts), Catch::Contains("small.ini: the design") &&
                                          Catch::Contains("sets key 'awareness.fade_weeks'") &&
                                          Catch::Contains(post));
  CHECK_FALSE(fs::exists(dir / "out" / "units"));

  const auto path = write_sweep(dir, "refer.base");
  const auto summary = samen::run_sweep(samen::SweepFile::load(path), opts);
  CHECK(summary.computed == 6);
  const auto data = samen::read_sweep_data(summary.output);
  CHECK(data.posterior_path == post);
  CHECK(data.posterior_sha256 == samen::file_sha256(post));
  CHECK(data.posterior_draws == 2);
  const auto draws = samen::draw_posterior(post, 2, data.seed);
  REQUIRE(data.posterior.draw.size() == 3);
  for (std::uint32_t r = 0; r < 3; ++r) {
    CHECK(data.posterior.draw[r] == static_cast<std::int32_t>(r % 2));
    CHECK(data.posterior.values[r * 2] == draws.values(r % 2, 0));
    CHECK(data.posterior.values[r * 2 + 1] == draws.values(r % 2, 1));
  }

  // Another K: the finished sweep is not reused for it.
  opts.draws = 3;
  CHECK_THAT(error_of(path, opts), Catch::Contains("another sweep configuration") &&
                                       Catch::Contains("--posterior and --draws"));
  opts.overwrite = true;
  CHECK(samen::run_sweep(samen::SweepFile::load(path), opts).computed == 6);
  CHECK(samen::read_sweep_data(summary.output).posterior_draws == 3);
  fs::remove_all(dir);
}

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <thread>

#include "samen/batch/batch_file.hpp"
#include "samen/batch/batch_runner.hpp"
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

samen::ModelScenario scenario(const std::string& file, std::vector<std::string> extra = {}) {
  auto overrides = kSmall;
  overrides.insert(overrides.end(), extra.begin(), extra.end());
  return samen::load_model_scenario(source("scenarios/" + file), overrides);
}

samen::ReplicatePlan plan_of(const samen::ModelScenario& sc) {
  samen::ReplicatePlan plan;
  plan.weeks = sc.params.run.weeks;
  plan.burn_in_weeks = sc.params.run.burn_in_weeks;
  plan.survey = false;
  return plan;
}

bool identical(const std::vector<std::vector<double>>& a,
               const std::vector<std::vector<double>>& b) {
  for (std::size_t o = 0; o < a.size(); ++o)
    for (std::size_t w = 0; w < a[o].size(); ++w)
      if (!(a[o][w] == b[o][w] || (std::isnan(a[o][w]) && std::isnan(b[o][w])))) return false;
  return a.size() == b.size();
}

fs::path temp_dir(const std::string& name) {
  const auto dir = fs::temp_directory_path() / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

// A batch of the baseline and two options, on the small field.
std::string write_batch(const fs::path& dir, unsigned replicates) {
  const auto path = (dir / "small.ini").string();
  std::ofstream out(path);
  out << "name = small\nreplicates = " << replicates << "\n";
  out << "baseline = " << source("scenarios/baseline.ini") << "\n";
  out << "scenario = " << source("scenarios/cjg_knowledge_sharing.ini") << "\n";
  out << "scenario = " << source("scenarios/cjg_outreach.ini") << "\n";
  return path;
}

}  // namespace

TEST_CASE("an option with coverage 0 or intensity 0 gives the baseline bit for bit",
          "[batch][policy]") {
  const auto base = scenario("baseline.ini");
  const auto targets = samen::load_scenario_targets(base);
  const auto plan = plan_of(base);
  const auto reference = samen::run_replicate(base.params, targets, {5, 0}, plan);
  for (const samen::PolicyKind kind : samen::kPolicyKinds) {
    const std::string key = std::string("policy.") + samen::policy_key(kind);
    for (const char* zero : {".coverage=0", ".intensity=0"}) {
      INFO(key << zero);
      const auto off = scenario("baseline.ini", {key + ".enabled=true", key + zero});
      CHECK(identical(reference, samen::run_replicate(off.params, targets, {5, 0}, plan)));
    }
    // And the option does change something when it acts.
    const auto on = scenario("baseline.ini", {key + ".enabled=true"});
    INFO(key << " enabled");
    CHECK_FALSE(identical(reference, samen::run_replicate(on.params, targets, {5, 0}, plan)));
  }
}

TEST_CASE("a scenario forked from the shared burn-in equals its run from scratch",
          "[batch][policy]") {
  const auto base = scenario("baseline.ini");
  const auto targets = samen::load_scenario_targets(base);
  const auto plan = plan_of(base);
  const auto burnt = samen::burn_in(base.params, targets, {9, 2}, plan);
  for (const char* file :
       {"cjg_knowledge_sharing.ini", "written_agreements.ini", "recruitment_support.ini",
        "selforg_partnership.ini", "combined_cjg.ini"}) {
    INFO(file);
    const auto option = scenario(file);
    CHECK(identical(samen::record(burnt, option.params, targets, plan),
                    samen::run_replicate(option.params, targets, {9, 2}, plan)));
  }
}

TEST_CASE("a batch killed part-way and started again completes every replicate",
          "[batch][resume]") {
  const auto dir = temp_dir("samen_test_batch_kill");
  const auto batch = write_batch(dir, 10);
  std::vector<std::string> args = {samen_binary(),         "batch",     batch, "--out",
                                   (dir / "out").string(), "--threads", "1"};
  for (const auto& s : kSmall) {
    args.push_back("--set");
    args.push_back(s);
  }
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  const pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    execv(samen_binary().c_str(), argv.data());
    _exit(127);
  }
  // Kill it once some, but not all, replicates are on disk.
  const auto first = dir / "out" / "cjg_outreach" / "replicate_0001.h5";
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (!fs::exists(first) && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  kill(child, SIGKILL);
  int status = 0;
  waitpid(child, &status, 0);
  const bool killed = WIFSIGNALED(status);
  INFO("the batch was " << (killed ? "killed part-way" : "already finished"));
  CHECK(killed);
  CHECK_FALSE(fs::exists(dir / "out" / "baseline.h5"));  // not merged yet

  samen::BatchOptions opts;
  opts.out_dir = (dir / "out").string();
  opts.overrides = kSmall;
  const auto resumed = samen::run_batch(samen::BatchFile::load(batch), opts);
  CHECK(resumed.reused >= 2);
  CHECK(resumed.computed + resumed.reused == 30);

  opts.out_dir = (dir / "fresh").string();
  const auto fresh = samen::run_batch(samen::BatchFile::load(batch), opts);
  CHECK(fresh.computed == 30);
  for (std::size_t s = 0; s < resumed.outputs.size(); ++s) {
    const auto a = samen::read_run_file(resumed.outputs[s]);
    const auto b = samen::read_run_file(fresh.outputs[s]);
    CHECK(a.header.replicates == 10);
    for (const auto& [name, m] : a.outcomes) {
      INFO(resumed.outputs[s] << " " << name);
      const auto& n = b.outcomes.at(name);
      bool same = m.values.size() == n.values.size();
      for (std::size_t k = 0; same && k < m.values.size(); ++k)
        same = m.values[k] == n.values[k] || (std::isnan(m.values[k]) && std::isnan(n.values[k]));
      CHECK(same);
    }
  }
  for (const auto& entry : fs::recursive_directory_iterator(dir))
    CHECK(entry.path().extension() != ".tmp");
  fs::remove_all(dir);
}

TEST_CASE("finished outputs are kept, and replaced only with overwrite", "[batch][resume]") {
  const auto dir = temp_dir("samen_test_batch_keep");
  const auto batch = samen::BatchFile::load(write_batch(dir, 2));
  samen::BatchOptions opts;
  opts.out_dir = (dir / "out").string();
  opts.overrides = kSmall;
  CHECK(samen::run_batch(batch, opts).computed == 6);
  const auto again = samen::run_batch(batch, opts);
  CHECK(again.computed == 0);
  CHECK(again.reused == 6);
  opts.replicates = 3;  // more replicates: only the new one is computed, then merged again
  const auto more = samen::run_batch(batch, opts);
  CHECK(more.computed == 3);
  CHECK(samen::read_run_file(more.outputs[0]).header.replicates == 3);
  opts.replicates = 0;
  opts.overrides.push_back("refer.base=0.06");  // another configuration
  try {
    samen::run_batch(batch, opts);
    FAIL("expected a ConfigError");
  } catch (const samen::ConfigError& e) {
    CHECK_THAT(std::string(e.what()),
               Catch::Contains("were made from other inputs than this run's") &&
                   Catch::Contains("replicate_0000.h5': configuration changed (refer.base)") &&
                   Catch::Contains("--overwrite"));
  }
  opts.overwrite = true;
  CHECK(samen::run_batch(batch, opts).computed == 6);  // the batch file's 2 replicates
  fs::remove_all(dir);
}

TEST_CASE("batch files and scenarios are checked with clear messages", "[batch][config]") {
  const auto dir = temp_dir("samen_test_batch_files");
  const auto path = (dir / "bad.ini").string();
  {
    std::ofstream out(path);
    out << "baseline = " << source("scenarios/baseline.ini") << "\nscenarios = x.ini\n";
  }
  try {
    samen::BatchFile::load(path);
    FAIL("expected a ConfigError");
  } catch (const samen::ConfigError& e) {
    CHECK_THAT(std::string(e.what()),
               Catch::Contains(path + ":2: unknown key 'scenarios'; did you mean 'scenario'?"));
  }
  // A scenario that changes more than policy keys cannot share the burn-in.
  const auto other = (dir / "other.ini").string();
  {
    std::ofstream(other) << "base = " << source("scenarios/baseline.ini")
                         << "\nfield.families = 4000\n";
    std::ofstream out(path);
    out << "baseline = " << source("scenarios/baseline.ini") << "\nscenario = " << other << "\n";
  }
  samen::BatchOptions opts;
  opts.out_dir = (dir / "out").string();
  try {
    samen::run_batch(samen::BatchFile::load(path), opts);
    FAIL("expected a ConfigError");
  } catch (const samen::ConfigError& e) {
    CHECK_THAT(std::string(e.what()),
               Catch::Contains("key 'field.families' = 4000 differs from 100000") &&
                   Catch::Contains("policy.* keys only"));
  }
  fs::remove_all(dir);
}

namespace {

std::string batch_error(const fs::path& dir, const std::string& text) {
  const auto path = (dir / "b.ini").string();
  std::ofstream(path, std::ios::trunc) << text;
  try {
    samen::BatchFile::load(path);
  } catch (const samen::ConfigError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("batch files follow the rules of scenario files and carry run settings",
          "[batch][config]") {
  const auto dir = temp_dir("samen_test_batch_rules");
  const auto path = (dir / "b.ini").string();
  const std::string base = "baseline = " + source("scenarios/baseline.ini") + "\n";
  CHECK_THAT(batch_error(dir, base + "replicates = 4\nreplicates = 5\n"),
             Catch::Contains(path + ":3: key 'replicates' is given twice (also on line 2)"));
  CHECK_THAT(batch_error(dir, base + "replicates = 4\nrun.replicates = 5\n"),
             Catch::Contains(path + ":3: key 'run.replicates' is given twice (also on line 2)"));
  CHECK_THAT(batch_error(dir, base + base),
             Catch::Contains(path + ":2: key 'baseline' is given twice (also on line 1)"));
  CHECK_THAT(batch_error(dir, base + "name = ../../x\n"),
             Catch::Contains(path + ":2: key 'name' = '../../x' must be a plain file name"));
  CHECK_THAT(batch_error(dir, base + "name = .\n"), Catch::Contains("must be a plain file name"));
  // Old-Mac line ends (a lone CR) are line ends, as in scenario files; control
  // bytes are refused and escaped in the message.
  CHECK(batch_error(
            dir, "# a comment\r" + base.substr(0, base.size() - 1) + "\rreplicates = 3\r") == "");
  CHECK(samen::BatchFile::load(path).replicates == 3);
  CHECK_THAT(batch_error(dir, base + "name = a\x1b[2Jb\n"),
             Catch::Contains("\\x1b") && !Catch::Contains("\x1b"));
  CHECK_THAT(
      batch_error(dir, base + "run.weeks = -3\n"),
      Catch::Contains(path + ":2: key 'run.weeks' = '-3' is not a whole number in the allowed "
                             "range [0, 5200]"));
  CHECK_THAT(batch_error(dir, base + "replicates = 20000\n"),
             Catch::Contains("is not a whole number in the allowed range [1, 10000]"));
  fs::create_directories(dir / "folder.ini");
  try {
    samen::BatchFile::load((dir / "folder.ini").string());
    FAIL("expected a ConfigError");
  } catch (const samen::ConfigError& e) {
    CHECK_THAT(
        std::string(e.what()),
        Catch::Contains("batch file '" + (dir / "folder.ini").string() + "' is a directory"));
  }

  // Run settings in the file reach every scenario; --set on the command line wins.
  CHECK(batch_error(dir, base + "run.weeks = 7\nrun.burn_in_weeks = 10\nreplicates = 1\n") == "");
  const auto batch = samen::BatchFile::load(path);
  CHECK(batch.settings == std::vector<std::string>{"run.weeks=7", "run.burn_in_weeks=10"});
  samen::BatchOptions opts;
  opts.out_dir = (dir / "out").string();
  opts.overrides = {"field.municipalities=4", "field.families=5000"};
  const auto summary = samen::run_batch(batch, opts);
  CHECK(samen::read_run_file(summary.outputs[0]).header.weeks == 7);
  opts.overrides.push_back("run.weeks=5");
  opts.out_dir = (dir / "out5").string();
  CHECK(samen::read_run_file(samen::run_batch(batch, opts).outputs[0]).header.weeks == 5);
  fs::remove_all(dir);
}

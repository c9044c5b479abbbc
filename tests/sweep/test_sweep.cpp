#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <thread>

#include "samen/core/build_info.hpp"
#include "samen/core/config.hpp"
#include "samen/dynamics/outcomes.hpp"
#include "samen/dynamics/replicate.hpp"
#include "samen/io/checkpoint.hpp"
#include "samen/model/scenario.hpp"
#include "samen/model/scenario_inputs.hpp"
#include "samen/sweep/sweep_data.hpp"
#include "samen/sweep/sweep_file.hpp"
#include "samen/sweep/sweep_runner.hpp"
#include "support/test_binary.hpp"

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

const char* const kSmall =
    "set = field.municipalities=4\nset = field.families=5000\nset = run.burn_in_weeks=15\n"
    "set = run.weeks=20\nblock_weeks = 10\n";

// A grid of 2 levels over two assumptions (4 points), the baseline and one option.
std::string write_sweep(const fs::path& dir, unsigned replicates, const std::string& extra = "") {
  const auto path = (dir / "small.ini").string();
  std::ofstream out(path);
  out << "name = small\nreplicates = " << replicates << "\n";
  out << "baseline = " << source("scenarios/baseline.ini") << "\n";
  out << "scenario = " << source("scenarios/cjg_knowledge_sharing.ini") << "\n";
  out << kSmall << "design = grid\nlevels = 2\n";
  out << "parameter = refer.base\nparameter = volunteer.quit_weeks 100 250 log\n" << extra;
  return path;
}

std::string error_of(const std::string& dir, const std::string& text) {
  const auto path = dir + "/bad.ini";
  std::ofstream(path) << "baseline = " << source("scenarios/baseline.ini") << "\n" << text;
  try {
    samen::SweepFile::load(path);
  } catch (const samen::ConfigError& e) {
    return e.what();
  }
  return "";
}

bool same_values(const std::vector<double>& a, const std::vector<double>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t k = 0; k < a.size(); ++k)
    if (!(a[k] == b[k] || (std::isnan(a[k]) && std::isnan(b[k])))) return false;
  return true;
}

}  // namespace

TEST_CASE("sweep files are read strictly, with clear messages", "[sweep][config]") {
  const auto dir = temp_dir("samen_test_sweep_files").string();
  const auto sweep = samen::SweepFile::load(write_sweep(dir, 2));
  CHECK(sweep.name == "small");
  CHECK(sweep.scenarios.size() == 1);
  REQUIRE(sweep.parameters.size() == 2);
  // An assumption's range defaults to its declared plausible range.
  const auto* spec = samen::model_parameters().find("refer.base");
  CHECK(sweep.parameters[0].low == spec->plausible_low);
  CHECK(sweep.parameters[0].high == spec->plausible_high);
  CHECK(sweep.parameters[1].scale == samen::uncertainty::Scale::log);
  CHECK(sweep.parameters[1].low == 100.0);
  CHECK(sweep.make_design().points() == 4);

  const std::string grid = "design = grid\nlevels = 2\nparameter = refer.base\n";
  CHECK_THAT(error_of(dir, grid + "replicate = 3\n"),
             Catch::Contains("unknown key 'replicate'") &&
                 Catch::Contains("did you mean 'replicates'") && Catch::Contains("bad.ini:5"));
  CHECK_THAT(error_of(dir, grid + "points = 8\n"),
             Catch::Contains("'points' does not apply to design 'grid'"));
  CHECK_THAT(error_of(dir, grid + "levels = 3\n"), Catch::Contains("'levels' is given twice"));
  CHECK_THAT(error_of(dir, "parameter = refer.base\n"), Catch::Contains("no 'design = ...'"));
  CHECK_THAT(error_of(dir, "design = morris\nparameter = refer.base\n"),
             Catch::Contains("needs 'trajectories = N'"));
  CHECK_THAT(
      error_of(dir, "design = morris\ntrajectories = 4\nlevels = 3\nparameter = refer.base\n"),
      Catch::Contains("must be even"));
  CHECK_THAT(error_of(dir, "design = halton\n"), Catch::Contains("allowed: grid, lhs, sobol"));
  CHECK_THAT(error_of(dir, grid + "parameter = refer.bse\n"),
             Catch::Contains("'refer.bse' is not a declared parameter") &&
                 Catch::Contains("did you mean 'refer.base'"));
  CHECK_THAT(error_of(dir, grid + "parameter = field.families\n"),
             Catch::Contains("declares no plausible range") && Catch::Contains("LOW HIGH"));
  CHECK_THAT(error_of(dir, grid + "parameter = refer.knowledge 0 20\n"),
             Catch::Contains("leaves its allowed range"));
  CHECK_THAT(error_of(dir, grid + "parameter = refer.knowledge 0 1 log\n"),
             Catch::Contains("log scale needs low > 0"));
  CHECK_THAT(error_of(dir, grid + "parameter = run.weeks 10 20\n"),
             Catch::Contains("set it with 'set = run.weeks=VALUE'"));
  CHECK_THAT(error_of(dir, grid + "parameter = policy.cjg_knowledge_sharing.enabled\n"),
             Catch::Contains("only real and integer parameters"));
  CHECK_THAT(error_of(dir, grid + "set = refer.base=0.05\n"),
             Catch::Contains("both swept and set"));
  CHECK_THAT(error_of(dir, grid + "parameter = refer.base\n"), Catch::Contains("given twice"));
  // The name is the output folder: a plain file name, as in batch files.
  CHECK_THAT(error_of(dir, grid + "name = ../../x\n"),
             Catch::Contains("key 'name' = '../../x' must be a plain file name"));
  // A lone CR ends a line here too.
  const auto cr_path = dir + "/cr.ini";
  std::ofstream(cr_path) << "baseline = " << source("scenarios/baseline.ini")
                         << "\rdesign = grid\rlevels = 2\rparameter = refer.base\r";
  CHECK(samen::SweepFile::load(cr_path).make_design().points() == 2);
  fs::remove_all(dir);
}

TEST_CASE("a sweep unit is the block means of the point's scenarios run from scratch", "[sweep]") {
  const auto dir = temp_dir("samen_test_sweep_unit");
  const auto sweep = samen::SweepFile::load(write_sweep(dir, 1));
  samen::SweepOptions opts;
  opts.out_dir = (dir / "out").string();
  const auto summary = samen::run_sweep(sweep, opts);
  CHECK(summary.computed == 4);
  const auto data = samen::read_sweep_data(summary.output);
  REQUIRE(data.points() == 4);
  CHECK(data.blocks() == 2);
  CHECK(data.scenarios == std::vector<std::string>{"baseline", "cjg_knowledge_sharing"});
  // Point 3 of the grid puts both parameters at the top of their ranges.
  CHECK(data.values(3, 0) == sweep.parameters[0].high);
  CHECK(data.values(3, 1) == 250.0);
  auto overrides = sweep.overrides;
  const auto point = samen::point_overrides(sweep, data.design, 3);
  overrides.insert(overrides.end(), point.begin(), point.end());
  const auto option =
      samen::load_model_scenario(source("scenarios/cjg_knowledge_sharing.ini"), overrides);
  samen::ReplicatePlan plan;
  plan.weeks = 20;
  plan.burn_in_weeks = 15;
  plan.survey = false;
  const auto series = samen::run_replicate(option.params, samen::load_scenario_targets(option),
                                           {option.params.run.seed, 0}, plan);
  const auto& registry = samen::outcome_registry();
  for (std::size_t o = 0; o < registry.size(); ++o) {
    INFO(registry[o].name);
    double first = 0.0, second = 0.0;
    for (int w = 1; w <= 10; ++w) first += series[o][w];
    for (int w = 11; w <= 20; ++w) second += series[o][w];
    const auto& cube = data.cube.at(registry[o].name);
    // [point 3][scenario 1][replicate 0][block b]
    CHECK(same_values({cube[(3 * 2 + 1) * 2 + 0], cube[(3 * 2 + 1) * 2 + 1]},
                      {first / 10, second / 10}));
  }
  const auto means = data.window_means("volunteers_active", {11, 20});
  CHECK(means.at(3, 1, 0) == data.cube.at("volunteers_active")[(3 * 2 + 1) * 2 + 1]);
  CHECK_THROWS_WITH(data.window_means("reach_flow_all", {5, 20}),
                    Catch::Contains("does not cover whole blocks") && Catch::Contains("11:20"));
  fs::remove_all(dir);
}

TEST_CASE("a sweep killed part-way and started again equals an uninterrupted one bit for bit",
          "[sweep][resume]") {
  const auto dir = temp_dir("samen_test_sweep_kill");
  const auto file = write_sweep(dir, 2);
  std::vector<std::string> args = {samen_binary(),         "sweep",     file, "--out",
                                   (dir / "out").string(), "--threads", "1"};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  const pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    execv(samen_binary().c_str(), argv.data());
    _exit(127);
  }
  // Kill it as soon as the first unit is on disk.
  const auto first = dir / "out" / "units" / "point_000000_replicate_0000.h5";
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (!fs::exists(first) && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  kill(child, SIGKILL);
  int status = 0;
  waitpid(child, &status, 0);
  const bool killed = WIFSIGNALED(status);
  INFO("the sweep was " << (killed ? "killed part-way" : "already finished"));
  CHECK(killed);
  CHECK_FALSE(fs::exists(dir / "out" / "sweep.h5"));

  const auto sweep = samen::SweepFile::load(file);
  samen::SweepOptions opts;
  opts.out_dir = (dir / "out").string();
  const auto resumed = samen::run_sweep(sweep, opts);
  CHECK(resumed.reused >= 1);
  CHECK(resumed.computed + resumed.reused == 8);
  opts.out_dir = (dir / "fresh").string();
  const auto fresh = samen::run_sweep(sweep, opts);
  CHECK(fresh.computed == 8);
  const auto a = samen::read_sweep_data(resumed.output);
  const auto b = samen::read_sweep_data(fresh.output);
  CHECK(a.digest == b.digest);
  CHECK(same_values(a.design.unit.values, b.design.unit.values));
  CHECK(same_values(a.values.values, b.values.values));
  REQUIRE(a.outcomes == b.outcomes);
  for (const auto& name : a.outcomes) {
    INFO(name);
    CHECK(same_values(a.cube.at(name), b.cube.at(name)));
  }
  for (const auto& entry : fs::recursive_directory_iterator(dir))
    CHECK(entry.path().extension() != ".tmp");

  // A finished sweep is not run again; a changed sweep file is refused
  // unless overwriting.
  opts.out_dir = (dir / "out").string();
  CHECK(samen::run_sweep(sweep, opts).computed == 0);
  const auto changed = samen::SweepFile::load(write_sweep(dir, 1));
  try {
    samen::run_sweep(changed, opts);
    FAIL("expected a ConfigError");
  } catch (const samen::ConfigError& e) {
    CHECK_THAT(std::string(e.what()),
               Catch::Contains("another sweep configuration") && Catch::Contains("--overwrite"));
  }
  opts.overwrite = true;
  CHECK(samen::run_sweep(changed, opts).computed == 4);
  fs::remove_all(dir);
}

TEST_CASE("a sweep that cannot run is refused before anything runs", "[sweep][config]") {
  const auto dir = temp_dir("samen_test_sweep_rule");
  const auto path = (dir / "rule.ini").string();
  std::ofstream(path) << "baseline = " << source("scenarios/baseline.ini") << "\n"
                      << kSmall << "design = lhs\npoints = 3\n"
                      << "parameter = run.seed 1 2\n";
  CHECK_THROWS_WITH(samen::SweepFile::load(path), Catch::Contains("set it with"));
  std::ofstream(path) << "baseline = " << source("scenarios/baseline.ini") << "\n"
                      << "set = field.municipalities=4\nset = field.families=5000\n"
                      << "set = run.weeks=25\nblock_weeks = 10\ndesign = lhs\npoints = 3\n"
                      << "parameter = refer.base\n";
  samen::SweepOptions opts;
  opts.out_dir = (dir / "out").string();
  CHECK_THROWS_WITH(samen::run_sweep(samen::SweepFile::load(path), opts),
                    Catch::Contains("'block_weeks' = 10 must divide run.weeks = 25"));
  fs::remove_all(dir);
}

TEST_CASE("a sweep over policy keys from a checkpoint equals one from scratch bit for bit",
          "[sweep][checkpoint]") {
  const auto dir = temp_dir("samen_test_sweep_from");
  const auto path = (dir / "policy.ini").string();
  std::ofstream(path) << "name = policy\nreplicates = 2\nbaseline = "
                      << source("scenarios/baseline.ini")
                      << "\nscenario = " << source("scenarios/cjg_knowledge_sharing.ini") << "\n"
                      << kSmall << "design = grid\nlevels = 2\n"
                      << "parameter = policy.cjg_knowledge_sharing.coverage 0.2 0.8\n";
  const auto sweep = samen::SweepFile::load(path);
  // The checkpoint of the sweep's baseline, as 'samen burnin' writes it.
  const auto base = samen::load_model_scenario(source("scenarios/baseline.ini"), sweep.overrides);
  const auto checkpoint = (dir / "burnt.h5").string();
  {
    samen::ReplicatePlan plan;
    plan.weeks = base.params.run.weeks;
    plan.burn_in_weeks = base.params.run.burn_in_weeks;
    plan.survey = false;
    const auto targets = samen::load_scenario_targets(base);
    samen::CheckpointWriter writer(checkpoint, base, 2);
    for (std::uint32_t r = 0; r < 2; ++r)
      writer.add(samen::burn_in(base.params, targets, {base.params.run.seed, r}, plan));
    writer.commit();
  }
  samen::SweepOptions scratch, from;
  scratch.out_dir = (dir / "scratch").string();
  from.out_dir = (dir / "from").string();
  from.from = checkpoint;
  const auto a = samen::read_sweep_data(samen::run_sweep(sweep, scratch).output);
  const auto b = samen::read_sweep_data(samen::run_sweep(sweep, from).output);
  REQUIRE(a.points() == 2);
  for (const auto& o : samen::outcome_registry()) {
    INFO(o.name);
    CHECK(same_values(a.cube.at(o.name), b.cube.at(o.name)));
  }
  // The coverage acts: more CJG hours go to the option at the higher point
  // ([point][scenario 1][replicate 0][block 0]).
  const auto& hours = a.cube.at("cjg_policy_hours");
  CHECK(hours[(1 * 2 + 1) * 2 * 2] > hours[(0 * 2 + 1) * 2 * 2]);

  // A design over a key that changes the burn-in cannot share the checkpoint.
  samen::SweepOptions bad;
  bad.out_dir = (dir / "bad").string();
  bad.from = checkpoint;
  CHECK_THROWS_WITH(
      samen::run_sweep(samen::SweepFile::load(write_sweep(dir, 2)), bad),
      Catch::Contains("varies 'refer.base'") && Catch::Contains("policy.* keys only"));
  // Nor a checkpoint of another configuration: the first difference is named.
  std::ofstream(path, std::ios::app) << "set = run.burn_in_weeks=16\n";
  CHECK_THROWS_WITH(samen::run_sweep(samen::SweepFile::load(path), bad),
                    Catch::Contains("run.burn_in_weeks"));
  fs::remove_all(dir);
}

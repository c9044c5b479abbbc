// `samen run`: simulate a scenario's replicates and write one HDF5 file.
#include <tbb/global_control.h>
#include <tbb/task_arena.h>
#include <unistd.h>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <iostream>

#include "commands.hpp"
#include "options.hpp"
#include "progress.hpp"
#include "samen/core/config.hpp"
#include "samen/dynamics/outcomes.hpp"
#include "samen/dynamics/replicate.hpp"
#include "samen/io/checkpoint.hpp"
#include "samen/io/hdf5.hpp"
#include "samen/io/output_guard.hpp"
#include "samen/io/run_file.hpp"
#include "samen/io/snapshot.hpp"
#include "samen/model/scenario.hpp"
#include "samen/model/scenario_inputs.hpp"

namespace samen::cli {
namespace {}  // namespace

int run_command(const std::vector<std::string>& args) {
  namespace po = boost::program_options;
  po::options_description options("samen run CONFIG [options]");
  options.add_options()("help,h", "show this help")("config", po::value<std::string>(),
                                                    "scenario INI file")(
      "replicates", po::value<std::string>(), "run replicates 0..N-1 (default: run.replicates)")(
      "replicate", po::value<std::string>(), "run only replicate R (0 to 9999)")(
      "seed", po::value<std::string>(), "seed of the random streams (default: run.seed)")(
      "threads", po::value<int>()->default_value(0), "worker threads (0: all cores)")(
      "weeks", po::value<std::string>(), "recorded weeks after the burn-in (default: run.weeks)")(
      "survey-every", po::value<std::string>(),
      "weeks between survey snapshots (default: run.survey_every)")(
      "out", po::value<std::string>(), "output HDF5 file (default: results/<scenario>.h5)")(
      "from", po::value<std::string>(),
      "continue from this checkpoint ('samen burnin') instead of generating and burning in")(
      "set", po::value<std::vector<std::string>>()->composing(),
      "override a parameter: --set key=value");
  po::positional_options_description positional;
  positional.add("config", 1);
  const auto vm = parse(args, options, positional);
  if (vm.count("help")) {
    std::cout << options
              << "\nSimulates CONFIG week by week and writes outcomes and survey snapshots "
                 "to one HDF5 file (layout: docs/outputs.md).\n";
    return 0;
  }
  if (!vm.count("config")) throw UsageError{"missing the scenario CONFIG file"};
  if (vm.count("replicates") && vm.count("replicate"))
    throw UsageError{"give either --replicates N or --replicate R, not both"};
  const auto limit = limit_threads(vm["threads"].as<int>());

  std::vector<std::string> overrides;
  if (vm.count("set")) overrides = vm["set"].as<std::vector<std::string>>();
  add_run_setting(vm, "seed", "run.seed", overrides);
  add_run_setting(vm, "weeks", "run.weeks", overrides);
  add_run_setting(vm, "replicates", "run.replicates", overrides);
  add_run_setting(vm, "survey-every", "run.survey_every", overrides);
  const std::uint32_t replicate =
      vm.count("replicate")
          ? parse_whole("--replicate", vm["replicate"].as<std::string>(), 0, kMaxReplicate)
          : 0;
  const ModelScenario scenario = load_model_scenario(vm["config"].as<std::string>(), overrides);
  const SurveyTargets targets = load_scenario_targets(scenario);
  const ModelParams& p = scenario.params;
  const std::uint32_t seed = p.run.seed;
  const std::uint32_t first = replicate;
  const std::uint32_t count = vm.count("replicate") ? 1u : p.run.replicates;
  ReplicatePlan plan;
  plan.weeks = p.run.weeks;
  plan.burn_in_weeks = p.run.burn_in_weeks;
  plan.survey_every = p.run.survey_every;

  const std::string from = vm.count("from") ? vm["from"].as<std::string>() : "";
  if (!from.empty()) check_checkpoint(from, scenario, first, count);
  const std::string out =
      vm.count("out") ? vm["out"].as<std::string>() : "results/" + scenario.name + ".h5";
  // Checked and locked before the simulation, so a bad path or a second
  // writer fails at once rather than after hours.
  std::vector<std::string> inputs = scenario.chain;
  inputs.push_back(resolve_file_key(scenario, "survey.targets"));
  check_output_path(out, OutputKind::Hdf5, inputs, "--out");
  if (const auto dir = std::filesystem::path(out).parent_path(); !dir.empty())
    std::filesystem::create_directories(dir);
  const OutputLock lock = OutputLock::file(out);
  h5::File file = h5::File::create_atomic(out);
  write_run_header(file, {scenario.name, scenario.values.to_ini(), seed, first, count, plan.weeks,
                          plan.burn_in_weeks, command_line("run", args), "",
                          scenario_label(scenario), file_sha256(inputs.back()), "", "", "", 0});

  Progress progress(count, plan.burn_in_weeks + plan.weeks + 1);
  const auto& registry = outcome_registry();
  std::vector<std::vector<double>> matrix(
      registry.size());  // [outcome][replicate * (weeks+1) + week]
  for (std::uint32_t r = 0; r < count; ++r) {
    const StreamKey key{seed, first + r};
    const SnapshotSink snapshot = [&](std::uint32_t week, const Field& field,
                                      const SurveyReport& report) {
      write_survey_snapshot(file, week, field, report);
    };
    const ProgressSink on_progress = [&](std::int64_t week) {
      progress.update(r, week + plan.burn_in_weeks);
    };
    const auto outcomes = record(burn_in_or_load(from, scenario, targets, key, plan, on_progress),
                                 p, targets, plan, r == 0 ? snapshot : SnapshotSink{}, on_progress);
    for (std::size_t o = 0; o < registry.size(); ++o)
      matrix[o].insert(matrix[o].end(), outcomes[o].begin(), outcomes[o].end());
  }
  progress.finish();
  write_outcomes(file, matrix, count, plan.weeks);
  file.commit();
  std::cerr << "samen run: wrote " << out << " (" << count << " replicate"
            << (count == 1 ? "" : "s") << ", " << plan.weeks << " weeks)\n";
  return 0;
}

}  // namespace samen::cli

// `samen burnin`: burn a scenario's replicates in once and keep their full
// state in a checkpoint that `samen run --from`, `samen batch --from` and
// `samen sweep --from` continue, so a study pays for the burn-in once.
#include <tbb/global_control.h>

#include <filesystem>
#include <iostream>

#include "commands.hpp"
#include "options.hpp"
#include "progress.hpp"
#include "samen/dynamics/replicate.hpp"
#include "samen/io/checkpoint.hpp"
#include "samen/model/scenario.hpp"
#include "samen/model/scenario_inputs.hpp"

namespace samen::cli {

int burnin_command(const std::vector<std::string>& args) {
  namespace po = boost::program_options;
  po::options_description options("samen burnin CONFIG --out CHECKPOINT.h5 [options]");
  options.add_options()("help,h", "show this help")("config", po::value<std::string>(),
                                                    "scenario INI file")(
      "replicates", po::value<std::uint32_t>(),
      "burn in replicates 0..N-1 (default: run.replicates)")(
      "seed", po::value<std::uint32_t>(), "seed of the random streams (default: run.seed)")(
      "threads", po::value<int>()->default_value(0), "worker threads (0: all cores)")(
      "out", po::value<std::string>(), "checkpoint HDF5 file to write")(
      "set", po::value<std::vector<std::string>>()->composing(),
      "override a parameter: --set key=value");
  po::positional_options_description positional;
  positional.add("config", 1);
  const auto vm = parse(args, options, positional);
  if (vm.count("help")) {
    std::cout << options
              << "\nGenerates each replicate of CONFIG, steps it through run.burn_in_weeks and "
                 "writes its full state to CHECKPOINT.h5. 'samen run --from', 'samen batch "
                 "--from' and 'samen sweep --from' (a design over policy.* keys) continue from it, "
                 "with the same results as from scratch; they refuse "
                 "a checkpoint of another seed, revision or configuration (policy.*, "
                 "scenario.label, run.weeks, run.replicates and run.survey_every may differ).\n";
    return 0;
  }
  if (!vm.count("config")) throw UsageError{"missing the scenario CONFIG file"};
  if (!vm.count("out")) throw UsageError{"missing --out CHECKPOINT.h5"};
  const auto limit = limit_threads(vm["threads"].as<int>());
  std::vector<std::string> overrides;
  if (vm.count("set")) overrides = vm["set"].as<std::vector<std::string>>();
  if (vm.count("seed"))
    overrides.push_back("run.seed=" + std::to_string(vm["seed"].as<std::uint32_t>()));
  if (vm.count("replicates")) {
    if (vm["replicates"].as<std::uint32_t>() < 1)
      throw UsageError{"--replicates must be at least 1"};
    overrides.push_back("run.replicates=" + std::to_string(vm["replicates"].as<std::uint32_t>()));
  }
  const ModelScenario scenario = load_model_scenario(vm["config"].as<std::string>(), overrides);
  const SurveyTargets targets = load_scenario_targets(scenario);
  const ModelParams& p = scenario.params;
  ReplicatePlan plan;
  plan.burn_in_weeks = p.run.burn_in_weeks;

  const std::string out = vm["out"].as<std::string>();
  if (const auto dir = std::filesystem::path(out).parent_path(); !dir.empty())
    std::filesystem::create_directories(dir);
  CheckpointWriter writer(out, scenario, p.run.replicates);
  Progress progress(p.run.replicates, plan.burn_in_weeks);
  for (std::uint32_t r = 0; r < p.run.replicates; ++r) {
    // One replicate in memory at a time.
    const Simulation sim = burn_in(p, targets, {p.run.seed, r}, plan, [&](std::int64_t week) {
      progress.update(r, week + plan.burn_in_weeks + 1);
    });
    writer.add(sim);
  }
  progress.finish();
  writer.commit();
  std::cerr << "samen burnin: wrote " << out << " (" << p.run.replicates << " replicate"
            << (p.run.replicates == 1 ? "" : "s") << " after " << plan.burn_in_weeks << " weeks)\n";
  return 0;
}

}  // namespace samen::cli

#include "samen/batch/batch_runner.hpp"

#include <tbb/parallel_for.h>

#include <cstdio>
#include <filesystem>

#include "samen/core/config.hpp"
#include "samen/dynamics/outcomes.hpp"
#include "samen/dynamics/replicate.hpp"
#include "samen/io/run_file.hpp"
#include "samen/model/scenario.hpp"
#include "samen/model/scenario_inputs.hpp"

namespace samen {
namespace {

namespace fs = std::filesystem;

bool is_policy_key(const std::string& key) { return key.rfind("policy.", 0) == 0; }

// Every scenario must share the baseline's burn-in: all but policy.* keys
// equal (and the label, which only names the scenario).
void check_forkable(const Scenario& base, const Scenario& other) {
  for (const auto& spec : model_parameters().all()) {
    if (is_policy_key(spec.name) || spec.name == "scenario.label") continue;
    const auto a = base.values.as_text(spec.name), b = other.values.as_text(spec.name);
    if (a != b)
      throw ConfigError(other.path + ": key '" + spec.name + "' = " + b + " differs from " + a +
                        " in the baseline " + base.path +
                        "; scenarios of a batch may differ in policy.* keys only");
  }
}

std::string replicate_path(const std::string& dir, const std::string& scenario, unsigned r) {
  char name[32];
  std::snprintf(name, sizeof name, "replicate_%04u.h5", r);
  return (fs::path(dir) / scenario / name).string();
}

// True when `path` holds a finished output of exactly this configuration;
// throws when it holds one of another configuration (unless overwriting).
bool finished(const std::string& path, const std::string& config, std::uint32_t seed,
              std::uint32_t first, std::uint32_t replicates, bool overwrite) {
  if (!fs::exists(path) || overwrite) return false;
  RunFile run;
  try {
    run = read_run_file(path);
  } catch (const std::exception&) {
    return false;  // unreadable: compute it again
  }
  const auto& h = run.header;
  if (h.config != config || h.seed != seed)
    throw ConfigError(
        "'" + path +
        "' was written by another configuration; rerun with --overwrite to replace it");
  if (h.source_revision != SAMEN_GIT_REVISION)
    throw ConfigError("'" + path + "' was written by another version of samen (" +
                      h.source_revision + ", this is " + SAMEN_GIT_REVISION +
                      "); rerun with --overwrite to replace it");
  // Same configuration, other replicates (e.g. more requested): merge again.
  return h.first_replicate == first && h.replicates == replicates;
}

}  // namespace

BatchSummary run_batch(const BatchFile& batch, const BatchOptions& options) {
  std::vector<ModelScenario> scenarios;
  scenarios.push_back(load_model_scenario(batch.baseline, options.overrides));
  for (const auto& path : batch.scenarios) {
    scenarios.push_back(load_model_scenario(path, options.overrides));
    check_forkable(scenarios.front(), scenarios.back());
  }
  const ModelScenario& base = scenarios.front();
  const SurveyTargets targets = load_scenario_targets(base);
  const unsigned replicates = options.replicates ? options.replicates : batch.replicates;
  const std::uint32_t seed = base.params.run.seed;
  ReplicatePlan plan;
  plan.weeks = base.params.run.weeks;
  plan.burn_in_weeks = base.params.run.burn_in_weeks;
  plan.survey = false;

  BatchSummary summary;
  summary.out_dir = options.out_dir.empty() ? "results/" + batch.name : options.out_dir;
  const std::size_t count = scenarios.size();
  std::vector<std::string> config(count), merged(count);
  std::vector<bool> done(count);
  for (std::size_t s = 0; s < count; ++s) {
    config[s] = scenarios[s].values.to_ini();
    merged[s] = (fs::path(summary.out_dir) / (scenarios[s].name + ".h5")).string();
    done[s] = finished(merged[s], config[s], seed, 0, replicates, options.overwrite);
    fs::create_directories(fs::path(summary.out_dir) / scenarios[s].name);
    summary.outputs.push_back(merged[s]);
  }

  for (unsigned r = 0; r < replicates; ++r) {
    std::vector<std::size_t> todo;
    for (std::size_t s = 0; s < count; ++s) {
      if (done[s] || finished(replicate_path(summary.out_dir, scenarios[s].name, r), config[s],
                              seed, r, 1, options.overwrite))
        ++summary.reused;
      else
        todo.push_back(s);
    }
    if (!todo.empty()) {
      // One burn-in per replicate; every scenario forks from it.
      const Simulation burnt = burn_in(base.params, targets, {seed, r}, plan);
      std::vector<std::vector<std::vector<double>>> results(todo.size());
      tbb::parallel_for(std::size_t{0}, todo.size(), [&](std::size_t k) {
        results[k] = record(burnt, scenarios[todo[k]].params, targets, plan);
      });
      for (std::size_t k = 0; k < todo.size(); ++k) {
        const auto& sc = scenarios[todo[k]];
        h5::File file = h5::File::create_atomic(replicate_path(summary.out_dir, sc.name, r));
        write_run_header(file,
                         {sc.name, config[todo[k]], seed, r, 1, plan.weeks, plan.burn_in_weeks,
                          "samen batch " + batch.path, "", scenario_label(sc)});
        write_outcomes(file, results[k], 1, plan.weeks);
        file.commit();
        ++summary.computed;
      }
    }
    if (options.progress) options.progress(r + 1, replicates);
  }

  // Merge each scenario's replicates into one file of [replicate][week] outcomes.
  const auto& registry = outcome_registry();
  for (std::size_t s = 0; s < count; ++s) {
    if (done[s]) continue;
    std::vector<std::vector<double>> values(registry.size());
    for (unsigned r = 0; r < replicates; ++r) {
      const RunFile run = read_run_file(replicate_path(summary.out_dir, scenarios[s].name, r));
      for (std::size_t o = 0; o < registry.size(); ++o) {
        const auto& m = run.outcomes.at(registry[o].name);
        values[o].insert(values[o].end(), m.values.begin(), m.values.end());
      }
    }
    h5::File file = h5::File::create_atomic(merged[s]);
    write_run_header(
        file, {scenarios[s].name, config[s], seed, 0, replicates, plan.weeks, plan.burn_in_weeks,
               "samen batch " + batch.path, "", scenario_label(scenarios[s])});
    file.set_attr("batch", batch.name);
    file.set_attr("baseline", base.name);  // so a report can find it in the folder
    write_outcomes(file, values, replicates, plan.weeks);
    file.commit();
  }
  return summary;
}

}  // namespace samen

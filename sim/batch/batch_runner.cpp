#include "samen/batch/batch_runner.hpp"

#include <tbb/parallel_for.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <optional>
#include <stdexcept>

#include "samen/calibration/posterior_draws.hpp"
#include "samen/core/config.hpp"
#include "samen/distributed/work_units.hpp"
#include "samen/dynamics/outcomes.hpp"
#include "samen/dynamics/replicate.hpp"
#include "samen/io/checkpoint.hpp"
#include "samen/io/output_guard.hpp"
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

// What a rerun finds at an output's path.
struct Found {
  bool finished = false;  ///< holds exactly what would be computed now
  std::string stale;      ///< why it holds a result of other inputs; "" if not
};

// Looks at `path` for the result `now` would write. Only replicates differing
// is not stale for a merged file (more replicates were asked for: merge again).
Found look(const std::string& path, const RunHeader& now, bool overwrite, bool merged) {
  std::error_code ec;
  if (overwrite || !fs::exists(path, ec)) return {};
  RunHeader stored;
  try {
    stored = read_run_header(path);
  } catch (const std::exception&) {
    return {};  // unreadable (e.g. cut short by a full disk): compute it again
  }
  const std::string why = why_different(stored, now);
  if (why.empty()) return {true, ""};
  if (merged) {
    RunHeader same_count = now;
    same_count.first_replicate = stored.first_replicate;
    same_count.replicates = stored.replicates;
    if (why_different(stored, same_count).empty()) return {};
  }
  return {false, why};
}

// What every rank needs to compute a replicate of the batch.
struct BatchInputs {
  std::vector<ModelScenario> scenarios;  // baseline first
  SurveyTargets targets;
  ReplicatePlan plan;
  std::uint32_t seed = 0;
  unsigned replicates = 0;
  std::string from;  // a checkpoint to continue from ("": burn in)
  std::optional<PosteriorDraws> posterior;
  std::vector<std::vector<ModelParams>> drawn;  // under a posterior: [draw][scenario]
};

BatchInputs load_inputs(const BatchFile& batch, const BatchOptions& options) {
  // The batch file's run settings first, so --set on the command line wins.
  std::vector<std::string> overrides = batch.settings;
  overrides.insert(overrides.end(), options.overrides.begin(), options.overrides.end());
  BatchInputs in;
  in.scenarios.push_back(load_model_scenario(batch.baseline, overrides));
  for (const auto& path : batch.scenarios) {
    in.scenarios.push_back(load_model_scenario(path, overrides));
    check_forkable(in.scenarios.front(), in.scenarios.back());
  }
  const ModelScenario& base = in.scenarios.front();
  in.targets = load_scenario_targets(base);
  in.replicates = options.replicates ? options.replicates : batch.replicates;
  in.seed = base.params.run.seed;
  in.plan.weeks = base.params.run.weeks;
  in.plan.burn_in_weeks = base.params.run.burn_in_weeks;
  in.plan.survey = false;
  in.from = options.from;
  if (!options.posterior.empty()) {
    // A checkpoint was burnt in under the scenario's own values, not a draw's.
    if (!in.from.empty()) throw checkpoint_under_posterior(in.from, options.posterior);
    in.posterior =
        draw_posterior(options.posterior, options.draws ? options.draws : in.replicates, in.seed);
    check_no_overlap(*in.posterior, options.overrides, "--set");
    // Every draw's scenarios are loaded up front, so a draw that breaks a
    // rule across keys stops the batch before anything runs.
    std::vector<std::string> paths{batch.baseline};
    paths.insert(paths.end(), batch.scenarios.begin(), batch.scenarios.end());
    in.drawn.resize(in.posterior->draws());
    for (std::uint32_t d = 0; d < in.posterior->draws(); ++d) {
      auto drawn = overrides;
      const auto values = in.posterior->overrides(d);
      drawn.insert(drawn.end(), values.begin(), values.end());
      for (const auto& path : paths) {
        try {
          in.drawn[d].push_back(load_model_scenario(path, drawn).params);
        } catch (const ConfigError& e) {
          throw ConfigError("--posterior '" + options.posterior + "': draw " + std::to_string(d) +
                            " (particle " + std::to_string(in.posterior->particle[d]) +
                            ") breaks a rule of " + path + ": " + e.what());
        }
      }
    }
  }
  return in;
}

// A work unit is a replicate: one burn-in, every scenario still missing
// forked from it. The request lists those scenarios; the result holds their
// outcome arrays, so rank 0 writes them as a single process would.
template <class T>
void put(std::string& out, T value) {
  out.append(reinterpret_cast<const char*>(&value), sizeof value);
}
template <class T>
T get(const std::string& in, std::size_t& at) {
  if (at + sizeof(T) > in.size()) throw std::runtime_error("batch: a unit's message is truncated");
  T value;
  std::memcpy(&value, in.data() + at, sizeof value);
  at += sizeof value;
  return value;
}

std::string encode_todo(const std::vector<std::size_t>& todo) {
  std::string out;
  for (const std::size_t s : todo) put(out, static_cast<std::uint32_t>(s));
  return out;
}

std::vector<std::size_t> decode_todo(const std::string& in) {
  std::vector<std::size_t> todo;
  for (std::size_t at = 0; at < in.size();) todo.push_back(get<std::uint32_t>(in, at));
  return todo;
}

std::string compute_replicate(const BatchInputs& in, const distributed::Unit& unit) {
  const std::vector<std::size_t> todo = decode_todo(unit.request);
  const auto r = static_cast<std::uint32_t>(unit.id);
  // Under a posterior every scenario of replicate r, and its burn-in, runs
  // under draw r mod K, so the contrasts stay paired.
  const std::vector<ModelParams>* drawn =
      in.posterior ? &in.drawn.at(in.posterior->draw_of(r)) : nullptr;
  const Simulation burnt =
      drawn ? burn_in(drawn->front(), in.targets, {in.seed, r}, in.plan)
            : burn_in_or_load(in.from, in.scenarios.front(), in.targets, {in.seed, r}, in.plan);
  std::vector<std::vector<std::vector<double>>> results(todo.size());
  tbb::parallel_for(std::size_t{0}, todo.size(), [&](std::size_t k) {
    results[k] = record(burnt, drawn ? drawn->at(todo[k]) : in.scenarios.at(todo[k]).params,
                        in.targets, in.plan);
  });
  std::string out;
  for (const auto& outcomes : results) {
    put(out, static_cast<std::uint64_t>(outcomes.size()));
    for (const auto& series : outcomes) {
      put(out, static_cast<std::uint64_t>(series.size()));
      out.append(reinterpret_cast<const char*>(series.data()), series.size() * sizeof(double));
    }
  }
  return out;
}

std::vector<std::vector<std::vector<double>>> decode_results(const std::string& in,
                                                             std::size_t count) {
  std::vector<std::vector<std::vector<double>>> results(count);
  std::size_t at = 0;
  for (auto& outcomes : results) {
    outcomes.resize(get<std::uint64_t>(in, at));
    for (auto& series : outcomes) {
      series.resize(get<std::uint64_t>(in, at));
      const std::size_t bytes = series.size() * sizeof(double);
      if (at + bytes > in.size()) throw std::runtime_error("batch: a unit's result is truncated");
      std::memcpy(series.data(), in.data() + at, bytes);
      at += bytes;
    }
  }
  return results;
}

// Rank 0, or a process alone: checks what is on disk, has the missing
// replicates computed (here and on other ranks), writes them and merges.
BatchSummary run_batch_here(const BatchFile& batch, const BatchOptions& options) {
  const BatchInputs in = load_inputs(batch, options);
  const auto& scenarios = in.scenarios;
  const ModelScenario& base = scenarios.front();
  const std::string targets_sha256 = file_sha256(resolve_file_key(base, "survey.targets"));
  const unsigned replicates = in.replicates;
  if (!in.from.empty()) check_checkpoint(in.from, base, 0, replicates);
  const std::uint32_t seed = in.seed;
  const ReplicatePlan& plan = in.plan;
  const std::string command_line =
      options.command_line.empty() ? "samen batch " + batch.path : options.command_line;

  BatchSummary summary;
  summary.out_dir = options.out_dir.empty() ? "results/" + batch.name : options.out_dir;
  check_output_folder(summary.out_dir, "--out");
  // One batch per folder at a time: a second would redo and overwrite the first's work.
  const OutputLock lock = OutputLock::folder(summary.out_dir);
  const std::size_t count = scenarios.size();
  std::vector<std::string> merged(count);
  std::vector<RunHeader> header(count);
  std::vector<bool> done(count);
  std::vector<std::vector<bool>> finished(count, std::vector<bool>(replicates));
  std::vector<std::string> stale;  // "'path': why"
  for (std::size_t s = 0; s < count; ++s) {
    const auto& sc = scenarios[s];
    header[s] = {sc.name,
                 sc.values.to_ini(),
                 seed,
                 0,
                 replicates,
                 plan.weeks,
                 plan.burn_in_weeks,
                 command_line,
                 "",
                 scenario_label(sc),
                 targets_sha256,
                 "",
                 "",
                 "",
                 0};
    if (in.posterior) {
      header[s].posterior_path = in.posterior->path;
      header[s].posterior_sha256 = in.posterior->sha256;
      header[s].posterior_draws = in.posterior->draws();
    }
    merged[s] = (fs::path(summary.out_dir) / (sc.name + ".h5")).string();
    const Found m = look(merged[s], header[s], options.overwrite, true);
    done[s] = m.finished;
    if (!m.stale.empty()) stale.push_back("'" + merged[s] + "': " + m.stale);
    fs::create_directories(fs::path(summary.out_dir) / sc.name);
    summary.outputs.push_back(merged[s]);
    for (unsigned r = 0; r < replicates && !done[s]; ++r) {
      RunHeader unit = header[s];
      unit.first_replicate = r;
      unit.replicates = 1;
      const std::string path = replicate_path(summary.out_dir, sc.name, r);
      const Found f = look(path, unit, options.overwrite, false);
      finished[s][r] = f.finished;
      if (!f.stale.empty()) stale.push_back("'" + path + "': " + f.stale);
    }
  }
  if (!stale.empty()) {
    std::string list;
    for (std::size_t k = 0; k < stale.size() && k < 10; ++k) list += "\n  " + stale[k];
    if (stale.size() > 10) list += "\n  ... and " + std::to_string(stale.size() - 10) + " more";
    throw ConfigError(summary.out_dir + ": " + std::to_string(stale.size()) + " finished output" +
                      (stale.size() == 1 ? " was" : "s were") +
                      " made from other inputs than this run's, so resuming would mix "
                      "results:" +
                      list +
                      "\nrerun with --overwrite to recompute them, or give another --out "
                      "folder");
  }

  // A unit per replicate with something left to compute.
  std::vector<distributed::Unit> units;
  unsigned skipped = 0;
  for (unsigned r = 0; r < replicates; ++r) {
    std::vector<std::size_t> todo;
    for (std::size_t s = 0; s < count; ++s) {
      if (done[s] || finished[s][r])
        ++summary.reused;
      else
        todo.push_back(s);
    }
    if (todo.empty())
      ++skipped;
    else
      units.push_back({r, encode_todo(todo)});
  }
  if (options.progress && skipped) options.progress(skipped, replicates);
  const auto write_replicate = [&](const distributed::Unit& unit, const std::string& result) {
    const auto todo = decode_todo(unit.request);
    const auto results = decode_results(result, todo.size());
    const auto r = static_cast<std::uint32_t>(unit.id);
    for (std::size_t k = 0; k < todo.size(); ++k) {
      const auto& sc = scenarios[todo[k]];
      RunHeader one = header[todo[k]];
      one.first_replicate = r;
      one.replicates = 1;
      h5::File file = h5::File::create_atomic(replicate_path(summary.out_dir, sc.name, r));
      write_run_header(file, one);
      write_outcomes(file, results[k], 1, plan.weeks);
      if (in.posterior) {
        const std::uint32_t d = in.posterior->draw_of(r);
        write_posterior_record(file, {in.posterior->names,
                                      {static_cast<std::int32_t>(d)},
                                      {static_cast<std::int32_t>(in.posterior->particle[d])},
                                      in.posterior->values.row(d)});
      }
      file.commit();
      ++summary.computed;
    }
  };
  summary.units = distributed::run_units(
      units, [&](const distributed::Unit& unit) { return compute_replicate(in, unit); },
      write_replicate,
      [&](std::size_t units_done, std::size_t) {
        if (options.progress)
          options.progress(skipped + static_cast<unsigned>(units_done), replicates);
      });
  summary.ranks = distributed::ranks();

  // Merge each scenario's replicates into one file of [replicate][week] outcomes.
  const auto& registry = outcome_registry();
  for (std::size_t s = 0; s < count; ++s) {
    if (done[s]) continue;
    std::vector<std::vector<double>> values(registry.size());
    PosteriorRecord drawn;
    for (unsigned r = 0; r < replicates; ++r) {
      const RunFile run = read_run_file(replicate_path(summary.out_dir, scenarios[s].name, r));
      for (std::size_t o = 0; o < registry.size(); ++o) {
        const auto& m = run.outcomes.at(registry[o].name);
        values[o].insert(values[o].end(), m.values.begin(), m.values.end());
      }
      const PosteriorRecord& p = run.posterior;
      drawn.names = p.names;
      drawn.draw.insert(drawn.draw.end(), p.draw.begin(), p.draw.end());
      drawn.particle.insert(drawn.particle.end(), p.particle.begin(), p.particle.end());
      drawn.values.insert(drawn.values.end(), p.values.begin(), p.values.end());
    }
    h5::File file = h5::File::create_atomic(merged[s]);
    write_run_header(file, header[s]);
    file.set_attr("batch", batch.name);
    file.set_attr("baseline", base.name);  // so a report can find it in the folder
    write_outcomes(file, values, replicates, plan.weeks);
    write_posterior_record(file, drawn);
    file.commit();
  }
  return summary;
}

}  // namespace

BatchSummary run_batch(const BatchFile& batch, const BatchOptions& options) {
  // Other MPI ranks only compute the units rank 0 hands out; only rank 0
  // looks at or writes the output folder.
  if (distributed::is_worker()) {
    BatchInputs in;
    distributed::serve_units([&] {
      in = load_inputs(batch, options);
      return [&](const distributed::Unit& unit) { return compute_replicate(in, unit); };
    });
    return {};
  }
  try {
    return run_batch_here(batch, options);
  } catch (...) {
    distributed::release_workers();  // whatever rank 0 found wrong, before any unit
    throw;
  }
}

}  // namespace samen

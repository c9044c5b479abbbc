#include "samen/sweep/sweep_runner.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/partitioner.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <limits>
#include <mutex>
#include <optional>

#include "samen/calibration/posterior_draws.hpp"
#include "samen/core/build_info.hpp"
#include "samen/core/config.hpp"
#include "samen/core/numbers.hpp"
#include "samen/core/sha256.hpp"
#include "samen/distributed/work_units.hpp"
#include "samen/dynamics/outcomes.hpp"
#include "samen/dynamics/replicate.hpp"
#include "samen/io/checkpoint.hpp"
#include "samen/io/hdf5.hpp"
#include "samen/io/output_guard.hpp"
#include "samen/io/run_file.hpp"
#include "samen/model/scenario.hpp"
#include "samen/model/scenario_inputs.hpp"
#include "samen/sweep/sweep_data.hpp"

namespace samen {
namespace {

namespace fs = std::filesystem;

// Every scenario forks from the baseline's burn-in: all but policy.* keys
// (and the label) must be equal, as in samen batch.
void check_forkable(const Scenario& base, const Scenario& other) {
  for (const auto& spec : model_parameters().all()) {
    if (spec.name.rfind("policy.", 0) == 0 || spec.name == "scenario.label") continue;
    const auto a = base.values.as_text(spec.name), b = other.values.as_text(spec.name);
    if (a != b)
      throw ConfigError(other.path + ": key '" + spec.name + "' = " + b + " differs from " + a +
                        " in the baseline " + base.path +
                        "; the scenarios of a sweep may differ in policy.* keys only (sweep "
                        "other keys with 'parameter = ')");
  }
}

std::string unit_path(const std::string& dir, std::size_t point, unsigned replicate) {
  char name[64];
  std::snprintf(name, sizeof name, "point_%06zu_replicate_%04u.h5", point, replicate);
  return (fs::path(dir) / "units" / name).string();
}

// Everything the results depend on, as text; its digest marks every output.
std::string identity_of(const SweepFile& sweep, const uncertainty::Design& design,
                        const std::vector<ModelScenario>& scenarios, std::uint32_t block_weeks,
                        const std::string& targets_sha256,
                        const std::optional<PosteriorDraws>& posterior) {
  std::string id = "samen sweep, source revision " + samen::build::revision() + "\n";
  id += "survey targets sha256 = " + targets_sha256 + "\n";
  if (posterior)
    id += "posterior sha256 = " + posterior->sha256 +
          ", draws = " + std::to_string(posterior->draws()) + "\n";
  id += "replicates = " + std::to_string(sweep.replicates) + "\n";
  id += "block_weeks = " + std::to_string(block_weeks) + "\n";
  id += "design = " + uncertainty::kind_name(design.kind) + "\n";
  for (const auto& p : design.parameters)
    id += "parameter = " + p.name + " " + exact_text(p.low) + " " + exact_text(p.high) +
          (p.scale == uncertainty::Scale::log ? " log" : " linear") + "\n";
  id += "unit points =";
  for (const double u : design.unit.values) id += " " + exact_text(u);
  id += "\n";
  for (const auto& sc : scenarios) id += "[scenario " + sc.name + "]\n" + sc.values.to_ini();
  return id;
}

// Whether `path` holds a finished unit of this sweep; throws when it holds one
// of another (unless overwriting, when the caller has removed them).
bool unit_done(const std::string& path, const std::string& digest) {
  if (!fs::exists(path)) return false;
  std::string found;
  try {
    found = h5::File::open_read(path).get_attr_string("digest");
  } catch (const std::exception&) {
    return false;  // unreadable: compute it again
  }
  if (found != digest)
    throw ConfigError(
        "'" + path +
        "' was written by another sweep configuration (sweep file, scenarios, "
        "--posterior and --draws, or version of samen); rerun with --overwrite to replace it");
  return true;
}

// Means of each block of block_weeks weeks, weeks 1..weeks (week 0 is the
// state before any policy acts, left out like the burn-in).
std::vector<double> block_means(const std::vector<double>& series, std::uint32_t block_weeks) {
  const std::size_t weeks = series.size() - 1;
  std::vector<double> out(weeks / block_weeks);
  for (std::size_t b = 0; b < out.size(); ++b) {
    double sum = 0.0;
    for (std::size_t w = b * block_weeks + 1; w <= (b + 1) * block_weeks; ++w) sum += series[w];
    out[b] = sum / block_weeks;
  }
  return out;
}

// What every unit needs, the same on every rank: the scenarios, the run's
// length and seed, the design and every point's parameters.
struct SweepInputs {
  std::vector<std::string> paths;
  std::vector<ModelScenario> scenarios;
  ReplicatePlan plan;
  std::uint32_t seed = 0;
  SurveyTargets targets;
  uncertainty::Design design;
  std::vector<std::vector<ModelParams>> params;     ///< [point][scenario]
  uncertainty::Matrix values;                       ///< [point][parameter], as set
  std::vector<std::vector<std::string>> point_set;  ///< [point]: the overrides of the point
  std::optional<PosteriorDraws> posterior;
  std::string from;  ///< a checkpoint of the baseline to continue from ("": burn in)
};

// The scenarios' parameters at point p under posterior draw d: the point's
// overrides, then the draw's (their keys never overlap).
std::vector<ModelParams> drawn_params(const SweepFile& sweep, const SweepInputs& in, std::size_t p,
                                      std::uint32_t d) {
  auto overrides = in.point_set[p];
  const auto values = in.posterior->overrides(d);
  overrides.insert(overrides.end(), values.begin(), values.end());
  std::vector<ModelParams> params;
  for (const auto& path : in.paths) {
    try {
      params.push_back(load_model_scenario(path, overrides).params);
    } catch (const ConfigError& e) {
      throw ConfigError(sweep.path + ": design point " + std::to_string(p) + " under draw " +
                        std::to_string(d) + " of the posterior '" + in.posterior->path +
                        "' breaks a rule of " + path + ": " + e.what());
    }
  }
  return params;
}

SweepInputs load_inputs(const SweepFile& sweep, const SweepOptions& options) {
  SweepInputs in;
  // The scenarios without the design's keys: the fork rule, the run's length
  // and seed, and the configuration recorded in the output.
  in.paths = {sweep.baseline};
  in.paths.insert(in.paths.end(), sweep.scenarios.begin(), sweep.scenarios.end());
  for (const auto& p : in.paths) {
    in.scenarios.push_back(load_model_scenario(p, sweep.overrides));
    check_forkable(in.scenarios.front(), in.scenarios.back());
  }
  const ModelScenario& base = in.scenarios.front();
  in.plan.weeks = base.params.run.weeks;
  in.plan.burn_in_weeks = base.params.run.burn_in_weeks;
  in.plan.survey = false;
  if (in.plan.weeks < sweep.block_weeks || in.plan.weeks % sweep.block_weeks != 0)
    throw ConfigError(sweep.path + ": key 'block_weeks' = " + std::to_string(sweep.block_weeks) +
                      " must divide run.weeks = " + std::to_string(in.plan.weeks) +
                      " (set run.weeks with 'set = run.weeks=N' or choose another block_weeks)");
  in.seed = base.params.run.seed;
  in.targets = load_scenario_targets(base);
  in.design = sweep.make_design();
  const std::size_t points = in.design.points();

  // Every point's scenarios are loaded up front, so a point that breaks a
  // rule across keys stops the sweep before anything runs.
  in.params.resize(points);
  in.values = uncertainty::Matrix(points, in.design.parameters.size());
  for (std::size_t p = 0; p < points; ++p) {
    const auto point = point_overrides(sweep, in.design, p);
    for (std::size_t k = 0; k < point.size(); ++k)
      in.values(p, k) = std::stod(point[k].substr(point[k].find('=') + 1));
    auto overrides = sweep.overrides;
    overrides.insert(overrides.end(), point.begin(), point.end());
    in.point_set.push_back(overrides);
    for (const auto& path : in.paths) {
      try {
        in.params[p].push_back(load_model_scenario(path, overrides).params);
      } catch (const ConfigError& e) {
        throw ConfigError(sweep.path + ": design point " + std::to_string(p) +
                          " breaks a rule of " + path + ": " + e.what());
      }
    }
  }
  if (!options.from.empty()) {
    // One checkpoint serves every point only when no point changes the burn-in.
    for (const auto& p : in.design.parameters)
      if (!checkpoint_ignores(p.name))
        throw ConfigError("--from '" + options.from + "': " + sweep.path + " varies '" + p.name +
                          "' ('parameter = " + p.name +
                          "'), which changes the burn-in, so each point needs its own; a sweep "
                          "from a checkpoint may vary policy.* keys only (leave out --from)");
    if (!options.posterior.empty())
      throw checkpoint_under_posterior(options.from, options.posterior);
    check_checkpoint(options.from, in.scenarios.front(), 0, sweep.replicates);
    in.from = options.from;
  }
  if (!options.posterior.empty()) {
    in.posterior = draw_posterior(options.posterior,
                                  options.draws ? options.draws : sweep.replicates, in.seed);
    for (const auto& p : in.design.parameters)
      check_no_overlap(*in.posterior, {p.name},
                       sweep.path + ": the design ('parameter = " + p.name + "')");
    check_no_overlap(*in.posterior, sweep.overrides, sweep.path + ": a 'set' line");
    // Every point under every draw a replicate uses, checked before anything runs.
    const std::uint32_t used = std::min(in.posterior->draws(), sweep.replicates);
    for (std::size_t p = 0; p < points; ++p)
      for (std::uint32_t d = 0; d < used; ++d) drawn_params(sweep, in, p, d);
  }
  return in;
}

// Unit (p, r): every outcome's block means, [outcome][scenario][block].
std::vector<double> compute_unit(const SweepFile& sweep, const SweepInputs& in, std::size_t p,
                                 unsigned r) {
  const std::uint32_t block_weeks = sweep.block_weeks;
  const std::size_t count = in.scenarios.size();
  // Under a posterior, replicate r runs under draw r mod K at every point and
  // in every scenario, so contrasts and points stay paired.
  const std::vector<ModelParams> params =
      in.posterior ? drawn_params(sweep, in, p, in.posterior->draw_of(r)) : in.params[p];
  // A checkpoint holds the baseline's burn-in, which no point changes (load_inputs).
  const Simulation burnt = in.from.empty() ? burn_in(params[0], in.targets, {in.seed, r}, in.plan)
                                           : load_checkpoint(in.from, in.scenarios.front(), r);
  std::vector<std::vector<std::vector<double>>> series(count);
  tbb::parallel_for(std::size_t{0}, count, [&](std::size_t s) {
    series[s] = record(burnt, params[s], in.targets, in.plan);
  });
  const auto& registry = outcome_registry();
  std::vector<double> means;
  means.reserve(registry.size() * count * (in.plan.weeks / block_weeks));
  for (std::size_t o = 0; o < registry.size(); ++o)
    for (std::size_t s = 0; s < count; ++s) {
      const auto b = block_means(series[s][o], block_weeks);
      means.insert(means.end(), b.begin(), b.end());
    }
  return means;
}

// A unit's file, aside and then renamed, so a unit on disk is finished.
void write_unit(const std::string& path, const std::string& digest, std::size_t p, unsigned r,
                std::size_t count, std::size_t nb, const std::vector<double>& means) {
  const auto& registry = outcome_registry();
  if (means.size() != registry.size() * count * nb)
    throw std::runtime_error("sweep: unit " + path + " has " + std::to_string(means.size()) +
                             " block means, not " + std::to_string(registry.size() * count * nb));
  h5::File file = h5::File::create_atomic(path);
  file.set_attr("digest", digest);
  file.set_attr("point", p);
  file.set_attr("replicate", r);
  for (std::size_t o = 0; o < registry.size(); ++o) {
    const auto first = means.begin() + static_cast<std::ptrdiff_t>(o * count * nb);
    file.write_matrix(registry[o].name, count, nb,
                      std::vector<double>(first, first + static_cast<std::ptrdiff_t>(count * nb)));
  }
  file.commit();
}

// A unit's number for the work-unit layer: point-major, as the files are named.
std::uint64_t unit_id(std::size_t p, unsigned r, unsigned replicates) {
  return std::uint64_t{p} * replicates + r;
}

// The block means as bytes and back: doubles copied whole, so a unit
// computed on another rank is written exactly as one computed here.
std::string to_bytes(const std::vector<double>& means) {
  return {reinterpret_cast<const char*>(means.data()), means.size() * sizeof(double)};
}

std::vector<double> from_bytes(const std::string& bytes) {
  if (bytes.size() % sizeof(double) != 0)
    throw std::runtime_error("sweep: a unit's result is truncated");
  std::vector<double> means(bytes.size() / sizeof(double));
  std::memcpy(means.data(), bytes.data(), bytes.size());
  return means;
}

distributed::Compute unit_compute(const SweepInputs& in, const SweepFile& sweep) {
  return [&in, &sweep](const distributed::Unit& unit) {
    const std::size_t p = unit.id / sweep.replicates;
    const auto r = static_cast<unsigned>(unit.id % sweep.replicates);
    return to_bytes(compute_unit(sweep, in, p, r));
  };
}

// Rank 0, or a process alone: checks and locks the folder, has the missing
// units computed (here, or here and on other ranks), writes them and gathers.
SweepSummary run_sweep_here(const SweepFile& sweep, const SweepOptions& options) {
  const SweepInputs in = load_inputs(sweep, options);
  const std::vector<ModelScenario>& scenarios = in.scenarios;
  const ModelScenario& base = scenarios.front();
  const uncertainty::Design& design = in.design;
  const std::size_t points = design.points(), count = scenarios.size();

  SweepData data;
  data.values = in.values;
  data.name = sweep.name;
  data.sweep_text = sweep.text;
  data.identity = identity_of(sweep, design, scenarios, sweep.block_weeks,
                              file_sha256(resolve_file_key(base, "survey.targets")), in.posterior);
  data.digest = sha256_hex(data.identity);
  if (in.posterior) {
    const PosteriorDraws& post = *in.posterior;
    data.posterior_path = post.path;
    data.posterior_sha256 = post.sha256;
    data.posterior_draws = post.draws();
    data.posterior.names = post.names;
    for (std::uint32_t r = 0; r < sweep.replicates; ++r) {
      const std::uint32_t d = post.draw_of(r);
      data.posterior.draw.push_back(static_cast<std::int32_t>(d));
      data.posterior.particle.push_back(static_cast<std::int32_t>(post.particle[d]));
      const auto row = post.values.row(d);
      data.posterior.values.insert(data.posterior.values.end(), row.begin(), row.end());
    }
  }
  data.design = design;
  data.integer = sweep.integer;
  for (const auto& sc : scenarios) {
    data.scenarios.push_back(sc.name);
    data.labels.push_back(scenario_label(sc));
    data.configs.push_back(sc.values.to_ini());
  }
  data.seed = in.seed;
  data.replicates = sweep.replicates;
  data.weeks = in.plan.weeks;
  data.burn_in_weeks = in.plan.burn_in_weeks;
  data.block_weeks = sweep.block_weeks;
  const auto& registry = outcome_registry();
  for (const auto& o : registry) data.outcomes.push_back(o.name);

  SweepSummary summary;
  summary.out_dir = options.out_dir.empty() ? "results/" + sweep.name : options.out_dir;
  summary.output = (fs::path(summary.out_dir) / "sweep.h5").string();
  summary.points = points;
  summary.units = points * sweep.replicates;
  const fs::path units_dir = fs::path(summary.out_dir) / "units";
  // One writer per folder: a second sweep into it stops at once.
  check_output_folder(summary.out_dir, "--out");
  const OutputLock folder_lock = OutputLock::folder(summary.out_dir);
  if (options.overwrite) {
    // Remove only what a sweep writes here.
    fs::remove(summary.output);
    if (fs::exists(units_dir))
      for (const auto& entry : fs::directory_iterator(units_dir))
        if (entry.path().filename().string().rfind("point_", 0) == 0) fs::remove(entry.path());
  }
  fs::create_directories(units_dir);
  if (fs::exists(summary.output)) {
    std::string found;
    try {
      found = h5::File::open_read(summary.output).get_attr_string("digest");
    } catch (const std::exception&) {
    }
    if (found == data.digest) {
      summary.reused = summary.units;
      return summary;
    }
    throw ConfigError(
        "'" + summary.output +
        "' was written by another sweep configuration (sweep file, scenarios, "
        "--posterior and --draws, or version of samen); rerun with --overwrite to replace it");
  }

  std::vector<std::pair<std::size_t, unsigned>> todo;
  for (std::size_t p = 0; p < points; ++p)
    for (unsigned r = 0; r < sweep.replicates; ++r) {
      if (unit_done(unit_path(summary.out_dir, p, r), data.digest))
        ++summary.reused;
      else
        todo.emplace_back(p, r);
    }

  const std::size_t nb = data.blocks();
  if (distributed::ranks() > 1) {
    // Rank 0 hands the units out and writes each as it arrives, exactly as
    // below; the workers only compute.
    std::vector<distributed::Unit> units;
    for (const auto& [p, r] : todo) units.push_back({unit_id(p, r, sweep.replicates), ""});
    summary.stats = distributed::run_units(
        units, unit_compute(in, sweep),
        [&](const distributed::Unit& unit, const std::string& result) {
          const std::size_t p = unit.id / sweep.replicates;
          const auto r = static_cast<unsigned>(unit.id % sweep.replicates);
          write_unit(unit_path(summary.out_dir, p, r), data.digest, p, r, count, nb,
                     from_bytes(result));
        },
        [&](std::size_t done, std::size_t total) {
          if (options.progress) options.progress(done, total);
        });
  } else {
    std::mutex io;  // HDF5 calls and the progress callback, one at a time
    std::size_t done = 0;
    tbb::parallel_for(
        tbb::blocked_range<std::size_t>(0, todo.size(), 1),
        [&](const tbb::blocked_range<std::size_t>& range) {
          for (std::size_t u = range.begin(); u != range.end(); ++u) {
            // Plain names: lambdas cannot capture structured bindings in C++17.
            const std::size_t p = todo[u].first;
            const unsigned r = todo[u].second;
            const std::vector<double> means = compute_unit(sweep, in, p, r);
            std::lock_guard<std::mutex> lock(io);
            write_unit(unit_path(summary.out_dir, p, r), data.digest, p, r, count, nb, means);
            ++done;
            if (options.progress) options.progress(done, todo.size());
          }
        },
        tbb::simple_partitioner());
  }
  summary.computed = todo.size();
  summary.ranks = distributed::ranks();

  // Gather the units into [point][scenario][replicate][block] cubes.
  for (const auto& o : registry)
    data.cube[o.name].assign(points * count * sweep.replicates * nb,
                             std::numeric_limits<double>::quiet_NaN());
  for (std::size_t p = 0; p < points; ++p)
    for (unsigned r = 0; r < sweep.replicates; ++r) {
      const std::string path = unit_path(summary.out_dir, p, r);
      const h5::File file = h5::File::open_read(path);
      if (file.get_attr_string("digest") != data.digest)
        throw ConfigError("'" + path + "' changed while the sweep ran; run it again");
      for (const auto& o : registry) {
        const auto m = file.read_matrix(o.name);
        if (m.rows != count || m.cols != nb)
          throw h5::Error("HDF5 file '" + path + "': outcome '" + o.name + "' has the wrong shape");
        auto& cube = data.cube[o.name];
        for (std::size_t s = 0; s < count; ++s)
          for (std::size_t b = 0; b < nb; ++b)
            cube[((p * count + s) * sweep.replicates + r) * nb + b] = m.values[s * nb + b];
      }
    }
  write_sweep_data(summary.output, data);
  return summary;
}

}  // namespace

SweepSummary run_sweep(const SweepFile& sweep, const SweepOptions& options) {
  // Other MPI ranks only compute the units rank 0 hands out; only rank 0
  // looks at or writes the output folder.
  if (distributed::is_worker()) {
    SweepInputs in;
    distributed::serve_units([&] {
      in = load_inputs(sweep, options);
      return unit_compute(in, sweep);
    });
    return {};
  }
  try {
    SweepSummary summary = run_sweep_here(sweep, options);
    distributed::release_workers();  // a sweep already finished hands out nothing
    return summary;
  } catch (...) {
    distributed::release_workers();  // whatever rank 0 found wrong, before any unit
    throw;
  }
}

}  // namespace samen

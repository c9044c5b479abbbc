// Runs a sweep: every design point x replicate with one burn-in, the scenarios
// forked from it with common random numbers; finished units on disk at once,
// resumable, then gathered into one HDF5 file.
#pragma once

#include <cstddef>
#include <functional>
#include <string>

#include "samen/distributed/work_units.hpp"
#include "samen/sweep/sweep_file.hpp"

namespace samen {

/// How to run a sweep.
struct SweepOptions {
  std::string out_dir;     ///< "": results/<sweep name>
  bool overwrite = false;  ///< discard results of another configuration and start afresh
  std::string command_line;
  /// A `samen calibrate` output: replicate r runs under posterior draw r mod
  /// K at every point and in every scenario (calibration/posterior_draws.hpp);
  /// "": none. Refused when the design or the sweep's set lines name a key
  /// the posterior sets.
  std::string posterior;
  std::uint32_t draws = 0;  ///< K; 0: as many as replicates
  /// A `samen burnin` checkpoint of the baseline: unit (p, r) continues from
  /// its replicate r instead of burning in, with the same results. Refused
  /// unless the design varies policy.* keys only (and without a posterior).
  std::string from;
  /// Called after each unit (a point's replicate) with (units done now, units
  /// to do now); called from worker threads one at a time.
  std::function<void(std::size_t, std::size_t)> progress;
};

/// What a sweep run did.
struct SweepSummary {
  std::string out_dir;
  std::string output;  ///< <out>/sweep.h5
  std::size_t points = 0;
  std::size_t units = 0;         ///< points x replicates
  std::size_t computed = 0;      ///< units computed now
  std::size_t reused = 0;        ///< units found finished on disk
  int ranks = 1;                 ///< MPI ranks that computed (1: this process alone)
  distributed::UnitStats stats;  ///< under MPI: the units computed now, and where
};

/// Runs the sweep. Unit (point p, replicate r) generates and burns in the
/// baseline at point p with streams (run.seed, r), the same at every point,
/// forks every scenario from it, and writes each outcome's block means to
/// <out>/units/point_PPPPPP_replicate_RRRR.h5 (aside, then renamed); a rerun
/// skips finished units. Units run in parallel; each is a pure function of
/// (p, r), so the results do not depend on the number of threads or on
/// interruptions. Under MPI (a distributed::Session with several ranks) rank 0
/// checks the folder and hands the missing units out, and writes each as it
/// comes back; the other ranks only compute and return an empty summary.
/// With `from`, the burn-in is loaded from the checkpoint instead of run.
/// Throws ConfigError when a point's scenario breaks a rule,
/// scenarios differ outside policy.* keys, or outputs of another configuration
/// (another sweep file, scenario or version) are there and not `overwrite`.
SweepSummary run_sweep(const SweepFile& sweep, const SweepOptions& options);

}  // namespace samen

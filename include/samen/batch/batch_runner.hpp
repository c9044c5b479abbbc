// Runs a batch: every scenario x replicate with common random numbers, one
// burn-in per replicate shared by all scenarios, results streamed to disk and
// resumable after an interruption.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "samen/batch/batch_file.hpp"
#include "samen/distributed/work_units.hpp"

namespace samen {

/// How to run a batch.
struct BatchOptions {
  unsigned replicates = 0;             ///< 0: the batch file's number
  std::string out_dir;                 ///< "": results/<batch name>
  bool overwrite = false;              ///< recompute and replace finished outputs
  std::vector<std::string> overrides;  ///< --set key=value for every scenario
  std::string command_line;            ///< stored in every output; "": "samen batch FILE"
  std::string from;                    ///< a checkpoint to continue from ("": burn in)
  /// A `samen calibrate` output: replicate r runs under posterior draw r mod
  /// K (calibration/posterior_draws.hpp), every scenario of it alike; "": none.
  std::string posterior;
  std::uint32_t draws = 0;  ///< K; 0: as many as replicates
  /// Called after each replicate with (replicates done, replicates in all).
  std::function<void(unsigned, unsigned)> progress;
};

/// What a batch run did.
struct BatchSummary {
  std::string out_dir;
  std::vector<std::string> outputs;  ///< one merged file per scenario, baseline first
  unsigned computed = 0;             ///< scenario-replicates computed now
  unsigned reused = 0;               ///< found finished on disk
  int ranks = 1;                     ///< MPI ranks that computed (1: this process alone)
  distributed::UnitStats units;      ///< the replicates computed now, and where
};

/// Runs the batch. Under MPI (a distributed::Session with several ranks),
/// every rank calls it: rank 0 hands replicates out and writes everything as
/// below, the others compute and return an empty summary. Each (scenario, replicate) is written to
/// <out>/<scenario>/replicate_NNNN.h5 as soon as it is done (written aside
/// and renamed, so never half-written); a rerun skips those already there
/// unless `overwrite`. When all are there they are merged into
/// <out>/<scenario>.h5. Every output records a digest of its inputs
/// (configuration, targets file content, samen revision, seed, replicates;
/// under a posterior also its file's content and K) and, under a posterior,
/// the draw, particle and values each replicate ran under (/posterior).
/// The output folder is locked for the run (OutputLock): a second batch on
/// it fails at once. Throws ConfigError when scenarios differ in more than
/// policy.* keys, when the posterior is unusable (a bad file, a draw that
/// breaks a rule, a key also set by --set, or together with `from`), or when existing outputs were
/// made from other inputs, listing them and why (use overwrite to recompute them).
BatchSummary run_batch(const BatchFile& batch, const BatchOptions& options);

}  // namespace samen

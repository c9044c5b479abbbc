// Checkpoints: the full state of replicates after their burn-in, in one HDF5
// file, so that a study pays for the burn-in once (`samen burnin`) and its
// runs and batches continue from it (`--from`), bit for bit as from scratch.
#pragma once

#include <cstdint>
#include <string>

#include "samen/core/parameters.hpp"
#include "samen/dynamics/replicate.hpp"
#include "samen/dynamics/simulation.hpp"
#include "samen/io/hdf5.hpp"
#include "samen/model/scenario.hpp"

namespace samen {

/// Keys that do not change a burn-in, so a checkpoint serves scenarios that
/// differ in them: every policy.* key, the label, and how long and how often
/// the recorded weeks are run and surveyed.
bool checkpoint_ignores(const std::string& key);

/// Writes replicates 0..replicates-1 of one scenario after their burn-in, one
/// at a time (add), into `path`; the file appears only on commit (written
/// aside and renamed), so a failed burn-in leaves no half checkpoint.
class CheckpointWriter {
 public:
  CheckpointWriter(const std::string& path, const ModelScenario& scenario,
                   std::uint32_t replicates);
  /// Stores the next replicate (0, 1, ...); its key must be (run.seed, that index).
  void add(const Simulation& sim);
  /// Finishes the file; throws when fewer replicates than announced were added.
  void commit();

 private:
  h5::File file_;
  std::uint32_t replicates_ = 0, added_ = 0, seed_ = 0;
};

/// Throws ConfigError unless the checkpoint at `path` was written by this
/// revision of samen, for this seed and the same values of every key that
/// checkpoint_ignores does not ignore, and holds replicates first..first+count-1;
/// the message names the file and the first difference.
void check_checkpoint(const std::string& path, const ModelScenario& scenario, std::uint32_t first,
                      std::uint32_t count);

/// The error for --from CHECKPOINT with --posterior POST: a checkpoint's
/// burn-in ran under the scenario's values, not under a posterior's draws.
ConfigError checkpoint_under_posterior(const std::string& from, const std::string& posterior);

/// Returns replicate `replicate` of the checkpoint at `path`, ready to step
/// (after check_checkpoint, which it runs too). Policies are not part of a
/// checkpoint: set them with Simulation::set_policies (record does).
Simulation load_checkpoint(const std::string& path, const ModelScenario& scenario,
                           std::uint32_t replicate);

/// Replicate `key` after its burn-in: from the checkpoint at `from`, or, when
/// `from` is empty, generated and burnt in (burn_in). Either way the same.
Simulation burn_in_or_load(const std::string& from, const ModelScenario& scenario,
                           const SurveyTargets& targets, StreamKey key, const ReplicatePlan& plan,
                           const ProgressSink& on_progress = nullptr);

}  // namespace samen

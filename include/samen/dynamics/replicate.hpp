// Runs one replicate of a scenario: generate, burn in, then record every
// outcome each week and survey snapshots at chosen weeks.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "samen/dynamics/simulation.hpp"
#include "samen/field/field.hpp"
#include "samen/model/parameters.hpp"
#include "samen/survey/targets.hpp"
#include "samen/survey/virtual_survey.hpp"

namespace samen {

/// How long to run and when to survey.
struct ReplicatePlan {
  std::uint32_t weeks = 0;          ///< recorded weeks after week 0
  std::uint32_t burn_in_weeks = 0;  ///< unrecorded weeks before week 0
  std::uint32_t survey_every = 0;   ///< 0: survey at week 0 and the last week only
  bool survey = true;               ///< take snapshots at all

  /// Returns true when week w (0..weeks) gets a survey snapshot.
  bool surveys_at(std::uint32_t w) const;
};

/// Receives a snapshot of the field at a recorded week.
using SnapshotSink = std::function<void(std::uint32_t week, const Field&, const SurveyReport&)>;
/// Receives progress: recorded weeks done (burn-in counts as negative weeks).
using ProgressSink = std::function<void(std::int64_t week)>;

/// Generates replicate `key`'s field and runs the burn-in (no policy acts).
Simulation burn_in(const ModelParams& params, const SurveyTargets& targets, StreamKey key,
                   const ReplicatePlan& plan, const ProgressSink& on_progress = nullptr);

/// Sets the policies of `scenario` on a burnt-in simulation and records its
/// outcomes[outcome][week] for weeks 0..weeks. `scenario` must differ from the
/// values the simulation was built with in policy.* keys only; a fork of one
/// burn-in then equals a run from scratch.
std::vector<std::vector<double>> record(Simulation sim, const ModelParams& scenario,
                                        const SurveyTargets& targets, const ReplicatePlan& plan,
                                        const SnapshotSink& on_snapshot = nullptr,
                                        const ProgressSink& on_progress = nullptr);

/// Runs replicate `key` and returns outcomes[outcome][week] for weeks 0..weeks
/// in the order of outcome_registry(); a pure function of its inputs.
std::vector<std::vector<double>> run_replicate(const ModelParams& params,
                                               const SurveyTargets& targets, StreamKey key,
                                               const ReplicatePlan& plan,
                                               const SnapshotSink& on_snapshot = nullptr,
                                               const ProgressSink& on_progress = nullptr);

}  // namespace samen

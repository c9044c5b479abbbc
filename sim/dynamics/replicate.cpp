#include "samen/dynamics/replicate.hpp"

#include "samen/dynamics/outcomes.hpp"
#include "samen/field/generate.hpp"

namespace samen {

bool ReplicatePlan::surveys_at(std::uint32_t w) const {
  if (!survey) return false;
  if (w == 0 || w == weeks) return true;
  return survey_every > 0 && w % survey_every == 0;
}

Simulation burn_in(const ModelParams& params, const SurveyTargets& targets, StreamKey key,
                   const ReplicatePlan& plan, const ProgressSink& on_progress) {
  Simulation sim(generate_field(params, targets, key), params);
  for (std::uint32_t b = 0; b < plan.burn_in_weeks; ++b) {
    sim.step();
    if (on_progress) on_progress(static_cast<std::int64_t>(b) - plan.burn_in_weeks);
  }
  return sim;
}

std::vector<std::vector<double>> record(Simulation sim, const ModelParams& scenario,
                                        const SurveyTargets& targets, const ReplicatePlan& plan,
                                        const SnapshotSink& on_snapshot,
                                        const ProgressSink& on_progress) {
  sim.set_policies(scenario.policy, sim.steps());
  const double grade_sd = scenario.survey.grade_sd;
  std::vector<std::vector<double>> outcomes(outcome_registry().size(),
                                            std::vector<double>(plan.weeks + 1));
  for (std::uint32_t w = 0;; ++w) {
    const auto now = compute_outcomes(sim);
    for (std::size_t o = 0; o < now.size(); ++o) outcomes[o][w] = now[o];
    if (on_snapshot && plan.surveys_at(w))
      on_snapshot(w, sim.field(), run_virtual_survey(sim.field(), targets, grade_sd));
    if (on_progress) on_progress(w);
    if (w == plan.weeks) break;
    sim.step();
  }
  return outcomes;
}

std::vector<std::vector<double>> run_replicate(const ModelParams& params,
                                               const SurveyTargets& targets, StreamKey key,
                                               const ReplicatePlan& plan,
                                               const SnapshotSink& on_snapshot,
                                               const ProgressSink& on_progress) {
  return record(burn_in(params, targets, key, plan, on_progress), params, targets, plan,
                on_snapshot, on_progress);
}

}  // namespace samen

// The covariate effects behind attributes that both the generator draws and
// the weekly dynamics move: one formula each, shared by both.
#pragma once

#include <vector>

#include "samen/model/parameters.hpp"

namespace samen {

/// Named covariate effects (probit scale), read once from the parameters.
struct LatentEffects {
  double home_start_profile;
  double frequency_division;
  double boundaries_knowledge;
  double boundaries_division;
  double boundaries_overestimation;
  double grade_frequency;
  double grade_division;
  double grade_obstacle;
  double chain_form_division;
  double grade_forms;
  double cjg_contact_cooperation;
  double cjg_awareness_contact;
  double grade_experience;
  double success_clear, success_unclear;

  static LatentEffects from(const ModelParams& params);

  /// Internal task division (0 none, 1 oral, 2 written) from how often
  /// professionals and volunteers work together (0-3).
  double internal_division(int frequency, bool home_start) const {
    return frequency_division * frequency + (home_start ? home_start_profile : 0.0);
  }
  /// Volunteers going beyond their limits, from their standardised mean
  /// knowledge, a written task division and an overestimating coordinator.
  double boundaries(double knowledge_z, int division, bool overestimated) const {
    return -boundaries_knowledge * knowledge_z - (division == 2 ? boundaries_division : 0.0) +
           (overestimated ? boundaries_overestimation : 0.0);
  }
  /// A grade of cooperation inside a project or organisation.
  double internal_grade(int frequency, int division, int obstacles) const {
    return grade_frequency * frequency + grade_division * division - grade_obstacle * obstacles;
  }
  /// Task division with a partner, from aligning tasks with it (or consulting).
  double tie_division(bool aligning) const { return aligning ? chain_form_division : 0.0; }
  /// The grade of a tie, from its task division, its forms of cooperation, how
  /// often the partners meet (contact 0-2) and their experience of referrals
  /// (-1 all stalled, 1 all landed).
  double tie_grade(int division, int forms, int contact, double experience) const {
    return grade_division * division + grade_forms * forms + grade_frequency * contact +
           grade_experience * experience;
  }
  /// The experience of referrals a tie with this division leads one to expect.
  double expected_experience(int division) const {
    return 2.0 * (division > 0 ? success_clear : success_unclear) - 1.0;
  }
  /// Contact with the CJG, from cooperating with it.
  double cjg_contact(bool cooperates) const { return cooperates ? cjg_contact_cooperation : 0.0; }
  /// Knowing what the CJG does, from contact with it (0-2).
  double cjg_awareness(int contact) const { return cjg_awareness_contact * contact; }
};

/// Returns the category of latent value y: the number of cuts at or below y.
inline int latent_category(double y, const std::vector<double>& cuts) {
  int k = 0;
  while (k < static_cast<int>(cuts.size()) && y >= cuts[static_cast<std::size_t>(k)]) ++k;
  return k;
}

/// Cut points of the latent models the dynamics read again (grades, and the
/// intercepts of coordinators' misjudgement), fitted when the field was generated.
struct LatentCuts {
  std::vector<double> internal_grade;  ///< 9 cuts: grades 1-10
  std::vector<double> chain_grade;
  std::vector<double> vo_grade;
  double judge_under = 0.0;  ///< probit intercept of a coordinator underestimating
  double judge_over = 0.0;   ///< ... and of overestimating (when not under)

  /// Lists every member once, as visit(name, member...) over one or more
  /// instances in lockstep (const or not); Field's for_each_column builds on it.
  /// A member missing here fails tests/field/test_field.cpp.
  template <class Visit, class... Self>
  static void columns(Visit&& visit, Self&... self) {
    visit("internal_grade", self.internal_grade...);
    visit("chain_grade", self.chain_grade...);
    visit("vo_grade", self.vo_grade...);
    visit("judge_under", self.judge_under...);
    visit("judge_over", self.judge_over...);
  }
};

}  // namespace samen

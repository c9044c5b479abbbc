// Moves the field week by week: needs, help seeking, support and referral,
// guidance, turnover, ties and the CJG's waiting list.
#pragma once

#include <cstdint>
#include <vector>

#include "samen/field/field.hpp"
#include "samen/field/latent_models.hpp"
#include "samen/field/volunteer_traits.hpp"
#include "samen/model/parameters.hpp"

namespace samen {

/// What happened during one week (reset at the start of each step).
struct WeekEvents {
  std::uint64_t referrals_by_volunteers = 0;
  std::uint64_t referrals_by_selforgs = 0;
  std::uint64_t boundary_crossings = 0;
  std::uint64_t recruited = 0;
  std::uint64_t quit = 0;
  std::uint64_t serious_admitted = 0;       ///< serious cases entering professional care
  std::uint64_t serious_weeks_to_care = 0;  ///< summed over those admissions
  double professional_hours = 0.0;          ///< guidance plus care hours this week
};

/// Weekly rates and effects, read once from the parameters.
struct DynamicsRates {
  double onset_light, onset_serious;  // per week, derived for the stationary need shares
  double resolve_light, resolve_serious, escalate;
  double help_speedup, help_protection, care_speedup;
  double seek_formal, seek_informal, selforg_preference, project_reach, target_group_reach;
  double refer_logit, refer_knowledge, refer_written, refer_awareness, boundary_chance;
  double selforg_refer, selforg_overload;
  double case_share, hours_per_family;
  double quit_logit, quit_burden, quit_appreciation, appreciation_mean, fill;
  double appreciation_step, appreciation_guidance, appreciation_under;
  double burden_crossing, burden_keep;
  double rejudge, misjudge_guidance, guidance_median, guidance_spread;
  double knowledge_mean, knowledge_spread, migrant_share_focus;
  double tie_keep;  // AR(1) persistence of latent tie states

  static DynamicsRates from(const ModelParams& params);
};

/// One replicate's simulation; a pure function of its field and parameters.
class Simulation {
 public:
  Simulation(Field field, const ModelParams& params);

  /// Sets the scenario's policy options; they act from the step after
  /// `steps()` == `week0` (the end of the burn-in). Which municipalities adopt
  /// an option depends only on (seed, replicate, municipality, option) and
  /// grows with coverage, so all scenarios of a replicate share it.
  void set_policies(const PolicyParams& policies, std::uint32_t week0);

  /// Advances one week, running the phases in order.
  void step();

  const Field& field() const { return field_; }
  const WeekEvents& events() const { return events_; }
  /// Weeks stepped so far (the week number used for random streams).
  std::uint32_t steps() const { return field_.week; }
  /// Load over capacity above which a self-organisation is over-asked.
  double overload_ratio() const { return rates_.selforg_overload; }
  /// Families in need per municipality, in a fixed order (after the needs phase).
  const std::vector<std::vector<std::uint32_t>>& needy() const { return needy_; }
  /// Number of active volunteers of projects.
  std::uint64_t active_volunteers() const;

 private:
  void needs_arise_and_resolve();
  void families_seek_help();
  void volunteers_support_and_refer();
  void cjgs_work_waiting_lists();
  void coordinators_guide();
  void volunteers_quit_and_recruit();
  void ties_evolve();
  void self_orgs_carry_load();

  std::uint32_t draw_onset_delay(std::uint32_t family) const;
  /// True when `kind` acts this week in municipality m.
  bool acting(PolicyKind kind, std::size_t m) const;
  /// The option's intensity where it acts this week in m, else 0.
  double dose(PolicyKind kind, std::size_t m) const {
    return acting(kind, m) ? policies_[kind].intensity : 0.0;
  }
  /// Files a family without a need under the week its need arises.
  void schedule_onset(std::size_t municipality, std::uint32_t family);
  /// Chance a week that an unhelped family in need seeks help at all.
  double seek_chance(std::uint32_t family) const;
  std::uint32_t draw_seek_delay(std::uint32_t family) const;

  Field field_;
  DynamicsRates rates_;
  LatentEffects effects_;
  VolunteerTraitModel traits_;
  WeekEvents events_;
  // Per municipality: its projects, its self-organisations, the CJG queue.
  std::vector<std::vector<std::uint32_t>> projects_of_;
  std::vector<std::vector<std::uint32_t>> selforgs_of_;
  std::vector<std::vector<std::uint32_t>> queue_;
  std::vector<std::vector<std::uint32_t>> needy_;  // families in need, in a fixed order
  // Per municipality, families without a need by onset week (modulo the calendar length).
  std::vector<std::vector<std::vector<std::uint32_t>>> calendar_;
  std::vector<std::uint32_t> care_capacity_;     // families the CJG can care for at once
  std::vector<double> migrant_volunteer_share_;  // per project
  PolicyParams policies_;
  std::uint32_t policy_week0_ = 0;
  std::array<std::vector<std::uint8_t>, kPolicyCount> adopted_;  // per option, per municipality
  std::vector<double> tie_hours_;                                // policy hours per tie, this week
  std::vector<std::uint8_t> migrant_focus_;                      // per project: of or for migrants
};

}  // namespace samen

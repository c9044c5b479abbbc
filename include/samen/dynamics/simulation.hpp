// Moves the field week by week: needs and their episodes, help seeking,
// signalling by schools and clinics, support and referral, the CJG's work and
// its policy activities, guidance, turnover, cooperation on ties and inside
// projects, regular organisations' cooperation with volunteer organisations.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "samen/dynamics/episodes.hpp"
#include "samen/dynamics/family_tally.hpp"
#include "samen/dynamics/simulation_state.hpp"
#include "samen/field/field.hpp"
#include "samen/field/latent_models.hpp"
#include "samen/field/volunteer_traits.hpp"
#include "samen/model/parameters.hpp"

namespace samen {

/// What happened during one week (reset at the start of each step).
struct WeekEvents {
  std::uint64_t referrals_by_volunteers = 0;  ///< serious cases that landed on the CJG's list
  std::uint64_t referrals_stalled = 0;        ///< volunteers' referrals that did not land
  std::uint64_t referrals_by_selforgs = 0;
  std::uint64_t referrals_by_orgs = 0;  ///< families schools and clinics passed to projects
  std::uint64_t referrals_by_cjg = 0;   ///< families the CJG passed to projects
  std::uint64_t boundary_crossings = 0;
  std::uint64_t recruited = 0;
  std::uint64_t quit = 0;
  std::uint64_t serious_admitted = 0;       ///< serious cases entering professional care
  std::uint64_t serious_weeks_to_care = 0;  ///< summed over those admissions
  std::uint64_t episodes_started = 0;       ///< needs that arose this week
  std::uint64_t families_reached = 0;       ///< episodes first helped this week
  std::uint64_t sessions = 0;               ///< knowledge-sharing sessions held
  std::uint64_t visits = 0;                 ///< outreach visits made
  double professional_hours = 0.0;          ///< guidance, care and every option's hours this week
  double cjg_policy_hours = 0.0;            ///< CJG staff hours on options (funded or not)
  double cjg_care_capacity = 0.0;           ///< families the CJGs could care for at once this week

  WeekEvents& operator+=(const WeekEvents& other);
};

/// Weekly chances and derived rates, computed once from the parameters.
struct DynamicsRates {
  double onset_light, onset_serious;  // per week, derived for the stationary need shares
  double resolve_light, resolve_serious, escalate;
  double refer_logit, crossing_logit;
  double quit_logit;
  double fill, appreciation_step, burden_keep;
  double coordinator_turnover, tie_turnover, staff_turnover, written_lapse, awareness_fade;
  double cooperation_end, org_vo_start, org_vo_end;
  double rate_keep;  // weekly persistence of a tie's running meeting rate

  static DynamicsRates from(const ModelParams& params);
};

/// One replicate's simulation; a pure function of its field and parameters.
class Simulation {
 public:
  /// Prepares the dynamic state of `field` (episodes, meeting histories,
  /// experience, cooperation of regular organisations) and the indexes the
  /// phases use.
  Simulation(Field field, const ModelParams& params);
  /// Continues a simulation from `field` (prepared) and `state`, as saved by
  /// state() after some steps: the result steps exactly as the original
  /// would. Throws std::invalid_argument when they do not fit together.
  Simulation(Field field, const ModelParams& params, const SimulationState& state);

  /// Everything besides the field that the coming weeks depend on.
  SimulationState state() const;

  /// Sets the scenario's policy options; they act from the step after
  /// `steps()` == `week0` (the end of the burn-in). Which municipalities adopt
  /// an option depends only on (seed, replicate, municipality, adoption key)
  /// and grows with coverage, so all scenarios of a replicate share it.
  void set_policies(const PolicyParams& policies, std::uint32_t week0);

  /// Advances one week, running the phases in order.
  void step();

  const Field& field() const { return field_; }
  const ModelParams& params() const { return params_; }
  const WeekEvents& events() const { return events_; }
  /// The need episodes whose reach window closed this week.
  const EpisodeTally& closed_episodes() const { return closed_; }
  /// Weeks stepped so far (the week number used for random streams).
  std::uint32_t steps() const { return field_.week; }
  /// Families in need per municipality, in a fixed order (after the needs phase).
  const std::vector<std::vector<std::uint32_t>>& needy() const { return needy_; }
  /// The families in need, helped, waiting... as of the last step (counted in
  /// phase 6, after which no phase changes a family's need or helper).
  const FamilyTally& family_tally() const { return family_tally_; }
  /// Counts the same from scratch over the lists of families in need.
  FamilyTally count_families() const;
  /// Number of active volunteers of projects.
  std::uint64_t active_volunteers() const;
  /// Mean openness of the CJG's staff in municipality m (as of the last step).
  double cjg_openness(std::size_t m) const { return openness_[m]; }

  /// The phases of step(), in order, as `samen bench` names them.
  static constexpr std::size_t kPhaseCount = 12;
  /// Phases 1 to kMunicipalityPhases run in one task per municipality.
  static constexpr std::size_t kMunicipalityPhases = 6;
  static const std::array<const char*, kPhaseCount>& phase_names();
  /// Wall-clock seconds spent in each phase, summed over this object's steps
  /// (a measurement, not state: results never depend on it). Phases 1-6
  /// share their tasks' wall-clock time in proportion to their busy time.
  const std::array<double, kPhaseCount>& phase_seconds() const { return phase_seconds_; }

 private:
  // The phases of a week, in order (docs/model.md, section 3.4). Phases 1-6
  // each handle one municipality m, adding what happened to `e`; they run
  // one after the other in one task per municipality (run_municipalities).
  void needs_arise_and_resolve(std::size_t m, WeekEvents& e);
  void families_seek_help(std::size_t m, WeekEvents& e);
  void schools_and_clinics_signal(std::size_t m, WeekEvents& e);
  void volunteers_support_and_refer(std::size_t m, WeekEvents& e);
  void cjgs_run_policy_activities(std::size_t m, WeekEvents& e);
  void cjgs_work_waiting_lists(std::size_t m, WeekEvents& e);
  /// Phases 1-6 for every municipality, in parallel; adds their time to
  /// phase_seconds_.
  void run_municipalities();
  void coordinators_guide();
  void volunteers_quit_and_recruit();
  void ties_evolve();
  void projects_cooperate_inside();
  void regular_orgs_cooperate_with_vos();
  void self_orgs_carry_load();

  void prepare_dynamic_state();
  /// Dormant ties and imputed answers for regular organisations' cooperation
  /// with volunteer organisations.
  void prepare_org_vo_cooperation();
  void build_indexes();
  /// First waits of every family and the lists of families in need, for a
  /// newly prepared field (a restored one brings its own).
  void schedule_first_waits();
  /// Lists each municipality's families in need, in index order, from the field.
  void list_families_in_need();

  /// True when `kind` acts this week in municipality m.
  bool acting(PolicyKind kind, std::size_t m) const;
  /// The option's intensity where it acts this week in m, else 0.
  double dose(PolicyKind kind, std::size_t m) const {
    return acting(kind, m) ? policies_[kind].intensity : 0.0;
  }
  std::uint32_t draw_onset_week(std::uint32_t family) const;
  /// Chance a week that an unhelped family in need seeks help at all.
  double seek_chance(std::uint32_t family) const;
  std::uint32_t draw_seek_week(std::uint32_t family) const;
  /// A project of municipality m for family i, chosen by fit (age, migrant focus).
  std::uint32_t choose_project(std::size_t m, std::uint32_t family, double u) const;
  /// Gives family i to a volunteer of project p with room (starting at a place
  /// drawn from s); returns false when none has room.
  bool take_on(std::uint32_t p, std::uint32_t family, Stream& s, WeekEvents& local);
  /// Records that family i gets help (or care) now, for its episode.
  void note_help(std::uint32_t family, bool care, WeekEvents& local);
  /// Records a meeting on tie j this week and, for a referral, how it went.
  void note_meeting(std::uint32_t tie) {
    auto& e = field_.ties.events[tie];
    if (e < 255) ++e;
  }
  void note_referral(std::uint32_t tie, bool landed);
  /// Chance that a referral through tie j (kNone: no tie) lands.
  double referral_success(std::uint32_t tie) const;
  /// Planned meetings a year of tie j (before events).
  double planned_meetings(std::uint32_t tie) const;
  /// Records this week's meetings on tie j: its running rate, last meeting and contact.
  void record_meetings(std::uint32_t tie, std::uint32_t meetings);
  /// Updates tie j's grade from its division, forms, contact and experience.
  void regrade(std::uint32_t tie);

  Field field_;
  ModelParams params_;
  DynamicsRates rates_;
  LatentEffects effects_;
  VolunteerTraitModel traits_;
  WeekEvents events_;
  EpisodeLedger ledger_;
  EpisodeTally closed_;
  PolicyParams policies_;
  std::uint32_t policy_week0_ = 0;
  std::array<std::vector<std::uint8_t>, kPolicyCount> adopted_;  // per option, per municipality

  // Indexes, per municipality unless said otherwise.
  std::vector<std::vector<std::uint32_t>> projects_of_;
  std::vector<std::vector<std::uint32_t>> selforgs_of_;
  std::vector<std::vector<std::uint32_t>> clinics_of_, schools_of_;
  std::vector<std::vector<std::uint32_t>> vo_orgs_of_;    // regular orgs that can work with VOs
  std::vector<std::vector<std::uint32_t>> staff_of_;      // CJG staff
  std::vector<std::vector<std::uint32_t>> project_ties_;  // per project: its ties
  std::vector<std::vector<std::uint32_t>> org_ties_;      // per regular org: its VO ties
  // Per municipality and (child age, migrant): cumulative fit weights over projects_of_.
  std::vector<std::array<std::vector<double>, 6>> project_fit_;
  std::vector<std::uint8_t> migrant_focus_;      // per project: of or for migrants
  std::vector<double> migrant_volunteer_share_;  // per project

  // The CJG's state, per municipality.
  std::vector<std::vector<std::uint32_t>> queue_;  // families waiting, in order
  std::vector<double> case_hours_;                 // staff hours for families in care
  std::vector<double> unfunded_hours_;             // this week's option hours taken from care
  std::vector<std::uint32_t> positive_contacts_;   // raise the openness of its staff
  std::vector<double> openness_;                   // mean openness of its staff

  // Families in need per municipality, in index order.
  std::vector<std::vector<std::uint32_t>> needy_;
  // Phase 1's scratch, per municipality: this week's onsets, and the merged list.
  std::vector<std::vector<std::uint32_t>> onsets_, merge_scratch_;

  FamilyTally family_tally_;
  std::vector<FamilyTally> tallies_;  // per municipality, phase 6's scratch
  // Per phase of 1-6, per municipality: this week's events (scratch).
  std::array<std::vector<WeekEvents>, kMunicipalityPhases> municipal_events_;

  std::array<double, kPhaseCount> phase_seconds_{};
};

}  // namespace samen

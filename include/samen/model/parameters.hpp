// The model's parameters as typed structs, one per config section: each lists
// its keys once (name, type, default, range, plausible range, unit, source)
// and the rules across them. Code reads fields (`params.refer.knowledge`).
#pragma once

#include <cstdint>
#include <string>

#include "samen/core/param_fields.hpp"
#include "samen/model/policy_params.hpp"

namespace samen {

/// Run length, replicates and seed (section `run`).
struct RunParams {
  std::uint32_t seed = 0;
  std::uint32_t weeks = 0;
  std::uint32_t burn_in_weeks = 0;
  std::uint32_t replicates = 0;
  std::uint32_t survey_every = 0;
  void fields(ParamVisitor& v);
};

/// The survey's targets file and how its respondents were selected (section `survey`).
struct SurveyParams {
  std::string targets;
  double home_start_response_factor = 0.0;
  double home_start_share = 0.0;
  double volunteer_user_response_factor = 0.0;
  double grade_sd = 0.0;
  void fields(ParamVisitor& v);
};

/// How the scenario is named for readers (section `scenario`).
struct ScenarioParams {
  std::string label;  ///< "" names it by its file stem; see scenario_label()
  void fields(ParamVisitor& v);
};

/// Scale of the field and how many organisations of each kind it holds (section `field`).
struct FieldParams {
  std::uint32_t municipalities = 0;
  std::uint32_t families = 0;
  std::uint32_t municipalities_per_province = 0;
  double municipality_size_spread = 0.0;
  double projects_per_10k_families = 0.0;
  double clinics_per_10k_families = 0.0;
  double schools_per_10k_families = 0.0;
  double welfare_vos_per_10k_families = 0.0;
  double care_vos_per_10k_families = 0.0;
  double sports_clubs_per_10k_families = 0.0;
  double religious_orgs_per_10k_families = 0.0;
  double other_vos_per_10k_families = 0.0;
  double selforgs_per_10k_migrant_families = 0.0;
  void fields(ParamVisitor& v);
};

/// Families with children: background, children's age, needs, trust, network (section `family`).
struct FamilyParams {
  double migrant_share = 0.0;
  double child_0_4_share = 0.0;
  double child_4_12_share = 0.0;
  double light_need_share = 0.0;
  double serious_need_share = 0.0;
  double trust_mean = 0.0;
  double migrant_trust_gap = 0.0;
  double trust_spread = 0.0;
  double network_mean = 0.0;
  double network_spread = 0.0;
  void fields(ParamVisitor& v);
};

/// Covariate effects and shapes behind projects' answers (section `project`).
struct ProjectParams {
  double home_start_profile = 0.0;
  double host_match = 0.0;
  double free_role_from_target = 0.0;
  double migrant_profile = 0.0;
  double level_scale_match = 0.0;
  double form_task = 0.0;
  double size_spread = 0.0;
  double home_start_size = 0.0;
  double type_presence = 0.0;
  double knowledge_demand = 0.0;
  double steering_frequency = 0.0;
  double frequency_division = 0.0;
  double boundaries_knowledge = 0.0;
  double boundaries_division = 0.0;
  double boundaries_overestimation = 0.0;
  double vision_from_target = 0.0;
  double grade_frequency = 0.0;
  double grade_division = 0.0;
  double grade_obstacle = 0.0;
  double chain_form_division = 0.0;
  double grade_forms = 0.0;
  double target_partner = 0.0;
  double cjg_contact_cooperation = 0.0;
  double cjg_awareness_contact = 0.0;
  double cjg_unknown_share = 0.0;
  double cjg_well_informed_share = 0.0;
  double respondent_volunteer = 0.0;
  double obstacle_memory_weeks = 0.0;
  void fields(ParamVisitor& v);
};

/// Volunteers' traits at the start, and their quitting, burden and appreciation (section
/// `volunteer`).
struct VolunteerParams {
  double individual_weight = 0.0;
  double part_from_target = 0.0;
  double migrant_share = 0.0;
  double migrant_share_focus = 0.0;
  double knowledge_mean = 0.0;
  double knowledge_spread = 0.0;
  double knowledge_trained = 0.0;
  double knowledge_target_gap = 0.0;
  double capacity_mean = 0.0;
  double appreciation_mean = 0.0;
  double tenure_mean_weeks = 0.0;
  double quit_weeks = 0.0;
  double quit_burden = 0.0;
  double quit_appreciation = 0.0;
  double vacancy_fill_weeks = 0.0;
  double appreciation_weeks = 0.0;
  double appreciation_guidance = 0.0;
  double appreciation_underestimation = 0.0;
  double burden_crossing = 0.0;
  double burden_weeks = 0.0;
  double quit_unclear = 0.0;
  double quit_newcomer = 0.0;
  double newcomer_weeks = 0.0;
  void fields(ParamVisitor& v);
};

/// Coordinating professionals of projects (section `coordinator`).
struct CoordinatorParams {
  double volunteers_per_coordinator = 0.0;
  double guidance_hours = 0.0;
  double guidance_spread = 0.0;
  double misjudgement_guidance = 0.0;
  double turnover_weeks = 0.0;
  void fields(ParamVisitor& v);
};

/// Regular (professional) organisations (section `org`).
struct OrgParams {
  double type_profile = 0.0;
  double kindertelefoon_share = 0.0;
  double vo_oral_share_of_clear = 0.0;
  double small_volunteer_median = 0.0;
  double large_volunteer_median = 0.0;
  double vo_start_weeks = 0.0;
  double vo_cooperation_weeks = 0.0;
  double vo_clear_at_start = 0.0;
  double signal_rate = 0.0;
  void fields(ParamVisitor& v);
};

/// CJG staff and their care for families (section `cjg`).
struct CjgParams {
  double staff_per_10k_families = 0.0;
  double staff_hours = 0.0;
  double openness_mean = 0.0;
  double openness_spread = 0.0;
  double case_share = 0.0;
  double hours_per_family = 0.0;
  double cooperation_start = 0.0;
  double cooperation_weeks = 0.0;
  double openness_gain = 0.0;
  double staff_turnover_weeks = 0.0;
  double refer_to_volunteers = 0.0;
  void fields(ParamVisitor& v);
};

/// Migrant self-organisations and their bridge-builders (section `selforg`).
struct SelforgParams {
  double bridge_builders_mean = 0.0;
  double families_per_builder = 0.0;
  double trust_mean = 0.0;
  double refer_rate = 0.0;
  double overload_ratio = 0.0;
  void fields(ParamVisitor& v);
};

/// How needs last, escalate and resolve (section `need`).
struct NeedParams {
  double light_weeks = 0.0;
  double serious_weeks = 0.0;
  double escalation_weeks = 0.0;
  double help_speedup = 0.0;
  double help_protection = 0.0;
  double care_speedup = 0.0;
  void fields(ParamVisitor& v);
};

/// How families seek help (section `seek`).
struct SeekParams {
  double formal_rate = 0.0;
  double informal_rate = 0.0;
  double selforg_preference = 0.0;
  double project_reach = 0.0;
  double target_group_reach = 0.0;
  double age_match = 0.0;
  double migrant_match = 0.0;
  void fields(ParamVisitor& v);
};

/// How volunteers refer serious cases onward (section `refer`).
struct ReferParams {
  double base = 0.0;
  double knowledge = 0.0;
  double written_division = 0.0;
  double cjg_awareness = 0.0;
  double boundary_chance = 0.0;
  double success_clear = 0.0;
  double success_unclear = 0.0;
  double skills = 0.0;
  double unclear_crossing = 0.0;
  void fields(ParamVisitor& v);
};

/// Ties between organisations: turnover and how experience shapes grades (section `ties`).
struct TieParams {
  double turnover_weeks = 0.0;
  double grade_experience = 0.0;
  double experience_weight = 0.0;
  void fields(ParamVisitor& v);
};

/// How often partners meet, and what counts as contact (section `meet`).
struct MeetingParams {
  double sometimes_per_year = 0.0;
  double regular_per_year = 0.0;
  double often_per_year = 0.0;
  double cjg_cooperating_per_year = 0.0;
  double cjg_other_per_year = 0.0;
  double regular_threshold = 0.0;
  double rate_memory_weeks = 0.0;
  double contact_memory_weeks = 0.0;
  void fields(ParamVisitor& v);
};

/// How projects come to know what the CJG does, and forget it (section `awareness`).
struct AwarenessParams {
  double learn_per_meeting = 0.0;
  double fade_weeks = 0.0;
  void fields(ParamVisitor& v);
};

/// How task divisions are agreed, written down and lost (section `division`).
struct DivisionParams {
  double agree_internal = 0.0;
  double agree_chain = 0.0;
  double agree_vo = 0.0;
  double agree_org = 0.0;
  double align_factor = 0.0;
  double write_internal = 0.0;
  double write_chain = 0.0;
  double write_vo = 0.0;
  double written_lapse_weeks = 0.0;
  void fields(ParamVisitor& v);
};

/// How outcomes are counted (section `outcome`).
struct OutcomeParams {
  std::uint32_t reach_window_weeks = 0;
  void fields(ParamVisitor& v);
};

/// Every parameter of the model, by section.
struct ModelParams {
  RunParams run;
  SurveyParams survey;
  ScenarioParams scenario;
  FieldParams field;
  FamilyParams family;
  ProjectParams project;
  VolunteerParams volunteer;
  CoordinatorParams coordinator;
  OrgParams org;
  CjgParams cjg;
  SelforgParams selforg;
  NeedParams need;
  SeekParams seek;
  ReferParams refer;
  TieParams ties;
  MeetingParams meet;
  AwarenessParams awareness;
  DivisionParams division;
  OutcomeParams outcome;
  PolicyParams policy;

  /// Visits every section in declaration order.
  void fields(ParamVisitor& v);
  /// Returns the declarations of every key (built once, immutable).
  static const ParamRegistry& registry();
  /// Returns every default.
  static ModelParams defaults();
  /// Reads validated values and checks the rules across keys; throws
  /// ConfigError naming every broken rule, its keys and where they were set.
  static ModelParams from(const ParamValues& values);
};

/// Returns the registry of every model parameter (ModelParams::registry()).
const ParamRegistry& model_parameters();

}  // namespace samen

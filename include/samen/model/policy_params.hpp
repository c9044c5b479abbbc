// The policy options as typed parameters: when, where and how strongly each
// acts, what it costs, and its effect sizes (section `policy.<option>`).
#pragma once

#include <array>
#include <cstdint>
#include <string>

#include "samen/core/param_fields.hpp"

namespace samen {

/// The report's recommendations as options; the order fixes their streams.
enum class PolicyKind : std::uint8_t {
  cjg_knowledge_sharing = 0,  ///< CJG staff run sessions on parenting knowledge for volunteers
  cjg_outreach,               ///< CJG staff visit projects to say what the CJG does
  written_agreements,         ///< partners put their task division in writing
  consultation,               ///< consultation moments between projects and institutions
  guidance_time,              ///< more coordinator time per volunteer
  skills_training,            ///< training days for volunteers in dealing with parents and youth
  recruitment_support,        ///< help recruiting, including new (target-group) volunteers
  selforg_partnership,        ///< professionals invest in trust with migrant self-organisations
  regular_vo_cooperation,     ///< schools, clinics, youth care and CJGs cooperate with VOs
};
constexpr int kPolicyCount = 9;

/// Every option, in stream order.
constexpr std::array<PolicyKind, kPolicyCount> kPolicyKinds = {
    PolicyKind::cjg_knowledge_sharing, PolicyKind::cjg_outreach,
    PolicyKind::written_agreements,    PolicyKind::consultation,
    PolicyKind::guidance_time,         PolicyKind::skills_training,
    PolicyKind::recruitment_support,   PolicyKind::selforg_partnership,
    PolicyKind::regular_vo_cooperation};

/// Returns the option's key, e.g. "cjg_knowledge_sharing" (config section policy.<key>).
const char* policy_key(PolicyKind kind);

/// What every option has: when and where it acts and its dose. Weeks count
/// from the end of the burn-in. Its hours follow from its activities.
struct PolicySettings {
  bool enabled = false;
  std::uint32_t start_week = 0;
  std::uint32_t end_week = 0;  ///< exclusive
  double coverage = 0.0;       ///< share of municipalities that adopt it
  double intensity = 0.0;      ///< 1 = the documented standard dose
  std::string adoption;        ///< options with the same adoption key share municipalities

  /// True when the option acts in `week` (since the burn-in) at all.
  bool acts(std::uint32_t week) const {
    return enabled && coverage > 0.0 && intensity > 0.0 && week >= start_week && week < end_week;
  }
};

/// CJG staff run sessions on parenting and growing up for projects' volunteers.
struct KnowledgeSharingOption : PolicySettings {
  double sessions_per_year = 0.0;  ///< offered to each project, at intensity 1
  double session_hours = 0.0;      ///< CJG staff hours a session takes
  double attendance = 0.0;         ///< share of a project's volunteers who attend
  double knowledge_gain = 0.0;     ///< share of an attendee's knowledge gap a session closes
  bool funded = false;             ///< extra hours; otherwise taken from care
  void fields(ParamVisitor& v);
};

/// CJG staff visit projects to tell what the CJG does and seek contact.
struct OutreachOption : PolicySettings {
  double visits_per_year = 0.0;  ///< per project, at intensity 1
  double visit_hours = 0.0;      ///< CJG staff hours a visit takes
  double inform_chance = 0.0;    ///< chance a visit raises the project's knowledge of the CJG
  bool funded = false;
  void fields(ParamVisitor& v);
};

/// Partners sit down to put their task division in writing.
struct WrittenAgreementsOption : PolicySettings {
  double agreements_per_year = 0.0;  ///< attempts per tie (and per project inside), at intensity 1
  double success = 0.0;              ///< chance an attempt ends in a written agreement
  double agreement_hours = 0.0;      ///< professional hours an attempt takes
  void fields(ParamVisitor& v);
};

/// Consultation moments on projects' ties with institutions (the CJG among them).
struct ConsultationOption : PolicySettings {
  double moments_per_year = 0.0;  ///< per cooperating tie, at intensity 1
  double moment_hours = 0.0;      ///< professional hours a moment takes (the CJG's for CJG ties)
  double agree_chance = 0.0;      ///< chance a moment turns no agreement into an oral one
  double write_chance = 0.0;      ///< chance a moment turns an oral agreement into a written one
  bool funded = false;            ///< for the CJG's share of the hours
  void fields(ParamVisitor& v);
};

/// Coordinators get more time per volunteer.
struct GuidanceTimeOption : PolicySettings {
  double guidance_increase = 0.0;
  void fields(ParamVisitor& v);
};

/// Training days for volunteers in dealing with parents and youth.
struct SkillsTrainingOption : PolicySettings {
  double days_per_year = 0.0;   ///< per volunteer, at intensity 1
  double trainer_hours = 0.0;   ///< professional hours per volunteer per training day
  double skills_gain = 0.0;     ///< share of the skills gap a day closes
  double knowledge_gain = 0.0;  ///< share of the knowledge gap a day closes
  void fields(ParamVisitor& v);
};

/// Help with recruiting volunteers, including from the target group.
struct RecruitmentSupportOption : PolicySettings {
  double fill_speedup = 0.0;
  double new_group_share = 0.0;
  double hours_per_project = 0.0;  ///< a volunteer centre's hours per project a week
  void fields(ParamVisitor& v);
};

/// Professionals invest time, appreciation and courses with migrant self-organisations.
struct SelforgPartnershipOption : PolicySettings {
  double hours_per_selforg = 0.0;  ///< CJG staff hours per self-organisation a week
  double trust_gain = 0.0;
  double family_trust_gain = 0.0;
  bool funded = false;
  void fields(ParamVisitor& v);
};

/// Schools, clinics, youth care and CJGs start cooperating with volunteer organisations.
struct RegularVoCooperationOption : PolicySettings {
  double start_speedup = 0.0;  ///< relative increase of the rate at which cooperation starts
  double clear_share = 0.0;    ///< share of new cooperations that start with a clear division
  double hours_per_org = 0.0;  ///< hours per cooperating organisation a week
  void fields(ParamVisitor& v);
};

/// Every option of a scenario (section `policy`).
struct PolicyParams {
  KnowledgeSharingOption cjg_knowledge_sharing;
  OutreachOption cjg_outreach;
  WrittenAgreementsOption written_agreements;
  ConsultationOption consultation;
  GuidanceTimeOption guidance_time;
  SkillsTrainingOption skills_training;
  RecruitmentSupportOption recruitment_support;
  SelforgPartnershipOption selforg_partnership;
  RegularVoCooperationOption regular_vo_cooperation;

  void fields(ParamVisitor& v);
  /// Returns the settings every option shares.
  const PolicySettings& operator[](PolicyKind kind) const;
  /// Records broken rules (an option that ends before it starts).
  void check(RuleCheck& rules) const;
};

}  // namespace samen

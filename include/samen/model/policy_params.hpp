// The policy options as typed parameters: when, where and how strongly each
// acts, what it costs, and its effect sizes (section `policy.<option>`).
#pragma once

#include <array>
#include <cstdint>

#include "samen/core/param_fields.hpp"

namespace samen {

/// The report's recommendations as options; the order fixes their streams.
enum class PolicyKind : std::uint8_t {
  cjg_knowledge_sharing = 0,  ///< CJGs teach volunteers pedagogical background knowledge
  cjg_outreach,               ///< CJGs inform projects about what they do
  written_agreements,         ///< partners put their task division in writing
  consultation,               ///< more consultation between projects and institutions
  guidance_time,              ///< more coordinator time per volunteer
  skills_training,            ///< training volunteers in dealing with parents and youth
  recruitment_support,        ///< help recruiting, including new (target-group) volunteers
  selforg_partnership,        ///< professionals invest in trust with migrant self-organisations
};
constexpr int kPolicyCount = 8;

/// Every option, in stream order.
constexpr std::array<PolicyKind, kPolicyCount> kPolicyKinds = {
    PolicyKind::cjg_knowledge_sharing, PolicyKind::cjg_outreach,
    PolicyKind::written_agreements,    PolicyKind::consultation,
    PolicyKind::guidance_time,         PolicyKind::skills_training,
    PolicyKind::recruitment_support,   PolicyKind::selforg_partnership};

/// Returns the option's key, e.g. "cjg_knowledge_sharing" (config section policy.<key>).
const char* policy_key(PolicyKind kind);

/// What every option has: when and where it acts, its dose and its cost.
/// Weeks count from the end of the burn-in.
struct PolicySettings {
  bool enabled = false;
  std::uint32_t start_week = 0;
  std::uint32_t end_week = 0;  ///< exclusive
  double coverage = 0.0;       ///< share of municipalities that adopt it
  double intensity = 0.0;      ///< 1 = the documented standard dose
  double cost_hours = 0.0;     ///< professional hours per unit reached per week, at intensity 1

  /// True when the option acts in `week` (since the burn-in) at all.
  bool acts(std::uint32_t week) const {
    return enabled && coverage > 0.0 && intensity > 0.0 && week >= start_week && week < end_week;
  }
};

/// CJG staff teach volunteers background knowledge of parenting and growing up.
struct KnowledgeSharingOption : PolicySettings {
  double knowledge_gain = 0.0;
  void fields(ParamVisitor& v);
};

/// CJGs inform projects about what they do and seek contact.
struct OutreachOption : PolicySettings {
  double contact_shift = 0.0;
  double awareness_shift = 0.0;
  void fields(ParamVisitor& v);
};

/// Chain partners put their task division in writing.
struct WrittenAgreementsOption : PolicySettings {
  double division_shift = 0.0;
  void fields(ParamVisitor& v);
};

/// More consultation moments between projects and institutions.
struct ConsultationOption : PolicySettings {
  double division_shift = 0.0;
  double grade_shift = 0.0;
  void fields(ParamVisitor& v);
};

/// Coordinators get more time per volunteer.
struct GuidanceTimeOption : PolicySettings {
  double guidance_increase = 0.0;
  void fields(ParamVisitor& v);
};

/// Volunteers are trained in dealing with parents and youth.
struct SkillsTrainingOption : PolicySettings {
  double boundary_reduction = 0.0;
  double knowledge_gain = 0.0;
  void fields(ParamVisitor& v);
};

/// Help with recruiting volunteers, including from the target group.
struct RecruitmentSupportOption : PolicySettings {
  double fill_speedup = 0.0;
  double new_group_share = 0.0;
  void fields(ParamVisitor& v);
};

/// Professionals invest time, appreciation and courses with migrant self-organisations.
struct SelforgPartnershipOption : PolicySettings {
  double trust_gain = 0.0;
  double family_trust_gain = 0.0;
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

  void fields(ParamVisitor& v);
  /// Returns the settings every option shares.
  const PolicySettings& operator[](PolicyKind kind) const;
  /// Records broken rules (an option that ends before it starts).
  void check(RuleCheck& rules) const;
};

}  // namespace samen

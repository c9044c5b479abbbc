// Declarations of every policy.* key: the settings all options share and the
// effect sizes of each.
#include "samen/model/policy_params.hpp"

#include <string>

namespace samen {
namespace {

// When, where and how strongly an option acts, and what it costs per unit it
// reaches (`unit`: volunteer, project, tie, self-organisation).
void settings_fields(PolicySettings& s, ParamVisitor& v, const std::string& what,
                     const std::string& unit, double cost_hours, Bounds plausible_cost,
                     const std::string& cost_reason) {
  const std::string option = " (" + what + ")";
  v.boolean(s.enabled, "enabled", false, "Whether the option acts" + option + ".",
            setting("a scenario switches its options on"));
  v.integer(s.start_week, "start_week", 0, {0, 5200}, "weeks",
            "Week after the burn-in from which the option acts.", setting("the policy's timing"));
  v.integer(s.end_week, "end_week", 5200, {0, 5200}, "weeks",
            "Week after the burn-in from which it no longer acts.", setting("the policy's timing"));
  v.real(s.coverage, "coverage", 1, {0, 1}, "share",
         "Share of municipalities that adopt it (the same municipalities in every scenario of a "
         "replicate, growing with coverage).",
         setting("the policy's reach"));
  v.real(s.intensity, "intensity", 1, {0, 10}, "ratio",
         "Dose of the option; 1 is the standard dose its effects describe.",
         setting("the policy's dose"));
  v.real(s.cost_hours, "cost_hours", cost_hours, {0, 1000}, "hours/week per " + unit,
         "Professional hours per " + unit + " reached per week, at intensity 1.",
         assumption(plausible_cost, cost_reason));
}

}  // namespace

const char* policy_key(PolicyKind kind) {
  switch (kind) {
    case PolicyKind::cjg_knowledge_sharing:
      return "cjg_knowledge_sharing";
    case PolicyKind::cjg_outreach:
      return "cjg_outreach";
    case PolicyKind::written_agreements:
      return "written_agreements";
    case PolicyKind::consultation:
      return "consultation";
    case PolicyKind::guidance_time:
      return "guidance_time";
    case PolicyKind::skills_training:
      return "skills_training";
    case PolicyKind::recruitment_support:
      return "recruitment_support";
    case PolicyKind::selforg_partnership:
      return "selforg_partnership";
  }
  return "unknown";
}

void KnowledgeSharingOption::fields(ParamVisitor& v) {
  settings_fields(*this, v,
                  "CJG staff teach volunteers background knowledge of parenting and growing up",
                  "volunteer", 0.05, {0.025, 0.1},
                  "a course of a few evenings a year per volunteer, with preparation");
  v.real(knowledge_gain, "knowledge_gain", 0.01, {0, 1}, "share/week",
         "Share of a volunteer's gap to full knowledge closed each week of the programme.",
         assumption({0.005, 0.02},
                    "two thirds of projects want this support "
                    "(P.support_on.knowledge) and 17 of 22 CJGs could give it "
                    "(R.could_offer_cjg.knowledge); a course closes a third to "
                    "two thirds of the gap in a year"));
}

void OutreachOption::fields(ParamVisitor& v) {
  settings_fields(*this, v, "CJGs inform projects about what they do and seek contact", "project",
                  0.5, {0.25, 1}, "about two hours a month per project");
  v.real(contact_shift, "contact_shift", 1, {0, 5}, "probit shift",
         "Shift of a project's latent contact with its CJG.",
         assumption({0.5, 1.5},
                    "a third never has contact with its CJG (P.cjg.contact.none); "
                    "outreach reaches most of them"));
  v.real(awareness_shift, "awareness_shift", 0.5, {0, 5}, "probit shift",
         "Shift of a project's latent knowledge of what the CJG does.",
         assumption({0.25, 0.75}, "one in five does not know what the CJG does (P.cjg.unaware)"));
}

void WrittenAgreementsOption::fields(ParamVisitor& v) {
  settings_fields(*this, v, "chain partners put their task division in writing", "tie", 0.1,
                  {0.05, 0.2}, "drafting and reviewing an agreement");
  v.real(division_shift, "division_shift", 1, {0, 5}, "probit shift",
         "Shift of the latent task division of ties and inside projects towards written "
         "agreements.",
         assumption({0.5, 1.5},
                    "one in six lacks a clear task division with its main partner "
                    "(P.chain.division.none)"));
}

void ConsultationOption::fields(ParamVisitor& v) {
  settings_fields(*this, v, "more consultation moments between projects and institutions", "tie",
                  0.25, {0.125, 0.5}, "an hour a month per partner");
  v.real(division_shift, "division_shift", 0.5, {0, 5}, "probit shift",
         "Shift of the latent task division of a project's ties to partners.",
         assumption({0.25, 0.75},
                    "'meet more, consult more, align more' is the improvement "
                    "asked for"));
  v.real(grade_shift, "grade_shift", 0.3, {0, 5}, "probit shift",
         "Shift of the latent grade of those ties.",
         assumption({0.15, 0.45}, "grades follow communication (P.chain.grade.mean 7.2)"));
}

void GuidanceTimeOption::fields(ParamVisitor& v) {
  settings_fields(*this, v, "coordinators get more time per volunteer", "volunteer", 0.5, {0.25, 1},
                  "coordinator.guidance_hours: the extra time itself");
  v.real(guidance_increase, "guidance_increase", 1, {0, 10}, "ratio",
         "Relative increase of coordinators' guidance time at intensity 1 (1 doubles it).",
         assumption({0.5, 1.5},
                    "more professional time for guiding volunteers is asked for; "
                    "half as much again to two and a half times"));
}

void SkillsTrainingOption::fields(ParamVisitor& v) {
  settings_fields(*this, v, "volunteers are trained in dealing with parents and youth", "volunteer",
                  0.05, {0.025, 0.1}, "a training day a year per volunteer, with preparation");
  v.real(boundary_reduction, "boundary_reduction", 0.3, {0, 1}, "share",
         "Share of boundary crossings that trained volunteers avoid.",
         assumption({0.15, 0.45}, "almost two thirds want skills training (P.support_on.skills)"));
  v.real(knowledge_gain, "knowledge_gain", 0.003, {0, 1}, "share/week",
         "Share of the gap to full knowledge closed each week.",
         assumption({0.0015, 0.006}, "training also teaches some background"));
}

void RecruitmentSupportOption::fields(ParamVisitor& v) {
  settings_fields(*this, v, "help with recruiting volunteers, including from the target group",
                  "project", 0.5, {0.25, 1}, "two hours a month of a volunteer centre per project");
  v.real(fill_speedup, "fill_speedup", 1, {0, 10}, "ratio",
         "Relative increase of the rate at which vacant places are filled.",
         assumption({0.5, 2},
                    "almost two thirds want recruitment support "
                    "(P.support_on.recruitment)"));
  v.real(new_group_share, "new_group_share", 0.5, {0, 1}, "share",
         "Share of recruits who come from the project's target group (new groups of volunteers).",
         assumption({0.25, 0.75},
                    "target-group volunteers reach the target group better "
                    "(P.value.reach)"));
}

void SelforgPartnershipOption::fields(ParamVisitor& v) {
  settings_fields(*this, v,
                  "professionals invest time, appreciation and courses in the families' language "
                  "with migrant self-organisations",
                  "self-organisation", 2, {1, 4}, "about two hours a week per self-organisation");
  v.real(trust_gain, "trust_gain", 0.02, {0, 1}, "share/week",
         "Share of the gap to full trust between a self-organisation and professionals closed "
         "each week.",
         assumption({0.01, 0.04},
                    "expert interviews: trust takes professionals' time and "
                    "expressed appreciation; half the gap closes in one to two "
                    "years"));
  v.real(family_trust_gain, "family_trust_gain", 0.005, {0, 1}, "share/week",
         "Share of a migrant family's gap to full trust in formal services closed each week.",
         assumption({0.0025, 0.01},
                    "expert interviews: after courses at self-organisations "
                    "families use the centre's services"));
}

void PolicyParams::fields(ParamVisitor& v) {
  v.area(cjg_knowledge_sharing, policy_key(PolicyKind::cjg_knowledge_sharing));
  v.area(cjg_outreach, policy_key(PolicyKind::cjg_outreach));
  v.area(written_agreements, policy_key(PolicyKind::written_agreements));
  v.area(consultation, policy_key(PolicyKind::consultation));
  v.area(guidance_time, policy_key(PolicyKind::guidance_time));
  v.area(skills_training, policy_key(PolicyKind::skills_training));
  v.area(recruitment_support, policy_key(PolicyKind::recruitment_support));
  v.area(selforg_partnership, policy_key(PolicyKind::selforg_partnership));
}

const PolicySettings& PolicyParams::operator[](PolicyKind kind) const {
  switch (kind) {
    case PolicyKind::cjg_knowledge_sharing:
      return cjg_knowledge_sharing;
    case PolicyKind::cjg_outreach:
      return cjg_outreach;
    case PolicyKind::written_agreements:
      return written_agreements;
    case PolicyKind::consultation:
      return consultation;
    case PolicyKind::guidance_time:
      return guidance_time;
    case PolicyKind::skills_training:
      return skills_training;
    case PolicyKind::recruitment_support:
      return recruitment_support;
    case PolicyKind::selforg_partnership:
      return selforg_partnership;
  }
  throw std::logic_error("unknown policy option");
}

void PolicyParams::check(RuleCheck& rules) const {
  for (const PolicyKind kind : kPolicyKinds) {
    const std::string prefix = std::string("policy.") + policy_key(kind) + ".";
    const auto& o = (*this)[kind];
    rules.require(o.start_week <= o.end_week, {prefix + "start_week", prefix + "end_week"},
                  "an option cannot end before it starts");
  }
}

}  // namespace samen

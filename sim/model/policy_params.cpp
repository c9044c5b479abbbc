// Declarations of every policy.* key: the settings all options share and the
// effect sizes of each.
#include "samen/model/policy_params.hpp"

#include <string>

namespace samen {
namespace {

// When, where and how strongly an option acts.
void settings_fields(PolicySettings& s, ParamVisitor& v, PolicyKind kind, const std::string& what) {
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
         "Dose of the option: it multiplies the rates of its activities (and their hours); 1 is "
         "the standard dose.",
         setting("the policy's dose"));
  v.text(s.adoption, "adoption", policy_key(kind),
         "Adoption key: options with the same key are adopted in the same municipalities (nested "
         "by coverage); options with different keys are adopted independently.",
         setting("by default every option is adopted on its own"));
}

// Whether the CJG's hours for an option are paid extra or taken from care.
void funded_field(bool& funded, ParamVisitor& v) {
  v.boolean(funded, "funded", false,
            "Whether the CJG staff hours the option takes are funded extra; otherwise they come "
            "out of the hours for families in care.",
            setting("CJGs were asked to do this within their budgets"));
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
    case PolicyKind::regular_vo_cooperation:
      return "regular_vo_cooperation";
  }
  return "unknown";
}

void KnowledgeSharingOption::fields(ParamVisitor& v) {
  settings_fields(*this, v, PolicyKind::cjg_knowledge_sharing,
                  "CJG staff run sessions on parenting and growing up for volunteers");
  v.real(sessions_per_year, "sessions_per_year", 4, {0, 52}, "sessions/year",
         "Sessions offered to each project's volunteers a year at intensity 1; a session takes "
         "place as often as the CJG's staff are open towards volunteers.",
         assumption({2, 8}, "a course of a few evenings a year, as Home-Start's own training"));
  v.real(session_hours, "session_hours", 3, {0, 40}, "hours",
         "CJG staff hours one session takes, preparation and travel included.",
         assumption({2, 5}, "a two-hour evening with preparation"));
  v.real(attendance, "attendance", 0.6, {0, 1}, "share",
         "Share of a project's active volunteers who attend a session.",
         assumption({0.4, 0.8}, "volunteers have little time; most come to some sessions"));
  v.real(knowledge_gain, "knowledge_gain", 0.1, {0, 1}, "share",
         "Share of an attendee's gap to full pedagogical knowledge one session closes.",
         assumption({0.05, 0.2},
                    "two thirds of projects want this support "
                    "(P.support_on.knowledge) and 17 of 22 CJGs could give it "
                    "(R.could_offer_cjg.knowledge); a year's sessions close a fifth "
                    "to half of the gap"));
  funded_field(funded, v);
}

void OutreachOption::fields(ParamVisitor& v) {
  settings_fields(*this, v, PolicyKind::cjg_outreach,
                  "CJG staff visit projects to tell what the CJG does");
  v.real(visits_per_year, "visits_per_year", 2, {0, 52}, "visits/year",
         "Visits to each project a year at intensity 1; a visit takes place as often as the "
         "CJG's staff are open towards volunteers.",
         assumption({1, 4}, "a visit or two a year keeps a project informed"));
  v.real(visit_hours, "visit_hours", 2, {0, 40}, "hours",
         "CJG staff hours one visit takes, travel included.",
         assumption({1, 3}, "an hour's talk with travel and follow-up"));
  v.real(inform_chance, "inform_chance", 0.7, {0, 1}, "probability",
         "Chance that a visit raises the project's knowledge of what the CJG does by one level.",
         assumption({0.5, 0.9},
                    "one in five does not know what the CJG does (P.cjg.unaware); a "
                    "visit is meant to change that"));
  funded_field(funded, v);
}

void WrittenAgreementsOption::fields(ParamVisitor& v) {
  settings_fields(*this, v, PolicyKind::written_agreements,
                  "partners put their task division in writing");
  v.real(agreements_per_year, "agreements_per_year", 1, {0, 52}, "attempts/year",
         "Attempts a year, per tie of a project with an institution or volunteer organisation "
         "and per project for its internal division, to put the task division in writing (at "
         "intensity 1).",
         assumption({0.5, 2}, "a yearly review of cooperation is a common practice"));
  v.real(success, "success", 0.6, {0, 1}, "probability",
         "Chance that an attempt ends in a written agreement.",
         assumption({0.4, 0.8},
                    "one in six lacks a clear task division with its main partner "
                    "(P.chain.division.none); not every attempt succeeds"));
  v.real(agreement_hours, "agreement_hours", 3, {0, 40}, "hours",
         "Professional hours an attempt takes, both sides together.",
         assumption({2, 6}, "drafting, discussing and signing a short agreement"));
}

void ConsultationOption::fields(ParamVisitor& v) {
  settings_fields(*this, v, PolicyKind::consultation,
                  "consultation moments between projects and institutions");
  v.real(moments_per_year, "moments_per_year", 6, {0, 52}, "moments/year",
         "Consultation moments a year per cooperating tie of a project with an institution (the "
         "CJG among them), at intensity 1.",
         assumption({4, 12},
                    "'meet more, consult more, align more' is the improvement asked "
                    "for; every other month"));
  v.real(moment_hours, "moment_hours", 1, {0, 40}, "hours",
         "Professional hours a moment takes (for CJG ties, the CJG's staff hours).",
         assumption({0.5, 2}, "an hour's meeting"));
  v.real(agree_chance, "agree_chance", 0.3, {0, 1}, "probability",
         "Chance that a moment turns no agreement on the task division into an oral one.",
         assumption({0.15, 0.5}, "consultation is where agreements are made"));
  v.real(write_chance, "write_chance", 0.05, {0, 1}, "probability",
         "Chance that a moment turns an oral agreement into a written one.",
         assumption({0.02, 0.1}, "writing down is rarer than agreeing"));
  funded_field(funded, v);
}

void GuidanceTimeOption::fields(ParamVisitor& v) {
  settings_fields(*this, v, PolicyKind::guidance_time, "coordinators get more time per volunteer");
  v.real(guidance_increase, "guidance_increase", 1, {0, 10}, "ratio",
         "Relative increase of coordinators' guidance time at intensity 1 (1 doubles it); the "
         "extra hours are the option's cost.",
         assumption({0.5, 1.5},
                    "more professional time for guiding volunteers is asked for; "
                    "half as much again to two and a half times"));
}

void SkillsTrainingOption::fields(ParamVisitor& v) {
  settings_fields(*this, v, PolicyKind::skills_training,
                  "volunteers are trained in dealing with parents and youth");
  v.real(days_per_year, "days_per_year", 1, {0, 52}, "days/year",
         "Training days a year per active volunteer, at intensity 1.",
         assumption({0.5, 2}, "a training day a year"));
  v.real(trainer_hours, "trainer_hours", 0.5, {0, 40}, "hours",
         "Professional hours per volunteer per training day (a trainer's day over a group).",
         assumption({0.25, 1}, "a day's training with preparation for a group of ten to twenty"));
  v.real(skills_gain, "skills_gain", 0.3, {0, 1}, "share",
         "Share of a volunteer's gap to full skills a training day closes.",
         assumption({0.15, 0.45}, "almost two thirds want skills training (P.support_on.skills)"));
  v.real(knowledge_gain, "knowledge_gain", 0.05, {0, 1}, "share",
         "Share of a volunteer's gap to full knowledge a training day closes.",
         assumption({0.02, 0.1}, "training also teaches some background"));
}

void RecruitmentSupportOption::fields(ParamVisitor& v) {
  settings_fields(*this, v, PolicyKind::recruitment_support,
                  "help with recruiting volunteers, including from the target group");
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
  v.real(hours_per_project, "hours_per_project", 0.5, {0, 40}, "hours/week",
         "A volunteer centre's hours per project a week at intensity 1.",
         assumption({0.25, 1}, "two hours a month per project"));
}

void SelforgPartnershipOption::fields(ParamVisitor& v) {
  settings_fields(*this, v, PolicyKind::selforg_partnership,
                  "professionals invest time, appreciation and courses in the families' language "
                  "with migrant self-organisations");
  v.real(hours_per_selforg, "hours_per_selforg", 2, {0, 40}, "hours/week",
         "CJG staff hours per self-organisation a week at intensity 1 (visits, courses, "
         "consultation hours).",
         assumption({1, 4}, "a course or consultation hour every week or two"));
  v.real(trust_gain, "trust_gain", 0.02, {0, 1}, "share/week",
         "Share of the gap to full trust between a self-organisation and professionals closed "
         "each week of the partnership.",
         assumption({0.01, 0.04},
                    "expert interviews: trust takes professionals' time and "
                    "expressed appreciation; half the gap closes in one to two "
                    "years"));
  v.real(family_trust_gain, "family_trust_gain", 0.005, {0, 1}, "share/week",
         "Share of the gap to full trust in formal services closed each week for a migrant "
         "family the self-organisation helps.",
         assumption({0.0025, 0.01},
                    "expert interviews: after courses at self-organisations "
                    "families use the centre's services"));
  funded_field(funded, v);
}

void RegularVoCooperationOption::fields(ParamVisitor& v) {
  settings_fields(*this, v, PolicyKind::regular_vo_cooperation,
                  "schools, clinics, youth care and CJGs cooperate with volunteer organisations");
  v.real(start_speedup, "start_speedup", 2, {0, 20}, "ratio",
         "Relative increase of the rate at which a regular organisation starts cooperating with "
         "a volunteer organisation (2 triples it).",
         assumption({1, 4},
                    "recommendation 7: regular education and youth care should cooperate "
                    "far more with VOs"));
  v.real(clear_share, "clear_share", 0.9, {0, 1}, "share",
         "Share of cooperations started under the option that start with a clear task division.",
         assumption({0.75, 1},
                    "the option includes agreeing who does what; a quarter of regular "
                    "organisations lack it now (R.vo.division.none)"));
  v.real(hours_per_org, "hours_per_org", 0.5, {0, 40}, "hours/week",
         "Professional hours per cooperating organisation a week in adopting municipalities.",
         assumption({0.25, 1}, "a contact person's hours"));
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
  v.area(regular_vo_cooperation, policy_key(PolicyKind::regular_vo_cooperation));
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
    case PolicyKind::regular_vo_cooperation:
      return regular_vo_cooperation;
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

#include "samen/dynamics/policies.hpp"

namespace samen {
namespace {

// What each option is, what it reaches, its effects and their defaults.
struct PolicyDeclaration {
  const char* key;
  const char* what;
  const char* unit;  // what cost_hours is counted per
  double cost_hours;
  const char* cost_source;
  const char* effect;
  double effect_default, effect_max;
  const char* effect_unit;
  const char* effect_doc;
  const char* effect_source;
  const char* effect2;  // nullptr: none
  double effect2_default, effect2_max;
  const char* effect2_unit;
  const char* effect2_doc;
  const char* effect2_source;
};

const PolicyDeclaration kDeclarations[kPolicyCount] = {
    {"cjg_knowledge_sharing",
     "CJG staff teach volunteers background knowledge of parenting and growing up", "volunteer",
     0.05, "assumption: a course of a few evenings a year per volunteer, with preparation",
     "knowledge_gain", 0.01, 1, "share/week",
     "Share of a volunteer's gap to full knowledge closed each week of the programme.",
     "assumption; two thirds of projects want this support (P.support_on.knowledge) and 17 of 22 "
     "CJGs could give it (R.could_offer_cjg.knowledge)",
     nullptr, 0, 0, "", "", ""},
    {"cjg_outreach", "CJGs inform projects about what they do and seek contact", "project", 0.5,
     "assumption: about two hours a month per project", "contact_shift", 1, 5, "probit shift",
     "Shift of a project's latent contact with its CJG.",
     "survey text: a third never has contact with its CJG (P.cjg.contact.none)", "awareness_shift",
     0.5, 5, "probit shift", "Shift of a project's latent knowledge of what the CJG does.",
     "survey text: one in five does not know what the CJG does (P.cjg.unaware)"},
    {"written_agreements", "chain partners put their task division in writing", "tie", 0.1,
     "assumption: drafting and reviewing an agreement", "division_shift", 1, 5, "probit shift",
     "Shift of the latent task division of ties and inside projects towards written agreements.",
     "survey text: one in six lacks a clear task division with its main partner "
     "(P.chain.division.none)",
     nullptr, 0, 0, "", "", ""},
    {"consultation", "more consultation moments between projects and institutions", "tie", 0.25,
     "assumption: an hour a month per partner", "division_shift", 0.5, 5, "probit shift",
     "Shift of the latent task division of a project's ties to partners.",
     "survey text: 'meet more, consult more, align more' is the improvement asked for",
     "grade_shift", 0.3, 5, "probit shift", "Shift of the latent grade of those ties.",
     "survey text: grades follow communication (P.chain.grade.mean 7.2)"},
    {"guidance_time", "coordinators get more time per volunteer", "volunteer", 0.5,
     "coordinator.guidance_hours: the extra time itself", "guidance_increase", 1, 10, "ratio",
     "Relative increase of coordinators' guidance time at intensity 1 (1 doubles it).",
     "survey text: more professional time for guiding volunteers is asked for", nullptr, 0, 0, "",
     "", ""},
    {"skills_training", "volunteers are trained in dealing with parents and youth", "volunteer",
     0.05, "assumption: a training day a year per volunteer, with preparation",
     "boundary_reduction", 0.3, 1, "share",
     "Share of boundary crossings that trained volunteers avoid.",
     "assumption; almost two thirds want skills training (P.support_on.skills)", "knowledge_gain",
     0.003, 1, "share/week", "Share of the gap to full knowledge closed each week.",
     "assumption: training also teaches some background"},
    {"recruitment_support", "help with recruiting volunteers, including from the target group",
     "project", 0.5, "assumption: two hours a month of a volunteer centre per project",
     "fill_speedup", 1, 10, "ratio",
     "Relative increase of the rate at which vacant places are filled.",
     "assumption; almost two thirds want recruitment support (P.support_on.recruitment)",
     "new_group_share", 0.5, 1, "share",
     "Share of recruits who come from the project's target group (new groups of volunteers).",
     "survey text: target-group volunteers reach the target group better (P.value.reach)"},
    {"selforg_partnership",
     "professionals invest time, appreciation and courses in the families' "
     "language with migrant self-organisations",
     "self-organisation", 2, "assumption: about two hours a week per self-organisation",
     "trust_gain", 0.02, 1, "share/week",
     "Share of the gap to full trust between a self-organisation and professionals closed each "
     "week.",
     "expert interviews: trust takes professionals' time and expressed appreciation",
     "family_trust_gain", 0.005, 1, "share/week",
     "Share of a migrant family's gap to full trust in formal services closed each week.",
     "expert interviews: after courses at self-organisations families use the centre's services"},
};

std::string name(const PolicyDeclaration& d, const char* leaf) {
  return std::string("policy.") + d.key + "." + leaf;
}

}  // namespace

const char* policy_key(PolicyKind kind) { return kDeclarations[static_cast<int>(kind)].key; }

void declare_policy_parameters(ParamRegistry& r) {
  for (const auto& d : kDeclarations) {
    const std::string what = std::string(" (") + d.what + ")";
    r.add({name(d, "enabled"), ParamType::Boolean, "false", 0, 0, "",
           std::string("Whether the option acts") + what + ".", "policy option"});
    r.add({name(d, "start_week"), ParamType::Integer, "0", 0, 5200, "weeks",
           "Week after the burn-in from which the option acts.", "policy option"});
    r.add({name(d, "end_week"), ParamType::Integer, "5200", 0, 5200, "weeks",
           "Week after the burn-in from which it no longer acts.", "policy option"});
    r.add({name(d, "coverage"), ParamType::Real, "1", 0, 1, "share",
           "Share of municipalities that adopt it (the same municipalities in every scenario of a "
           "replicate, growing with coverage).",
           "policy option"});
    r.add({name(d, "intensity"), ParamType::Real, "1", 0, 10, "ratio",
           "Dose of the option; 1 is the standard dose its effects describe.", "policy option"});
    r.add({name(d, "cost_hours"), ParamType::Real, std::to_string(d.cost_hours), 0, 1000,
           std::string("hours/week per ") + d.unit,
           std::string("Professional hours per ") + d.unit + " reached per week, at intensity 1.",
           d.cost_source});
    r.add({name(d, d.effect), ParamType::Real, std::to_string(d.effect_default), 0, d.effect_max,
           d.effect_unit, d.effect_doc, d.effect_source});
    if (d.effect2)
      r.add({name(d, d.effect2), ParamType::Real, std::to_string(d.effect2_default), 0,
             d.effect2_max, d.effect2_unit, d.effect2_doc, d.effect2_source});
  }
}

PolicySet PolicySet::from(const ParamValues& v) {
  PolicySet set;
  for (int k = 0; k < kPolicyCount; ++k) {
    const auto& d = kDeclarations[k];
    auto& o = set.options[static_cast<std::size_t>(k)];
    o.enabled = v.boolean(name(d, "enabled"));
    o.start_week = static_cast<std::uint32_t>(v.integer(name(d, "start_week")));
    o.end_week = static_cast<std::uint32_t>(v.integer(name(d, "end_week")));
    o.coverage = v.real(name(d, "coverage"));
    o.intensity = v.real(name(d, "intensity"));
    o.cost_hours = v.real(name(d, "cost_hours"));
    o.effect = v.real(name(d, d.effect));
    o.effect2 = d.effect2 ? v.real(name(d, d.effect2)) : 0.0;
  }
  return set;
}

}  // namespace samen

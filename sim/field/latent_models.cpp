#include "samen/field/latent_models.hpp"

namespace samen {

LatentEffects LatentEffects::from(const ParamValues& v) {
  LatentEffects e{};
  e.home_start_profile = v.real("project.home_start_profile");
  e.frequency_division = v.real("project.frequency_division");
  e.boundaries_knowledge = v.real("project.boundaries_knowledge");
  e.boundaries_division = v.real("project.boundaries_division");
  e.boundaries_overestimation = v.real("project.boundaries_overestimation");
  e.grade_frequency = v.real("project.grade_frequency");
  e.grade_division = v.real("project.grade_division");
  e.grade_obstacle = v.real("project.grade_obstacle");
  e.chain_form_division = v.real("project.chain_form_division");
  e.grade_forms = v.real("project.grade_forms");
  e.cjg_contact_cooperation = v.real("project.cjg_contact_cooperation");
  e.cjg_awareness_contact = v.real("project.cjg_awareness_contact");
  return e;
}

}  // namespace samen

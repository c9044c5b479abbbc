#include "samen/field/latent_models.hpp"

namespace samen {

LatentEffects LatentEffects::from(const ModelParams& params) {
  const ProjectParams& p = params.project;
  LatentEffects e{};
  e.home_start_profile = p.home_start_profile;
  e.frequency_division = p.frequency_division;
  e.boundaries_knowledge = p.boundaries_knowledge;
  e.boundaries_division = p.boundaries_division;
  e.boundaries_overestimation = p.boundaries_overestimation;
  e.grade_frequency = p.grade_frequency;
  e.grade_division = p.grade_division;
  e.grade_obstacle = p.grade_obstacle;
  e.chain_form_division = p.chain_form_division;
  e.grade_forms = p.grade_forms;
  e.cjg_contact_cooperation = p.cjg_contact_cooperation;
  e.cjg_awareness_contact = p.cjg_awareness_contact;
  e.grade_experience = params.ties.grade_experience;
  e.success_clear = params.refer.success_clear;
  e.success_unclear = params.refer.success_unclear;
  return e;
}

}  // namespace samen

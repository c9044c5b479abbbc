#include "samen/field/generate.hpp"

#include "generation.hpp"

namespace samen {

// The stages in the order docs/model.md 3.1 describes them.
Field generate_field(const ModelParams& params, const SurveyTargets& targets, StreamKey key) {
  Field field;
  field.key = key;
  const detail::GenerationInput in{params, targets, key};
  detail::generate_places(in, field);
  detail::generate_projects(in, field);
  detail::generate_org_answers(in, field);
  return field;
}

}  // namespace samen

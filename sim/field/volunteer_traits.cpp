#include "samen/field/volunteer_traits.hpp"

#include <algorithm>
#include <cmath>

#include "generation.hpp"

namespace samen {

VolunteerTraitModel VolunteerTraitModel::from(const ModelParams& params) {
  const VolunteerParams& v = params.volunteer;
  return {v.knowledge_mean,       v.knowledge_spread, v.knowledge_trained,
          v.knowledge_target_gap, v.capacity_mean,    v.appreciation_mean};
}

void VolunteerTraitModel::draw(Stream& s, Volunteers& vol, std::uint32_t id,
                               bool trained_scheme) const {
  using detail::clamp01;
  const VolunteerType type = vol.type[id];
  const bool target = vol.from_target[id] != 0;
  const bool fixed = type == VolunteerType::org_fixed_vo || type == VolunteerType::org_fixed_pi;
  const bool incidental =
      type == VolunteerType::ind_own_incidental || type == VolunteerType::ind_invited_incidental;
  // Fixed-task volunteers are trained for their task, in some schemes twice as much.
  const double training = fixed ? knowledge_trained * (trained_scheme ? 2.0 : 1.0) : 0.0;
  vol.knowledge[id] =
      static_cast<float>(clamp01(knowledge_mean + training - (target ? knowledge_target_gap : 0.0) +
                                 knowledge_spread * s.normal()));
  vol.skills[id] =
      static_cast<float>(clamp01(knowledge_mean + training + knowledge_spread * s.normal()));
  // Incidental helpers take one family; regular ones one or more.
  const double extra = incidental ? 0.0 : -std::log(1.0 - s.uniform()) * (capacity_mean - 1.0);
  vol.capacity[id] =
      static_cast<std::uint8_t>(std::min(20.0, 1.0 + std::floor(std::max(0.0, extra))));
  vol.caseload[id] = 0;
  vol.burden[id] = 0.0f;
  vol.appreciation[id] = static_cast<float>(appreciation_mean);
}

}  // namespace samen

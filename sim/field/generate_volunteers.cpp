// Volunteers of projects and organisations: the roles a host drafts (kinds and
// origin), and the people who fill them (docs/model.md 3.1.4, step 4).
#include <algorithm>
#include <cmath>

#include "generation.hpp"
#include "samen/field/volunteer_traits.hpp"

namespace samen::detail {

VolunteerDraft draft_roles(const GenerationInput& in, Stream& s, VolunteerDraft draft,
                           std::uint32_t vtypes, std::uint32_t size, TargetOrigin origin) {
  const double individual_weight = in.params.volunteer.individual_weight;
  const double part_share = in.params.volunteer.part_from_target;
  // Every kind present gets one volunteer; the rest are spread over the kinds,
  // individual citizens less often than organised volunteers.
  std::vector<VolunteerType> present;
  std::vector<double> weight;
  for (int k = 0; k < kVolunteerTypeCount; ++k) {
    if (!has(vtypes, static_cast<std::size_t>(k))) continue;
    present.push_back(static_cast<VolunteerType>(k));
    weight.push_back(is_organised(present.back()) ? 1.0 : individual_weight);
  }
  std::uint32_t count = std::max<std::uint32_t>(size, static_cast<std::uint32_t>(present.size()));
  if (origin == TargetOrigin::part) count = std::max<std::uint32_t>(count, 2);
  draft.types = present;
  double weight_sum = 0.0;
  for (const double w : weight) weight_sum += w;
  while (draft.types.size() < count) {
    double u = s.uniform() * weight_sum;
    std::size_t k = 0;
    while (k + 1 < present.size() && u >= weight[k]) u -= weight[k++];
    draft.types.push_back(present[k]);
  }
  draft.from_target.assign(count, origin == TargetOrigin::all ? 1 : 0);
  if (origin == TargetOrigin::part) {
    for (auto& f : draft.from_target) f = s.bernoulli(part_share);
    draft.from_target[0] = 1;  // "part": at least one from the target group and one not
    draft.from_target[1] = 0;
  }
  return draft;
}

void append_volunteers(const GenerationInput& in, Field& field, const VolunteerDraft& draft) {
  const double migrant_share = in.params.volunteer.migrant_share;
  const double migrant_focus = in.params.volunteer.migrant_share_focus;
  const double tenure = in.params.volunteer.tenure_mean_weeks;
  const auto traits = VolunteerTraitModel::from(in.params);
  auto& vol = field.volunteers;
  for (std::size_t j = 0; j < draft.types.size(); ++j) {
    const auto id = static_cast<std::uint32_t>(vol.size());
    Stream s(in.key, Purpose::volunteer, id, 0);
    const bool target = draft.from_target[j] != 0;
    vol.host_ref.push_back(draft.host_ref);
    vol.host.push_back(draft.host);
    vol.type.push_back(draft.types[j]);
    vol.from_target.push_back(target);
    vol.migrant.push_back(
        s.bernoulli(target && draft.migrant_focus ? migrant_focus : migrant_share));
    for (auto* column : {&vol.knowledge, &vol.skills, &vol.burden, &vol.appreciation})
      column->push_back(0.0f);
    vol.capacity.push_back(0);
    vol.caseload.push_back(0);
    vol.active.push_back(1);
    traits.draw(s, vol, id, draft.trained_scheme);
    vol.tenure_weeks.push_back(static_cast<std::uint32_t>(-std::log(1.0 - s.uniform()) * tenure));
  }
}

}  // namespace samen::detail

#include "samen/survey/host_answers.hpp"

namespace samen {

HostAnswers::HostAnswers(const Volunteers& vol, const std::vector<std::uint32_t>& first,
                         const std::vector<std::uint32_t>& count) {
  const std::size_t n = first.size();
  vtypes.assign(n, 0);
  from_target.assign(n, 0);
  vmix.assign(n, static_cast<int>(VolunteerMix::unclassified));
  size.assign(n, 0);
  for (std::size_t i = 0; i < n; ++i) {
    // Only active volunteers count; vacant places do not answer.
    std::uint32_t targets = 0;
    for (std::uint32_t j = first[i]; j < first[i] + count[i]; ++j) {
      if (!vol.active[j]) continue;
      ++size[i];
      vtypes[i] |= type_bit(vol.type[j]);
      targets += vol.from_target[j];
    }
    const TargetOrigin origin = targets == 0         ? TargetOrigin::none
                                : targets == size[i] ? TargetOrigin::all
                                                     : TargetOrigin::part;
    from_target[i] = static_cast<int>(origin);
    vmix[i] = static_cast<int>(volunteer_mix(vtypes[i]));
  }
}

}  // namespace samen

#include "samen/survey/host_answers.hpp"

namespace samen {

HostAnswers::HostAnswers(const Volunteers& vol, const std::vector<std::uint32_t>& first,
                         const std::vector<std::uint32_t>& count) {
  const std::size_t n = first.size();
  vtypes.assign(n, 0);
  from_target.assign(n, 0);
  vmix.assign(n, 3);
  size.assign(n, 0);
  for (std::size_t i = 0; i < n; ++i) {
    // Only active volunteers count; vacant places do not answer.
    std::uint32_t targets = 0;
    for (std::uint32_t j = first[i]; j < first[i] + count[i]; ++j) {
      if (!vol.active[j]) continue;
      ++size[i];
      vtypes[i] |= 1u << static_cast<unsigned>(vol.type[j]);
      targets += vol.from_target[j];
    }
    from_target[i] = targets == 0 ? 0 : targets == size[i] ? 2 : 1;
    const bool organised = vtypes[i] & 0xF0u;
    const bool individual = vtypes[i] & 0x0Fu;
    vmix[i] = organised && individual ? 1 : organised ? 0 : individual ? 2 : 3;
  }
}

}  // namespace samen

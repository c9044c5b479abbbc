// Answers the survey reads from a host's volunteers rather than from stored
// answers: which kinds of volunteer it has, and whether they come from the
// target group.
#pragma once

#include <cstdint>
#include <vector>

#include "samen/field/people.hpp"

namespace samen {

/// Per host (project or organisation), derived from its active volunteers.
struct HostAnswers {
  std::vector<std::uint32_t> vtypes;  ///< mask over VolunteerType
  std::vector<int> from_target;       ///< TargetOrigin code: 0 none, 1 part, 2 all
  std::vector<int> vmix;              ///< VolunteerMix code: 0 organised only ... 3 unclassified
  std::vector<std::uint32_t> size;    ///< number of volunteers

  /// Reads hosts whose volunteers are [first[i], first[i] + count[i]).
  HostAnswers(const Volunteers& volunteers, const std::vector<std::uint32_t>& first,
              const std::vector<std::uint32_t>& count);
};

}  // namespace samen

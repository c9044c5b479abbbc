// Counts over the families in need that several outcomes share.
#pragma once

#include <cstdint>

#include "samen/field/population.hpp"

namespace samen {

/// Counts over families in need, taken once a week (by phase 6 of the step).
struct FamilyTally {
  std::uint64_t in_need = 0, helped = 0;
  std::uint64_t migrant_in_need = 0, migrant_helped = 0;
  std::uint64_t light = 0, light_helped = 0;
  std::uint64_t serious = 0, serious_helped = 0, serious_in_care = 0;
  std::uint64_t waiting = 0;

  /// Adds (sign +1) or removes (sign -1) family i as it is now; removing it
  /// before a change and adding it after keeps the tally up to date.
  void count(const Families& f, std::uint32_t i, int sign = 1) {
    const auto d = static_cast<std::uint64_t>(static_cast<std::int64_t>(sign));  // wraps for -1
    // Helped now: by a volunteer, a self-organisation or in care; waiting on
    // a CJG list is not help yet.
    const bool helped_now = f.helper[i] != Helper::nobody && f.helper[i] != Helper::waiting;
    in_need += d;
    helped += helped_now * d;
    waiting += (f.helper[i] == Helper::waiting) * d;
    if (f.migrant[i]) {
      migrant_in_need += d;
      migrant_helped += helped_now * d;
    }
    if (f.need[i] == Need::light) {
      light += d;
      light_helped += helped_now * d;
    } else {
      serious += d;
      serious_helped += helped_now * d;
      serious_in_care += (f.helper[i] == Helper::professional) * d;
    }
  }

  FamilyTally& operator+=(const FamilyTally& o) {
    in_need += o.in_need;
    helped += o.helped;
    migrant_in_need += o.migrant_in_need;
    migrant_helped += o.migrant_helped;
    light += o.light;
    light_helped += o.light_helped;
    serious += o.serious;
    serious_helped += o.serious_helped;
    serious_in_care += o.serious_in_care;
    waiting += o.waiting;
    return *this;
  }
  bool operator==(const FamilyTally& o) const {
    return in_need == o.in_need && helped == o.helped && migrant_in_need == o.migrant_in_need &&
           migrant_helped == o.migrant_helped && light == o.light &&
           light_helped == o.light_helped && serious == o.serious &&
           serious_helped == o.serious_helped && serious_in_care == o.serious_in_care &&
           waiting == o.waiting;
  }
};

}  // namespace samen

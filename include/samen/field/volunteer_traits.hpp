// How a volunteer's personal traits are drawn: at generation and when a
// project fills a vacant place.
#pragma once

#include <cstdint>

#include "samen/core/random.hpp"
#include "samen/field/people.hpp"
#include "samen/model/parameters.hpp"

namespace samen {

/// Parameters of the traits of a new volunteer, read once.
struct VolunteerTraitModel {
  double knowledge_mean, knowledge_spread, knowledge_trained, knowledge_target_gap;
  double capacity_mean, appreciation_mean;

  static VolunteerTraitModel from(const ModelParams& params);

  /// Draws knowledge, skills, capacity and appreciation of volunteer `id`
  /// (slot `id` of `vol`, whose type and origin are already set) from `s`.
  void draw(Stream& s, Volunteers& vol, std::uint32_t id, bool trained_scheme) const;
};

}  // namespace samen

// Builds the calibrated synthetic field at week 0.
#pragma once

#include "samen/core/parameters.hpp"
#include "samen/field/field.hpp"
#include "samen/survey/targets.hpp"

namespace samen {

/// Generates every agent and entity of the field so that its respondents
/// answer like the survey's; a pure function of (values, targets, key),
/// whatever the number of threads. E.g.
/// `generate_field(scenario.values, targets, {seed, replicate})`.
Field generate_field(const ParamValues& values, const SurveyTargets& targets, StreamKey key);

}  // namespace samen

// Builds the calibrated synthetic field at week 0.
#pragma once

#include "samen/field/field.hpp"
#include "samen/model/parameters.hpp"
#include "samen/survey/targets.hpp"

namespace samen {

/// Generates every agent and entity of the field so that its respondents
/// answer like the survey's; a pure function of (values, targets, key),
/// whatever the number of threads. E.g.
/// `generate_field(params, targets, {seed, replicate})`.
Field generate_field(const ModelParams& params, const SurveyTargets& targets, StreamKey key);

}  // namespace samen

// How outcome values are shown to readers: shares as percentages, other
// units as they are.
#pragma once

#include <string>
#include <vector>

#include "samen/dynamics/outcomes.hpp"

namespace samen {

/// The scale and unit words for showing an outcome.
struct DisplayUnit {
  double scale = 1.0;       ///< multiply stored values by this
  std::string level_unit;   ///< unit of a shown level, e.g. "%" or "hours/week"
  std::string change_unit;  ///< unit of a shown difference, e.g. "percentage points"
};

/// Returns {100, "%", "percentage points"} for shares, {1, unit, unit} otherwise.
DisplayUnit display_unit(const OutcomeSpec& outcome);

/// Returns the outcome of the registry called `name`, or nullptr.
const OutcomeSpec* find_outcome(const std::string& name);

/// Returns the outcomes shown by default on screen, in figures and reports
/// (those of the registry among a fixed list of main ones), in registry order.
std::vector<std::string> main_outcome_names();

/// Returns every outcome of the registry, in its order.
std::vector<std::string> all_outcome_names();

/// Formats `value` with `digits` significant digits (at most 10), as "-" for
/// NaN, with a leading '+' when `sign` and the value is positive, e.g.
/// format_significant(0.012345, 3, true) = "+0.0123".
std::string format_significant(double value, int digits, bool sign = false);

}  // namespace samen

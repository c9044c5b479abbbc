// Numbers as results and as text: the value of a figure that cannot be
// computed, infinity, and text that reads back as exactly the same double.
#pragma once

#include <limits>
#include <string>

namespace samen {

/// The value of a figure that cannot be computed (no replicates, an empty
/// window, a share of nobody): NaN, which HDF5, CSV and pandas all carry.
inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// Infinity: the bound of an open range, the score of what must never win.
inline constexpr double kInf = std::numeric_limits<double>::infinity();

/// The shortest text that reads back as exactly `value` ("0.1", "1e-06"), for
/// values written into scenario text and digests.
std::string exact_text(double value);

}  // namespace samen

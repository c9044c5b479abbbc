#include "samen/survey/intervals.hpp"

#include <algorithm>
#include <cmath>

namespace samen {

Interval wilson_interval(double p, int n, double z) {
  const double nn = static_cast<double>(n);
  const double z2 = z * z;
  const double centre = (p + z2 / (2.0 * nn)) / (1.0 + z2 / nn);
  const double half = z / (1.0 + z2 / nn) * std::sqrt(p * (1.0 - p) / nn + z2 / (4.0 * nn * nn));
  // At p = 0 or 1 the bound is exactly p; the formula misses it by rounding.
  return {p <= 0.0 ? 0.0 : std::max(0.0, centre - half),
          p >= 1.0 ? 1.0 : std::min(1.0, centre + half)};
}

Interval mean_interval(double mean, double sd, int n, double z) {
  const double half = z * sd / std::sqrt(static_cast<double>(n));
  return {mean - half, mean + half};
}

}  // namespace samen

#include "draws.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace samen::uncertainty::detail {

double quantile_sorted(const std::vector<double>& sorted, double q) {
  if (sorted.empty()) return std::nan("");
  const double h = q * static_cast<double>(sorted.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

Interval percentile_interval(std::vector<double> values, double level) {
  std::sort(values.begin(), values.end());
  return {quantile_sorted(values, (1.0 - level) / 2.0),
          quantile_sorted(values, (1.0 + level) / 2.0)};
}

std::string number(double x) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", x);
  return buffer;
}

void check_level(double level, const char* who) {
  if (!(level > 0.0 && level < 1.0))
    throw std::invalid_argument(
        std::string(who) + ": level must lie strictly between 0 and 1 (got " + number(level) + ")");
}

}  // namespace samen::uncertainty::detail

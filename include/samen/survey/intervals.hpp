// Confidence intervals for survey figures.
#pragma once

namespace samen {

/// A closed interval [low, high].
struct Interval {
  double low = 0.0;
  double high = 0.0;
  /// True when x lies in the interval, allowing for floating-point rounding
  /// (a weighted share of exactly 100% may compute as 100.00000000000001).
  bool contains(double x) const { return x >= low - 1e-9 && x <= high + 1e-9; }
};

/// Returns the Wilson score interval for a share `p` (0-1) observed among `n`
/// respondents at normal quantile `z` (1.96 for 95%); e.g. wilson(0.5, 100)
/// is about [0.404, 0.596]. n must be positive.
Interval wilson_interval(double p, int n, double z = 1.96);

/// Returns the normal-approximation interval mean +- z * sd / sqrt(n).
Interval mean_interval(double mean, double sd, int n, double z = 1.96);

}  // namespace samen

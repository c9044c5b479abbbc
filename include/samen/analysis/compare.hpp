// Paired comparison of a policy option's run file with its baseline's:
// replicate r of both used the same random streams, so differences are
// taken replicate by replicate.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "samen/io/run_file.hpp"

namespace samen {

/// The weeks whose values are averaged per replicate (inclusive).
struct WeekWindow {
  std::uint32_t first = 0;
  std::uint32_t last = 0;
};

/// Mean, spread and 95% interval (Student t) of paired differences.
struct PairedStats {
  unsigned n = 0;
  double mean = 0.0;
  double sd = 0.0;
  double ci_low = 0.0;
  double ci_high = 0.0;
  double effect_size = 0.0;  ///< mean / sd (Cohen's d_z); 0 when both are 0
};

/// Returns the statistics of `diffs`, skipping NaNs; e.g. {1, 2, 3} gives mean
/// 2, sd 1 and the interval 2 -+ 4.303 / sqrt(3). Needs n >= 2 for an interval.
PairedStats paired_stats(const std::vector<double>& diffs);

/// One outcome of one option against the baseline.
struct ComparisonRow {
  std::string option;
  std::string outcome;
  double baseline_mean = 0.0;
  double option_mean = 0.0;
  PairedStats diff;
  double relative_change = 0.0;  ///< diff mean / baseline mean
  double per_1000_hours = 0.0;   ///< diff mean per 1000 extra professional hours a week
  std::string note;              ///< warnings: interval spans zero, imprecise
  bool spans_zero = false;       ///< the 95% interval includes 0 (and not every difference is 0)
  double replicates_needed = 0;  ///< for the wanted precision when it is missed, else 0
};

/// Throws ConfigError naming both files and the first difference when the
/// option's file does not share the baseline's configuration (outside
/// policy.* keys), seed, replicates or weeks, or was run under other
/// posterior draws (another calibration file or K, or one with and one
/// without --posterior).
void check_comparable(const RunFile& baseline, const RunFile& option);

/// Compares every outcome of `option` with `baseline` over `window`.
/// `precision` is the wanted 95% half-width as a share of the baseline mean;
/// rows that miss it say how many replicates would reach it.
std::vector<ComparisonRow> compare_runs(const RunFile& baseline, const RunFile& option,
                                        WeekWindow window, double precision = 0.05);

/// The line saying what a comparison's intervals include: under posterior
/// draws, "intervals include parameter uncertainty (K draws from the
/// posterior 'POST') as well as stochastic noise"; else "".
std::string posterior_caption(const RunHeader& header);

/// Renders rows as CSV with the columns option, outcome, baseline_mean,
/// option_mean, diff_mean, diff_ci_low, diff_ci_high, relative_change,
/// effect_size, per_1000_hours, replicates, note.
std::string comparison_csv(const std::vector<ComparisonRow>& rows);

}  // namespace samen

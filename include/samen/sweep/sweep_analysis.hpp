// What a sweep says: sensitivity indices of an outcome's level or of a policy
// contrast, and how robust each option's improvement is across the design.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "samen/analysis/compare.hpp"
#include "samen/dynamics/outcomes.hpp"
#include "samen/sweep/sweep_data.hpp"
#include "samen/uncertainty/prim.hpp"
#include "samen/uncertainty/sensitivity.hpp"

namespace samen {

/// What a sensitivity index is of: an outcome's level in one scenario, or the
/// contrast option - baseline paired by replicate at each point.
struct SensitivityTarget {
  std::string outcome;
  std::string scenario;  ///< the level's scenario, or the contrast's option
  bool contrast = false;
  /// Returns "level of SCENARIO" or "SCENARIO - BASELINE".
  std::string describe(const SweepData& data) const;
};

/// One parameter's indices for one target; Morris or Sobol fields are NaN
/// when the design is of the other kind.
struct SensitivityRow {
  std::string outcome;
  std::string of;  ///< SensitivityTarget::describe
  std::string parameter;
  double mu_star, mu_star_ci_low, mu_star_ci_high, mu, sigma;
  double s1, s1_ci_low, s1_ci_high, st, st_ci_low, st_ci_high;
};

/// Returns per point the mean over replicates of the target's window means.
std::vector<double> target_values(const SweepData& data, const SensitivityTarget& target,
                                  WeekWindow window);

/// Returns one row per parameter, sorted by mu* (Morris) or ST (Sobol),
/// largest first. Throws ConfigError when the design is not a Morris or
/// Saltelli design, or the outcome does not vary across the design.
std::vector<SensitivityRow> sensitivity(const SweepData& data, const SensitivityTarget& target,
                                        WeekWindow window,
                                        const uncertainty::BootstrapOptions& bootstrap = {});

/// Renders rows as CSV: for Morris `outcome, parameter, mu_star,
/// mu_star_ci_low, mu_star_ci_high, mu, sigma, of`; for Sobol `outcome,
/// parameter, S1, S1_ci_low, S1_ci_high, ST, ST_ci_low, ST_ci_high, of`.
std::string sensitivity_csv(const std::vector<SensitivityRow>& rows, uncertainty::DesignKind kind);

/// How one option fares against the baseline over a sweep's design points.
struct OptionRobustness {
  std::string option;
  double improves = 0.0;  ///< share of points where its paired 95% interval lies on the better side
  double worsens = 0.0;   ///< share where it lies on the worse side
  double best = 0.0;      ///< share of points where it ranks first of all scenarios
  std::vector<std::size_t> ranks;  ///< ranks[k]: points where it ranks k + 1
  double mean_regret = 0.0;        ///< mean over points of (best gain - its gain)
  double max_regret = 0.0;
  std::size_t failures = 0;     ///< points where it does not improve
  bool has_box = false;         ///< a PRIM box of the failures was found
  uncertainty::PrimResult box;  ///< on the unit cube of the design
};

/// The robustness of every scenario (the baseline included, gain 0) for one
/// outcome; gains are oriented so that higher is better.
struct Robustness {
  std::string outcome;
  Better better = Better::higher;
  WeekWindow window;
  std::size_t points = 0;
  std::vector<OptionRobustness> options;  ///< the baseline first
};

/// Computes robustness for `outcome` over `window`; a PRIM box (on the design's
/// unit cube) describes the points where each option fails to improve, when
/// there are some failures and some successes. Throws ConfigError when the
/// outcome has no better direction or the sweep has no option.
Robustness robustness(const SweepData& data, const std::string& outcome, WeekWindow window,
                      const uncertainty::PrimOptions& prim = {});

}  // namespace samen

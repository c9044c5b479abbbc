// Global sensitivity indices from per-point outcomes of a Morris or Saltelli
// design: Morris elementary effects and Sobol first-order and total indices,
// each with a seeded bootstrap percentile interval.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "samen/survey/intervals.hpp"
#include "samen/uncertainty/design.hpp"

namespace samen::uncertainty {

/// How the bootstrap intervals are drawn.
struct BootstrapOptions {
  std::size_t resamples = 1000;  ///< 0 skips the bootstrap (intervals are NaN)
  double level = 0.95;           ///< central coverage of the percentile interval
  std::uint32_t seed = 1;
};

/// Morris statistics of one parameter over the r elementary effects
/// EE = (y(x + s e_i) - y(x)) / s, where s = +-Delta is the step in the unit
/// cube: an effect is the outcome's change per whole range of the parameter
/// (per whole log-range on a log scale), so effects compare across parameters.
struct MorrisIndex {
  std::string name;
  double mu = 0.0;       ///< mean EE; signs may cancel
  double mu_star = 0.0;  ///< mean |EE| (Campolongo et al. 2007): the ranking measure
  double sigma = 0.0;    ///< sd of EE (divisor r - 1): nonlinearity or interaction
  Interval mu_star_ci;   ///< bootstrap percentile interval, trajectories resampled
};

/// Returns one MorrisIndex per parameter of a morris_design from its outcomes
/// y (one per point, in design order). Throws std::invalid_argument when the
/// design is not a Morris design, y has the wrong length or holds NaN, or two
/// consecutive points of a trajectory differ in other than one parameter.
std::vector<MorrisIndex> morris_indices(const Design& design, const std::vector<double>& y,
                                        const BootstrapOptions& bootstrap = {});

/// Sobol indices of one parameter.
struct SobolIndex {
  std::string name;
  double first = 0.0;  ///< S1: share of Var(y) explained by this parameter alone
  double total = 0.0;  ///< ST: share including all its interactions
  Interval first_ci;   ///< bootstrap percentile interval, base samples resampled
  Interval total_ci;
};

/// Returns one SobolIndex per parameter of a saltelli_design from its outcomes
/// y (one per point, in design order), with V the variance of all f(A) and
/// f(B): S1_i = mean(f(B) (f(AB_i) - f(A))) / V (Saltelli et al. 2010) and
/// ST_i = mean((f(A) - f(AB_i))^2) / (2 V) (Jansen 1999). Throws
/// std::invalid_argument for another design kind, a wrong length, NaN outcomes
/// or an outcome that does not vary.
std::vector<SobolIndex> sobol_indices(const Design& design, const std::vector<double>& y,
                                      const BootstrapOptions& bootstrap = {});

}  // namespace samen::uncertainty

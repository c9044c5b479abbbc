// Calibration by approximate Bayesian computation with sequential Monte Carlo
// (ABC-SMC; Toni et al. 2009, Beaumont et al. 2009, Del Moral et al. 2012):
// a weighted population of parameter vectors whose simulations come within a
// shrinking distance epsilon of the observations.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "samen/core/random.hpp"
#include "samen/survey/intervals.hpp"
#include "samen/uncertainty/design.hpp"

namespace samen::uncertainty {

/// Returns the distance between the observations and one simulation run with
/// parameter values `theta` (in the order of the parameters), drawing all its
/// randomness from `key`; must be thread-safe and depend only on its
/// arguments. NaN counts as a rejection.
using AbcDistance = std::function<double(const std::vector<double>& theta, StreamKey key)>;

/// Options of abc_smc.
struct AbcOptions {
  std::size_t population = 500;  ///< particles accepted per generation
  /// Fixed tolerance schedule epsilon_0 > epsilon_1 > ...; empty: adaptive.
  std::vector<double> tolerances;
  /// Adaptive schedule: the number of generations; generation 0 accepts every
  /// prior draw (epsilon = infinity), and each later epsilon is the `quantile`
  /// of the previous population's distances (Del Moral, Doucet & Jasra 2012).
  std::size_t generations = 5;
  double quantile = 0.5;
  /// Proposals evaluated together; results do not depend on the number of
  /// threads, but do depend on this.
  std::size_t batch = 256;
  /// Stop (result incomplete) when a generation needs more proposals than this.
  std::size_t max_proposals = 1000000;
  /// Stop early after a generation whose acceptance rate falls below this.
  double min_acceptance = 0.0;
  std::uint32_t seed = 1;
};

/// One generation's population.
struct AbcGeneration {
  double epsilon = 0.0;           ///< the tolerance it was accepted under
  Matrix particles;               ///< population x parameters, parameter values
  std::vector<double> weights;    ///< importance weights, summing to 1
  std::vector<double> distances;  ///< of each particle's simulation
  double acceptance_rate = 0.0;   ///< population / proposals examined
  std::size_t simulations = 0;    ///< distance evaluations, whole batches included
};

/// The outcome of abc_smc.
struct AbcResult {
  std::vector<Parameter> parameters;
  std::vector<AbcGeneration> generations;
  bool complete = true;     ///< false when max_proposals stopped it
  std::string stop_reason;  ///< why it stopped before the last generation, if it did
};

/// Runs ABC-SMC over `parameters` with uniform priors on [low, high]
/// (log-uniform on a log scale: the sampler works in the unit cube of
/// to_unit). Generation t proposes, in batches evaluated in parallel, either
/// a prior draw (t = 0) or a particle drawn by weight and moved by a
/// component-wise Gaussian kernel with twice the population's weighted
/// variance (Beaumont et al. 2009), redrawn until inside the prior; the first
/// `population` proposals in index order with distance <= epsilon_t are kept
/// and weighted prior / sum_j w_j K(theta | theta_j) (Toni et al. 2009).
/// Proposal i of generation t draws from its own stream, and the distance
/// callback gets StreamKey{seed, n} with n the proposal's number over the
/// whole run, so the result is bit-identical on any number of threads.
/// Throws std::invalid_argument on bad parameters or options.
AbcResult abc_smc(const std::vector<Parameter>& parameters, const AbcDistance& distance,
                  const AbcOptions& options = {});

/// Returns the weighted q-quantile (0 <= q <= 1) of `values`: the smallest
/// value whose cumulative normalised weight reaches q; e.g. values {1, 2, 3}
/// with weights {1, 1, 2} have median 2. Weights must be >= 0, not all 0.
double weighted_quantile(const std::vector<double>& values, const std::vector<double>& weights,
                         double q);

/// A parameter's weighted posterior median and central interval.
struct PosteriorSummary {
  double median = 0.0;
  Interval interval;  ///< from the (1 - level) / 2 and (1 + level) / 2 quantiles
};

/// Returns the median and central `level` interval (0.9: the 5% and 95%
/// weighted quantiles) of parameter `parameter` in a generation.
PosteriorSummary summarise(const AbcGeneration& generation, std::size_t parameter,
                           double level = 0.9);

}  // namespace samen::uncertainty

// Random streams and small helpers shared by the uncertainty sources.
#pragma once

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "samen/core/random.hpp"
#include "samen/survey/intervals.hpp"

namespace samen::uncertainty::detail {

/// What an uncertainty stream is drawn for: the `sub` of Purpose::uncertainty,
/// so that a design and a bootstrap from the same seed never share numbers.
enum class Draw : std::uint32_t {
  latin_hypercube = 1,   ///< entity = dimension
  morris = 2,            ///< entity = candidate trajectory
  morris_bootstrap = 3,  ///< entity = resample
  sobol_bootstrap = 4,   ///< entity = resample
  abc_proposal = 5,      ///< entity = proposal within the generation, week = generation
  posterior_draw = 6,    ///< entity = draw (samen calibrate's predictive check)
  batch_posterior = 7,   ///< entity 0: the draws a batch or sweep runs under (--posterior)
};

/// Returns the stream for (seed, what, entity, week).
inline Stream stream(std::uint32_t seed, Draw what, std::uint32_t entity, std::uint32_t week = 0) {
  return Stream(StreamKey{seed, 0}, Purpose::uncertainty, entity, week,
                static_cast<std::uint32_t>(what));
}

/// Returns i as a stream entity; throws when it does not fit in 32 bits.
inline std::uint32_t entity(std::size_t i, const char* what) {
  if (i > 0xFFFFFFFFu)
    throw std::invalid_argument(std::string(what) + ": more than 2^32 draws are not supported");
  return static_cast<std::uint32_t>(i);
}

/// Returns the q-quantile (0-1) of sorted values, interpolating linearly
/// between order statistics (type 7 of Hyndman & Fan 1996).
double quantile_sorted(const std::vector<double>& sorted, double q);

/// Returns the central `level` percentile interval of `values` (e.g. 0.95:
/// the 2.5% and 97.5% quantiles).
Interval percentile_interval(std::vector<double> values, double level);

/// Returns x as short text for messages ("0.25", "1e-06").
std::string number(double x);

/// Throws std::invalid_argument from `who` unless 0 < level < 1.
void check_level(double level, const char* who);

}  // namespace samen::uncertainty::detail

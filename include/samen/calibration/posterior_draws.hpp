// Posterior draws for batches and sweeps: K parameter sets chosen from the
// weighted particles of a `samen calibrate` output, so that each replicate
// runs under one of them and a comparison's intervals carry parameter
// uncertainty as well as stochastic noise.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "samen/uncertainty/abc_smc.hpp"

namespace samen {

/// K draws from a calibration's posterior, and what they came from.
struct PosteriorDraws {
  std::string path;                     ///< the calibration file as given
  std::string sha256;                   ///< SHA-256 of the file's content
  std::vector<std::string> names;       ///< the calibrated keys, in the file's order
  std::vector<std::uint32_t> particle;  ///< per draw, the particle of the last generation
  uncertainty::Matrix values;           ///< draws x keys, the values a replicate runs under

  std::uint32_t draws() const { return static_cast<std::uint32_t>(particle.size()); }
  /// The draw replicate r runs under: r mod K.
  std::uint32_t draw_of(std::uint32_t replicate) const { return replicate % draws(); }
  /// Draw d as key=value overrides (values written exactly, exact_text).
  std::vector<std::string> overrides(std::uint32_t draw) const;
};

/// Chooses `draws` (K >= 1) parameter sets from the last generation of the
/// calibration file `path` by systematic resampling on the particles' weights
/// (one uniform offset, so particle i is chosen floor or ceil of K w_i times;
/// with K above the number of particles, particles repeat), then shuffles
/// them, so that any first R draws are a fair sample too. Both random steps
/// use the uncertainty stream (seed, Draw::batch_posterior): the choice is a
/// pure function of the file, K and the seed. Values are clamped to the
/// calibration's prior ranges, as the calibration simulated them. Throws
/// ConfigError naming the file and what is wrong: not readable or not HDF5,
/// not written by samen calibrate, weights that are negative, not finite or
/// all zero, or a key this version of samen does not declare.
PosteriorDraws draw_posterior(const std::string& path, std::uint32_t draws, std::uint32_t seed);

/// Throws ConfigError when an override in `overrides` (key=value lines)
/// sets a key the posterior sets, naming `what` (e.g. "--set") and the key.
void check_no_overlap(const PosteriorDraws& posterior, const std::vector<std::string>& keys,
                      const std::string& what);

}  // namespace samen

// samen calibrate: ABC-SMC of dynamic rates against the survey figures the
// baseline's steady state produces, the posterior written to one HDF5 file
// and checked by posterior-predictive simulation.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "samen/calibration/calibration_file.hpp"
#include "samen/uncertainty/abc_smc.hpp"

namespace samen {

/// The posterior-predictive check: K draws from the last generation by
/// weight, each run once more with fresh streams.
struct PredictiveCheck {
  std::vector<std::string> figures;  ///< every survey figure the model answers
  std::vector<double> survey;        ///< per figure, the survey's value
  std::vector<double> low, high;     ///< per figure, the survey's 95% interval
  std::vector<bool> calibrated;      ///< per figure, a summary statistic of the fit
  uncertainty::Matrix draws;         ///< draws x parameters, the values run
  uncertainty::Matrix model;         ///< draws x figures, the model's values (NaN: no answer)
  /// Per draw, how many figures fell inside their interval, of the calibrated
  /// ones and of all.
  std::vector<int> within_calibrated, within_all;
};

/// A finished calibration.
struct Calibration {
  CalibrationFile file;
  std::string identity;  ///< what the result depends on, as text
  std::string digest;    ///< SHA-256 of `identity`, in hex
  std::string config;    ///< the scenario's INI text with the `set` lines applied
  std::uint32_t seed = 0;
  std::vector<double> survey, se;  ///< per summary figure, the survey's value and standard error
  uncertainty::AbcResult abc;
  PredictiveCheck check;
};

/// Runs the calibration. Proposal n (over the whole run) simulates one
/// field generated with streams (seed, n) under the scenario with the
/// proposal's values; its distance is the sum over the figures of
/// ((model - survey) / survey standard error)^2, NaN (rejected) when a figure
/// gets no answer. Proposals run in parallel; the result is a pure function
/// of the file and the scenario, on any number of threads. `progress` is
/// called after each generation and each predictive draw, one call at a time.
Calibration run_calibration(const CalibrationFile& file,
                            const std::function<void(const std::string&)>& progress = {});

/// Writes `c` to `path` atomically (layout: docs/uncertainty.md).
void write_calibration(const std::string& path, const Calibration& c);

/// A posterior read back from a calibration file.
struct Posterior {
  std::string path;
  std::vector<uncertainty::Parameter> parameters;
  uncertainty::Matrix particles;  ///< population x parameters
  std::vector<double> weights;
};

/// Reads the last generation of a calibration file; throws h5::Error naming
/// the file and what is missing.
Posterior read_posterior(const std::string& path);

}  // namespace samen

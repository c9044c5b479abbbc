// The HDF5 file of a finished sweep (layout: docs/uncertainty.md), written by
// samen sweep and read by samen sensitivity and samen robustness.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "samen/analysis/compare.hpp"
#include "samen/uncertainty/design.hpp"
#include "samen/uncertainty/sweep_results.hpp"

namespace samen {

/// A sweep's results: the design and, per outcome, block means shaped
/// [point][scenario][replicate][block] (block fastest).
struct SweepData {
  std::string path;
  std::string name;
  std::string sweep_text;  ///< the sweep file as read
  std::string identity;    ///< what the results depend on (see run_sweep)
  std::string digest;      ///< SHA-256 of `identity`, in hex
  uncertainty::Design design;
  uncertainty::Matrix values;          ///< points x parameters, the values the runs used
  std::vector<bool> integer;           ///< per parameter: rounded to whole numbers
  std::vector<std::string> scenarios;  ///< names, the baseline first
  std::vector<std::string> labels;     ///< names for figures
  std::vector<std::string> configs;    ///< each scenario's INI text without the design's keys
  std::uint32_t seed = 0;              ///< run.seed: replicate r draws from streams (seed, r)
  std::uint32_t replicates = 0;
  std::uint32_t weeks = 0;
  std::uint32_t burn_in_weeks = 0;
  std::uint32_t block_weeks =
      0;  ///< block b holds weeks b * block_weeks + 1 .. (b + 1) * block_weeks
  /// Under --posterior: the calibration file (path as given, content
  /// SHA-256, "": none), K, and per replicate the draw it ran under at every
  /// point (/posterior, as in run files).
  std::string posterior_path;
  std::string posterior_sha256;
  std::uint32_t posterior_draws = 0;
  PosteriorRecord posterior;
  std::vector<std::string> outcomes;                ///< in name order
  std::map<std::string, std::vector<double>> cube;  ///< by outcome

  std::size_t points() const { return design.points(); }
  std::size_t blocks() const { return block_weeks ? weeks / block_weeks : 0; }
  /// Returns the index of a scenario by name; throws ConfigError naming the
  /// file and the scenarios it holds when there is none.
  std::size_t scenario_index(const std::string& scenario) const;
  /// Returns an outcome's means over `window` per [point][scenario][replicate].
  /// The window must cover whole blocks; throws ConfigError otherwise, naming
  /// the windows allowed.
  uncertainty::SweepResults window_means(const std::string& outcome, WeekWindow window) const;
  /// Throws ConfigError naming the windows allowed unless `window` covers
  /// whole blocks of recorded weeks.
  void check_window(WeekWindow window) const;
  /// Returns the default window: the last block.
  WeekWindow last_block() const;
};

/// Writes `data` to `path` atomically (written aside, then renamed).
void write_sweep_data(const std::string& path, const SweepData& data);

/// Reads a sweep file; throws h5::Error naming the file and what is missing or
/// of the wrong shape (e.g. a run file of samen batch given by mistake).
SweepData read_sweep_data(const std::string& path);

}  // namespace samen

// Sweep files: a baseline and policy options compared at every point of a
// design over declared parameters (samen sweep).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "samen/uncertainty/design.hpp"

namespace samen {

/// A parsed sweep file; scenario paths are resolved relative to the sweep file.
struct SweepFile {
  std::string path;
  std::string text;                    ///< the file as read, kept in the output
  std::string name;                    ///< `name`, default: the file's stem
  std::string baseline;                ///< `baseline = file.ini`
  std::vector<std::string> scenarios;  ///< `scenario = file.ini`, repeatable
  unsigned replicates = 2;             ///< `replicates`
  std::vector<std::string> overrides;  ///< `set = key=value`, repeatable, for every scenario
  uncertainty::DesignKind design = uncertainty::DesignKind::morris;  ///< `design`
  std::size_t points = 0;                                            ///< `points` (lhs, sobol)
  std::size_t levels = 0;          ///< `levels` (grid: per parameter; morris: p, default 4)
  std::size_t trajectories = 0;    ///< `trajectories` (morris r)
  std::size_t candidates = 0;      ///< `candidates` (morris, 0: keep the first r)
  std::size_t base_samples = 0;    ///< `base_samples` (saltelli N)
  std::uint32_t design_seed = 1;   ///< `seed`: the design's own draws (lhs, morris)
  std::uint32_t block_weeks = 52;  ///< `block_weeks`: outcomes are kept as means over blocks
  /// `parameter = NAME [LOW HIGH] [linear|log]`, repeatable: the ranges are
  /// filled in from the declarations (the plausible range of an assumption)
  /// and checked against each parameter's allowed range.
  std::vector<uncertainty::Parameter> parameters;
  std::vector<bool> integer;  ///< per parameter: an integer key (values are rounded)

  /// Reads `path`: lines `key = value` as in batch files. Throws ConfigError
  /// naming the file, line and key for unknown keys (with the nearest key), a
  /// key given twice, a key that does not apply to the design, bad values, a
  /// missing baseline or design, an unknown or unsweepable parameter, or a
  /// range outside the parameter's allowed range.
  static SweepFile load(const std::string& path);

  /// Returns the design's points (in the unit cube) and parameters.
  uncertainty::Design make_design() const;
};

/// Parses the value of a `parameter = NAME [LOW HIGH] [linear|log]` line (of
/// a sweep or calibration file): the range defaults to the parameter's
/// declared plausible range and must lie within its allowed range. Sets
/// `integer` for an integer key. Throws ConfigError starting with `where`.
uncertainty::Parameter parse_parameter_line(const std::string& where, const std::string& value,
                                            bool& integer);

/// Returns the `--set` overrides that put design point `point` of `design`
/// into a scenario ("key=value", values written to round-trip; integer keys
/// rounded to the nearest whole number).
std::vector<std::string> point_overrides(const SweepFile& sweep, const uncertainty::Design& design,
                                         std::size_t point);

}  // namespace samen

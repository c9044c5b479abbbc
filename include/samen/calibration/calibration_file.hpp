// Calibration files: which rates samen calibrate fits to which survey
// figures, over how long a steady state, with what ABC-SMC schedule.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "samen/calibration/steady_state.hpp"
#include "samen/uncertainty/abc_smc.hpp"
#include "samen/uncertainty/design.hpp"

namespace samen {

/// A parsed calibration file; the scenario path is resolved relative to it.
struct CalibrationFile {
  std::string path;
  std::string text;                    ///< the file as read, kept in the output
  std::string name;                    ///< `name`, default: the file's stem
  std::string scenario;                ///< `scenario = file.ini`
  std::vector<std::string> overrides;  ///< `set = key=value`, repeatable
  /// `parameter = NAME [LOW HIGH] [linear|log]`, repeatable; uniform priors
  /// (log-uniform on a log scale). Default: every rate whose declaration says
  /// it is "tuned to" a survey figure (the dynamic rates no figure fixes
  /// directly), over its plausible range, on a log scale.
  std::vector<uncertainty::Parameter> parameters;
  /// `figure = ID`, repeatable: the summary statistics. Default: the figures
  /// the parameters are declared "tuned to".
  std::vector<std::string> figures;
  /// `burn_in_weeks` (default: the scenario's run.burn_in_weeks),
  /// `measure_weeks` (default 52), `survey_every` (default 13).
  SteadyStateWindow window{0, 52, 13};
  bool burn_in_given = false;
  /// `population`, `generations`, `quantile` (adaptive schedule) or
  /// `tolerances = e0 e1 ...` (fixed), `batch`, `max_proposals`,
  /// `min_acceptance`, `seed` (default: the scenario's run.seed).
  uncertainty::AbcOptions abc;
  bool seed_given = false;
  std::size_t draws = 20;  ///< `draws`: posterior draws of the predictive check

  /// Reads `path`: lines `key = value`. Throws ConfigError naming the file,
  /// line and key for unknown keys (with the nearest), a key given twice,
  /// bad values, a missing scenario, an unknown parameter or figure, a
  /// parameter that is not real or is both calibrated and set, `tolerances`
  /// with `generations` or `quantile`, and figures the parameters do not name
  /// when no `figure` line is given.
  static CalibrationFile load(const std::string& path);
};

/// Returns the rates declared "tuned to" a survey figure, in declaration
/// order, with that figure: the default parameters of a calibration.
std::vector<std::pair<std::string, std::string>> tuned_rates();

}  // namespace samen

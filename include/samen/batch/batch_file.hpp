// Batch files: a list of scenarios (a baseline and policy options) to run
// side by side with common random numbers.
#pragma once

#include <string>
#include <vector>

namespace samen {

/// A parsed batch file; paths are resolved relative to the batch file.
struct BatchFile {
  std::string path;
  std::string name;                    ///< `name`, default: the file's stem
  std::string baseline;                ///< `baseline = file.ini`
  std::vector<std::string> scenarios;  ///< `scenario = file.ini`, repeatable
  unsigned replicates = 20;            ///< `replicates` (or `run.replicates`)
  /// Run settings for every scenario ("run.weeks=52"), from `run.weeks`,
  /// `run.burn_in_weeks`, `run.seed` and `run.survey_every` lines; --set on
  /// the command line goes after them, so it wins.
  std::vector<std::string> settings;

  /// Reads `path`: lines `key = value` with keys name, baseline, scenario
  /// (repeatable), replicates and the run settings above; `#`/`;` comments.
  /// Throws ConfigError naming the file, line and key for unknown keys (with
  /// the nearest key), a key given twice, bad values, a name that is not a
  /// plain file name, a missing baseline, two scenarios with the same name, or
  /// a path that is a directory.
  static BatchFile load(const std::string& path);
};

}  // namespace samen

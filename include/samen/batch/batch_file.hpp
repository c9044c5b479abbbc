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
  unsigned replicates = 20;            ///< `replicates`

  /// Reads `path`: lines `key = value` with keys name, baseline, scenario
  /// (repeatable) and replicates; `#`/`;` comments. Throws ConfigError naming
  /// the file, line and key for unknown keys (with the nearest key), bad
  /// values, a missing baseline, or two scenarios with the same name.
  static BatchFile load(const std::string& path);
};

}  // namespace samen

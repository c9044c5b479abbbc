// What build this is: version, source revision and source folder. Defined in a
// file CMake generates, so a new revision recompiles one file, not every file.
#pragma once

#include <string>

namespace samen::build {

/// The project version, e.g. "0.4.0".
const std::string& version();
/// The short git revision of the source tree when the build was configured, or "unknown".
const std::string& revision();
/// The source folder the build was configured from (scenarios, analysis scripts).
const std::string& source_dir();

}  // namespace samen::build

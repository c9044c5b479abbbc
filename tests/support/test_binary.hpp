// The samen command the CLI tests run, as built beside them.
#pragma once

#include <string>

/// The path of the samen binary of this build.
const std::string& samen_binary();

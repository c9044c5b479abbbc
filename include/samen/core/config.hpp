// Reads scenario INI files (with `base = other.ini` inheritance) and
// command-line `--set key=value` overrides into validated ParamValues.
#pragma once

#include <string>
#include <vector>

#include "samen/core/parameters.hpp"

namespace samen {

/// A scenario resolved from its INI file chain and overrides.
struct Scenario {
  std::string name;                ///< file stem of the top-level config, e.g. "baseline"
  std::string path;                ///< path of the top-level config as given
  std::vector<std::string> chain;  ///< files read, base first
  ParamValues values;
};

/// Loads `path` and, recursively, the file named by its `base` key (resolved
/// relative to the including file), applies `overrides` ("key=value" strings,
/// origin "--set"), and validates every value. Keys are `section.key` when the
/// INI file uses `[section]` headers. Throws ConfigError naming the file and
/// key on unreadable files, syntax errors, cycles of `base`, unknown keys (with
/// the nearest known key suggested) and out-of-range or mistyped values.
Scenario load_scenario(const std::string& path, const ParamRegistry& registry,
                       const std::vector<std::string>& overrides = {});

/// Applies "key=value" overrides to `values`; throws ConfigError on malformed
/// text ("expected key=value"), unknown keys and bad values.
void apply_overrides(ParamValues& values, const std::vector<std::string>& overrides);

/// Renders the registry as the Markdown reference `docs/scenarios.md`.
std::string render_parameter_docs(const ParamRegistry& registry);

/// Renders the registry's assumptions as one Markdown table (section 4.1 of
/// docs/model.md): key, default, plausible range, unit and reasoning.
std::string render_assumption_docs(const ParamRegistry& registry);

/// Renders the registry as plain-text help (one block per parameter).
std::string render_parameter_help(const ParamRegistry& registry);

}  // namespace samen

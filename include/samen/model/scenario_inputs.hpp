// Resolves what a scenario needs beyond its parameters: the survey targets
// file and the run's stream key.
#pragma once

#include <string>

#include "samen/core/config.hpp"
#include "samen/core/random.hpp"
#include "samen/survey/targets.hpp"

namespace samen {

/// Returns the path of a file-valued key: relative to the config file that
/// set it, to the top-level config for defaults, or as given for --set.
std::string resolve_file_key(const Scenario& scenario, const std::string& key);

/// Loads the survey targets named by `survey.targets`; errors name the key.
SurveyTargets load_scenario_targets(const Scenario& scenario);

}  // namespace samen

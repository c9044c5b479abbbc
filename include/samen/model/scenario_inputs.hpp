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

/// Returns the scenario's name for figures and reports: its `scenario.label` when the
/// top-level file or --set gives one, else the file stem (scenario.name). A
/// label inherited through `base` is ignored, so an option built on the
/// baseline's file is not called by the baseline's name.
std::string scenario_label(const Scenario& scenario);

/// Loads the survey targets named by `survey.targets`; errors name the key.
SurveyTargets load_scenario_targets(const Scenario& scenario);

}  // namespace samen

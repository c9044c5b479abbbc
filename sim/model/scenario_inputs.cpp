#include "samen/model/scenario_inputs.hpp"

#include <filesystem>
#include <stdexcept>

namespace samen {

std::string resolve_file_key(const Scenario& scenario, const std::string& key) {
  namespace fs = std::filesystem;
  const std::string value = scenario.values.text(key);
  if (fs::path(value).is_absolute()) return value;
  const std::string& origin = scenario.values.origin(key);
  if (origin == "--set") return value;
  const fs::path base = origin == "default" ? fs::path(scenario.path) : fs::path(origin);
  return (base.parent_path() / value).lexically_normal().string();
}

std::string scenario_label(const Scenario& scenario) {
  const std::string& label = scenario.values.text("scenario.label");
  const std::string& origin = scenario.values.origin("scenario.label");
  if (label.empty() || (origin != scenario.path && origin != "--set")) return scenario.name;
  return label;
}

SurveyTargets load_scenario_targets(const Scenario& scenario) {
  const std::string path = resolve_file_key(scenario, "survey.targets");
  try {
    return SurveyTargets::load(path);
  } catch (const std::exception& e) {
    throw ConfigError(scenario.path + ": key 'survey.targets': " + e.what());
  }
}

}  // namespace samen

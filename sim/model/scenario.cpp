#include "samen/model/scenario.hpp"

namespace samen {

ModelScenario load_model_scenario(const std::string& path,
                                  const std::vector<std::string>& overrides) {
  ModelScenario scenario{load_scenario(path, model_parameters(), overrides), {}};
  scenario.params = ModelParams::from(scenario.values);
  return scenario;
}

}  // namespace samen

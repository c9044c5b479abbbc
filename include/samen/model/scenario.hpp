// A scenario file resolved into typed, checked model parameters.
#pragma once

#include <string>
#include <vector>

#include "samen/core/config.hpp"
#include "samen/model/parameters.hpp"

namespace samen {

/// A scenario as text (files read, every value with where it was set) and as
/// typed parameters.
struct ModelScenario : Scenario {
  ModelParams params;
};

/// Loads `path` (with its `base` files) and `overrides` (--set key=value)
/// against the model's declarations and checks the rules across keys; throws
/// ConfigError naming the file, line and key of anything wrong. E.g.
/// `load_model_scenario("scenarios/baseline.ini", {"run.weeks=52"})`.
ModelScenario load_model_scenario(const std::string& path,
                                  const std::vector<std::string>& overrides = {});

}  // namespace samen

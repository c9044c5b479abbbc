// The model's parameter declarations: the one place every config key is defined.
#pragma once

#include "samen/core/parameters.hpp"

namespace samen {

/// Returns the registry of every model parameter (built once, immutable).
const ParamRegistry& model_parameters();

}  // namespace samen

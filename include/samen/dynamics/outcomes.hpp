// The outcome registry: every recorded outcome's name, unit, meaning and
// computation, declared once; the HDF5 writer and docs/outputs.md derive from it.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "samen/dynamics/simulation.hpp"

namespace samen {

/// Returns the tally of the simulation's families, as its last step (or its
/// construction) counted them.
FamilyTally tally_families(const Simulation& sim);

/// Which way an outcome should move for families and projects to be better off.
enum class Better { higher, lower, neither };

/// Returns "higher", "lower" or "neither".
const char* to_string(Better better);

/// One outcome: what it is and how to compute it from the simulation's state
/// after a week (and that week's events).
struct OutcomeSpec {
  std::string name;
  /// A few plain words for figure titles and reports, e.g. "Migrant families
  /// reached"; the unit is added where it is shown (shares as percentages).
  std::string label;
  Better better = Better::neither;
  std::string unit;
  std::string description;
  std::function<double(const Simulation&, const FamilyTally&)> compute;
};

/// Returns every outcome, in output order.
const std::vector<OutcomeSpec>& outcome_registry();

/// Computes every outcome of the registry for the simulation's current week.
std::vector<double> compute_outcomes(const Simulation& sim);

/// Renders the registry as a Markdown table (for docs/outputs.md).
std::string render_outcome_docs();

}  // namespace samen

// Scenario discovery with PRIM, the patient rule induction method (Friedman &
// Fisher 1999): find a box of inputs where a case of interest is concentrated.
#pragma once

#include <cstddef>
#include <vector>

#include "samen/uncertainty/design.hpp"

namespace samen::uncertainty {

/// Options of PRIM.
struct PrimOptions {
  double alpha = 0.05;        ///< share of the box's points one peel removes (0 < alpha < 1)
  double min_support = 0.05;  ///< smallest mass (share of all points) a box may keep
  bool paste = true;          ///< grow the selected box back while its density rises
};

/// A box [low_j, high_j] on every input, with what it holds.
struct PrimBox {
  std::vector<double> low, high;
  std::size_t points = 0;  ///< points inside
  std::size_t cases = 0;   ///< points inside with y = 1
  double coverage = 0.0;   ///< cases inside / all cases
  double density = 0.0;    ///< cases inside / points inside
  double mass = 0.0;       ///< points inside / all points
};

/// One input a box restricts, with its bounds (the data's range where a side
/// is not restricted).
struct Restriction {
  std::size_t dimension = 0;
  double low = 0.0;
  double high = 0.0;
  bool low_restricted = false;   ///< low lies above the data's minimum
  bool high_restricted = false;  ///< high lies below the data's maximum
};

/// The outcome of PRIM.
struct PrimResult {
  /// The peeling trajectory: step 0 is the whole data, each later step one peel.
  std::vector<PrimBox> trajectory;
  std::size_t selected = 0;             ///< index of the chosen step in `trajectory`
  PrimBox box;                          ///< the chosen box, after pasting when asked
  std::vector<Restriction> restricted;  ///< inputs `box` restricts, by dimension
};

/// Runs PRIM on inputs x (n points x k inputs) and y (0 or 1 per point; 1 is
/// the case of interest). Each peel removes about alpha of the box's points
/// from the lower or upper side of one input, whichever leaves the highest
/// density (ties: the smaller removal), until no peel keeps min_support.
/// Selection: the step with the highest coverage x density (ties: the larger
/// box). Growing a box by points of density rho raises that product while rho
/// exceeds half the box's density, so the chosen box stops where the cases
/// thin out, and is not the small, noisy, densest box deep in the trajectory.
/// Pasting then adds about alpha of its points on one side at a time while
/// that raises the density. Throws std::invalid_argument on bad shapes, y
/// other than 0 or 1, no case at all, or options out of range.
PrimResult prim(const Matrix& x, const std::vector<int>& y, const PrimOptions& options = {});

/// Returns the inputs `box` restricts compared with `whole` (the data's range,
/// trajectory[0] of a PrimResult); e.g. to list the limits of another step.
std::vector<Restriction> restrictions(const PrimBox& box, const PrimBox& whole);

}  // namespace samen::uncertainty

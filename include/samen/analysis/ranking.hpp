// Orders policy options by what they achieve on one outcome for the extra
// professional hours they cost, with a rule that stays meaningful when an
// option worsens the outcome or costs nothing.
#pragma once

#include <string>
#include <vector>

#include "samen/analysis/compare.hpp"
#include "samen/dynamics/outcomes.hpp"

namespace samen {

/// Where an option falls under the ranking rule, in ranking order.
enum class RankGroup {
  dominant,        ///< clearly improves the outcome at no extra professional hours (or fewer)
  cost_effective,  ///< clearly improves it at extra hours; ordered by gain per 1000 hours
  unclear,         ///< no clear change: the 95% interval includes zero
  worsens,         ///< clearly worsens the outcome
};

/// Returns a short phrase for the group, e.g. "improves at no extra cost".
const char* to_string(RankGroup group);

/// One option's place in the ranking.
struct RankedOption {
  unsigned rank = 0;  ///< 1 = best
  std::string option;
  RankGroup group = RankGroup::unclear;
  double change = 0.0;  ///< mean paired difference of the outcome (option - baseline)
  double ci_low = 0.0;  ///< its 95% interval (NaN with fewer than 2 replicates)
  double ci_high = 0.0;
  double extra_hours = 0.0;     ///< mean paired difference in professional hours a week
  double per_1000_hours = 0.0;  ///< 1000 * change / extra_hours; NaN when extra_hours <= 0
  unsigned replicates = 0;
};

/// Ranks every option of `rows` (rows of compare_runs, which must hold the
/// option's row for `outcome` and for professional_hours) by `outcome`, where
/// `better` says which way is an improvement (neither: treated as higher).
/// Groups come in the order of RankGroup. Within them: dominant options by
/// their gain, then by fewer hours; cost-effective ones by gain per 1000 extra
/// hours; unclear ones by their point estimate's gain; worsening ones by the
/// least harm. "Clearly" means the 95% interval excludes zero (with fewer than
/// 2 replicates, the point estimate decides). Throws std::invalid_argument
/// when an option lacks either row.
std::vector<RankedOption> rank_options(const std::vector<ComparisonRow>& rows,
                                       const std::string& outcome, Better better);

/// Returns the ranking rule in a few plain sentences (for screens and reports).
std::string ranking_rule(Better better);

}  // namespace samen

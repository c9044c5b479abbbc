#include "samen/analysis/ranking.hpp"
#include "samen/core/numbers.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <stdexcept>

namespace samen {
namespace {

// Sorts NaN last when ordering from high to low.
bool higher_first(double a, double b) {
  if (std::isnan(a) || std::isnan(b)) return !std::isnan(a) && std::isnan(b);
  return a > b;
}

}  // namespace

const char* to_string(RankGroup group) {
  switch (group) {
    case RankGroup::dominant:
      return "improves at no extra cost";
    case RankGroup::cost_effective:
      return "improves at extra cost";
    case RankGroup::unclear:
      return "no clear change";
    case RankGroup::worsens:
      return "worsens";
  }
  return "no clear change";
}

std::vector<RankedOption> rank_options(const std::vector<ComparisonRow>& rows,
                                       const std::string& outcome, Better better) {
  std::vector<std::string> order;  // options in the order of `rows`
  std::set<std::string> seen;
  std::map<std::string, const ComparisonRow*> effect, hours;
  for (const auto& r : rows) {
    if (seen.insert(r.option).second) order.push_back(r.option);
    if (r.outcome == outcome) effect[r.option] = &r;
    if (r.outcome == "professional_hours") hours[r.option] = &r;
  }
  const double sign = better == Better::lower ? -1.0 : 1.0;
  std::vector<RankedOption> ranked;
  for (const auto& option : order) {
    if (!effect.count(option) || !hours.count(option))
      throw std::invalid_argument("ranking: option '" + option + "' has no row for '" +
                                  (effect.count(option) ? "professional_hours" : outcome) + "'");
    const auto& d = effect[option]->diff;
    RankedOption o;
    o.option = option;
    o.change = d.mean;
    o.ci_low = d.ci_low;
    o.ci_high = d.ci_high;
    o.replicates = d.n;
    o.extra_hours = hours[option]->diff.mean;
    o.per_1000_hours = o.extra_hours > 0.0 ? 1000.0 * o.change / o.extra_hours : kNaN;
    // The interval decides whether the change is clear; without one, the
    // point estimate has to.
    const bool has_interval = !std::isnan(d.ci_low) && !std::isnan(d.ci_high);
    const double gain = sign * d.mean;
    const bool clearly_better =
        has_interval ? (sign > 0 ? d.ci_low > 0.0 : d.ci_high < 0.0) : gain > 0.0;
    const bool clearly_worse =
        has_interval ? (sign > 0 ? d.ci_high < 0.0 : d.ci_low > 0.0) : gain < 0.0;
    if (clearly_better && o.extra_hours <= 0.0)
      o.group = RankGroup::dominant;
    else if (clearly_better && o.extra_hours > 0.0)
      o.group = RankGroup::cost_effective;
    else if (clearly_worse)
      o.group = RankGroup::worsens;
    else
      o.group = RankGroup::unclear;  // also an improvement whose hours are unknown (NaN)
    ranked.push_back(o);
  }
  std::stable_sort(ranked.begin(), ranked.end(), [&](const RankedOption& a, const RankedOption& b) {
    if (a.group != b.group) return a.group < b.group;
    const double ga = sign * a.change, gb = sign * b.change;
    switch (a.group) {
      case RankGroup::dominant:
        if (ga != gb) return higher_first(ga, gb);
        return a.extra_hours < b.extra_hours;
      case RankGroup::cost_effective:
        return higher_first(sign * a.per_1000_hours, sign * b.per_1000_hours);
      case RankGroup::unclear:
      case RankGroup::worsens:
        return higher_first(ga, gb);
    }
    return false;
  });
  for (std::size_t k = 0; k < ranked.size(); ++k) ranked[k].rank = static_cast<unsigned>(k + 1);
  return ranked;
}

std::string ranking_rule(Better better) {
  const std::string way =
      better == Better::lower
          ? "a decrease is an improvement"
          : (better == Better::higher ? "an increase is an improvement"
                                      : "no direction is better, so an increase is ranked as one");
  return "For this outcome " + way +
         ". An option changes it clearly when the 95% interval of its paired difference excludes "
         "zero. Options that clearly improve it without extra professional hours (or with fewer) "
         "come first, largest gain first. Next come options that clearly improve it at extra "
         "hours, ordered by the gain per 1,000 extra professional hours. Then options without a "
         "clear change, by their point estimate, and last those that clearly worsen it, least "
         "harm first. The ratio orders only the options that clearly improve the outcome at "
         "extra cost: for a loss, or at zero or negative cost, it would mislead (a larger loss "
         "at a larger cost gives a ratio closer to zero).";
}

}  // namespace samen

#include <catch2/catch.hpp>
#include <cmath>

#include "samen/analysis/ranking.hpp"

namespace {

// Rows of one option as compare_runs gives them: `outcome` changes by `mean`
// with the interval [low, high]; professional hours change by `hours`.
std::vector<samen::ComparisonRow> option(const std::string& name, double mean, double low,
                                         double high, double hours) {
  samen::ComparisonRow effect;
  effect.option = name;
  effect.outcome = "families_reached";
  effect.diff = {20, mean, 1.0, low, high, 0.0};
  samen::ComparisonRow cost;
  cost.option = name;
  cost.outcome = "professional_hours";
  cost.diff = {20, hours, 1.0, hours - 1.0, hours + 1.0, 0.0};
  return {effect, cost};
}

std::vector<samen::ComparisonRow> join(std::initializer_list<std::vector<samen::ComparisonRow>> l) {
  std::vector<samen::ComparisonRow> out;
  for (const auto& part : l) out.insert(out.end(), part.begin(), part.end());
  return out;
}

std::vector<std::string> order(const std::vector<samen::RankedOption>& ranked) {
  std::vector<std::string> out;
  for (const auto& r : ranked) out.push_back(r.option);
  return out;
}

}  // namespace

TEST_CASE("ranking: free improvements first, then gain per hour, unclear, then losses",
          "[analysis][ranking]") {
  // cheap: +10 families for 100 h = 100 per 1000 h; dear: +30 for 600 h = 50 per 1000 h;
  // free: +2 at no extra hours; saving: +1 with 50 hours fewer; noisy: +40 but the interval
  // includes 0; harmful: -5 clearly; harmful_free: -1 clearly, at no cost.
  const auto rows = join({option("dear", 30, 20, 40, 600), option("noisy", 40, -5, 85, 300),
                          option("harmful", -5, -8, -2, 200), option("cheap", 10, 6, 14, 100),
                          option("free", 2, 1, 3, 0), option("saving", 1, 0.5, 1.5, -50),
                          option("harmful_free", -1, -1.5, -0.5, 0)});
  const auto ranked = samen::rank_options(rows, "families_reached", samen::Better::higher);
  CHECK(order(ranked) == std::vector<std::string>{"free", "saving", "cheap", "dear", "noisy",
                                                  "harmful_free", "harmful"});
  CHECK(ranked[0].group == samen::RankGroup::dominant);
  CHECK(ranked[1].group == samen::RankGroup::dominant);
  CHECK(ranked[2].group == samen::RankGroup::cost_effective);
  CHECK(ranked[2].per_1000_hours == Approx(100.0));
  CHECK(ranked[3].per_1000_hours == Approx(50.0));
  CHECK(ranked[4].group == samen::RankGroup::unclear);
  CHECK(ranked[5].group == samen::RankGroup::worsens);
  CHECK(ranked[6].group == samen::RankGroup::worsens);
  // Zero or negative extra hours: no ratio, rather than a division by zero or a
  // negative ratio that would sort a free option below a costly one.
  CHECK(std::isnan(ranked[0].per_1000_hours));
  CHECK(std::isnan(ranked[1].per_1000_hours));
  for (std::size_t k = 0; k < ranked.size(); ++k) CHECK(ranked[k].rank == k + 1);
}

TEST_CASE("ranking: a loss at high cost is not ranked above a loss at low cost by its ratio",
          "[analysis][ranking]") {
  // Per 1000 hours: big_loss_dear = -10 / 1000 h = -10, small_loss_cheap = -2 / 100 h = -20.
  // Ranking by the ratio would put the bigger loss first; the rule ranks least harm first.
  const auto rows = join(
      {option("big_loss_dear", -10, -12, -8, 1000), option("small_loss_cheap", -2, -3, -1, 100)});
  const auto ranked = samen::rank_options(rows, "families_reached", samen::Better::higher);
  CHECK(order(ranked) == std::vector<std::string>{"small_loss_cheap", "big_loss_dear"});
  CHECK(ranked[0].per_1000_hours == Approx(-20.0));
}

TEST_CASE("ranking: for an outcome where lower is better, a decrease is the gain",
          "[analysis][ranking]") {
  // Weeks until care: -3 weeks for 100 h beats -4 weeks for 400 h (30 vs 10 weeks per 1000 h).
  auto rows = join({option("slow", -4, -5, -3, 400), option("quick", -3, -4, -2, 100),
                    option("worse", 2, 1, 3, 50)});
  for (auto& r : rows)
    if (r.outcome == "families_reached") r.outcome = "weeks_until_care";
  const auto ranked = samen::rank_options(rows, "weeks_until_care", samen::Better::lower);
  CHECK(order(ranked) == std::vector<std::string>{"quick", "slow", "worse"});
  CHECK(ranked[0].group == samen::RankGroup::cost_effective);
  CHECK(ranked[0].per_1000_hours == Approx(-30.0));  // the change itself keeps its sign
  CHECK(ranked[2].group == samen::RankGroup::worsens);
}

TEST_CASE("ranking: without intervals the point estimate decides; missing rows are named",
          "[analysis][ranking]") {
  const double nan = std::nan("");
  const auto rows = join({option("down", -1, nan, nan, 10), option("up", 1, nan, nan, 10),
                          option("flat", 0, nan, nan, 10)});
  const auto ranked = samen::rank_options(rows, "families_reached", samen::Better::higher);
  CHECK(order(ranked) == std::vector<std::string>{"up", "flat", "down"});
  CHECK(ranked[0].group == samen::RankGroup::cost_effective);
  CHECK(ranked[1].group == samen::RankGroup::unclear);
  CHECK(ranked[2].group == samen::RankGroup::worsens);

  auto partial = option("lonely", 1, 0.5, 1.5, 10);
  partial.pop_back();  // no professional_hours row
  CHECK_THROWS_WITH(samen::rank_options(partial, "families_reached", samen::Better::higher),
                    "ranking: option 'lonely' has no row for 'professional_hours'");
  CHECK_THAT(samen::ranking_rule(samen::Better::lower),
             Catch::Contains("a decrease is an improvement"));
}

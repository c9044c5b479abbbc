#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <functional>

#include "samen/analysis/compare.hpp"
#include "samen/core/parameters.hpp"
#include "samen/dynamics/outcomes.hpp"

namespace {

// A run file in memory: every outcome is `value(r, w)`, professional hours `hours(r)`.
samen::RunFile make_run(const std::string& scenario, const std::string& config, std::uint32_t seed,
                        const std::function<double(std::size_t, std::size_t)>& value,
                        const std::function<double(std::size_t)>& hours) {
  samen::RunFile run;
  run.path = scenario + ".h5";
  run.header = {scenario, config, seed, 0, 3, 4, 10, "", "", "", "", "", "", "", 0};
  for (const auto& o : samen::outcome_registry()) {
    samen::h5::Matrix m{3, 5, std::vector<double>(15)};
    for (std::size_t r = 0; r < 3; ++r)
      for (std::size_t w = 0; w < 5; ++w)
        m.values[r * 5 + w] = o.name == "professional_hours" ? hours(r) : value(r, w);
    run.outcomes[o.name] = m;
  }
  return run;
}

const char* kConfig =
    "# config\nfield.families = 1000\nrun.seed = 7\npolicy.consultation.enabled = false\n";

}  // namespace

TEST_CASE("paired statistics on a hand-computable case", "[analysis]") {
  const auto s = samen::paired_stats({1.0, 2.0, 3.0});
  CHECK(s.n == 3);
  CHECK(s.mean == Approx(2.0));
  CHECK(s.sd == Approx(1.0));
  // t(0.975, 2 df) = 4.302653
  CHECK(s.ci_low == Approx(2.0 - 4.302653 / std::sqrt(3.0)).epsilon(1e-6));
  CHECK(s.ci_high == Approx(2.0 + 4.302653 / std::sqrt(3.0)).epsilon(1e-6));
  CHECK(s.effect_size == Approx(2.0));
  const auto same = samen::paired_stats({0.0, 0.0});
  CHECK(same.mean == 0.0);
  CHECK(same.effect_size == 0.0);
  CHECK(samen::paired_stats({std::nan(""), 4.0, 6.0}).mean == Approx(5.0));
}

TEST_CASE("compare_runs pairs replicates over the window", "[analysis]") {
  // Baseline: replicate r has value r + w; the option adds 1, 2, 3 to the
  // replicates and 100, 200, 300 professional hours a week.
  const auto base = make_run(
      "baseline", kConfig, 7, [](auto r, auto w) { return double(r + w); },
      [](auto) { return 1000.0; });
  const auto option = make_run(
      "option", std::string(kConfig) + "policy.consultation.coverage = 0.5\n", 7,
      [](auto r, auto w) { return double(r + w) + double(r + 1); },
      [](auto r) { return 1000.0 + 100.0 * double(r + 1); });
  const auto rows = samen::compare_runs(base, option, {2, 4});
  const auto it = std::find_if(rows.begin(), rows.end(),
                               [](const auto& r) { return r.outcome == "reach_flow_all"; });
  REQUIRE(it != rows.end());
  // Window means: baseline r + 3 (mean 4), option 2r + 4 (mean 6), diffs 1, 2, 3.
  CHECK(it->baseline_mean == Approx(4.0));
  CHECK(it->option_mean == Approx(6.0));
  CHECK(it->diff.mean == Approx(2.0));
  CHECK(it->diff.ci_low == Approx(2.0 - 4.302653 / std::sqrt(3.0)).epsilon(1e-6));
  CHECK(it->relative_change == Approx(0.5));
  CHECK(it->diff.effect_size == Approx(2.0));
  // 2 per week for 200 extra hours a week: 10 per 1000 hours.
  CHECK(it->per_1000_hours == Approx(10.0));
  // 2 -+ 2.48 includes zero: three replicates are too few here.
  CHECK(it->note.find("interval spans zero") != std::string::npos);
  const std::string csv = samen::comparison_csv(rows);
  CHECK(csv.rfind("option,outcome,baseline_mean,option_mean,diff_mean,diff_ci_low,diff_ci_high,",
                  0) == 0);
}

TEST_CASE("compare refuses files that do not share configuration and seed", "[analysis]") {
  const auto base = make_run(
      "baseline", kConfig, 7, [](auto, auto) { return 1.0; }, [](auto) { return 0.0; });
  const auto seed = make_run(
      "other_seed", kConfig, 8, [](auto, auto) { return 1.0; }, [](auto) { return 0.0; });
  CHECK_THROWS_WITH(samen::check_comparable(base, seed), Catch::Contains("seeds differ (8 vs 7)"));
  std::string changed = kConfig;
  changed.replace(changed.find("1000"), 4, "2000");
  const auto config = make_run(
      "other_config", changed, 7, [](auto, auto) { return 1.0; }, [](auto) { return 0.0; });
  CHECK_THROWS_WITH(samen::check_comparable(base, config),
                    Catch::Contains("key 'field.families' is 2000 but 1000 in the baseline") &&
                        Catch::Contains("only policy.* keys may differ"));
  CHECK_THROWS_AS(samen::compare_runs(base, config, {0, 4}), samen::ConfigError);
}

#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>

#include "samen/core/parameters.hpp"
#include "samen/sweep/sweep_analysis.hpp"
#include "samen/sweep/sweep_data.hpp"

namespace fs = std::filesystem;
namespace u = samen::uncertainty;

namespace {

std::vector<u::Parameter> four() {
  return {{"a", 0, 1, u::Scale::linear},
          {"b", 0, 1, u::Scale::linear},
          {"c", 1, 100, u::Scale::log},
          {"d", 0, 1, u::Scale::linear}};
}

// A sweep of a baseline and one option over `design`, with two replicates
// and two blocks of 5 weeks; the baseline's reach_flow_all is 5 c + e, the
// option's adds option(x) + e, where e = +-0.01 by replicate: noise that the
// mean over the two replicates cancels, but that widens paired intervals.
template <class Option>
samen::SweepData synthetic(const u::Design& design, Option option) {
  samen::SweepData d;
  d.path = "synthetic.h5";
  d.name = "synthetic";
  d.design = design;
  d.values = design.values();
  d.integer.assign(design.parameters.size(), false);
  d.scenarios = {"baseline", "option"};
  d.labels = d.scenarios;
  d.configs = {"", ""};
  d.replicates = 2;
  d.weeks = 10;
  d.block_weeks = 5;
  d.outcomes = {"reach_flow_all"};
  auto& cube = d.cube["reach_flow_all"];
  for (std::size_t p = 0; p < design.points(); ++p) {
    const auto x = design.unit.row(p);
    for (std::size_t s = 0; s < 2; ++s)
      for (std::size_t r = 0; r < 2; ++r)
        for (std::size_t b = 0; b < 2; ++b) {
          const double e = r == 0 ? 0.01 : -0.01;
          cube.push_back(5 * x[2] + e + (s == 1 ? option(x) + e : 0.0) + (b == 0 ? 100.0 : 0.0));
        }
  }
  return d;
}

}  // namespace

TEST_CASE("sensitivity of a level and of a contrast ranks the parameters that drive each",
          "[sweep][sensitivity]") {
  const auto design = u::morris_design(four(), {8, 4, 0, 3});
  const auto data =
      synthetic(design, [](const std::vector<double>& x) { return 10 * x[0] - 2 * x[1]; });
  const samen::WeekWindow last{6, 10};  // the second block: no +100
  samen::SensitivityTarget contrast{"reach_flow_all", "option", true};
  const auto rows = samen::sensitivity(data, contrast, last);
  REQUIRE(rows.size() == 4);
  CHECK(rows[0].parameter == "a");
  CHECK(rows[0].mu_star == Approx(10).epsilon(1e-9));
  CHECK(rows[0].mu == Approx(10).epsilon(1e-9));
  CHECK(rows[1].parameter == "b");
  CHECK(rows[1].mu == Approx(-2).epsilon(1e-9));
  CHECK(rows[2].mu_star == Approx(0).margin(1e-9));  // c and d do not move the contrast
  CHECK(rows[0].of == "option - baseline");

  samen::SensitivityTarget level{"reach_flow_all", "baseline", false};
  const auto levels = samen::sensitivity(data, level, last);
  CHECK(levels[0].parameter == "c");
  CHECK(levels[0].mu_star == Approx(5).epsilon(1e-9));
  CHECK(levels[1].mu_star == Approx(0).margin(1e-9));
  // The first block adds 100 everywhere, which moves no index.
  CHECK(samen::sensitivity(data, level, {1, 10})[0].mu_star == Approx(5).epsilon(1e-9));

  const auto csv = samen::sensitivity_csv(rows, u::DesignKind::morris);
  CHECK(csv.rfind("outcome,parameter,mu_star,mu_star_ci_low,mu_star_ci_high,mu,sigma,of\n", 0) ==
        0);
  CHECK_THAT(csv, Catch::Contains("reach_flow_all,a,10,"));

  // Another design kind has no indices; a grid sweep is for robustness.
  const auto grid = synthetic(u::grid_design(four(), {2}), [](const auto&) { return 1.0; });
  CHECK_THROWS_WITH(samen::sensitivity(grid, contrast, last),
                    Catch::Contains("design = morris") && Catch::Contains("design = saltelli"));
  CHECK_THROWS_WITH(
      samen::sensitivity(data, {"reach_flow_all", "nothing", true}, last),
      Catch::Contains("no scenario 'nothing'") && Catch::Contains("baseline, option"));
}

TEST_CASE("Sobol indices of a sweep's contrast", "[sweep][sensitivity]") {
  const auto design = u::saltelli_design(four(), 512);
  const auto data = synthetic(design, [](const std::vector<double>& x) { return 4 * x[0] + x[3]; });
  const auto rows =
      samen::sensitivity(data, {"reach_flow_all", "option", true}, {6, 10}, {200, 0.95, 1});
  REQUIRE(rows.size() == 4);
  // Var(4 U) = 16/12, Var(U) = 1/12: S1 = ST = 16/17 and 1/17 for a and d.
  CHECK(rows[0].parameter == "a");
  CHECK(rows[0].st == Approx(16.0 / 17).margin(0.02));
  CHECK(rows[0].s1 == Approx(16.0 / 17).margin(0.02));
  CHECK(rows[0].st_ci_low <= rows[0].st);
  CHECK(rows[0].st_ci_high >= rows[0].st);
  CHECK(rows[1].parameter == "d");
  CHECK(rows[1].st == Approx(1.0 / 17).margin(0.02));
  CHECK(rows[2].st == Approx(0).margin(1e-9));
  CHECK(samen::sensitivity_csv(rows, u::DesignKind::saltelli)
            .rfind("outcome,parameter,S1,S1_ci_low,S1_ci_high,ST,ST_ci_low,ST_ci_high,of\n", 0) ==
        0);
}

TEST_CASE("robustness: shares, ranks, regret and the PRIM box where an option fails",
          "[sweep][robustness]") {
  const auto design = u::latin_hypercube_design(four(), 400, 7);
  // The option helps where a > 0.5, by a - 0.5; with two replicates that
  // differ by 0.02 (sd 0.0141), its paired 95% interval is +-12.706 * 0.01, so it
  // improves where a > 0.5 + 0.127.
  const auto data = synthetic(design, [](const std::vector<double>& x) { return x[0] - 0.5; });
  const auto rob = samen::robustness(data, "reach_flow_all", {6, 10});
  REQUIRE(rob.options.size() == 2);
  const auto& o = rob.options[1];
  CHECK(o.improves == Approx(1 - 0.627).margin(0.01));
  CHECK(o.worsens == Approx(0.5 - 0.127).margin(0.01));
  CHECK(o.best == Approx(0.5).margin(0.01));
  CHECK(rob.options[0].best == Approx(0.5).margin(0.01));
  CHECK(o.ranks[0] + o.ranks[1] == 400);
  // Its regret is max(0, 0.5 - a): mean over a uniform a of 1/8, at most 0.5.
  CHECK(o.mean_regret == Approx(1.0 / 8).margin(0.005));
  CHECK(o.max_regret == Approx(0.5).margin(0.01));
  REQUIRE(o.has_box);
  CHECK(o.failures == Approx(0.627 * 400).margin(5));
  REQUIRE(o.box.restricted.size() == 1);
  CHECK(o.box.restricted[0].dimension == 0);
  CHECK(o.box.restricted[0].high == Approx(0.627).margin(0.02));
  CHECK(o.box.box.density > 0.95);

  CHECK_THROWS_WITH(samen::robustness(data, "episodes_started", {6, 10}),
                    Catch::Contains("no better direction"));
}

TEST_CASE("a sweep file reads back as written", "[sweep][hdf5]") {
  const auto dir = fs::temp_directory_path() / "samen_test_sweep_data";
  fs::remove_all(dir);
  fs::create_directories(dir);
  auto data = synthetic(u::morris_design(four(), {3, 4, 0, 1}),
                        [](const std::vector<double>& x) { return x[1]; });
  data.digest = "0123456789abcdef";
  data.identity = "identity";
  const auto path = (dir / "sweep.h5").string();
  samen::write_sweep_data(path, data);
  const auto back = samen::read_sweep_data(path);
  CHECK(back.design.kind == u::DesignKind::morris);
  CHECK(back.design.trajectories == 3);
  CHECK(back.design.delta == data.design.delta);
  CHECK(back.design.unit.values == data.design.unit.values);
  CHECK(back.design.parameters[2].scale == u::Scale::log);
  CHECK(back.cube.at("reach_flow_all") == data.cube.at("reach_flow_all"));
  CHECK(back.digest == data.digest);
  fs::remove_all(dir);
}

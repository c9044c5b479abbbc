#include <tbb/global_control.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <set>

#include "samen/core/build_info.hpp"
#include "samen/core/config.hpp"
#include "samen/dynamics/outcomes.hpp"
#include "samen/dynamics/replicate.hpp"
#include "samen/dynamics/simulation.hpp"
#include "samen/field/generate.hpp"
#include "samen/model/scenario.hpp"
#include "samen/model/scenario_inputs.hpp"

namespace {

// A small field: 5 municipalities, 6,000 families.
samen::ModelScenario small(std::vector<std::string> overrides = {}) {
  overrides.insert(overrides.begin(), {"field.municipalities=5", "field.families=6000"});
  return samen::load_model_scenario(samen::build::source_dir() + "/scenarios/baseline.ini",
                                    overrides);
}

std::size_t outcome_index(const std::string& name) {
  const auto& registry = samen::outcome_registry();
  for (std::size_t o = 0; o < registry.size(); ++o)
    if (registry[o].name == name) return o;
  FAIL("no outcome " << name);
  return 0;
}

std::vector<std::vector<double>> run(const samen::ModelScenario& sc, samen::StreamKey key,
                                     std::uint32_t weeks, std::uint32_t burn_in = 10) {
  const auto targets = samen::load_scenario_targets(sc);
  samen::ReplicatePlan plan;
  plan.weeks = weeks;
  plan.burn_in_weeks = burn_in;
  plan.survey = false;
  return samen::run_replicate(sc.params, targets, key, plan);
}

// Compares outcome series bit for bit (NaN equal to NaN).
bool identical(const std::vector<std::vector<double>>& a,
               const std::vector<std::vector<double>>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t o = 0; o < a.size(); ++o) {
    if (a[o].size() != b[o].size()) return false;
    for (std::size_t w = 0; w < a[o].size(); ++w)
      if (!(a[o][w] == b[o][w] || (std::isnan(a[o][w]) && std::isnan(b[o][w])))) return false;
  }
  return true;
}

}  // namespace

TEST_CASE("a run is bit-identical on 1, 2 and 4 threads", "[dynamics][determinism]") {
  const auto sc = small();
  std::vector<std::vector<std::vector<double>>> runs;
  for (const std::size_t threads : {1, 2, 4}) {
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
    runs.push_back(run(sc, {11, 0}, 60));
  }
  CHECK(identical(runs[0], runs[1]));
  CHECK(identical(runs[0], runs[2]));
}

TEST_CASE("the same key reproduces a run; another seed or replicate differs",
          "[dynamics][determinism]") {
  const auto sc = small();
  const auto a = run(sc, {11, 0}, 40);
  CHECK(identical(a, run(sc, {11, 0}, 40)));
  CHECK_FALSE(identical(a, run(sc, {12, 0}, 40)));
  CHECK_FALSE(identical(a, run(sc, {11, 1}, 40)));
}

TEST_CASE("the whole field after a run is bit-identical on 1, 2 and 4 threads",
          "[dynamics][determinism]") {
  // Outcomes are sums: this compares every member of the state they summarise.
  const auto sc = small();
  const auto targets = samen::load_scenario_targets(sc);
  auto field_after = [&](std::size_t threads) {
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
    samen::Simulation sim(samen::generate_field(sc.params, targets, {11, 0}), sc.params);
    for (int week = 0; week < 40; ++week) sim.step();
    return sim.field();
  };
  const samen::Field one = field_after(1);
  REQUIRE(one.week == 40);
  for (const std::size_t threads : {2, 4}) {
    CAPTURE(threads);
    const std::string difference = samen::first_difference(one, field_after(threads));
    INFO("first difference: " << difference);
    CHECK(difference.empty());
  }
}

TEST_CASE("without needs nobody is reached and nobody is referred", "[dynamics][invariants]") {
  const auto sc = small({"family.light_need_share=0", "family.serious_need_share=0"});
  const auto out = run(sc, {3, 0}, 30);
  for (std::size_t w = 0; w < out[0].size(); ++w) {
    CHECK(std::isnan(out[outcome_index("reach_flow_all")][w]));
    CHECK(std::isnan(out[outcome_index("helped_share_now_all")][w]));
    CHECK(out[outcome_index("families_reached")][w] == 0.0);
    CHECK(out[outcome_index("episodes_closed")][w] == 0.0);
    CHECK(out[outcome_index("unmet_need_weeks")][w] == 0.0);
    CHECK(out[outcome_index("referrals_volunteers")][w] == 0.0);
    CHECK(out[outcome_index("referrals_orgs")][w] == 0.0);
    CHECK(out[outcome_index("referrals_cjg")][w] == 0.0);
    CHECK(out[outcome_index("referrals_selforgs")][w] == 0.0);
    CHECK(out[outcome_index("waiting_families")][w] == 0.0);
  }
}

TEST_CASE("a referral chance of 0 means no referral by volunteers", "[dynamics][invariants]") {
  const auto sc = small({"refer.base=0"});
  const auto out = run(sc, {3, 0}, 40);
  double crossings = 0.0;
  for (std::size_t w = 0; w < out[0].size(); ++w) {
    CHECK(out[outcome_index("referrals_volunteers")][w] == 0.0);
    crossings += out[outcome_index("boundary_crossings")][w];
  }
  CHECK(crossings > 0.0);  // serious cases stay with volunteers, who go beyond their limits
}

TEST_CASE("active volunteers are the previous ones plus recruits minus quitters",
          "[dynamics][invariants]") {
  const auto sc = small();
  const auto out = run(sc, {5, 0}, 80);
  const auto& active = out[outcome_index("volunteers_active")];
  const auto& recruited = out[outcome_index("volunteers_recruited")];
  const auto& quit = out[outcome_index("volunteers_quit")];
  for (std::size_t w = 1; w < active.size(); ++w)
    CHECK(active[w] == active[w - 1] + recruited[w] - quit[w]);
}

TEST_CASE("volunteers quit at the declared rate when burden and appreciation play no part",
          "[dynamics][behaviour]") {
  // Weekly quit probability 1 - exp(-1/150); over ~100k volunteer-weeks the
  // observed share lies within 4 standard errors of it.
  const auto sc =
      small({"volunteer.quit_burden=0", "volunteer.quit_appreciation=0", "volunteer.quit_weeks=150",
             "volunteer.quit_newcomer=0", "volunteer.quit_unclear=0"});
  const auto out = run(sc, {8, 0}, 100, 0);
  double quits = 0.0, exposure = 0.0;
  for (std::size_t w = 1; w < out[0].size(); ++w) {
    quits += out[outcome_index("volunteers_quit")][w];
    exposure += out[outcome_index("volunteers_active")][w - 1];
  }
  const double p = 1.0 - std::exp(-1.0 / 150.0);
  const double se = std::sqrt(p * (1.0 - p) / exposure);
  INFO("observed " << quits / exposure << " expected " << p << " se " << se);
  CHECK(std::fabs(quits / exposure - p) < 4.0 * se);
}

TEST_CASE("better informed volunteers refer sooner and cross their limits less",
          "[dynamics][behaviour]") {
  // Same streams; only the training of fixed-task volunteers differs. Serious
  // cases then leave volunteers sooner: referrals rise and boundary crossings
  // fall, each by more than 4 Poisson standard errors over two years.
  auto totals = [](const char* trained) {
    const auto sc = small({"field.families=30000", "refer.knowledge=1", trained});
    const auto out = run(sc, {21, 0}, 104);
    double referrals = 0.0, crossings = 0.0;
    for (std::size_t w = 1; w < out[0].size(); ++w) {
      referrals += out[outcome_index("referrals_volunteers")][w];
      crossings += out[outcome_index("boundary_crossings")][w];
    }
    return std::make_pair(referrals, crossings);
  };
  const auto low = totals("volunteer.knowledge_trained=0");
  const auto high = totals("volunteer.knowledge_trained=0.3");
  INFO("referrals " << low.first << " -> " << high.first << ", crossings " << low.second << " -> "
                    << high.second);
  CHECK(high.first > low.first);
  CHECK(low.second - high.second > 4.0 * std::sqrt(low.second));
}

TEST_CASE("more formal help seeking puts more serious problems in care", "[dynamics][behaviour]") {
  auto in_care = [](const samen::ModelScenario& sc) {
    const auto out = run(sc, {4, 0}, 52, 52);
    double sum = 0.0;
    for (const double v : out[outcome_index("care_share_now_serious")]) sum += v;
    return sum / static_cast<double>(out[0].size());
  };
  CHECK(in_care(small({"seek.formal_rate=0.05"})) >
        in_care(small({"seek.formal_rate=0.0"})) + 0.05);
}

TEST_CASE("the outcome registry names every outcome once with a unit and a meaning", "[dynamics]") {
  std::set<std::string> names;
  for (const auto& o : samen::outcome_registry()) {
    CHECK(names.insert(o.name).second);
    CHECK(!o.unit.empty());
    CHECK(!o.description.empty());
  }
  CHECK(names.size() >= 25);
}

TEST_CASE("the tally phase 6 keeps equals a count of the families after the step",
          "[dynamics][invariants]") {
  const auto sc = small({"policy.cjg_outreach.enabled=true"});
  const auto targets = samen::load_scenario_targets(sc);
  samen::Simulation sim(samen::generate_field(sc.params, targets, {3, 0}), sc.params);
  sim.set_policies(sc.params.policy, 0);
  std::uint64_t waiting = 0, in_care = 0;
  for (int w = 0; w < 80; ++w) {
    sim.step();
    const auto kept = sim.family_tally();
    const auto counted = sim.count_families();
    REQUIRE(kept == counted);
    waiting += kept.waiting;
    in_care += kept.serious_in_care;
    // The lists of families in need are exactly the municipalities' families
    // in need, in strictly increasing index order (phase 1 starts from them).
    const auto& fam = sim.field().families;
    std::vector<std::vector<std::uint32_t>> expected(sim.needy().size());
    for (std::uint32_t i = 0; i < fam.size(); ++i)
      if (fam.need[i] != samen::Need::none) expected[fam.municipality[i]].push_back(i);
    REQUIRE(sim.needy() == expected);
  }
  CHECK(waiting > 0);  // the changes phase 6 makes are exercised
  CHECK(in_care > 0);
}

TEST_CASE("a state whose lists of families in need do not fit its field is refused",
          "[dynamics][checkpoint]") {
  const auto sc = small();
  const auto targets = samen::load_scenario_targets(sc);
  samen::Simulation sim(samen::generate_field(sc.params, targets, {3, 0}), sc.params);
  for (int w = 0; w < 10; ++w) sim.step();
  auto state = sim.state();
  // As saved, it continues.
  CHECK_NOTHROW(samen::Simulation(sim.field(), sc.params, state));
  // One family in need left out of its municipality's list is named.
  REQUIRE(state.needy_offsets.at(1) > 0);
  state.needy.erase(state.needy.begin());
  for (std::size_t m = 1; m < state.needy_offsets.size(); ++m) --state.needy_offsets[m];
  CHECK_THROWS_WITH(
      samen::Simulation(sim.field(), sc.params, state),
      Catch::Contains("list of families in need of municipality 0") && Catch::Contains("differs"));
}

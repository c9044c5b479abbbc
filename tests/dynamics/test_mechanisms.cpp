// Direction tests of the policy options' mechanisms, flow-outcome invariants
// and the care budget. Every option is compared with the baseline on the same
// random streams (forked from one burn-in per replicate); a direction must
// exceed four standard errors of the paired difference across replicates.
#include <catch2/catch.hpp>
#include <cmath>
#include <numeric>

#include "samen/core/build_info.hpp"
#include "samen/dynamics/outcomes.hpp"
#include "samen/dynamics/replicate.hpp"
#include "samen/model/scenario.hpp"
#include "samen/model/scenario_inputs.hpp"

namespace {

// A field of 8 municipalities and 40,000 families: about 120 projects.
const std::vector<std::string> kField = {"field.municipalities=8", "field.families=40000"};
constexpr std::uint32_t kBurnIn = 52;
constexpr std::uint32_t kWeeks = 104;
constexpr std::uint32_t kWindowStart = 26;  // effects are read over weeks 26-104
constexpr unsigned kReplicates = 4;
constexpr double kStandardErrors = 4.0;

samen::ModelScenario scenario(std::vector<std::string> overrides) {
  overrides.insert(overrides.begin(), kField.begin(), kField.end());
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

double window_mean(const std::vector<double>& series) {
  double sum = 0.0;
  int n = 0;
  for (std::size_t w = kWindowStart; w < series.size(); ++w)
    if (!std::isnan(series[w])) {
      sum += series[w];
      ++n;
    }
  return n ? sum / n : std::nan("");
}

// The paired difference option - baseline of an outcome's window mean.
struct Contrast {
  double mean = 0.0;
  double se = 0.0;
  std::vector<double> per_replicate;
  bool exceeds(double standard_errors) const { return std::fabs(mean) > standard_errors * se; }
};

// How an option is run beside the baseline: policy options fork from the
// baseline's burn-in; other changes need their own run from week 0.
enum class Fork { burn_in, scratch };

// Runs baseline and option (the baseline plus `option`) on the same streams,
// per replicate, and returns, per outcome asked, the paired contrast.
std::map<std::string, Contrast> contrast(const std::vector<std::string>& option,
                                         const std::vector<std::string>& outcomes,
                                         Fork fork = Fork::burn_in) {
  const std::vector<std::string> base_overrides;
  const auto base = scenario(base_overrides);
  auto with_option = base_overrides;
  with_option.insert(with_option.end(), option.begin(), option.end());
  const auto other = scenario(with_option);
  const auto targets = samen::load_scenario_targets(base);
  samen::ReplicatePlan plan;
  plan.weeks = kWeeks;
  plan.burn_in_weeks = kBurnIn;
  plan.survey = false;
  std::map<std::string, Contrast> result;
  for (unsigned r = 0; r < kReplicates; ++r) {
    const samen::StreamKey key{base.params.run.seed, r};
    const auto burnt = samen::burn_in(base.params, targets, key, plan);
    const auto a = samen::record(burnt, base.params, targets, plan);
    const auto b = fork == Fork::burn_in ? samen::record(burnt, other.params, targets, plan)
                                         : samen::run_replicate(other.params, targets, key, plan);
    for (const auto& name : outcomes) {
      const std::size_t o = outcome_index(name);
      result[name].per_replicate.push_back(window_mean(b[o]) - window_mean(a[o]));
    }
  }
  for (auto& [name, c] : result) {
    const auto& d = c.per_replicate;
    c.mean = std::accumulate(d.begin(), d.end(), 0.0) / static_cast<double>(d.size());
    double ss = 0.0;
    for (const double x : d) ss += (x - c.mean) * (x - c.mean);
    c.se = std::sqrt(ss / static_cast<double>(d.size() - 1) / static_cast<double>(d.size()));
  }
  return result;
}

void check_rises(const Contrast& c, const std::string& what) {
  INFO(what << ": difference " << c.mean << ", standard error " << c.se);
  CHECK(c.mean > 0.0);
  CHECK(c.exceeds(kStandardErrors));
}

void check_falls(const Contrast& c, const std::string& what) {
  INFO(what << ": difference " << c.mean << ", standard error " << c.se);
  CHECK(c.mean < 0.0);
  CHECK(c.exceeds(kStandardErrors));
}

}  // namespace

TEST_CASE("knowledge sharing raises volunteers' knowledge and projects' contact with the CJG",
          "[dynamics][mechanisms][slow]") {
  const auto c = contrast({"policy.cjg_knowledge_sharing.enabled=true"},
                          {"volunteer_knowledge", "cjg_contact", "knowledge_sessions"});
  check_rises(c.at("volunteer_knowledge"), "volunteer_knowledge");
  check_rises(c.at("cjg_contact"), "cjg_contact");
  check_rises(c.at("knowledge_sessions"), "knowledge_sessions");
}

TEST_CASE("outreach raises how well projects know the CJG and their contact with it",
          "[dynamics][mechanisms][slow]") {
  const auto c = contrast({"policy.cjg_outreach.enabled=true"}, {"cjg_aware", "cjg_contact"});
  check_rises(c.at("cjg_aware"), "cjg_aware");
  check_rises(c.at("cjg_contact"), "cjg_contact");
}

TEST_CASE("written agreements raise written task divisions through agreement events only",
          "[dynamics][mechanisms][slow]") {
  const std::vector<std::string> outcomes = {"chain_written", "internal_written", "vo_written"};
  const auto on = contrast({"policy.written_agreements.enabled=true"}, outcomes);
  for (const auto& name : outcomes) check_rises(on.at(name), name);
  // Attempts that never succeed change no division: the effect is the events'.
  const auto fail = contrast(
      {"policy.written_agreements.enabled=true", "policy.written_agreements.success=0"}, outcomes);
  for (const auto& name : outcomes) {
    INFO(name);
    CHECK(fail.at(name).mean == 0.0);
  }
  // Twice the attempts write down more agreements.
  const auto twice = contrast(
      {"policy.written_agreements.enabled=true", "policy.written_agreements.agreements_per_year=2"},
      outcomes);
  CHECK(twice.at("chain_written").mean > on.at("chain_written").mean);
}

TEST_CASE("consultation moments clarify task divisions and raise the grade of the chain",
          "[dynamics][mechanisms][slow]") {
  const auto c = contrast({"policy.consultation.enabled=true"}, {"chain_clarity", "grade_chain"});
  check_rises(c.at("chain_clarity"), "chain_clarity");
  check_rises(c.at("grade_chain"), "grade_chain");
}

TEST_CASE("more guidance time keeps volunteers longer", "[dynamics][mechanisms][slow]") {
  check_falls(
      contrast({"policy.guidance_time.enabled=true"}, {"volunteers_quit"}).at("volunteers_quit"),
      "volunteers_quit");
}

TEST_CASE("skills training raises skills and lowers boundary crossings",
          "[dynamics][mechanisms][slow]") {
  const auto c =
      contrast({"policy.skills_training.enabled=true"}, {"volunteer_skills", "boundary_crossings"});
  check_rises(c.at("volunteer_skills"), "volunteer_skills");
  check_falls(c.at("boundary_crossings"), "boundary_crossings");
}

TEST_CASE("recruitment support fills more places", "[dynamics][mechanisms][slow]") {
  check_rises(contrast({"policy.recruitment_support.enabled=true"}, {"volunteers_active"})
                  .at("volunteers_active"),
              "volunteers_active");
}

TEST_CASE("partnership with self-organisations brings more of their families to care",
          "[dynamics][mechanisms][slow]") {
  check_rises(contrast({"policy.selforg_partnership.enabled=true"}, {"referrals_selforgs"})
                  .at("referrals_selforgs"),
              "referrals_selforgs");
}

TEST_CASE("regular organisations that cooperate with VOs pass more families to projects",
          "[dynamics][mechanisms][slow]") {
  const auto c = contrast({"policy.regular_vo_cooperation.enabled=true"},
                          {"org_vo_cooperates", "referrals_orgs"});
  check_rises(c.at("org_vo_cooperates"), "org_vo_cooperates");
  check_rises(c.at("referrals_orgs"), "referrals_orgs");
}

TEST_CASE("every option moves the families' outcomes through its mechanism",
          "[dynamics][mechanisms][slow]") {
  for (const auto kind : samen::kPolicyKinds) {
    const std::string key = std::string("policy.") + samen::policy_key(kind) + ".enabled=true";
    INFO(key);
    const auto c = contrast({key}, {"reach_flow_all", "families_reached", "unmet_need_weeks"});
    const bool moved = c.at("reach_flow_all").mean != 0.0 || c.at("families_reached").mean != 0.0 ||
                       c.at("unmet_need_weeks").mean != 0.0;
    CHECK(moved);
  }
}

TEST_CASE("hours an option takes from the CJG without funding lower its care capacity",
          "[dynamics][mechanisms][slow]") {
  const std::vector<std::string> outcomes = {"cjg_care_capacity", "cjg_policy_hours"};
  const auto unfunded = contrast({"policy.cjg_knowledge_sharing.enabled=true"}, outcomes);
  check_falls(unfunded.at("cjg_care_capacity"), "cjg_care_capacity, unfunded");
  check_rises(unfunded.at("cjg_policy_hours"), "cjg_policy_hours");
  // With funding the same sessions leave the capacity for care untouched.
  const auto funded = contrast(
      {"policy.cjg_knowledge_sharing.enabled=true", "policy.cjg_knowledge_sharing.funded=true"},
      outcomes);
  CHECK(funded.at("cjg_care_capacity").mean == 0.0);
  check_rises(funded.at("cjg_policy_hours"), "cjg_policy_hours, funded");
}

TEST_CASE("a pure speed-up of care does not lower reach beyond noise",
          "[dynamics][mechanisms][slow]") {
  // Faster care frees places sooner, so no more episodes can go unhelped.
  const auto c =
      contrast({"need.care_speedup=8"},
               {"reach_flow_all", "reach_flow_serious", "reach_flow_migrant"}, Fork::scratch);
  for (const auto& [name, d] : c) {
    INFO(name << ": difference " << d.mean << ", standard error " << d.se);
    CHECK(d.mean != 0.0);  // it did run with faster care
    CHECK(d.mean >= -3.0 * d.se);
  }
}

TEST_CASE("each episode is counted once, when its window closes", "[dynamics][outcomes]") {
  const auto base = scenario({"outcome.reach_window_weeks=10"});
  const auto targets = samen::load_scenario_targets(base);
  samen::ReplicatePlan plan;
  plan.weeks = 40;
  plan.burn_in_weeks = 20;
  plan.survey = false;
  const auto out = samen::run_replicate(base.params, targets, {3, 0}, plan);
  const auto& started = out[outcome_index("episodes_started")];
  const auto& closed = out[outcome_index("episodes_closed")];
  const auto& reach = out[outcome_index("reach_flow_all")];
  for (std::size_t w = 10; w < closed.size(); ++w) {
    INFO("week " << w);
    CHECK(closed[w] == started[w - 10]);
    CHECK(reach[w] >= 0.0);
    CHECK(reach[w] <= 1.0);
  }
}

TEST_CASE("without any help no episode is reached", "[dynamics][outcomes]") {
  const auto none = scenario({"seek.formal_rate=0", "seek.informal_rate=0", "org.signal_rate=0"});
  const auto targets = samen::load_scenario_targets(none);
  samen::ReplicatePlan plan;
  plan.weeks = 30;
  plan.burn_in_weeks = 60;
  plan.survey = false;
  const auto out = samen::run_replicate(none.params, targets, {4, 0}, plan);
  for (std::size_t w = 0; w < out[0].size(); ++w) {
    CHECK(out[outcome_index("reach_flow_all")][w] == 0.0);
    CHECK(out[outcome_index("families_reached")][w] == 0.0);
    CHECK(out[outcome_index("episodes_closed")][w] > 0.0);
  }
}

// Checkpoints: a run continued from one equals a run from scratch bit for
// bit, and a checkpoint of another configuration, seed or set of replicates
// is refused with the first difference named.
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <string>

#include "samen/core/build_info.hpp"
#include "samen/core/parameters.hpp"
#include "samen/dynamics/outcomes.hpp"
#include "samen/dynamics/replicate.hpp"
#include "samen/field/field.hpp"
#include "samen/io/checkpoint.hpp"
#include "samen/model/scenario.hpp"
#include "samen/model/scenario_inputs.hpp"

namespace {

samen::ModelScenario small(std::vector<std::string> overrides = {}) {
  overrides.insert(overrides.begin(), {"field.municipalities=4", "field.families=5000",
                                       "run.burn_in_weeks=60", "run.weeks=40", "run.seed=7"});
  return samen::load_model_scenario(samen::build::source_dir() + "/scenarios/baseline.ini",
                                    overrides);
}

samen::ReplicatePlan plan_of(const samen::ModelScenario& sc) {
  samen::ReplicatePlan plan;
  plan.weeks = sc.params.run.weeks;
  plan.burn_in_weeks = sc.params.run.burn_in_weeks;
  plan.survey = false;
  return plan;
}

// Bit for bit, NaN equal to NaN.
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

struct TempFile {
  std::string path;
  explicit TempFile(const std::string& name)
      : path((std::filesystem::temp_directory_path() / name).string()) {}
  ~TempFile() { std::filesystem::remove(path); }
};

void write(const std::string& path, const samen::ModelScenario& sc, std::uint32_t replicates) {
  const auto targets = samen::load_scenario_targets(sc);
  samen::CheckpointWriter writer(path, sc, replicates);
  for (std::uint32_t r = 0; r < replicates; ++r)
    writer.add(samen::burn_in(sc.params, targets, {sc.params.run.seed, r}, plan_of(sc)));
  writer.commit();
}

std::string refusal(const std::string& path, const samen::ModelScenario& sc, std::uint32_t first,
                    std::uint32_t count) {
  try {
    samen::check_checkpoint(path, sc, first, count);
  } catch (const samen::ConfigError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("a run from a checkpoint equals a run from scratch bit for bit", "[io][checkpoint]") {
  const TempFile file("samen_test_checkpoint.h5");
  const auto sc = small();
  const auto targets = samen::load_scenario_targets(sc);
  write(file.path, sc, 2);
  for (std::uint32_t r = 0; r < 2; ++r) {
    const samen::StreamKey key{7, r};
    // The restored state is the burnt-in state, member for member.
    const samen::Simulation burnt = samen::burn_in(sc.params, targets, key, plan_of(sc));
    const samen::Simulation loaded = samen::load_checkpoint(file.path, sc, r);
    CHECK(samen::first_difference(burnt.field(), loaded.field()).empty());
    CHECK(burnt.state().needy == loaded.state().needy);
    CHECK(burnt.state().ledger == loaded.state().ledger);
    // And every outcome of every recorded week is the same, under a policy too.
    const std::vector<std::vector<std::string>> policies = {
        {}, {"policy.cjg_outreach.enabled=true", "policy.cjg_outreach.coverage=1"}};
    for (const auto& policy : policies) {
      const auto scenario = small(policy);
      const auto scratch = samen::record(burnt, scenario.params, targets, plan_of(scenario));
      const auto continued = samen::record(samen::load_checkpoint(file.path, scenario, r),
                                           scenario.params, targets, plan_of(scenario));
      CHECK(identical(scratch, continued));
      CHECK(identical(scratch,
                      samen::run_replicate(scenario.params, targets, key, plan_of(scenario))));
    }
  }
}

TEST_CASE("a checkpoint of another configuration, seed or replicates is refused",
          "[io][checkpoint]") {
  const TempFile file("samen_test_checkpoint_refusal.h5");
  write(file.path, small(), 1);
  // Keys that do not change the burn-in are accepted.
  CHECK(
      refusal(file.path, small({"run.weeks=5", "policy.consultation.enabled=true"}), 0, 1).empty());
  const auto other_key = refusal(file.path, small({"need.light_weeks=11"}), 0, 1);
  CHECK_THAT(other_key, Catch::Contains("key 'need.light_weeks'") && Catch::Contains(file.path) &&
                            Catch::Contains("11"));
  CHECK_THAT(refusal(file.path, small({"run.seed=8"}), 0, 1),
             Catch::Contains("seed 7 differs from run.seed = 8"));
  CHECK_THAT(refusal(file.path, small(), 0, 2), Catch::Contains("holds replicates 0..0"));
  CHECK_THROWS_AS(samen::load_checkpoint(file.path, small({"run.burn_in_weeks=61"}), 0),
                  samen::ConfigError);
  // A file that is not a checkpoint is named as such.
  const TempFile plain("samen_test_not_checkpoint.h5");
  {
    auto f = samen::h5::File::create_atomic(plain.path);
    f.set_attr("format", "something else");
    f.commit();
  }
  CHECK_THAT(refusal(plain.path, small(), 0, 1), Catch::Contains("not a samen checkpoint"));
}

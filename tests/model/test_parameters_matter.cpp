// Every declared parameter moves some output (an outcome, a survey figure or
// its interval), or is listed here with the reason it cannot: no dead keys.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <map>

#include "samen/core/build_info.hpp"
#include "samen/dynamics/outcomes.hpp"
#include "samen/dynamics/replicate.hpp"
#include "samen/model/scenario.hpp"
#include "samen/model/scenario_inputs.hpp"

namespace {

std::string source(const std::string& relative) {
  return samen::build::source_dir() + "/" + relative;
}

// A small field with every option on in half the municipalities, so that
// policy keys act too.
std::vector<std::string> base_overrides() {
  std::vector<std::string> o = {"field.municipalities=8", "field.families=40000",
                                "run.burn_in_weeks=52",   "run.weeks=52",
                                "run.survey_every=26",    "outcome.reach_window_weeks=26"};
  for (const auto kind : samen::kPolicyKinds) {
    const std::string key = std::string("policy.") + samen::policy_key(kind) + ".";
    o.push_back(key + "enabled=true");
    o.push_back(key + "coverage=0.5");
  }
  return o;
}

// Every number the run gives: outcomes and, at each snapshot, every figure's
// model value and interval; as bits, so that NaN equals NaN.
std::vector<std::uint64_t> signature(const std::vector<std::string>& overrides) {
  const auto sc = samen::load_model_scenario(source("scenarios/baseline.ini"), overrides);
  const auto targets = samen::load_scenario_targets(sc);
  samen::ReplicatePlan plan;
  plan.weeks = sc.params.run.weeks;
  plan.burn_in_weeks = sc.params.run.burn_in_weeks;
  plan.survey_every = sc.params.run.survey_every;
  std::vector<std::uint64_t> out;
  const auto bits = [&](double x) {
    std::uint64_t b = 0;
    std::memcpy(&b, &x, sizeof b);
    out.push_back(std::isnan(x) ? 1 : b);
  };
  const auto series = samen::run_replicate(
      sc.params, targets, {sc.params.run.seed, 0}, plan,
      [&](std::uint32_t week, const samen::Field&, const samen::SurveyReport& report) {
        out.push_back(week);
        for (const auto& row : report.rows) {
          bits(row.model_value);
          bits(row.ci.low);
          bits(row.ci.high);
        }
      });
  for (const auto& s : series)
    for (const double x : s) bits(x);
  return out;
}

// A valid value other than the default that a short run can feel: the end of
// the allowed range farthest from the default.
std::string other_value(const samen::ParamSpec& spec, const samen::ParamValues& values) {
  const std::string leaf = spec.name.substr(spec.name.rfind('.') + 1);
  if (leaf == "start_week" || leaf == "end_week") return "10";  // inside the 52 weeks
  if (leaf == "adoption") return values.text(spec.name) + "_elsewhere";
  if (spec.name == "field.municipalities_per_province") return "2";
  switch (spec.type) {
    case samen::ParamType::Boolean:
      return values.boolean(spec.name) ? "false" : "true";
    case samen::ParamType::Text:
      return values.text(spec.name) + "_other";
    case samen::ParamType::Integer: {
      const auto d = values.integer(spec.name);
      return std::to_string(static_cast<double>(d + 1) <= spec.max ? d + 1 : d - 1);
    }
    case samen::ParamType::Real: {
      const double d = values.real(spec.name);
      return samen::format_number(d - spec.min < spec.max - d ? spec.max : spec.min);
    }
  }
  return "";
}

// Keys that cannot move a single replicate's numbers, and why (docs/model.md
// lists them too).
const std::map<std::string, std::string> kNotModelInputs = {
    {"survey.targets", "names the file of survey figures; another file gives other targets"},
    {"scenario.label", "names the scenario in figures and reports; no number depends on it"},
    {"run.replicates",
     "how many replicates samen run and samen batch compute, not an input of one"},
    {"project.type_presence",
     "which projects name a kind of volunteer as needing support: the share is the survey's by "
     "construction and nothing else reads who names it"},
    {"org.small_volunteer_median",
     "the size of small organisations' volunteer pools: only the share above 50 is a survey "
     "figure, and organisations' volunteers do not act in the dynamics"},
    {"org.large_volunteer_median", "as org.small_volunteer_median, for pools above 50"},
};

}  // namespace

TEST_CASE("every declared parameter moves some output, or says why it cannot", "[model][slow]") {
  const auto base = base_overrides();
  const auto reference = signature(base);
  const auto resolved = samen::load_model_scenario(source("scenarios/baseline.ini"), base);
  int checked = 0;
  for (const auto& spec : samen::model_parameters().all()) {
    if (kNotModelInputs.count(spec.name)) continue;
    auto overrides = base;
    std::string value = other_value(spec, resolved.values);
    overrides.push_back(spec.name + "=" + value);
    try {
      samen::load_model_scenario(source("scenarios/baseline.ini"), overrides);
    } catch (const samen::ConfigError&) {
      // The extreme breaks a rule across keys (shares summing above 1): the
      // plausible end farther from the default will do.
      const double d = resolved.values.real(spec.name);
      value = samen::format_number(d - spec.plausible_low < spec.plausible_high - d
                                       ? spec.plausible_high
                                       : spec.plausible_low);
      overrides.back() = spec.name + "=" + value;
    }
    INFO(spec.name << " = " << value << " (default " << resolved.values.as_text(spec.name) << ")");
    CHECK(signature(overrides) != reference);
    ++checked;
  }
  CHECK(checked + kNotModelInputs.size() == samen::model_parameters().all().size());
}

#include "samen/calibration/steady_state.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "samen/core/text_file.hpp"
#include "samen/dynamics/simulation.hpp"
#include "samen/field/generate.hpp"
#include "samen/model/scenario.hpp"
#include "samen/model/scenario_inputs.hpp"
#include "samen/survey/virtual_survey.hpp"

namespace samen {
namespace {

namespace fs = std::filesystem;

std::uint32_t weeks_value(const std::string& where, const std::string& key,
                          const std::string& value) {
  try {
    std::size_t used = 0;
    const long n = std::stol(value, &used);
    if (used == value.size() && n >= 1 && n <= 5200) return static_cast<std::uint32_t>(n);
  } catch (const std::exception&) {
  }
  throw ConfigError(where + "key '" + key + "' = '" + value +
                    "' is not an integer in the allowed range [1, 5200]");
}

// The first step changes every rate by this factor, to learn how its figure
// responds; later steps follow the secant.
constexpr double kProbeLog = 0.4;
// No step changes a rate by more than this factor ...
constexpr double kMaxStepLog = 1.1;
// ... and steps are damped, as figures also respond to the other rates.
constexpr double kDamping = 0.8;
// The 95% interval's half-width in standard errors.
constexpr double kZ95 = 1.959964;

struct Measured {
  std::map<std::string, FigureComparison> figures;  // averaged
};

Measured measure(const TuningPlan& plan, const std::vector<std::string>& overrides) {
  const ModelScenario scenario = load_model_scenario(plan.scenario, overrides);
  const SurveyTargets targets = load_scenario_targets(scenario);
  const ModelParams& p = scenario.params;
  return {measure_steady_state(
      p, targets, {plan.burn_in_weeks, plan.measure_weeks, plan.survey_every}, {p.run.seed, 0})};
}

}  // namespace

std::map<std::string, FigureComparison> measure_steady_state(const ModelParams& p,
                                                             const SurveyTargets& targets,
                                                             const SteadyStateWindow& window,
                                                             StreamKey key) {
  Simulation sim(generate_field(p, targets, key), p);
  for (std::uint32_t w = 0; w < window.burn_in_weeks; ++w) sim.step();
  std::map<std::string, double> sum;
  std::map<std::string, int> count;
  SurveyReport last;
  for (std::uint32_t w = 0; w <= window.measure_weeks; ++w) {
    if (w > 0) sim.step();
    if (w % window.survey_every != 0) continue;
    last = run_virtual_survey(sim.field(), targets, p.survey.grade_sd);
    for (const auto& row : last.rows)
      if (!std::isnan(row.model_value)) {
        sum[row.id] += row.model_value;
        ++count[row.id];
      }
  }
  std::map<std::string, FigureComparison> out;
  for (auto row : last.rows) {
    row.model_value = count[row.id] ? sum[row.id] / count[row.id] : std::nan("");
    row.within = row.ci.contains(row.model_value);
    out[row.id] = row;
  }
  return out;
}

double survey_standard_error(const FigureComparison& f) {
  return std::max(1e-9, (f.ci.high - f.ci.low) / (2.0 * kZ95));
}

TuningPlan TuningPlan::load(const std::string& path) {
  std::ifstream in(path);
  if (!in || !fs::is_regular_file(path))
    throw ConfigError("cannot read tuning file '" + path + "'");
  TuningPlan plan;
  plan.path = path;
  const fs::path dir = fs::path(path).parent_path();
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    const std::string text = trim(line);
    if (text.empty() || text[0] == '#' || text[0] == ';') continue;
    const std::string where = path + ":" + std::to_string(number) + ": ";
    const auto eq = text.find('=');
    if (eq == std::string::npos)
      throw ConfigError(where + "expected 'key = value' but found '" + text + "'");
    const std::string key = trim(text.substr(0, eq)), value = trim(text.substr(eq + 1));
    if (key == "scenario") {
      plan.scenario = (dir / value).lexically_normal().string();
    } else if (key == "set") {
      plan.overrides.push_back(value);
    } else if (key == "burn_in_weeks") {
      plan.burn_in_weeks = weeks_value(where, key, value);
    } else if (key == "measure_weeks") {
      plan.measure_weeks = weeks_value(where, key, value);
    } else if (key == "survey_every") {
      plan.survey_every = weeks_value(where, key, value);
    } else if (key == "rounds") {
      plan.rounds = weeks_value(where, key, value);
    } else if (key == "tolerance") {
      try {
        plan.tolerance = std::stod(value);
      } catch (const std::exception&) {
        plan.tolerance = -1.0;
      }
      if (!(plan.tolerance > 0.0))
        throw ConfigError(where + "key 'tolerance' = '" + value + "' is not a positive number");
    } else if (key == "pair") {
      std::istringstream words(value);
      TuningPair pair;
      std::string extra;
      if (!(words >> pair.parameter >> pair.figure) || (words >> extra))
        throw ConfigError(where + "key 'pair' = '" + value +
                          "': expected 'pair = parameter figure'");
      const ParamSpec* spec = model_parameters().find(pair.parameter);
      if (spec == nullptr || spec->type != ParamType::Real)
        throw ConfigError(where + "key 'pair': '" + pair.parameter +
                          "' is not a real parameter (see 'samen params')");
      plan.pairs.push_back(pair);
    } else {
      throw ConfigError(where + "unknown key '" + key +
                        "' (allowed: scenario, set, burn_in_weeks, measure_weeks, survey_every, "
                        "rounds, tolerance, pair)");
    }
  }
  if (plan.scenario.empty()) throw ConfigError(path + ": no 'scenario = FILE.ini' line");
  if (plan.pairs.empty()) throw ConfigError(path + ": no 'pair = parameter figure' line");
  return plan;
}

std::vector<TuningRound> tune_steady_state(
    const TuningPlan& plan, const std::function<void(const TuningRound&)>& on_round) {
  const std::size_t k = plan.pairs.size();
  const ModelScenario start = load_model_scenario(plan.scenario, plan.overrides);
  std::vector<double> log_value(k), low(k), high(k), slope(k, 0.0);
  for (std::size_t i = 0; i < k; ++i) {
    const ParamSpec& spec = *model_parameters().find(plan.pairs[i].parameter);
    log_value[i] = std::log(start.values.real(spec.name));
    low[i] = std::log(std::max(spec.min, 1e-12));
    high[i] = std::log(spec.max);
  }
  std::vector<TuningRound> rounds;
  for (std::uint32_t r = 0; r < plan.rounds; ++r) {
    TuningRound round;
    std::vector<std::string> overrides = plan.overrides;
    for (std::size_t i = 0; i < k; ++i) {
      round.values.push_back(std::exp(log_value[i]));
      overrides.push_back(plan.pairs[i].parameter + "=" + format_number(round.values[i]));
    }
    const Measured m = measure(plan, overrides);
    double worst = 0.0;
    for (std::size_t i = 0; i < k; ++i) {
      const auto it = m.figures.find(plan.pairs[i].figure);
      if (it == m.figures.end())
        throw ConfigError(plan.path + ": figure '" + plan.pairs[i].figure +
                          "' is not in the survey targets");
      const FigureComparison& f = it->second;
      const double se = survey_standard_error(f);
      round.model.push_back(f.model_value);
      round.survey.push_back(f.survey_value);
      round.z.push_back((f.model_value - f.survey_value) / se);
      worst = std::max(worst, std::fabs(round.z.back()));
    }
    for (const auto& [id, f] : m.figures) {
      ++round.figures;
      round.figures_within += f.within;
    }
    rounds.push_back(round);
    if (on_round) on_round(round);
    if (worst < plan.tolerance || r + 1 == plan.rounds) break;
    // Next rates: probe first, then secant steps towards every figure.
    for (std::size_t i = 0; i < k; ++i) {
      double step = kProbeLog;
      if (r > 0) {
        const TuningRound& before = rounds[r - 1];
        const double dlog = std::log(round.values[i]) - std::log(before.values[i]);
        const double dfig = round.model[i] - before.model[i];
        // The probe fixes the direction; a later secant of the other sign is noise.
        const double secant = std::fabs(dlog) > 1e-6 ? dfig / dlog : 0.0;
        if (r == 1 || secant * slope[i] > 0.0) slope[i] = secant;
        step = slope[i] != 0.0 ? kDamping * (round.survey[i] - round.model[i]) / slope[i] : 0.0;
        if (!std::isfinite(step)) step = 0.0;
      }
      step = std::clamp(step, -kMaxStepLog, kMaxStepLog);
      log_value[i] = std::clamp(log_value[i] + step, low[i], high[i]);
    }
  }
  return rounds;
}

}  // namespace samen

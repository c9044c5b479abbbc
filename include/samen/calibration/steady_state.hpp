// Tunes the rates of the dynamic mechanisms so that the baseline's steady
// state answers the survey like the 2011 respondents: each rate is paired with
// the survey figure it mainly moves, and all pairs are moved together by
// secant steps on the log of the rate, one long run per round.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "samen/core/random.hpp"
#include "samen/model/parameters.hpp"
#include "samen/survey/targets.hpp"
#include "samen/survey/virtual_survey.hpp"

namespace samen {

/// How the steady state is read: weeks before measuring, then virtual surveys
/// every `survey_every` weeks over `measure_weeks` weeks (weeks 0, s, 2s, ...).
struct SteadyStateWindow {
  std::uint32_t burn_in_weeks = 520;
  std::uint32_t measure_weeks = 104;
  std::uint32_t survey_every = 8;
};

/// Generates a field with streams `key`, runs it for the burn-in and returns
/// every survey figure with the model's value averaged over the window's
/// surveys (NaN where no unit answered) and `within` set against the figure's
/// 95% interval. A pure function of its arguments.
std::map<std::string, FigureComparison> measure_steady_state(const ModelParams& params,
                                                             const SurveyTargets& targets,
                                                             const SteadyStateWindow& window,
                                                             StreamKey key);

/// The survey's standard error of a figure, from its 95% interval.
double survey_standard_error(const FigureComparison& figure);

/// A rate and the survey figure it is tuned to.
struct TuningPair {
  std::string parameter;  ///< a real parameter key, e.g. "cjg.cooperation_start"
  std::string figure;     ///< a survey figure id, e.g. "P.cjg.cooperates"
};

/// What to tune and how long to run (a tuning file, e.g. tools/tune_dynamics.ini).
struct TuningPlan {
  std::string path;                    ///< the tuning file
  std::string scenario;                ///< the scenario to tune, relative to the file
  std::vector<std::string> overrides;  ///< `set = key=value` lines: the tuning field
  std::uint32_t burn_in_weeks = 520;   ///< weeks before measuring
  std::uint32_t measure_weeks = 104;   ///< weeks over which figures are averaged
  std::uint32_t survey_every = 8;      ///< weeks between the averaged surveys
  std::uint32_t rounds = 12;           ///< at most this many runs
  double tolerance = 0.25;  ///< stop when every |model - survey| / standard error is below
  std::vector<TuningPair> pairs;

  /// Reads `path`: lines `key = value` with keys scenario, set (repeatable),
  /// burn_in_weeks, measure_weeks, survey_every, rounds, tolerance and pair
  /// (repeatable, `pair = parameter figure`). Throws ConfigError naming the
  /// file, line and key.
  static TuningPlan load(const std::string& path);
};

/// One run of the tuning: the rates tried and the figures they gave.
struct TuningRound {
  std::vector<double> values;  ///< per pair, the parameter's value
  std::vector<double> model;   ///< per pair, the model's figure (percent or mean)
  std::vector<double> survey;  ///< per pair, the survey's figure
  std::vector<double> z;       ///< per pair, (model - survey) / the survey's standard error
  int figures_within = 0;      ///< of all figures, averaged over the measured weeks
  int figures = 0;
};

/// Runs the rounds; `on_round` is called after each. The last round holds
/// the tuned values. A pure function of the plan (the scenario's seed).
std::vector<TuningRound> tune_steady_state(const TuningPlan& plan,
                                           const std::function<void(const TuningRound&)>& on_round);

}  // namespace samen

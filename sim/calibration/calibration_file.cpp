#include "samen/calibration/calibration_file.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "samen/core/parameters.hpp"
#include "samen/core/text_file.hpp"
#include "samen/model/parameters.hpp"
#include "samen/model/scenario.hpp"
#include "samen/model/scenario_inputs.hpp"
#include "samen/sweep/sweep_file.hpp"

namespace samen {
namespace {

namespace fs = std::filesystem;

const std::vector<std::string> kKeys = {
    "name",          "scenario",       "set",      "parameter",     "figure",
    "population",    "generations",    "quantile", "tolerances",    "batch",
    "max_proposals", "min_acceptance", "seed",     "burn_in_weeks", "measure_weeks",
    "survey_every",  "draws"};
const std::set<std::string> kRepeatable = {"set", "parameter", "figure"};

// The declarations mark the rates that samen tune fits with this phrase,
// followed by the figure's id.
const std::string kTunedTo = "tuned to ";

std::size_t parse_count(const std::string& where, const std::string& key, const std::string& value,
                        long low, long high) {
  try {
    std::size_t used = 0;
    const long n = std::stol(value, &used);
    if (used != value.size() || n < low || n > high) throw std::invalid_argument(value);
    return static_cast<std::size_t>(n);
  } catch (const std::exception&) {
    throw ConfigError(where + "key '" + key + "' = '" + printable(value) +
                      "' is not an integer in the allowed range [" + std::to_string(low) + ", " +
                      std::to_string(high) + "]");
  }
}

double parse_real(const std::string& where, const std::string& key, const std::string& text,
                  double low, double high, const std::string& allowed) {
  double value = 0.0;
  const char* end = text.data() + text.size();
  const auto result = std::from_chars(text.data(), end, value);
  if (result.ec != std::errc() || result.ptr != end || !std::isfinite(value) || value < low ||
      value > high)
    throw ConfigError(where + "key '" + key + "' = '" + printable(text) + "' is not a number in " +
                      allowed);
  return value;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> tuned_rates() {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& spec : model_parameters().all()) {
    if (spec.type != ParamType::Real || spec.source_kind != SourceKind::assumption) continue;
    const auto at = spec.source.find(kTunedTo);
    if (at != 0) continue;
    std::string figure = spec.source.substr(kTunedTo.size());
    figure = figure.substr(0, figure.find_first_of(" ;:,()"));
    out.emplace_back(spec.name, figure);
  }
  return out;
}

CalibrationFile CalibrationFile::load(const std::string& path) {
  std::ifstream in(path);
  if (!in || !fs::is_regular_file(path))
    throw ConfigError("cannot read calibration file '" + path + "'");
  CalibrationFile c;
  c.path = path;
  c.name = fs::path(path).stem().string();
  c.abc.population = 100;
  c.abc.generations = 4;
  c.abc.batch = 0;  // default: the population, set below
  const fs::path dir = fs::path(path).parent_path();
  ParamRegistry suggestions;  // only for "did you mean"
  for (const auto& k : kKeys) suggestions.add({k, ParamType::Text, "", 0, 0, "", "", ""});
  std::map<std::string, std::string> seen;  // key -> where it was set
  std::vector<std::string> figure_where;
  // Lines end at LF, CRLF or a lone CR; binary files and control bytes are refused.
  for (const TextLine& read : read_text_lines(in, path)) {
    const std::string& line = read.text;
    const int number = read.number;
    c.text += line + "\n";
    const std::string text = trim(line);
    if (text.empty() || text[0] == '#' || text[0] == ';') continue;
    const std::string where = path + ":" + std::to_string(number) + ": ";
    const auto eq = text.find('=');
    if (eq == std::string::npos)
      throw ConfigError(where + "expected 'key = value' but found '" + printable(text) + "'");
    const std::string key = trim(text.substr(0, eq)), value = trim(text.substr(eq + 1));
    if (std::find(kKeys.begin(), kKeys.end(), key) == kKeys.end()) {
      const std::string near = suggestions.nearest(key);
      std::string allowed;
      for (const auto& k : kKeys) allowed += (allowed.empty() ? "" : ", ") + k;
      throw ConfigError(where + "unknown key '" + printable(key) + "'" +
                        (near.empty() ? "" : "; did you mean '" + near + "'?") +
                        " (allowed: " + allowed + ")");
    }
    if (!kRepeatable.count(key) && seen.count(key))
      throw ConfigError(where + "key '" + key + "' is given twice (also at " + seen[key] +
                        "); give it once");
    seen[key] = path + ":" + std::to_string(number);
    if (key == "name") {
      // The name is the default output results/<name>.h5: a plain file name.
      if (!is_plain_name(value))
        throw ConfigError(where + "key 'name' = '" + printable(value) +
                          "' must be a plain file name (no '/' or '\\', not starting with "
                          "'.'), since it names the output results/<name>.h5");
      c.name = value;
    } else if (key == "scenario") {
      c.scenario =
          fs::path(value).is_absolute() ? value : (dir / value).lexically_normal().string();
    } else if (key == "set") {
      if (value.find('=') == std::string::npos)
        throw ConfigError(where + "key 'set' = '" + printable(value) + "' is not 'key=value'");
      c.overrides.push_back(value);
    } else if (key == "parameter") {
      bool integer = false;
      c.parameters.push_back(parse_parameter_line(where, value, integer));
      if (integer)
        throw ConfigError(where + "parameter '" + c.parameters.back().name +
                          "' is an integer; only real parameters can be calibrated");
      for (std::size_t k = 0; k + 1 < c.parameters.size(); ++k)
        if (c.parameters[k].name == c.parameters.back().name)
          throw ConfigError(where + "parameter '" + c.parameters.back().name +
                            "' is given twice; give each parameter once");
    } else if (key == "figure") {
      if (value.empty() || value.find_first_of(" \t") != std::string::npos)
        throw ConfigError(where + "key 'figure' = '" + printable(value) + "' is not one figure id");
      if (std::find(c.figures.begin(), c.figures.end(), value) != c.figures.end())
        throw ConfigError(where + "figure '" + value + "' is given twice; give each figure once");
      c.figures.push_back(value);
      figure_where.push_back(where);
    } else if (key == "population") {
      c.abc.population = parse_count(where, key, value, 2, 1000000);
    } else if (key == "generations") {
      c.abc.generations = parse_count(where, key, value, 1, 1000);
    } else if (key == "quantile") {
      c.abc.quantile = parse_real(where, key, value, 0.0, 1.0, "(0, 1)");
      if (!(c.abc.quantile > 0.0 && c.abc.quantile < 1.0))
        throw ConfigError(where + "key 'quantile' = '" + value + "' is not a number in (0, 1)");
    } else if (key == "tolerances") {
      std::istringstream words(value);
      for (std::string w; words >> w;) {
        c.abc.tolerances.push_back(parse_real(where, key, w, 0.0, 1e300, "[0, inf)"));
        const auto n = c.abc.tolerances.size();
        if (n > 1 && !(c.abc.tolerances[n - 1] < c.abc.tolerances[n - 2]))
          throw ConfigError(where + "key 'tolerances': " + w +
                            " does not decrease; tolerances must decrease");
      }
      if (c.abc.tolerances.empty())
        throw ConfigError(where + "key 'tolerances' is empty (write 'tolerances = e0 e1 ...')");
    } else if (key == "batch") {
      c.abc.batch = parse_count(where, key, value, 1, 1000000);
    } else if (key == "max_proposals") {
      c.abc.max_proposals = parse_count(where, key, value, 2, 4294967295);
    } else if (key == "min_acceptance") {
      c.abc.min_acceptance = parse_real(where, key, value, 0.0, 1.0, "[0, 1]");
    } else if (key == "seed") {
      c.abc.seed = static_cast<std::uint32_t>(parse_count(where, key, value, 0, 4294967295));
      c.seed_given = true;
    } else if (key == "burn_in_weeks") {
      c.window.burn_in_weeks = static_cast<std::uint32_t>(parse_count(where, key, value, 0, 5200));
      c.burn_in_given = true;
    } else if (key == "measure_weeks") {
      c.window.measure_weeks = static_cast<std::uint32_t>(parse_count(where, key, value, 0, 5200));
    } else if (key == "survey_every") {
      c.window.survey_every = static_cast<std::uint32_t>(parse_count(where, key, value, 1, 5200));
    } else if (key == "draws") {
      c.draws = parse_count(where, key, value, 1, 100000);
    }
  }
  if (c.scenario.empty()) throw ConfigError(path + ": no 'scenario = FILE.ini' line");
  if (!c.abc.tolerances.empty())
    for (const char* key : {"generations", "quantile"})
      if (seen.count(key))
        throw ConfigError(seen[key] + ": key '" + key +
                          "' applies to the adaptive schedule, but 'tolerances' fixes the "
                          "schedule; give one of them");
  if (c.abc.batch == 0) c.abc.batch = c.abc.population;
  if (c.abc.max_proposals < c.abc.population)
    throw ConfigError(seen["max_proposals"] +
                      ": key 'max_proposals' = " + std::to_string(c.abc.max_proposals) +
                      " is below the population (" + std::to_string(c.abc.population) + ")");

  const auto tuned = tuned_rates();
  if (c.parameters.empty()) {
    for (const auto& [name, figure] : tuned) {
      bool integer = false;
      c.parameters.push_back(
          parse_parameter_line(path + ": default parameter: ", name + " log", integer));
    }
  }
  for (const auto& p : c.parameters)
    for (const auto& o : c.overrides)
      if (trim(o.substr(0, o.find('='))) == p.name)
        throw ConfigError(path + ": parameter '" + p.name +
                          "' is both calibrated and set ('set = " + o + "'); do one");
  if (c.figures.empty()) {
    for (const auto& p : c.parameters) {
      const auto it = std::find_if(tuned.begin(), tuned.end(),
                                   [&](const auto& t) { return t.first == p.name; });
      if (it == tuned.end())
        throw ConfigError(path + ": parameter '" + p.name +
                          "' is not declared as tuned to a survey figure; name the figures to "
                          "fit with 'figure = ID' lines");
      if (std::find(c.figures.begin(), c.figures.end(), it->second) == c.figures.end()) {
        c.figures.push_back(it->second);
        figure_where.push_back(path + ": figure of parameter '" + p.name + "': ");
      }
    }
  }

  // The scenario and its targets: every figure must be one the survey reports.
  const ModelScenario scenario = load_model_scenario(c.scenario, c.overrides);
  const SurveyTargets targets = load_scenario_targets(scenario);
  for (std::size_t f = 0; f < c.figures.size(); ++f)
    if (!targets.contains(c.figures[f]))
      throw ConfigError(figure_where[f] + "figure '" + c.figures[f] +
                        "' is not in the survey targets " + targets.path() +
                        " ('samen survey' lists them)");
  if (!c.burn_in_given) c.window.burn_in_weeks = scenario.params.run.burn_in_weeks;
  if (!c.seed_given) c.abc.seed = scenario.params.run.seed;
  return c;
}

}  // namespace samen

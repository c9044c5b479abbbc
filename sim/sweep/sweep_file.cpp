#include "samen/sweep/sweep_file.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "samen/core/numbers.hpp"
#include "samen/core/parameters.hpp"
#include "samen/core/text_file.hpp"
#include "samen/model/parameters.hpp"

namespace samen {
namespace {

namespace fs = std::filesystem;
using uncertainty::DesignKind;
using uncertainty::Parameter;
using uncertainty::Scale;

const std::vector<std::string> kKeys = {
    "name",   "baseline",     "scenario",   "replicates",   "set",  "design",      "points",
    "levels", "trajectories", "candidates", "base_samples", "seed", "block_weeks", "parameter"};
const std::set<std::string> kRepeatable = {"scenario", "set", "parameter"};

// Which design each size key applies to.
const std::map<std::string, std::set<DesignKind>> kDesignKeys = {
    {"points", {DesignKind::latin_hypercube, DesignKind::sobol}},
    {"levels", {DesignKind::grid, DesignKind::morris}},
    {"trajectories", {DesignKind::morris}},
    {"candidates", {DesignKind::morris}},
    {"base_samples", {DesignKind::saltelli}},
    {"seed", {DesignKind::latin_hypercube, DesignKind::morris}},
};

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

DesignKind parse_design(const std::string& where, const std::string& value) {
  if (value == "grid") return DesignKind::grid;
  if (value == "lhs" || value == "latin_hypercube") return DesignKind::latin_hypercube;
  if (value == "sobol") return DesignKind::sobol;
  if (value == "morris") return DesignKind::morris;
  if (value == "saltelli") return DesignKind::saltelli;
  throw ConfigError(where + "key 'design' = '" + value +
                    "' is not a design (allowed: grid, lhs, sobol, morris, saltelli)");
}

bool parse_number(const std::string& text, double& value) {
  const char* end = text.data() + text.size();
  const auto result = std::from_chars(text.data(), end, value);
  return result.ec == std::errc() && result.ptr == end && std::isfinite(value);
}

// `NAME [LOW HIGH] [linear|log]`, checked against the declarations.
Parameter parse_parameter(const std::string& where, const std::string& value, bool& integer) {
  std::istringstream in(value);
  std::vector<std::string> words;
  for (std::string w; in >> w;) words.push_back(w);
  const std::string usage = " (write 'parameter = NAME [LOW HIGH] [linear|log]')";
  if (words.empty()) throw ConfigError(where + "key 'parameter' is empty" + usage);
  Parameter p;
  p.name = words[0];
  const auto& registry = model_parameters();
  const ParamSpec* spec = registry.find(p.name);
  if (!spec) {
    const std::string near = registry.nearest(p.name);
    throw ConfigError(where + "parameter '" + p.name + "' is not a declared parameter" +
                      (near.empty() ? "" : "; did you mean '" + near + "'?") +
                      " ('samen params' lists them)");
  }
  if (spec->type != ParamType::Real && spec->type != ParamType::Integer)
    throw ConfigError(where + "parameter '" + p.name + "' is " + to_string(spec->type) +
                      "; only real and integer parameters can be swept");
  if (p.name.rfind("run.", 0) == 0 || p.name.rfind("scenario.", 0) == 0)
    throw ConfigError(where + "parameter '" + p.name +
                      "' sets how the sweep runs, not the model; set it with 'set = " + p.name +
                      "=VALUE'");
  integer = spec->type == ParamType::Integer;
  std::size_t next = 1;
  if (words.size() >= 3 && words[1] != "linear" && words[1] != "log") {
    if (!parse_number(words[1], p.low) || !parse_number(words[2], p.high))
      throw ConfigError(where + "parameter '" + p.name + "': range '" + words[1] + " " + words[2] +
                        "' is not two numbers" + usage);
    next = 3;
  } else if (spec->source_kind == SourceKind::assumption) {
    p.low = spec->plausible_low;
    p.high = spec->plausible_high;
  } else {
    throw ConfigError(where + "parameter '" + p.name + "' is a " + to_string(spec->source_kind) +
                      ", which declares no plausible range; give one: 'parameter = " + p.name +
                      " LOW HIGH' within its allowed range " + format_range(*spec));
  }
  if (next < words.size()) {
    if (words[next] == "linear")
      p.scale = Scale::linear;
    else if (words[next] == "log")
      p.scale = Scale::log;
    else
      throw ConfigError(where + "parameter '" + p.name + "': scale '" + words[next] +
                        "' is not linear or log" + usage);
    ++next;
  }
  if (next != words.size())
    throw ConfigError(where + "parameter '" + p.name + "': unexpected '" + words[next] + "'" +
                      usage);
  if (!(p.low < p.high))
    throw ConfigError(where + "parameter '" + p.name + "': range [" + format_number(p.low) + ", " +
                      format_number(p.high) + "] needs low < high");
  if (p.low < spec->min || p.high > spec->max)
    throw ConfigError(where + "parameter '" + p.name + "': range [" + format_number(p.low) + ", " +
                      format_number(p.high) + "] leaves its allowed range " + format_range(*spec));
  if (p.scale == Scale::log && !(p.low > 0.0))
    throw ConfigError(where + "parameter '" + p.name + "': a log scale needs low > 0 (got " +
                      format_number(p.low) + ")");
  return p;
}

}  // namespace

SweepFile SweepFile::load(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw ConfigError("cannot read sweep file '" + path + "'");
  SweepFile sweep;
  sweep.path = path;
  sweep.name = fs::path(path).stem().string();
  const fs::path dir = fs::path(path).parent_path();
  auto resolve = [&](const std::string& value) {
    return fs::path(value).is_absolute() ? value : (dir / value).lexically_normal().string();
  };
  ParamRegistry suggestions;  // only for "did you mean"
  for (const auto& k : kKeys) suggestions.add({k, ParamType::Text, "", 0, 0, "", "", ""});
  std::map<std::string, std::string> seen;  // key -> where it was set
  bool has_design = false;
  // Lines end at LF, CRLF or a lone CR; binary files and control bytes are refused.
  for (const TextLine& read : read_text_lines(in, path)) {
    const std::string& line = read.text;
    const int number = read.number;
    sweep.text += line + "\n";
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
      // The name is the output folder results/<name>: a plain file name.
      if (!is_plain_name(value))
        throw ConfigError(where + "key 'name' = '" + printable(value) +
                          "' must be a plain file name (no '/' or '\\', not starting with "
                          "'.'), since it names the output folder results/<name>");
      sweep.name = value;
    } else if (key == "baseline") {
      sweep.baseline = resolve(value);
    } else if (key == "scenario") {
      sweep.scenarios.push_back(resolve(value));
    } else if (key == "replicates") {
      sweep.replicates = static_cast<unsigned>(parse_count(where, key, value, 1, 100000));
    } else if (key == "set") {
      if (value.find('=') == std::string::npos)
        throw ConfigError(where + "key 'set' = '" + printable(value) + "' is not 'key=value'");
      sweep.overrides.push_back(value);
    } else if (key == "design") {
      sweep.design = parse_design(where, value);
      has_design = true;
    } else if (key == "points") {
      sweep.points = parse_count(where, key, value, 1, 10000000);
    } else if (key == "levels") {
      sweep.levels = parse_count(where, key, value, 1, 1000);
    } else if (key == "trajectories") {
      sweep.trajectories = parse_count(where, key, value, 2, 100000);
    } else if (key == "candidates") {
      sweep.candidates = parse_count(where, key, value, 0, 100000);
    } else if (key == "base_samples") {
      sweep.base_samples = parse_count(where, key, value, 2, 10000000);
    } else if (key == "seed") {
      sweep.design_seed = static_cast<std::uint32_t>(parse_count(where, key, value, 0, 4294967295));
    } else if (key == "block_weeks") {
      sweep.block_weeks = static_cast<std::uint32_t>(parse_count(where, key, value, 1, 5200));
    } else if (key == "parameter") {
      bool integer = false;
      sweep.parameters.push_back(parse_parameter(where, value, integer));
      sweep.integer.push_back(integer);
      for (std::size_t k = 0; k + 1 < sweep.parameters.size(); ++k)
        if (sweep.parameters[k].name == sweep.parameters.back().name)
          throw ConfigError(where + "parameter '" + sweep.parameters.back().name +
                            "' is given twice; give each parameter once");
    }
  }
  if (sweep.baseline.empty()) throw ConfigError(path + ": no 'baseline = FILE.ini' line");
  if (!has_design)
    throw ConfigError(path +
                      ": no 'design = ...' line (allowed: grid, lhs, sobol, morris, saltelli)");
  if (sweep.parameters.empty())
    throw ConfigError(path + ": no 'parameter = NAME' line; a sweep needs at least one parameter");
  const std::string design = uncertainty::kind_name(sweep.design);
  for (const auto& [key, kinds] : kDesignKeys)
    if (seen.count(key) && !kinds.count(sweep.design))
      throw ConfigError(seen[key] + ": key '" + key + "' does not apply to design '" + design +
                        "'");
  auto require = [&](const char* key, std::size_t value) {
    if (value == 0) throw ConfigError(path + ": design '" + design + "' needs '" + key + " = N'");
  };
  switch (sweep.design) {
    case DesignKind::grid:
      require("levels", sweep.levels);
      break;
    case DesignKind::latin_hypercube:
    case DesignKind::sobol:
      require("points", sweep.points);
      break;
    case DesignKind::morris:
      require("trajectories", sweep.trajectories);
      if (sweep.levels == 0) sweep.levels = 4;
      if (sweep.levels < 2 || sweep.levels % 2 != 0)
        throw ConfigError(seen["levels"] + ": key 'levels' = " + std::to_string(sweep.levels) +
                          " must be even and at least 2 for a Morris design");
      if (sweep.candidates != 0 && sweep.candidates < sweep.trajectories)
        throw ConfigError(seen["candidates"] +
                          ": key 'candidates' = " + std::to_string(sweep.candidates) +
                          " must be 0 or at least 'trajectories'");
      break;
    case DesignKind::saltelli:
      require("base_samples", sweep.base_samples);
      break;
  }
  for (const auto& p : sweep.parameters)
    for (const auto& o : sweep.overrides)
      if (trim(o.substr(0, o.find('='))) == p.name)
        throw ConfigError(path + ": parameter '" + p.name + "' is both swept and set ('set = " + o +
                          "'); do one");
  std::set<std::string> names = {fs::path(sweep.baseline).stem().string()};
  for (const auto& s : sweep.scenarios)
    if (!names.insert(fs::path(s).stem().string()).second)
      throw ConfigError(path + ": two scenarios are named '" + fs::path(s).stem().string() +
                        "'; results are named after the file, so names must differ");
  return sweep;
}

uncertainty::Parameter parse_parameter_line(const std::string& where, const std::string& value,
                                            bool& integer) {
  return parse_parameter(where, value, integer);
}

uncertainty::Design SweepFile::make_design() const {
  switch (design) {
    case DesignKind::grid:
      return uncertainty::grid_design(parameters, {levels});
    case DesignKind::latin_hypercube:
      return uncertainty::latin_hypercube_design(parameters, points, design_seed);
    case DesignKind::sobol:
      return uncertainty::sobol_design(parameters, points);
    case DesignKind::morris:
      return uncertainty::morris_design(parameters,
                                        {trajectories, levels, candidates, design_seed});
    case DesignKind::saltelli:
      return uncertainty::saltelli_design(parameters, base_samples);
  }
  return {};
}

std::vector<std::string> point_overrides(const SweepFile& sweep, const uncertainty::Design& design,
                                         std::size_t point) {
  std::vector<std::string> out;
  const auto values = design.point_values(point);
  for (std::size_t k = 0; k < values.size(); ++k) {
    const auto& p = design.parameters[k];
    const double v = std::clamp(values[k], p.low, p.high);
    if (sweep.integer[k])
      out.push_back(p.name + "=" + std::to_string(static_cast<long long>(std::llround(v))));
    else
      out.push_back(p.name + "=" + exact_text(v));
  }
  return out;
}

}  // namespace samen

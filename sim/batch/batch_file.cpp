#include "samen/batch/batch_file.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <stdexcept>

#include "samen/core/parameters.hpp"
#include "samen/core/text_file.hpp"
#include "samen/model/parameters.hpp"

namespace samen {
namespace {}  // namespace

BatchFile BatchFile::load(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::is_directory(path, ec))
    throw ConfigError("batch file '" + path +
                      "' is a directory; give a batch file (e.g. "
                      "scenarios/policy_options.ini)");
  std::ifstream in(path);
  if (!in) throw ConfigError("cannot read batch file '" + path + "'");
  BatchFile batch;
  batch.path = path;
  batch.name = fs::path(path).stem().string();
  const fs::path dir = fs::path(path).parent_path();
  auto resolve = [&](const std::string& value) {
    return fs::path(value).is_absolute() ? value : (dir / value).lexically_normal().string();
  };
  // run.replicates is the scenario files' name for `replicates`.
  const std::vector<std::string> keys = {"name",       "baseline",          "scenario",
                                         "replicates", "run.replicates",    "run.weeks",
                                         "run.seed",   "run.burn_in_weeks", "run.survey_every"};
  ParamRegistry suggestions;  // only for "did you mean"
  for (const auto& k : keys) suggestions.add({k, ParamType::Text, "", 0, 0, "", "", ""});
  std::map<std::string, int> seen;  // key -> line, for keys given once
  // Lines end at LF, CRLF or a lone CR; binary files and control bytes are refused.
  for (const TextLine& read : read_text_lines(in, path)) {
    const std::string& line = read.text;
    const int number = read.number;
    const std::string text = trim(line);
    if (text.empty() || text[0] == '#' || text[0] == ';') continue;
    const std::string where = path + ":" + std::to_string(number) + ": ";
    const auto eq = text.find('=');
    if (eq == std::string::npos)
      throw ConfigError(where + "expected 'key = value' but found '" + printable(text) + "'");
    const std::string key = trim(text.substr(0, eq)), value = trim(text.substr(eq + 1));
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
      const std::string near = suggestions.nearest(key);
      throw ConfigError(where + "unknown key '" + printable(key) + "'" +
                        (near.empty() ? "" : "; did you mean '" + near + "'?") +
                        " (allowed: name, baseline, scenario, replicates, run.weeks, "
                        "run.burn_in_weeks, run.seed, run.survey_every)");
    }
    if (key != "scenario") {
      // As in scenario files, a key given twice is an error, not "the last wins".
      const std::string slot = key == "run.replicates" ? "replicates" : key;
      const auto [it, fresh] = seen.emplace(slot, number);
      if (!fresh)
        throw ConfigError(where + "key '" + key + "' is given twice (also on line " +
                          std::to_string(it->second) + "); give it once");
    }
    if (key == "name") {
      // The name is the output folder results/<name>: a plain file name.
      if (!is_plain_name(value))
        throw ConfigError(where + "key 'name' = '" + printable(value) +
                          "' must be a plain file name (no '/' or '\\', not starting with "
                          "'.'), since it names the output folder results/<name>");
      batch.name = value;
    } else if (key == "baseline") {
      batch.baseline = resolve(value);
    } else if (key == "scenario") {
      batch.scenarios.push_back(resolve(value));
    } else {
      const std::string setting = key == "replicates" ? "run.replicates" : key;
      const ParamSpec* spec = model_parameters().find(setting);
      if (spec == nullptr) throw std::logic_error("undeclared run setting " + setting);
      try {
        std::size_t used = 0;
        const long long n = std::stoll(value, &used);
        if (used != value.size() || value[0] == '+' || value[0] == ' ' ||
            static_cast<double>(n) < spec->min || static_cast<double>(n) > spec->max)
          throw std::invalid_argument(value);
        if (setting == "run.replicates")
          batch.replicates = static_cast<unsigned>(n);
        else
          batch.settings.push_back(setting + "=" + value);
      } catch (const std::exception&) {
        throw ConfigError(where + "key '" + key + "' = '" + printable(value) +
                          "' is not a whole number in the allowed range " + format_range(*spec));
      }
    }
  }
  if (batch.baseline.empty()) throw ConfigError(path + ": no 'baseline = FILE.ini' line");
  std::set<std::string> names = {fs::path(batch.baseline).stem().string()};
  for (const auto& s : batch.scenarios)
    if (!names.insert(fs::path(s).stem().string()).second)
      throw ConfigError(path + ": two scenarios are named '" + fs::path(s).stem().string() +
                        "'; outputs are named after the file, so names must differ");
  return batch;
}

}  // namespace samen

#include "samen/batch/batch_file.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>

#include "samen/core/parameters.hpp"

namespace samen {
namespace {

std::string trim(const std::string& s) {
  const auto a = s.find_first_not_of(" \t\r");
  if (a == std::string::npos) return "";
  const auto b = s.find_last_not_of(" \t\r");
  return s.substr(a, b - a + 1);
}

}  // namespace

BatchFile BatchFile::load(const std::string& path) {
  namespace fs = std::filesystem;
  std::ifstream in(path);
  if (!in) throw ConfigError("cannot read batch file '" + path + "'");
  BatchFile batch;
  batch.path = path;
  batch.name = fs::path(path).stem().string();
  const fs::path dir = fs::path(path).parent_path();
  auto resolve = [&](const std::string& value) {
    return fs::path(value).is_absolute() ? value : (dir / value).lexically_normal().string();
  };
  const std::vector<std::string> keys = {"name", "baseline", "scenario", "replicates"};
  ParamRegistry suggestions;  // only for "did you mean"
  for (const auto& k : keys) suggestions.add({k, ParamType::Text, "", 0, 0, "", "", ""});
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
    if (key == "name") {
      batch.name = value;
    } else if (key == "baseline") {
      batch.baseline = resolve(value);
    } else if (key == "scenario") {
      batch.scenarios.push_back(resolve(value));
    } else if (key == "replicates") {
      try {
        std::size_t used = 0;
        const long n = std::stol(value, &used);
        if (used != value.size() || n < 1 || n > 100000) throw std::invalid_argument(value);
        batch.replicates = static_cast<unsigned>(n);
      } catch (const std::exception&) {
        throw ConfigError(where + "key 'replicates' = '" + value +
                          "' is not an integer in the allowed range [1, 100000]");
      }
    } else {
      const std::string near = suggestions.nearest(key);
      throw ConfigError(where + "unknown key '" + key + "'" +
                        (near.empty() ? "" : "; did you mean '" + near + "'?") +
                        " (allowed: name, baseline, scenario, replicates)");
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

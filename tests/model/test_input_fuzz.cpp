// A fuzz test of the input readers: seeded mutations of every shipped scenario,
// batch and sweep file are fed to the scenario, batch-file and sweep-file loaders, which
// must either accept them or throw a ConfigError that names the file; anything
// else (another exception, a crash, a sanitizer report) fails.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "samen/batch/batch_file.hpp"
#include "samen/calibration/calibration_file.hpp"
#include "samen/core/build_info.hpp"
#include "samen/core/text_file.hpp"
#include "samen/model/scenario.hpp"
#include "samen/sweep/sweep_file.hpp"

using namespace samen;

namespace {

namespace fs = std::filesystem;

std::string read_all(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void write_all(const fs::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
}

// A copy of scenarios/ in a fresh temporary directory, so that `base = ...` and
// the batch file's scenarios resolve as they do in the real folder.
class ScenarioCopy {
 public:
  ScenarioCopy() {
    const auto stamp = std::chrono::steady_clock::now().time_since_epoch().count();
    path_ = fs::temp_directory_path() / ("samen_test_fuzz_" + std::to_string(stamp));
    fs::create_directories(path_);
    fs::copy(fs::path(samen::build::source_dir()) / "scenarios", path_);
  }
  ~ScenarioCopy() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  ScenarioCopy(const ScenarioCopy&) = delete;
  ScenarioCopy& operator=(const ScenarioCopy&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// Values at the edges of what a number can be, for "numbers replaced by extreme values".
const std::vector<std::string> extreme_numbers = {"0",
                                                  "-0",
                                                  "-1",
                                                  "1e308",
                                                  "-1e308",
                                                  "1e309",
                                                  "1e-320",
                                                  "nan",
                                                  "inf",
                                                  "-inf",
                                                  "4294967295",
                                                  "4294967296",
                                                  "-2147483649",
                                                  "9223372036854775807",
                                                  "9223372036854775808",
                                                  "18446744073709551616",
                                                  "0x10",
                                                  "1,5",
                                                  "+-1",
                                                  "99999999999999999999999999999999999999999",
                                                  "",
                                                  "1e",
                                                  ".",
                                                  "1.5.2"};

// Bytes worth inserting: syntax characters, line ends, control and non-UTF-8 bytes.
const std::string interesting_bytes = std::string("=[]#; \t\r\n.\x1b\x7f\xff\xc3") + '\0';

class Mutator {
 public:
  explicit Mutator(std::uint64_t seed) : rng_(seed) {}

  std::size_t below(std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(rng_() % n); }

  // Applies one of the mutation kinds to `text`; returns its name for the failure report.
  std::string mutate(std::string& text) {
    switch (below(8)) {
      case 0: {  // flip one bit
        if (text.empty()) return "flip (empty)";
        const std::size_t at = below(text.size());
        text[at] = static_cast<char>(text[at] ^ (1 << below(8)));
        return "flip at " + std::to_string(at);
      }
      case 1: {  // insert a byte, usually a meaningful one
        const std::size_t at = below(text.size() + 1);
        const char byte = below(2) == 0 ? interesting_bytes[below(interesting_bytes.size())]
                                        : static_cast<char>(below(256));
        text.insert(at, 1, byte);
        return "insert at " + std::to_string(at);
      }
      case 2: {  // delete a run of bytes
        if (text.empty()) return "delete (empty)";
        const std::size_t at = below(text.size());
        const std::size_t count = 1 + below(std::min<std::size_t>(16, text.size() - at));
        text.erase(at, count);
        return "delete " + std::to_string(count) + " at " + std::to_string(at);
      }
      case 3: {  // duplicate a line
        const auto lines = line_starts(text);
        const std::size_t i = below(lines.size());
        const std::string line = text.substr(lines[i].first, lines[i].second - lines[i].first);
        text.insert(lines[i].first, line + "\n");
        return "duplicate line " + std::to_string(i + 1);
      }
      case 4: {  // swap key and value of a line
        const auto lines = line_starts(text);
        const std::size_t i = below(lines.size());
        const std::string line = text.substr(lines[i].first, lines[i].second - lines[i].first);
        const auto equals = line.find('=');
        if (equals == std::string::npos) return "swap (no '=')";
        text.replace(lines[i].first, line.size(),
                     line.substr(equals + 1) + " = " + line.substr(0, equals));
        return "swap key and value on line " + std::to_string(i + 1);
      }
      case 5: {  // replace a number with an extreme value
        std::vector<std::pair<std::size_t, std::size_t>> numbers;
        for (std::size_t i = 0; i < text.size();) {
          if (std::isdigit(static_cast<unsigned char>(text[i])) == 0) {
            ++i;
            continue;
          }
          std::size_t end = i;
          while (end < text.size() && (std::isdigit(static_cast<unsigned char>(text[end])) != 0 ||
                                       text[end] == '.' || text[end] == 'e')) {
            ++end;
          }
          numbers.emplace_back(i, end - i);
          i = end;
        }
        if (numbers.empty()) return "extreme (no number)";
        const auto [at, length] = numbers[below(numbers.size())];
        text.replace(at, length, extreme_numbers[below(extreme_numbers.size())]);
        return "extreme number at " + std::to_string(at);
      }
      case 6: {  // truncate
        const std::size_t at = below(text.size() + 1);
        text.resize(at);
        return "truncate at " + std::to_string(at);
      }
      default: {  // change the line ends: CRLF or lone CR, as other editors write them
        const std::string end = below(2) == 0 ? "\r\n" : "\r";
        std::string changed;
        for (char c : text) {
          if (c == '\n') {
            changed += end;
          } else {
            changed += c;
          }
        }
        text = changed;
        return end == "\r" ? "CR line ends" : "CRLF line ends";
      }
    }
  }

 private:
  static std::vector<std::pair<std::size_t, std::size_t>> line_starts(const std::string& text) {
    std::vector<std::pair<std::size_t, std::size_t>> lines;
    std::size_t start = 0;
    while (start <= text.size()) {
      const auto end = std::min(text.find('\n', start), text.size());
      lines.emplace_back(start, end);
      start = end + 1;
    }
    return lines;
  }

  std::mt19937_64 rng_;
};

struct Outcome {
  bool clean = true;
  std::string problem;
};

// Runs `load`; a ConfigError must name a file of the copy and, with `escaped`,
// hold no raw control byte (text from the file is quoted through printable()).
template <typename Load>
Outcome try_load(Load load, const fs::path& folder, bool escaped) {
  try {
    load();
    return {};
  } catch (const ConfigError& error) {
    const std::string message = error.what();
    if (message.empty()) return {false, "a ConfigError with an empty message"};
    if (message.find(folder.string()) == std::string::npos) {
      return {false, "a ConfigError that names no file: " + printable(message, 400)};
    }
    for (char c : escaped ? message : std::string()) {
      const auto byte = static_cast<unsigned char>(c);
      if (byte < 0x20 || byte == 0x7F) {
        return {false, "a ConfigError with a raw control byte: " + printable(message, 400)};
      }
    }
    return {};
  } catch (const std::exception& error) {
    return {false, std::string("an exception other than ConfigError: ") + error.what()};
  } catch (...) {
    return {false, "an exception that is not a std::exception"};
  }
}

}  // namespace

TEST_CASE("3,000 mutated scenario, batch, sweep and calibration files give a clean error or load",
          "[config][fuzz]") {
  ScenarioCopy copy;
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(copy.path())) {
    if (entry.path().extension() == ".ini") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());  // the order of a directory is not fixed
  // The shipped scenarios set few keys; a resolved one sets every key, so the
  // mutations reach every declaration and every rule across keys.
  const fs::path resolved = copy.path() / "resolved.ini";
  write_all(resolved, load_model_scenario((copy.path() / "baseline.ini").string()).values.to_ini());
  files.push_back(resolved);
  REQUIRE(files.size() >= 13);

  // The batch- and sweep-file readers read through read_text_lines() too, so
  // their messages never quote raw control bytes either.
  const bool batch_messages_escaped = true;

  Mutator mutator(20240611);
  const int mutations = 3000;
  int loaded = 0, refused = 0;
  for (int i = 0; i < mutations; ++i) {
    const fs::path& file = files[static_cast<std::size_t>(i) % files.size()];
    const std::string original = read_all(file);
    std::string text = original;
    std::string how;
    for (std::size_t k = 1 + mutator.below(3); k > 0; --k) how += mutator.mutate(text) + "; ";
    write_all(file, text);

    bool scenario_loaded = false;
    const Outcome as_scenario = try_load(
        [&] {
          load_model_scenario(file.string());
          scenario_loaded = true;
        },
        copy.path(), true);
    const Outcome as_batch = try_load(
        [&] {
          const BatchFile batch = BatchFile::load(file.string());
          // As `samen batch` does, load each listed scenario that stays in the copy
          // (a mutated name could point anywhere on this machine).
          std::vector<std::string> listed = batch.scenarios;
          listed.push_back(batch.baseline);
          for (const std::string& scenario : listed) {
            if (fs::path(scenario).parent_path() == copy.path() && fs::is_regular_file(scenario)) {
              load_model_scenario(scenario);
            }
          }
        },
        copy.path(), batch_messages_escaped);
    const Outcome as_sweep =
        try_load([&] { SweepFile::load(file.string()); }, copy.path(), batch_messages_escaped);
    const Outcome as_calibration = try_load([&] { CalibrationFile::load(file.string()); },
                                            copy.path(), batch_messages_escaped);
    write_all(file, original);

    const std::string report = "mutation " + std::to_string(i) + " of " + file.filename().string() +
                               " (" + how + "): '" + printable(text, 2000) + "'";
    INFO(report);
    CHECK(as_scenario.problem == "");
    CHECK(as_batch.problem == "");
    CHECK(as_sweep.problem == "");
    CHECK(as_calibration.problem == "");
    if (!as_scenario.clean || !as_batch.clean || !as_sweep.clean || !as_calibration.clean)
      break;  // one report is enough to debug
    (scenario_loaded ? loaded : refused) += 1;
  }
  // Both outcomes must occur, or the mutations test nothing.
  CHECK(loaded > 100);
  CHECK(refused > 100);
}

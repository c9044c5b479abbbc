#include "options.hpp"

#include <tbb/task_arena.h>

#include <cctype>
#include <cstring>

#include "commands.hpp"
#include "samen/core/parameters.hpp"
#include "samen/dynamics/outcomes.hpp"
#include "samen/model/parameters.hpp"

namespace samen::cli {

boost::program_options::variables_map parse(
    const std::vector<std::string>& args,
    const boost::program_options::options_description& options,
    const boost::program_options::positional_options_description& positional) {
  namespace po = boost::program_options;
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(options).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    throw UsageError{e.what()};
  }
  return vm;
}

std::unique_ptr<tbb::global_control> limit_threads(int threads) {
  if (threads < 0) throw UsageError{"--threads must be 0 (all cores) or more"};
  const auto n = threads > 0 ? static_cast<std::size_t>(threads)
                             : static_cast<std::size_t>(tbb::this_task_arena::max_concurrency());
  return std::make_unique<tbb::global_control>(tbb::global_control::max_allowed_parallelism, n);
}

namespace {

// A whole number of weeks: digits only (no sign, space or suffix), at most `max`.
bool parse_week(const std::string& text, std::uint32_t max, std::uint32_t& week) {
  if (text.empty() || text.size() > 10) return false;
  std::uint64_t value = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + static_cast<std::uint64_t>(c - '0');
  }
  if (value > max) return false;
  week = static_cast<std::uint32_t>(value);
  return true;
}

}  // namespace

std::uint32_t parse_whole(const std::string& option, const std::string& text, std::uint32_t min,
                          std::uint32_t max) {
  std::uint64_t value = 0;
  bool ok = !text.empty() && text.size() <= 10;
  for (const char c : text) {
    if (c < '0' || c > '9') ok = false;
    if (ok) value = value * 10 + static_cast<std::uint64_t>(c - '0');
  }
  if (!ok || value < min || value > max)
    throw UsageError{option + " must be a whole number from " + std::to_string(min) + " to " +
                     std::to_string(max) + "; got '" + text + "'"};
  return static_cast<std::uint32_t>(value);
}

void add_run_setting(const boost::program_options::variables_map& vm, const std::string& option,
                     const std::string& key, std::vector<std::string>& overrides) {
  if (!vm.count(option)) return;
  const std::string text = vm[option].as<std::string>();
  const ParamSpec* spec = model_parameters().find(key);
  if (spec == nullptr) throw std::logic_error("undeclared run setting " + key);
  const auto value = parse_whole("--" + option, text, static_cast<std::uint32_t>(spec->min),
                                 static_cast<std::uint32_t>(spec->max));
  for (const auto& o : overrides) {
    const auto eq = o.find('=');
    std::string name = o.substr(0, eq);
    name.erase(0, name.find_first_not_of(" \t"));
    name.erase(name.find_last_not_of(" \t") + 1);
    if (name == key)
      throw UsageError{"--" + option + " " + text + " and --set " + o + " both set " + key +
                       "; give one of them"};
  }
  overrides.push_back(key + "=" + std::to_string(value));
}

std::string command_line(const std::string& command, const std::vector<std::string>& args) {
  std::string out = "samen " + command;
  for (const auto& a : args) {
    bool plain = !a.empty();
    for (const char c : a)
      if (!(std::isalnum(static_cast<unsigned char>(c)) || std::strchr("-_./=:,+@%", c)))
        plain = false;
    if (plain) {
      out += " " + a;
      continue;
    }
    out += " '";
    for (const char c : a) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    out += "'";
  }
  return out;
}

WeekWindow parse_window(const std::string& option, const std::string& text, std::uint32_t weeks) {
  const auto colon = text.find(':');
  WeekWindow window;
  if (colon == std::string::npos || !parse_week(text.substr(0, colon), weeks, window.first) ||
      !parse_week(text.substr(colon + 1), weeks, window.last) || window.first > window.last)
    throw UsageError{
        option + " must be A:B with whole weeks 0 <= A <= B <= " + std::to_string(weeks) +
        " (the recorded weeks), e.g. 0:" + std::to_string(weeks) + "; got '" + text + "'"};
  return window;
}

void check_outcome_names(const std::string& option, const std::vector<std::string>& names) {
  ParamRegistry known;  // only for "did you mean"
  for (const auto& o : outcome_registry())
    known.add({o.name, ParamType::Text, "", 0, 0, "", "", ""});
  for (const auto& name : names)
    if (!known.find(name)) {
      const std::string near = known.nearest(name);
      throw UsageError{option + ": unknown outcome '" + name + "'" +
                       (near.empty() ? "" : "; did you mean '" + near + "'?") +
                       " ('samen outcomes' lists them)"};
    }
}

}  // namespace samen::cli

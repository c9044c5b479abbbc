// Declares model parameters once (name, type, default, range, unit, doc, source)
// and holds a resolved, validated set of their values.
#pragma once

#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace samen {

/// Kinds of value a parameter can hold.
enum class ParamType { Real, Integer, Boolean, Text };

/// Returns "real", "integer", "boolean" or "text".
const char* to_string(ParamType type);

/// Formats a number for messages and docs: up to 10 significant digits, so
/// whole numbers print without an exponent (1000000, not 1e+06).
std::string format_number(double value);

/// Where a parameter's value comes from.
enum class SourceKind {
  setting,     ///< a choice of the user (scale, run length, a policy's dose), not a model claim
  survey,      ///< taken from a survey figure
  assumption,  ///< assumed: it declares a plausible range, the default design space of sweeps
};

/// Returns "setting", "survey" or "assumption".
const char* to_string(SourceKind kind);

/// Describes one parameter: the single source of truth for its parsing,
/// validation, `--help`, HDF5 attributes and `docs/scenarios.md`.
struct ParamSpec {
  std::string name;  ///< dotted key, e.g. "field.families_per_municipality"
  ParamType type = ParamType::Real;
  std::string default_value;  ///< textual default, parsed like a config value
  double min = 0.0;           ///< inclusive lower bound (Real, Integer)
  double max = 0.0;           ///< inclusive upper bound (Real, Integer)
  std::string unit;           ///< e.g. "families", "share", "weeks", "" for none
  std::string description;    ///< one sentence: what it controls
  std::string source;         ///< a survey figure id, or the reasoning behind an assumption
  SourceKind source_kind = SourceKind::setting;
  double plausible_low = 0.0;   ///< assumptions: the lowest value still plausible
  double plausible_high = 0.0;  ///< assumptions: the highest value still plausible
};

/// Returns "[min, max]" for Real and Integer parameters, "-" otherwise.
std::string format_range(const ParamSpec& spec);
/// Returns "[low, high]" for assumptions, "-" otherwise.
std::string format_plausible(const ParamSpec& spec);

/// Thrown for any bad configuration input; what() names file, key and what is allowed.
class ConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// An ordered, name-indexed collection of parameter declarations.
class ParamRegistry {
 public:
  /// Adds a declaration; throws std::logic_error on a duplicate name or a
  /// default outside its own range (a programming error, not user input).
  void add(ParamSpec spec);
  const std::vector<ParamSpec>& all() const { return specs_; }
  /// Returns the declaration, or nullptr when the name is unknown.
  const ParamSpec* find(const std::string& name) const;
  /// Returns the declared name closest to `name` (edit distance), "" if none;
  /// a close name in the same section (e.g. `policy.cjg_outreach.`) wins over
  /// a closer one elsewhere.
  std::string nearest(const std::string& name) const;

 private:
  std::vector<ParamSpec> specs_;
  std::map<std::string, std::size_t> index_;
};

/// Resolved values for every parameter of a registry, each validated.
class ParamValues {
 public:
  /// Starts from every declared default.
  explicit ParamValues(const ParamRegistry& registry);

  /// Parses and validates `text` for `key`; `origin` (e.g. "scenarios/a.ini" or
  /// "--set") prefixes any error, as "origin:line" when `line` > 0. Throws
  /// ConfigError naming origin, key, the value and the allowed range / type;
  /// unknown keys suggest the nearest one. `origin()` later returns `origin`.
  void set(const std::string& key, const std::string& text, const std::string& origin,
           int line = 0);

  double real(const std::string& key) const;
  std::int64_t integer(const std::string& key) const;
  bool boolean(const std::string& key) const;
  const std::string& text(const std::string& key) const;
  /// Returns the value as it would be written in an INI file.
  std::string as_text(const std::string& key) const;
  /// Returns where the value came from: "default", a file path or "--set".
  const std::string& origin(const std::string& key) const;
  /// Returns the line of origin() that set the value, 0 when none.
  int line(const std::string& key) const;
  /// Returns "origin:line", "origin" or "default" for messages.
  std::string where(const std::string& key) const;

  const ParamRegistry& registry() const { return *registry_; }
  /// Writes every resolved value as INI text (`key = value`), in declaration order.
  std::string to_ini() const;

 private:
  const ParamRegistry* registry_;
  std::map<std::string, std::string> text_;
  std::map<std::string, std::string> origin_;
  std::map<std::string, int> line_;
};

}  // namespace samen

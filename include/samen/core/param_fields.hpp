// Typed parameter structs list their fields once, in a `fields(ParamVisitor&)`
// function; the same list declares the keys (registry, docs, --help) and reads
// validated values into the struct, so code reads `p.refer.knowledge`.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "samen/core/parameters.hpp"

namespace samen {

/// Inclusive bounds [low, high] of a parameter value.
struct Bounds {
  double low = 0.0;
  double high = 0.0;
};

/// Where a default comes from: a user's setting, a survey figure, or an
/// assumption with its plausible range.
struct Source {
  SourceKind kind = SourceKind::setting;
  std::string text;
  Bounds plausible;
};

/// Returns the source of a setting (run length, scale, a policy's dose), e.g.
/// `setting("the policy horizon of ten years")`.
Source setting(std::string why);
/// Returns the source of a value taken from the survey, e.g. `survey("R.type.bjz: 6 of 11")`.
Source survey(std::string figure);
/// Returns the source of an assumed value with the range in which it is still
/// plausible and one line of reasoning for both, e.g.
/// `assumption({0.02, 0.1}, "a few referrals a year per case")`.
Source assumption(Bounds plausible, std::string reason);

/// Visits the fields of typed parameter structs; the declaring and the reading
/// visitors below are its two implementations.
class ParamVisitor {
 public:
  virtual ~ParamVisitor() = default;

  virtual void real(double& field, const char* name, double default_value, Bounds allowed,
                    const std::string& unit, const std::string& description,
                    const Source& source) = 0;
  virtual void integer(std::uint32_t& field, const char* name, std::uint32_t default_value,
                       Bounds allowed, const std::string& unit, const std::string& description,
                       const Source& source) = 0;
  virtual void boolean(bool& field, const char* name, bool default_value,
                       const std::string& description, const Source& source) = 0;
  virtual void text(std::string& field, const char* name, const std::string& default_value,
                    const std::string& description, const Source& source) = 0;

  /// Visits `area.fields(*this)` with its keys under `name.` (nested areas nest).
  template <class Area>
  void area(Area& a, const std::string& name) {
    const std::string outer = prefix_;
    prefix_ += name + ".";
    a.fields(*this);
    prefix_ = outer;
  }

 protected:
  /// The full key of a field of the area being visited.
  std::string key(const char* name) const { return prefix_ + name; }

 private:
  std::string prefix_;
};

/// Adds every visited field's declaration to a registry.
class ParamDeclarer final : public ParamVisitor {
 public:
  explicit ParamDeclarer(ParamRegistry& registry) : registry_(&registry) {}

  void real(double& field, const char* name, double default_value, Bounds allowed,
            const std::string& unit, const std::string& description, const Source& source) override;
  void integer(std::uint32_t& field, const char* name, std::uint32_t default_value, Bounds allowed,
               const std::string& unit, const std::string& description,
               const Source& source) override;
  void boolean(bool& field, const char* name, bool default_value, const std::string& description,
               const Source& source) override;
  void text(std::string& field, const char* name, const std::string& default_value,
            const std::string& description, const Source& source) override;

 private:
  void add(ParamSpec spec, const Source& source);
  ParamRegistry* registry_;
};

/// Reads every visited field from validated values.
class ParamReader final : public ParamVisitor {
 public:
  explicit ParamReader(const ParamValues& values) : values_(&values) {}

  void real(double& field, const char* name, double, Bounds, const std::string&, const std::string&,
            const Source&) override;
  void integer(std::uint32_t& field, const char* name, std::uint32_t, Bounds, const std::string&,
               const std::string&, const Source&) override;
  void boolean(bool& field, const char* name, bool, const std::string&, const Source&) override;
  void text(std::string& field, const char* name, const std::string&, const std::string&,
            const Source&) override;

 private:
  const ParamValues* values_;
};

/// Collects broken rules across keys, each naming its keys and where they were
/// set, and throws them together as one ConfigError.
class RuleCheck {
 public:
  explicit RuleCheck(const ParamValues& values) : values_(&values) {}

  /// Records a broken rule unless `ok`: "<where>: keys 'a' = 1 and 'b' = 2 (...): <rule>".
  void require(bool ok, const std::vector<std::string>& keys, const std::string& rule);
  /// Throws ConfigError listing every broken rule, if any.
  void throw_if_broken() const;

 private:
  const ParamValues* values_;
  std::vector<std::string> broken_;
};

}  // namespace samen

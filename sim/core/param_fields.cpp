// Declaring and reading typed parameter structs; see param_fields.hpp.
#include "samen/core/param_fields.hpp"

namespace samen {

Source setting(std::string why) { return {SourceKind::setting, std::move(why), {}}; }
Source survey(std::string figure) { return {SourceKind::survey, std::move(figure), {}}; }
Source assumption(Bounds plausible, std::string reason) {
  return {SourceKind::assumption, std::move(reason), plausible};
}

void ParamDeclarer::add(ParamSpec spec, const Source& source) {
  spec.source = source.text;
  spec.source_kind = source.kind;
  spec.plausible_low = source.plausible.low;
  spec.plausible_high = source.plausible.high;
  registry_->add(std::move(spec));
}

void ParamDeclarer::real(double& field, const char* name, double default_value, Bounds allowed,
                         const std::string& unit, const std::string& description,
                         const Source& source) {
  field = default_value;
  ParamSpec spec;
  spec.name = key(name);
  spec.type = ParamType::Real;
  spec.default_value = format_number(default_value);
  spec.min = allowed.low;
  spec.max = allowed.high;
  spec.unit = unit;
  spec.description = description;
  add(std::move(spec), source);
}

void ParamDeclarer::integer(std::uint32_t& field, const char* name, std::uint32_t default_value,
                            Bounds allowed, const std::string& unit, const std::string& description,
                            const Source& source) {
  // The field is unsigned 32-bit, so its allowed range must be too.
  if (allowed.low < 0.0 || allowed.high > 4294967295.0)
    throw std::logic_error("parameter '" + key(name) + "': range does not fit 32 bits unsigned");
  field = default_value;
  ParamSpec spec;
  spec.name = key(name);
  spec.type = ParamType::Integer;
  spec.default_value = std::to_string(default_value);
  spec.min = allowed.low;
  spec.max = allowed.high;
  spec.unit = unit;
  spec.description = description;
  add(std::move(spec), source);
}

void ParamDeclarer::boolean(bool& field, const char* name, bool default_value,
                            const std::string& description, const Source& source) {
  field = default_value;
  ParamSpec spec;
  spec.name = key(name);
  spec.type = ParamType::Boolean;
  spec.default_value = default_value ? "true" : "false";
  spec.description = description;
  add(std::move(spec), source);
}

void ParamDeclarer::text(std::string& field, const char* name, const std::string& default_value,
                         const std::string& description, const Source& source) {
  field = default_value;
  ParamSpec spec;
  spec.name = key(name);
  spec.type = ParamType::Text;
  spec.default_value = default_value;
  spec.description = description;
  add(std::move(spec), source);
}

void ParamReader::real(double& field, const char* name, double, Bounds, const std::string&,
                       const std::string&, const Source&) {
  field = values_->real(key(name));
}

void ParamReader::integer(std::uint32_t& field, const char* name, std::uint32_t, Bounds,
                          const std::string&, const std::string&, const Source&) {
  field = static_cast<std::uint32_t>(values_->integer(key(name)));
}

void ParamReader::boolean(bool& field, const char* name, bool, const std::string&, const Source&) {
  field = values_->boolean(key(name));
}

void ParamReader::text(std::string& field, const char* name, const std::string&, const std::string&,
                       const Source&) {
  field = values_->text(key(name));
}

void RuleCheck::require(bool ok, const std::vector<std::string>& keys, const std::string& rule) {
  if (ok) return;
  // Name the place of the first key set outside the defaults: that is what to edit.
  std::string where = "defaults";
  for (const auto& k : keys)
    if (values_->origin(k) != "default") {
      where = values_->where(k);
      break;
    }
  std::string message = where + ": ";
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (i > 0) message += i + 1 == keys.size() ? " and " : ", ";
    message += "key '" + keys[i] + "' = " + values_->as_text(keys[i]) + " (" +
               values_->where(keys[i]) + ")";
  }
  broken_.push_back(message + ": " + rule);
}

void RuleCheck::throw_if_broken() const {
  if (broken_.empty()) return;
  std::string message = broken_.front();
  for (std::size_t i = 1; i < broken_.size(); ++i) message += "\n" + broken_[i];
  throw ConfigError(message);
}

}  // namespace samen

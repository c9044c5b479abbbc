// Parameter declarations and validated values; see parameters.hpp.
#include "samen/core/parameters.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <optional>
#include <sstream>
#include <string_view>

#include "samen/core/text_file.hpp"

namespace samen {

namespace {

std::string to_lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// from_chars rejects a leading '+', which users reasonably write; "+-1" stays invalid.
std::optional<std::string_view> number_view(const std::string& text) {
  std::string_view view(text);
  if (!view.empty() && view.front() == '+') {
    view.remove_prefix(1);
    if (!view.empty() && view.front() == '-') return std::nullopt;
  }
  if (view.empty()) return std::nullopt;
  return view;
}

// from_chars is locale-independent and makes "the whole string must parse" easy.
std::optional<double> parse_real(const std::string& text) {
  const auto view = number_view(text);
  if (!view) return std::nullopt;
  double value = 0.0;
  const char* end = view->data() + view->size();
  const auto result = std::from_chars(view->data(), end, value);
  if (result.ec != std::errc() || result.ptr != end || !std::isfinite(value)) return std::nullopt;
  return value;
}

std::optional<std::int64_t> parse_integer(const std::string& text) {
  const auto view = number_view(text);
  if (!view) return std::nullopt;
  std::int64_t value = 0;
  const char* end = view->data() + view->size();
  const auto result = std::from_chars(view->data(), end, value);
  if (result.ec != std::errc() || result.ptr != end) return std::nullopt;
  return value;
}

std::optional<bool> parse_boolean(const std::string& text) {
  const std::string lower = to_lower(text);
  if (lower == "true" || lower == "yes" || lower == "1" || lower == "on") return true;
  if (lower == "false" || lower == "no" || lower == "0" || lower == "off") return false;
  return std::nullopt;
}

enum class Problem { None, BadType, OutOfRange };

struct Checked {
  Problem problem = Problem::None;
  std::string canonical;  // the text to store when problem is None
};

// The one place that decides what a valid value is, for defaults and input alike.
Checked check_value(const ParamSpec& spec, const std::string& raw) {
  const std::string text = trim(raw);
  switch (spec.type) {
    case ParamType::Real: {
      const auto value = parse_real(text);
      if (!value) return {Problem::BadType, ""};
      if (*value < spec.min || *value > spec.max) return {Problem::OutOfRange, ""};
      return {Problem::None, text};  // keep the user's spelling: it round-trips exactly
    }
    case ParamType::Integer: {
      const auto value = parse_integer(text);
      if (!value) return {Problem::BadType, ""};
      const auto as_double = static_cast<double>(*value);
      if (as_double < spec.min || as_double > spec.max) return {Problem::OutOfRange, ""};
      return {Problem::None, std::to_string(*value)};
    }
    case ParamType::Boolean: {
      const auto value = parse_boolean(text);
      if (!value) return {Problem::BadType, ""};
      return {Problem::None, *value ? "true" : "false"};
    }
    case ParamType::Text:
      return {Problem::None, text};
  }
  return {Problem::BadType, ""};
}

const char* type_phrase(ParamType type) {
  switch (type) {
    case ParamType::Real:
      return "a valid real number";
    case ParamType::Integer:
      return "a valid integer";
    case ParamType::Boolean:
      return "a valid boolean (true/false)";
    case ParamType::Text:
      return "text";
  }
  return "valid";
}

std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      const std::size_t substitution = diagonal + (a[i - 1] == b[j - 1] ? 0 : 1);
      row[j] = std::min({above + 1, row[j - 1] + 1, substitution});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string last_component(const std::string& name) {
  const auto dot = name.rfind('.');
  return dot == std::string::npos ? name : name.substr(dot + 1);
}

std::string spec_error(const ParamSpec& spec, const std::string& why) {
  return "parameter '" + spec.name + "': " + why;
}

}  // namespace

const char* to_string(ParamType type) {
  switch (type) {
    case ParamType::Real:
      return "real";
    case ParamType::Integer:
      return "integer";
    case ParamType::Boolean:
      return "boolean";
    case ParamType::Text:
      return "text";
  }
  return "unknown";
}

std::string format_number(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.10g", value);
  return buffer;
}

const char* to_string(SourceKind kind) {
  switch (kind) {
    case SourceKind::setting:
      return "setting";
    case SourceKind::survey:
      return "survey";
    case SourceKind::assumption:
      return "assumption";
  }
  return "unknown";
}

std::string format_range(const ParamSpec& spec) {
  if (spec.type != ParamType::Real && spec.type != ParamType::Integer) return "-";
  return "[" + format_number(spec.min) + ", " + format_number(spec.max) + "]";
}

std::string format_plausible(const ParamSpec& spec) {
  if (spec.source_kind != SourceKind::assumption) return "-";
  return "[" + format_number(spec.plausible_low) + ", " + format_number(spec.plausible_high) + "]";
}

void ParamRegistry::add(ParamSpec spec) {
  if (spec.name.empty()) throw std::logic_error("parameter with an empty name");
  // "base" is the INI inheritance key, so a parameter of that name could never be set.
  if (spec.name == "base") throw std::logic_error(spec_error(spec, "the name 'base' is reserved"));
  if (index_.count(spec.name) != 0) throw std::logic_error(spec_error(spec, "declared twice"));
  const bool numeric = spec.type == ParamType::Real || spec.type == ParamType::Integer;
  if (numeric && !(spec.min <= spec.max)) {
    throw std::logic_error(spec_error(spec, "empty range " + format_range(spec)));
  }
  const Checked checked = check_value(spec, spec.default_value);
  if (checked.problem == Problem::BadType) {
    throw std::logic_error(
        spec_error(spec, "default '" + spec.default_value + "' is not " + type_phrase(spec.type)));
  }
  if (checked.problem == Problem::OutOfRange) {
    throw std::logic_error(spec_error(
        spec, "default " + spec.default_value + " is outside its range " + format_range(spec)));
  }
  if (spec.source_kind == SourceKind::assumption) {
    // An assumption's plausible range is the default design space of sweeps, so
    // it must hold the default and stay inside what the model accepts.
    if (!numeric) throw std::logic_error(spec_error(spec, "only numbers can be assumptions"));
    const double value = *parse_real(checked.canonical);
    if (!(spec.plausible_low <= value && value <= spec.plausible_high))
      throw std::logic_error(spec_error(spec, "default " + spec.default_value +
                                                  " is outside its plausible range " +
                                                  format_plausible(spec)));
    if (spec.plausible_low < spec.min || spec.plausible_high > spec.max)
      throw std::logic_error(spec_error(spec, "plausible range " + format_plausible(spec) +
                                                  " leaves the allowed range " +
                                                  format_range(spec)));
  }
  index_.emplace(spec.name, specs_.size());
  specs_.push_back(std::move(spec));
}

const ParamSpec* ParamRegistry::find(const std::string& name) const {
  const auto it = index_.find(name);
  return it == index_.end() ? nullptr : &specs_[it->second];
}

std::string ParamRegistry::nearest(const std::string& name) const {
  const std::string full = to_lower(name);
  const std::string last = last_component(full);
  const auto dot = full.rfind('.');
  const std::string section = dot == std::string::npos ? "" : full.substr(0, dot + 1);
  // Beyond this many edits a suggestion is more confusing than helpful; rewriting
  // every character of the shorter string (e.g. "bar" -> "y") is no near miss either.
  const auto close = [](const std::string& typed, const std::string& known, std::size_t distance) {
    return distance <= std::max<std::size_t>(3, typed.size() / 2) &&
           distance < std::min(typed.size(), known.size());
  };
  // The distance is at least the difference in length, so a string more than twice
  // as long as the other is never close: skip it, or a 10 MB key would take minutes.
  const auto bounded_distance = [](const std::string& typed, const std::string& known) {
    const std::size_t shorter = std::min(typed.size(), known.size());
    return std::max(typed.size(), known.size()) >= 2 * shorter ? std::string::npos
                                                               : edit_distance(typed, known);
  };
  std::string best, best_in_section;
  std::size_t best_distance = std::string::npos, best_section_distance = std::string::npos;
  for (const ParamSpec& spec : specs_) {
    const std::string candidate = to_lower(spec.name);
    std::size_t distance = std::string::npos;
    const std::size_t full_distance = bounded_distance(full, candidate);
    if (close(full, candidate, full_distance)) distance = full_distance;
    // A misspelt key without (or with the wrong) section still finds its parameter.
    const std::string candidate_last = last_component(candidate);
    const std::size_t last_distance = bounded_distance(last, candidate_last);
    if (close(last, candidate_last, last_distance)) distance = std::min(distance, last_distance);
    if (distance < best_distance) {
      best_distance = distance;
      best = spec.name;
    }
    // A typo inside a section (policy.cjg_outreach.intensty) means that section's key.
    if (!section.empty() && candidate.rfind(section, 0) == 0 &&
        candidate.find('.', section.size()) == std::string::npos &&
        close(last, candidate_last, last_distance) && last_distance < best_section_distance) {
      best_section_distance = last_distance;
      best_in_section = spec.name;
    }
  }
  return best_in_section.empty() ? best : best_in_section;
}

ParamValues::ParamValues(const ParamRegistry& registry) : registry_(&registry) {
  for (const ParamSpec& spec : registry.all()) {
    text_[spec.name] = check_value(spec, spec.default_value).canonical;
    origin_[spec.name] = "default";
    line_[spec.name] = 0;
  }
}

void ParamValues::set(const std::string& key, const std::string& text, const std::string& origin,
                      int line) {
  const std::string where = line > 0 ? origin + ":" + std::to_string(line) : origin;
  const std::string trimmed_key = trim(key);
  const ParamSpec* spec = registry_->find(trimmed_key);
  if (spec == nullptr) {
    std::string message = where + ": unknown key '" + printable(trimmed_key) + "'";
    const std::string suggestion = registry_->nearest(trimmed_key);
    if (!suggestion.empty()) message += "; did you mean '" + suggestion + "'?";
    throw ConfigError(message + " (see 'samen params' for every key)");
  }
  const std::string value = trim(text);
  const Checked checked = check_value(*spec, value);
  const std::string prefix = where + ": key '" + spec->name + "' = ";
  if (checked.problem == Problem::BadType) {
    std::string message = prefix + "'" + printable(value) + "' is not " + type_phrase(spec->type);
    if (spec->type == ParamType::Real || spec->type == ParamType::Integer) {
      message += " (allowed range " + format_range(*spec) + ")";
    }
    throw ConfigError(message);
  }
  if (checked.problem == Problem::OutOfRange) {
    throw ConfigError(prefix + printable(value) + " is outside its allowed range " +
                      format_range(*spec));
  }
  text_[spec->name] = checked.canonical;
  origin_[spec->name] = origin;
  line_[spec->name] = line;
}

namespace {

// Accessor misuse is a programming error, so it is a logic_error, not a ConfigError.
const ParamSpec& typed_spec(const ParamRegistry& registry, const std::string& key, ParamType type) {
  const ParamSpec* spec = registry.find(key);
  if (spec == nullptr) throw std::logic_error("unknown parameter '" + key + "'");
  if (spec->type != type) {
    throw std::logic_error("parameter '" + key + "' is " + to_string(spec->type) + ", not " +
                           to_string(type));
  }
  return *spec;
}

}  // namespace

double ParamValues::real(const std::string& key) const {
  typed_spec(*registry_, key, ParamType::Real);
  return *parse_real(text_.at(key));
}

std::int64_t ParamValues::integer(const std::string& key) const {
  typed_spec(*registry_, key, ParamType::Integer);
  return *parse_integer(text_.at(key));
}

bool ParamValues::boolean(const std::string& key) const {
  typed_spec(*registry_, key, ParamType::Boolean);
  return text_.at(key) == "true";
}

const std::string& ParamValues::text(const std::string& key) const {
  typed_spec(*registry_, key, ParamType::Text);
  return text_.at(key);
}

std::string ParamValues::as_text(const std::string& key) const {
  const auto it = text_.find(key);
  if (it == text_.end()) throw std::logic_error("unknown parameter '" + key + "'");
  return it->second;
}

const std::string& ParamValues::origin(const std::string& key) const {
  const auto it = origin_.find(key);
  if (it == origin_.end()) throw std::logic_error("unknown parameter '" + key + "'");
  return it->second;
}

int ParamValues::line(const std::string& key) const {
  const auto it = line_.find(key);
  if (it == line_.end()) throw std::logic_error("unknown parameter '" + key + "'");
  return it->second;
}

std::string ParamValues::where(const std::string& key) const {
  const int at = line(key);
  return at > 0 ? origin(key) + ":" + std::to_string(at) : origin(key);
}

std::string ParamValues::to_ini() const {
  std::ostringstream out;
  out << "# samen scenario: every parameter as resolved, in declaration order\n";
  for (const ParamSpec& spec : registry_->all()) {
    out << spec.name << " = " << text_.at(spec.name) << "\n";
  }
  return out.str();
}

}  // namespace samen

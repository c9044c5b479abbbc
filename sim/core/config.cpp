// Scenario INI files, `--set` overrides and the generated parameter reference.
#include "samen/core/config.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "samen/core/text_file.hpp"

namespace samen {

namespace {

namespace fs = std::filesystem;

bool has_space(const std::string& text) { return text.find_first_of(" \t") != std::string::npos; }

struct IniEntry {
  std::string key;
  std::string value;
  int line = 0;
};

struct IniFile {
  std::string path;
  std::vector<IniEntry> entries;  // without `base`
  std::string base;               // as written, "" when absent
  int base_line = 0;
};

std::string at(const std::string& path, int line) { return path + ":" + std::to_string(line); }

IniFile parse_ini(const std::string& path, std::istream& in) {
  IniFile file;
  file.path = path;
  std::map<std::string, int> first_line;  // key -> line, to report duplicates
  std::string section;
  for (const TextLine& raw : read_text_lines(in, path)) {
    const int line = raw.number;
    const std::string text = trim(raw.text);
    if (text.empty() || text[0] == '#' || text[0] == ';') continue;
    const std::string syntax_error =
        at(path, line) + ": expected 'key = value' but found '" + printable(text) + "'";
    if (text[0] == '[') {
      const std::string name = text.back() == ']' ? trim(text.substr(1, text.size() - 2)) : "";
      if (name.empty() || has_space(name)) throw ConfigError(syntax_error);
      section = name;
      continue;
    }
    std::string content = text;
    // Only " #" starts an inline comment, so values such as "a#b" survive.
    for (std::size_t i = 1; i < content.size(); ++i) {
      if (content[i] == '#' && (content[i - 1] == ' ' || content[i - 1] == '\t')) {
        content = trim(content.substr(0, i));
        break;
      }
    }
    const auto equals = content.find('=');
    if (equals == std::string::npos) throw ConfigError(syntax_error);
    const std::string name = trim(content.substr(0, equals));
    if (name.empty() || has_space(name)) throw ConfigError(syntax_error);
    const std::string key = section.empty() ? name : section + "." + name;
    const std::string value = trim(content.substr(equals + 1));
    const auto [it, inserted] = first_line.emplace(key, line);
    if (!inserted) {
      throw ConfigError(at(path, line) + ": key '" + printable(key) + "' is set twice (lines " +
                        std::to_string(it->second) + " and " + std::to_string(line) + ")");
    }
    if (key == "base") {
      file.base = value;
      file.base_line = line;
    } else {
      file.entries.push_back({key, value, line});
    }
  }
  return file;
}

// Identity for cycle detection: the same file reached through different spellings.
std::string file_identity(const std::string& path) {
  std::error_code error;
  const fs::path canonical = fs::weakly_canonical(path, error);
  return error ? fs::absolute(path).lexically_normal().string() : canonical.string();
}

bool readable_file(const std::string& path) {
  std::error_code error;
  return fs::is_regular_file(path, error);
}

// Reads `path` and its `base` files; returns them top-level first.
std::vector<IniFile> read_chain(const std::string& path) {
  std::vector<IniFile> files;
  std::vector<std::string> identities;
  std::string current = path;
  while (true) {
    const std::string identity = file_identity(current);
    const auto seen = std::find(identities.begin(), identities.end(), identity);
    if (seen != identities.end()) {
      std::string cycle;
      for (auto i = static_cast<std::size_t>(seen - identities.begin()); i < files.size(); ++i) {
        cycle += files[i].path + " -> ";
      }
      const IniFile& including = files.back();
      throw ConfigError(at(including.path, including.base_line) +
                        ": 'base' chain forms a cycle: " + cycle + current);
    }
    std::ifstream in(current, std::ios::binary);
    if (!in || !readable_file(current)) {
      if (files.empty()) throw ConfigError("cannot read config file '" + current + "'");
      const IniFile& including = files.back();
      throw ConfigError(at(including.path, including.base_line) +
                        ": cannot read base config file '" + printable(current) + "'");
    }
    files.push_back(parse_ini(current, in));
    if (in.bad()) throw ConfigError("cannot read config file '" + current + "'");
    identities.push_back(identity);
    if (files.back().base_line == 0) return files;
    const fs::path directory = fs::path(current).parent_path();
    current = (directory / files.back().base).lexically_normal().string();
  }
}

// Markdown table cells must not contain a bare '|' or a line break.
std::string cell(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '|') {
      out += "\\|";
    } else if (c == '\n' || c == '\r') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out.empty() ? "-" : out;
}

std::string top_section(const std::string& name) { return name.substr(0, name.find('.')); }

// "assumption: <reasoning>", "survey: <figure>" or "setting: <why>".
std::string source_text(const ParamSpec& spec) {
  return spec.source.empty() ? to_string(spec.source_kind)
                             : std::string(to_string(spec.source_kind)) + ": " + spec.source;
}

}  // namespace

Scenario load_scenario(const std::string& path, const ParamRegistry& registry,
                       const std::vector<std::string>& overrides) {
  const std::vector<IniFile> files = read_chain(path);
  Scenario scenario{fs::path(path).stem().string(), path, {}, ParamValues(registry)};
  // Bases first, so each including file overrides what it inherits.
  for (auto file = files.rbegin(); file != files.rend(); ++file) {
    scenario.chain.push_back(file->path);
    for (const IniEntry& entry : file->entries) {
      scenario.values.set(entry.key, entry.value, file->path, entry.line);
    }
  }
  apply_overrides(scenario.values, overrides);
  return scenario;
}

void apply_overrides(ParamValues& values, const std::vector<std::string>& overrides) {
  for (const std::string& text : overrides) {
    const auto equals = text.find('=');
    if (equals == std::string::npos || trim(text.substr(0, equals)).empty()) {
      throw ConfigError("--set: expected key=value but found '" + printable(text) + "'");
    }
    values.set(text.substr(0, equals), text.substr(equals + 1), "--set");
  }
}

std::string render_parameter_docs(const ParamRegistry& registry) {
  const ParamValues defaults(registry);  // canonical spelling of each default
  std::vector<std::string> sections;     // in order of first declaration
  for (const ParamSpec& spec : registry.all()) {
    const std::string section = top_section(spec.name);
    if (std::find(sections.begin(), sections.end(), section) == sections.end()) {
      sections.push_back(section);
    }
  }
  std::ostringstream out;
  out << "# Scenario keys\n\n"
      << "This file is generated by `samen params --markdown` from the typed parameter\n"
      << "declarations in `sim/model/`; do not edit it by hand. `range` is what the model\n"
      << "accepts; `plausible` is, for assumptions, the range in which the value is still\n"
      << "plausible: the default design space of sweeps and sensitivity analyses.\n";
  for (const std::string& section : sections) {
    out << "\n## " << section << "\n\n"
        << "| key | type | default | range | plausible | unit | description | source |\n"
        << "|---|---|---|---|---|---|---|---|\n";
    for (const ParamSpec& spec : registry.all()) {
      if (top_section(spec.name) != section) continue;
      out << "| `" << spec.name << "` | " << to_string(spec.type) << " | "
          << cell(defaults.as_text(spec.name)) << " | " << format_range(spec) << " | "
          << format_plausible(spec) << " | " << cell(spec.unit) << " | " << cell(spec.description)
          << " | " << cell(source_text(spec)) << " |\n";
    }
  }
  return out.str();
}

std::string render_assumption_docs(const ParamRegistry& registry) {
  const ParamValues defaults(registry);
  std::ostringstream out;
  out << "| key | default | plausible | unit | reasoning |\n|---|---|---|---|---|\n";
  for (const ParamSpec& spec : registry.all()) {
    if (spec.source_kind != SourceKind::assumption) continue;
    out << "| `" << spec.name << "` | " << cell(defaults.as_text(spec.name)) << " | "
        << format_plausible(spec) << " | " << cell(spec.unit) << " | " << cell(spec.source)
        << " |\n";
  }
  return out.str();
}

std::string render_parameter_help(const ParamRegistry& registry) {
  const ParamValues defaults(registry);
  std::ostringstream out;
  bool first = true;
  for (const ParamSpec& spec : registry.all()) {
    if (!first) out << "\n";
    first = false;
    out << spec.name << " (" << to_string(spec.type) << ", default " << defaults.as_text(spec.name);
    if (spec.type == ParamType::Real || spec.type == ParamType::Integer) {
      out << ", range " << format_range(spec);
    }
    if (spec.source_kind == SourceKind::assumption) out << ", plausible " << format_plausible(spec);
    if (!spec.unit.empty()) out << ", " << spec.unit;
    out << ")\n    " << spec.description << "\n    source: " << source_text(spec) << "\n";
  }
  return out.str();
}

}  // namespace samen

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include "samen/core/build_info.hpp"
#include "samen/core/config.hpp"
#include "samen/model/scenario.hpp"
#include "samen/model/scenario_inputs.hpp"

namespace {
std::string source(const std::string& relative) {
  return samen::build::source_dir() + "/" + relative;
}
}  // namespace

TEST_CASE("docs/scenarios.md is generated from the parameter declarations", "[model][docs]") {
  std::ifstream in(source("docs/scenarios.md"));
  REQUIRE(in);
  std::stringstream text;
  text << in.rdbuf();
  // Regenerate with: build/samen params --markdown > docs/scenarios.md
  CHECK(text.str() == samen::render_parameter_docs(samen::model_parameters()));
}

TEST_CASE("every parameter is documented with a unit-bearing range and a source", "[model]") {
  for (const auto& spec : samen::model_parameters().all()) {
    INFO(spec.name);
    CHECK(!spec.description.empty());
    CHECK(!spec.source.empty());
    CHECK(spec.name.find('.') != std::string::npos);
  }
}

TEST_CASE("the shipped scenarios load and resolve their survey targets", "[model]") {
  for (const char* file : {"scenarios/baseline.ini", "scenarios/national.ini"}) {
    const auto scenario = samen::load_model_scenario(source(file));
    const auto targets = samen::load_scenario_targets(scenario);
    CHECK(targets.figures().size() == 322);
  }
  const auto national = samen::load_model_scenario(source("scenarios/national.ini"));
  CHECK(national.params.field.families == 1900000);
  CHECK(national.params.field.municipalities == 400);
  CHECK(national.chain.size() == 2);
}

TEST_CASE("a misspelt key in a scenario names the file, the key and the nearest key",
          "[model][config]") {
  const auto dir = std::filesystem::temp_directory_path() / "samen_test_model_params";
  std::filesystem::create_directories(dir);
  const auto path = (dir / "typo.ini").string();
  {
    std::ofstream out(path);
    out << "base = " << source("scenarios/baseline.ini") << "\n";
    out << "field.municipalites = 30\n";
  }
  try {
    samen::load_scenario(path, samen::model_parameters());
    FAIL("expected a ConfigError");
  } catch (const samen::ConfigError& e) {
    const std::string message = e.what();
    CHECK_THAT(message, Catch::Contains(path + ":2: unknown key 'field.municipalites'"));
    CHECK_THAT(message, Catch::Contains("did you mean 'field.municipalities'?"));
  }
  try {
    samen::load_scenario(source("scenarios/baseline.ini"), samen::model_parameters(),
                         {"family.migrant_share=1.5"});
    FAIL("expected a ConfigError");
  } catch (const samen::ConfigError& e) {
    CHECK_THAT(std::string(e.what()),
               Catch::Contains(
                   "--set: key 'family.migrant_share' = 1.5 is outside its allowed range [0, 1]"));
  }
  std::filesystem::remove_all(dir);
}

namespace {

// Writes every field of a ModelParams as text, keyed like the registry.
class FieldDump final : public samen::ParamVisitor {
 public:
  std::map<std::string, std::string> dumped;
  void real(double& f, const char* name, double, samen::Bounds, const std::string&,
            const std::string&, const samen::Source&) override {
    dumped[key(name)] = samen::format_number(f);
  }
  void integer(std::uint32_t& f, const char* name, std::uint32_t, samen::Bounds, const std::string&,
               const std::string&, const samen::Source&) override {
    dumped[key(name)] = std::to_string(f);
  }
  void boolean(bool& f, const char* name, bool, const std::string&, const samen::Source&) override {
    dumped[key(name)] = f ? "true" : "false";
  }
  void text(std::string& f, const char* name, const std::string&, const std::string&,
            const samen::Source&) override {
    dumped[key(name)] = f;
  }
};

std::map<std::string, std::string> dump(samen::ModelParams p) {
  FieldDump d;
  p.fields(d);
  return d.dumped;
}

// A valid value other than the default, a small step inside the allowed range.
std::string other_value(const samen::ParamSpec& spec, const samen::ParamValues& defaults) {
  switch (spec.type) {
    case samen::ParamType::Boolean:
      return defaults.boolean(spec.name) ? "false" : "true";
    case samen::ParamType::Text:
      return defaults.text(spec.name) + "_other";
    case samen::ParamType::Integer: {
      const auto d = defaults.integer(spec.name);
      return std::to_string(static_cast<double>(d + 1) <= spec.max ? d + 1 : d - 1);
    }
    case samen::ParamType::Real: {
      const double d = defaults.real(spec.name);
      return samen::format_number(d < spec.max ? d + (spec.max - d) / 10 : d - (d - spec.min) / 10);
    }
  }
  return "";
}

samen::ConfigError model_error(const std::vector<std::string>& overrides) {
  try {
    samen::load_model_scenario(source("scenarios/baseline.ini"), overrides);
  } catch (const samen::ConfigError& e) {
    return e;
  }
  FAIL("expected a ConfigError");
  return samen::ConfigError("");
}

}  // namespace

TEST_CASE("every declared key is read into its own field of the typed parameters", "[model]") {
  const auto& registry = samen::model_parameters();
  const samen::ParamValues defaults(registry);
  const auto reference = dump(samen::ModelParams::defaults());
  REQUIRE(reference.size() == registry.all().size());
  for (const auto& spec : registry.all()) {
    INFO(spec.name);
    samen::ParamValues values(registry);
    values.set(spec.name, other_value(spec, defaults), "--set");
    const auto changed = dump(samen::ModelParams::from(values));
    for (const auto& [key, text] : changed)
      if (key == spec.name)
        CHECK(text != reference.at(key));
      else
        CHECK(text == reference.at(key));
  }
}

TEST_CASE("every assumption declares a plausible range and its reasoning", "[model]") {
  int assumptions = 0;
  for (const auto& spec : samen::model_parameters().all()) {
    if (spec.source_kind != samen::SourceKind::assumption) continue;
    INFO(spec.name);
    ++assumptions;
    CHECK(spec.source.size() > 10);
    CHECK(spec.plausible_low < spec.plausible_high);
  }
  CHECK(assumptions > 100);
}

TEST_CASE("rules across keys are checked with the keys and where they were set", "[model]") {
  using Catch::Contains;
  CHECK_THAT(model_error({"family.light_need_share=0.7", "family.serious_need_share=0.3"}).what(),
             Contains("--set: key 'family.light_need_share' = 0.7 (--set) and key "
                      "'family.serious_need_share' = 0.3 (--set): the shares of families in need "
                      "must sum to less than 1"));
  CHECK_THAT(model_error({"policy.consultation.start_week=300", "policy.consultation.end_week=200"})
                 .what(),
             Contains("key 'policy.consultation.start_week' = 300 (--set) and key "
                      "'policy.consultation.end_week' = 200 (--set): an option cannot end before "
                      "it starts"));
  CHECK_THAT(model_error({"field.families=100", "field.municipalities=200"}).what(),
             Contains("every municipality needs at least one family"));
  CHECK_THAT(model_error({"family.child_0_4_share=0.7"}).what(),
             Contains("key 'family.child_0_4_share' = 0.7 (--set) and key "
                      "'family.child_4_12_share' = 0.4 (default): the shares of children's age "
                      "bands must sum to at most 1"));
}

TEST_CASE("a misspelt policy key suggests the key of the same option", "[model][config]") {
  CHECK_THAT(model_error({"policy.cjg_outreach.intensty=2"}).what(),
             Catch::Contains("did you mean 'policy.cjg_outreach.intensity'?"));
}

TEST_CASE("no parameter is read by string key outside the model layer", "[model]") {
  namespace fs = std::filesystem;
  const std::regex string_read(R"(\.(real|integer|boolean|text)\(")");
  for (const auto& entry : fs::recursive_directory_iterator(source("sim"))) {
    const std::string path = entry.path().string();
    if (!entry.is_regular_file() || path.find("/sim/model/") != std::string::npos ||
        path.find("/sim/core/") != std::string::npos)
      continue;
    std::ifstream in(path);
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
      ++number;
      INFO(path << ":" << number << ": " << line);
      CHECK_FALSE(std::regex_search(line, string_read));
    }
  }
}

TEST_CASE("docs/model.md holds the table of assumptions of the declarations", "[model][docs]") {
  std::ifstream in(source("docs/model.md"));
  REQUIRE(in);
  std::stringstream text;
  text << in.rdbuf();
  const std::string doc = text.str();
  const std::string begin =
      "<!-- assumptions: begin (generated by samen params --assumptions) -->\n";
  const std::string end = "<!-- assumptions: end -->";
  const auto a = doc.find(begin);
  const auto b = doc.find(end);
  REQUIRE(a != std::string::npos);
  REQUIRE(b != std::string::npos);
  INFO("regenerate with: samen params --assumptions");
  CHECK(doc.substr(a + begin.size(), b - a - begin.size()) ==
        samen::render_assumption_docs(samen::model_parameters()));
}

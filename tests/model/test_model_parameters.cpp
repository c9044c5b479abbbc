#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "samen/core/config.hpp"
#include "samen/model/parameters.hpp"
#include "samen/model/scenario_inputs.hpp"

namespace {
std::string source(const std::string& relative) {
  return std::string(SAMEN_SOURCE_DIR) + "/" + relative;
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
    const auto scenario = samen::load_scenario(source(file), samen::model_parameters());
    const auto targets = samen::load_scenario_targets(scenario);
    CHECK(targets.figures().size() == 322);
  }
  const auto national =
      samen::load_scenario(source("scenarios/national.ini"), samen::model_parameters());
  CHECK(national.values.integer("field.families") == 1900000);
  CHECK(national.values.integer("field.municipalities") == 400);
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

// Tests for parameter declarations, value parsing/validation and error messages.
#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>

#include "samen/core/parameters.hpp"

using namespace samen;
using Catch::Matchers::Contains;

namespace {

ParamRegistry make_registry() {
  ParamRegistry registry;
  registry.add({"field.families_per_municipality", ParamType::Integer, "120", 1, 100000, "families",
                "Families living in one municipality.", "P.scale.municipal"});
  registry.add({"field.share_reached", ParamType::Real, "0.25", 0, 1, "share",
                "Share of families reached.", "assumption: a quarter"});
  registry.add({"x.y", ParamType::Real, "0.5", 0, 1, "", "A test value.", "assumption: test"});
  registry.add({"foo.baz", ParamType::Integer, "3", 0, 10, "", "Another.", "assumption: test"});
  registry.add(
      {"run.verbose", ParamType::Boolean, "no", 0, 0, "", "Print progress.", "assumption: none"});
  registry.add(
      {"run.label", ParamType::Text, "baseline", 0, 0, "", "Free label.", "assumption: none"});
  return registry;
}

// Returns the ConfigError message of `action`, or fails the test when none is thrown.
template <typename Action>
std::string config_error(Action action) {
  try {
    action();
  } catch (const ConfigError& error) {
    return error.what();
  }
  FAIL("expected a ConfigError");
  return "";
}

}  // namespace

TEST_CASE("Parameter types and numbers have stable names", "[parameters]") {
  CHECK(std::string(to_string(ParamType::Real)) == "real");
  CHECK(std::string(to_string(ParamType::Integer)) == "integer");
  CHECK(std::string(to_string(ParamType::Boolean)) == "boolean");
  CHECK(std::string(to_string(ParamType::Text)) == "text");
  CHECK(format_number(1.5) == "1.5");
  CHECK(format_number(1000000) == "1000000");
  CHECK(format_number(0) == "0");
  CHECK(format_number(-2.25) == "-2.25");
}

TEST_CASE("ParamRegistry rejects bad declarations", "[parameters]") {
  ParamRegistry registry = make_registry();
  CHECK_THROWS_AS(registry.add({"x.y", ParamType::Real, "0.5", 0, 1, "", "", ""}),
                  std::logic_error);
  CHECK_THROWS_AS(registry.add({"a.out", ParamType::Real, "1.5", 0, 1, "", "", ""}),
                  std::logic_error);
  CHECK_THROWS_AS(registry.add({"a.word", ParamType::Real, "abc", 0, 1, "", "", ""}),
                  std::logic_error);
  CHECK_THROWS_AS(registry.add({"a.frac", ParamType::Integer, "2.5", 0, 10, "", "", ""}),
                  std::logic_error);
  CHECK_THROWS_AS(registry.add({"a.flag", ParamType::Boolean, "maybe", 0, 0, "", "", ""}),
                  std::logic_error);
  CHECK_THROWS_AS(registry.add({"a.empty", ParamType::Real, "1", 2, 1, "", "", ""}),
                  std::logic_error);
  CHECK_THROWS_AS(registry.add({"", ParamType::Text, "", 0, 0, "", "", ""}), std::logic_error);
  CHECK_THROWS_AS(registry.add({"base", ParamType::Text, "", 0, 0, "", "", ""}), std::logic_error);
  CHECK(registry.all().size() == 6);
}

TEST_CASE("ParamRegistry keeps declaration order and finds by name", "[parameters]") {
  const ParamRegistry registry = make_registry();
  REQUIRE(registry.all().size() == 6);
  CHECK(registry.all().front().name == "field.families_per_municipality");
  CHECK(registry.all().back().name == "run.label");
  REQUIRE(registry.find("x.y") != nullptr);
  CHECK(registry.find("x.y")->description == "A test value.");
  CHECK(registry.find("x.z") == nullptr);
}

TEST_CASE("ParamRegistry::nearest suggests close names only", "[parameters]") {
  const ParamRegistry registry = make_registry();
  CHECK(registry.nearest("familes_per_municipality") == "field.families_per_municipality");
  CHECK(registry.nearest("feild.families_per_municipality") == "field.families_per_municipality");
  CHECK(registry.nearest("field.share_reachd") == "field.share_reached");
  CHECK(registry.nearest("run.verbos") == "run.verbose");
  CHECK(registry.nearest("foo.bar") == "foo.baz");
  CHECK(registry.nearest("zzz.qqq").empty());
  CHECK(registry.nearest("completely.unrelated_thing").empty());
}

TEST_CASE("ParamValues starts from the defaults", "[parameters]") {
  const ParamRegistry registry = make_registry();
  const ParamValues values(registry);
  CHECK(values.integer("field.families_per_municipality") == 120);
  CHECK(values.real("field.share_reached") == 0.25);
  CHECK_FALSE(values.boolean("run.verbose"));
  CHECK(values.as_text("run.verbose") == "false");
  CHECK(values.text("run.label") == "baseline");
  CHECK(values.origin("x.y") == "default");
  CHECK(&values.registry() == &registry);
}

TEST_CASE("Real values parse whole strings and respect the range", "[parameters]") {
  const ParamRegistry registry = make_registry();
  ParamValues values(registry);
  values.set("x.y", " 0.75 ", "a.ini");
  CHECK(values.real("x.y") == 0.75);
  CHECK(values.origin("x.y") == "a.ini");
  values.set("x.y", "1e-1", "a.ini");
  CHECK(values.real("x.y") == 0.1);
  values.set("x.y", "+1", "a.ini");
  CHECK(values.real("x.y") == 1.0);
  values.set("x.y", "0", "a.ini");
  CHECK(values.real("x.y") == 0.0);

  for (const char* bad : {"abc", "1.5x", "nan", "inf", "-inf", "", "1e400", "0x1", "+-1", "1 2"}) {
    INFO(bad);
    CHECK_THROWS_AS(values.set("x.y", bad, "a.ini"), ConfigError);
  }
  CHECK(config_error([&] { values.set("x.y", "abc", "a.ini", 4); }) ==
        "a.ini:4: key 'x.y' = 'abc' is not a valid real number (allowed range [0, 1])");
  CHECK(config_error([&] { values.set("x.y", "1.5", "a.ini", 7); }) ==
        "a.ini:7: key 'x.y' = 1.5 is outside its allowed range [0, 1]");
  CHECK(config_error([&] { values.set("x.y", "-0.5", "--set"); }) ==
        "--set: key 'x.y' = -0.5 is outside its allowed range [0, 1]");
  CHECK(values.real("x.y") == 0.0);  // failed sets leave the value alone
}

TEST_CASE("Integer values must be integer literals", "[parameters]") {
  const ParamRegistry registry = make_registry();
  ParamValues values(registry);
  values.set("field.families_per_municipality", "+007", "--set");
  CHECK(values.integer("field.families_per_municipality") == 7);
  CHECK(values.as_text("field.families_per_municipality") == "7");
  values.set("field.families_per_municipality", "100000", "--set");
  CHECK(values.integer("field.families_per_municipality") == 100000);

  CHECK_THROWS_AS(values.set("field.families_per_municipality", "1e3", "--set"), ConfigError);
  CHECK_THROWS_AS(values.set("field.families_per_municipality", "12abc", "--set"), ConfigError);
  CHECK(config_error([&] { values.set("field.families_per_municipality", "2.5", "b.ini", 2); }) ==
        "b.ini:2: key 'field.families_per_municipality' = '2.5' is not a valid integer "
        "(allowed range [1, 100000])");
  CHECK(config_error([&] { values.set("field.families_per_municipality", "0", "b.ini", 3); }) ==
        "b.ini:3: key 'field.families_per_municipality' = 0 is outside its allowed range "
        "[1, 100000]");
}

TEST_CASE("Boolean values accept common spellings and store true/false", "[parameters]") {
  const ParamRegistry registry = make_registry();
  ParamValues values(registry);
  for (const char* yes : {"true", "TRUE", "Yes", "1", "on", "ON"}) {
    INFO(yes);
    values.set("run.verbose", yes, "--set");
    CHECK(values.boolean("run.verbose"));
    CHECK(values.as_text("run.verbose") == "true");
  }
  for (const char* no : {"false", "False", "no", "0", "off", "OFF"}) {
    INFO(no);
    values.set("run.verbose", no, "--set");
    CHECK_FALSE(values.boolean("run.verbose"));
    CHECK(values.as_text("run.verbose") == "false");
  }
  CHECK(config_error([&] { values.set("run.verbose", "maybe", "--set"); }) ==
        "--set: key 'run.verbose' = 'maybe' is not a valid boolean (true/false)");
}

TEST_CASE("Text values take anything", "[parameters]") {
  const ParamRegistry registry = make_registry();
  ParamValues values(registry);
  values.set("run.label", "my run #2, 50% | more", "--set");
  CHECK(values.text("run.label") == "my run #2, 50% | more");
  values.set("run.label", "", "--set");
  CHECK(values.text("run.label").empty());
}

TEST_CASE("Unknown keys name the origin and suggest the nearest key", "[parameters]") {
  const ParamRegistry registry = make_registry();
  ParamValues values(registry);
  CHECK(config_error([&] { values.set("foo.bar", "1", "c.ini", 3); }) ==
        "c.ini:3: unknown key 'foo.bar'; did you mean 'foo.baz'? "
        "(see 'samen params' for every key)");
  CHECK(config_error([&] { values.set("familes_per_municipality", "1", "--set"); }) ==
        "--set: unknown key 'familes_per_municipality'; did you mean "
        "'field.families_per_municipality'? (see 'samen params' for every key)");
  CHECK(config_error([&] { values.set("zzz.qqq", "1", "--set"); }) ==
        "--set: unknown key 'zzz.qqq' (see 'samen params' for every key)");
}

TEST_CASE("Accessor misuse is a logic error", "[parameters]") {
  const ParamRegistry registry = make_registry();
  const ParamValues values(registry);
  CHECK_THROWS_AS(values.real("nope"), std::logic_error);
  CHECK_THROWS_AS(values.integer("nope"), std::logic_error);
  CHECK_THROWS_AS(values.boolean("nope"), std::logic_error);
  CHECK_THROWS_AS(values.text("nope"), std::logic_error);
  CHECK_THROWS_AS(values.as_text("nope"), std::logic_error);
  CHECK_THROWS_AS(values.origin("nope"), std::logic_error);
  CHECK_THROWS_AS(values.real("field.families_per_municipality"), std::logic_error);
  CHECK_THROWS_AS(values.integer("x.y"), std::logic_error);
  CHECK_THROWS_AS(values.boolean("run.label"), std::logic_error);
  CHECK_THROWS_AS(values.text("run.verbose"), std::logic_error);
  CHECK_THROWS_WITH(values.real("nope"), Contains("nope"));
}

TEST_CASE("to_ini lists every key in declaration order", "[parameters]") {
  const ParamRegistry registry = make_registry();
  ParamValues values(registry);
  values.set("run.verbose", "yes", "--set");
  const std::string ini = values.to_ini();
  CHECK(ini.rfind("# ", 0) == 0);
  CHECK_THAT(ini, Contains("\nfield.families_per_municipality = 120\n"
                           "field.share_reached = 0.25\n"
                           "x.y = 0.5\n"
                           "foo.baz = 3\n"
                           "run.verbose = true\n"
                           "run.label = baseline\n"));
}

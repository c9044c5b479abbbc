// Tests for typed parameter structs: declaring, reading, plausible ranges and rules across keys.
#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>

#include "samen/core/param_fields.hpp"

using namespace samen;
using Catch::Matchers::Contains;

namespace {

struct Inner {
  double rate = -1.0;
  std::uint32_t count = 99;
  void fields(ParamVisitor& v) {
    v.real(rate, "rate", 0.05, {0, 1}, "per week", "A weekly rate.",
           assumption({0.02, 0.1}, "a few a year"));
    v.integer(count, "count", 3, {0, 10}, "", "A count.", setting("chosen by the user"));
  }
};

struct Outer {
  Inner a, b;
  bool flag = true;
  std::string label = "?";
  void fields(ParamVisitor& v) {
    v.area(a, "a");
    v.area(b, "b");
    v.boolean(flag, "flag", false, "A switch.", setting("on or off"));
    v.text(label, "label", "plain", "A label.", survey("P.x"));
  }
};

ParamRegistry declare(Outer& outer) {
  ParamRegistry registry;
  ParamDeclarer declarer(registry);
  outer.fields(declarer);
  return registry;
}

}  // namespace

TEST_CASE("a declaring visitor adds every field under its section and sets its default",
          "[parameters][typed]") {
  Outer outer;
  const ParamRegistry registry = declare(outer);
  REQUIRE(registry.all().size() == 6);
  CHECK(registry.all()[0].name == "a.rate");
  CHECK(registry.all()[1].name == "a.count");
  CHECK(registry.all()[2].name == "b.rate");
  CHECK(registry.all()[5].name == "label");
  const ParamSpec& rate = *registry.find("b.rate");
  CHECK(rate.default_value == "0.05");
  CHECK(rate.source_kind == SourceKind::assumption);
  CHECK(rate.plausible_low == 0.02);
  CHECK(rate.plausible_high == 0.1);
  CHECK(format_plausible(rate) == "[0.02, 0.1]");
  CHECK(format_plausible(*registry.find("a.count")) == "-");
  CHECK(registry.find("label")->source_kind == SourceKind::survey);
  // Declaring also fills the struct with the defaults.
  CHECK(outer.a.rate == 0.05);
  CHECK(outer.b.count == 3);
  CHECK_FALSE(outer.flag);
  CHECK(outer.label == "plain");
}

TEST_CASE("a reading visitor fills every field from validated values", "[parameters][typed]") {
  Outer declared;
  const ParamRegistry registry = declare(declared);
  ParamValues values(registry);
  values.set("b.rate", "0.5", "x.ini", 3);
  values.set("a.count", "7", "--set");
  values.set("flag", "yes", "--set");
  values.set("label", "other", "--set");
  Outer read;
  ParamReader reader(values);
  read.fields(reader);
  CHECK(read.a.rate == 0.05);
  CHECK(read.b.rate == 0.5);
  CHECK(read.a.count == 7);
  CHECK(read.b.count == 3);
  CHECK(read.flag);
  CHECK(read.label == "other");
  CHECK(values.where("b.rate") == "x.ini:3");
  CHECK(values.where("a.count") == "--set");
  CHECK(values.where("a.rate") == "default");
}

TEST_CASE("an assumption's plausible range must hold its default inside the allowed range",
          "[parameters][typed]") {
  ParamRegistry registry;
  const auto spec = [](double low, double high) {
    ParamSpec s{"x.y", ParamType::Real, "0.5", 0, 1, "", "A value.", "why"};
    s.source_kind = SourceKind::assumption;
    s.plausible_low = low;
    s.plausible_high = high;
    return s;
  };
  CHECK_THROWS_WITH(registry.add(spec(0.6, 0.8)),
                    Contains("default 0.5 is outside its plausible range [0.6, 0.8]"));
  CHECK_THROWS_WITH(registry.add(spec(0.2, 1.5)),
                    Contains("plausible range [0.2, 1.5] leaves the allowed range [0, 1]"));
  ParamSpec text{"x.t", ParamType::Text, "a", 0, 0, "", "Text.", "why", SourceKind::assumption};
  CHECK_THROWS_WITH(registry.add(text), Contains("only numbers can be assumptions"));
  registry.add(spec(0.4, 0.6));
  CHECK(registry.all().size() == 1);

  struct Wide {
    std::uint32_t n = 0;
    void fields(ParamVisitor& v) { v.integer(n, "n", 1, {-1, 10}, "", "N.", setting("any")); }
  } wide;
  ParamRegistry other;
  ParamDeclarer declarer(other);
  CHECK_THROWS_AS(wide.fields(declarer), std::logic_error);
}

TEST_CASE("broken rules across keys name every key, its value and where it was set",
          "[parameters][typed]") {
  Outer declared;
  const ParamRegistry registry = declare(declared);
  ParamValues values(registry);
  values.set("a.rate", "0.7", "s.ini", 4);
  RuleCheck rules(values);
  rules.require(true, {"a.rate"}, "never shown");
  rules.throw_if_broken();  // nothing broken: no throw
  rules.require(false, {"b.rate", "a.rate"}, "the rates must sum to at most 0.5");
  rules.require(false, {"a.count"}, "a second rule");
  try {
    rules.throw_if_broken();
    FAIL("expected a ConfigError");
  } catch (const ConfigError& e) {
    CHECK(std::string(e.what()) ==
          "s.ini:4: key 'b.rate' = 0.05 (default) and key 'a.rate' = 0.7 (s.ini:4): the rates must "
          "sum to at most 0.5\n"
          "defaults: key 'a.count' = 3 (default): a second rule");
  }
}

TEST_CASE("a typo inside a section suggests that section's key first", "[parameters][typed]") {
  ParamRegistry registry;
  for (const char* name :
       {"policy.cjg_outreach.intensity", "policy.cjg_knowledge_sharing.intensity",
        "policy.cjg_outreach.coverage", "policy.consultation.grade_shift"})
    registry.add({name, ParamType::Real, "1", 0, 10, "", "A value.", "why"});
  CHECK(registry.nearest("policy.cjg_outreach.intensty") == "policy.cjg_outreach.intensity");
  CHECK(registry.nearest("policy.cjg_knowledge_sharing.intensty") ==
        "policy.cjg_knowledge_sharing.intensity");
  CHECK(registry.nearest("policy.cjg_outreach.grade_shif") == "policy.consultation.grade_shift");
  CHECK(registry.nearest("policy.consultaton.grade_shift") == "policy.consultation.grade_shift");
}

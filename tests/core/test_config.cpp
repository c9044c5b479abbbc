// Tests for scenario INI loading, `base` inheritance, overrides and generated docs.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

#include "samen/core/config.hpp"
#include "samen/core/text_file.hpp"

using namespace samen;
using Catch::Matchers::Contains;
using Catch::Matchers::EndsWith;
using Catch::Matchers::StartsWith;

namespace {

namespace fs = std::filesystem;

ParamRegistry make_registry() {
  ParamRegistry registry;
  registry.add({"field.families_per_municipality", ParamType::Integer, "120", 1, 100000, "families",
                "Families living in one municipality.", "P.scale.municipal", SourceKind::survey});
  registry.add({"field.share_reached", ParamType::Real, "0.25", 0, 1, "share",
                "Share of families | reached.", "a quarter", SourceKind::assumption, 0.2, 0.3});
  registry.add({"run.seed", ParamType::Integer, "42", 0, 4294967295.0, "", "Random seed.", "any"});
  registry.add({"run.verbose", ParamType::Boolean, "no", 0, 0, "", "Print progress.", "none"});
  registry.add({"run.label", ParamType::Text, "baseline", 0, 0, "", "Free label.", "none"});
  return registry;
}

// A fresh directory under the system temp dir, removed again at the end of the test.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    const auto stamp = std::chrono::steady_clock::now().time_since_epoch().count();
    path_ = fs::temp_directory_path() /
            ("samen_test_config_" + std::to_string(stamp) + "_" + std::to_string(counter++));
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  // Writes `text` to `name` (relative to the directory) and returns its path.
  std::string write(const std::string& name, const std::string& text) const {
    const fs::path file = path_ / name;
    fs::create_directories(file.parent_path());
    std::ofstream(file) << text;
    return file.string();
  }
  std::string path(const std::string& name) const { return (path_ / name).string(); }

 private:
  fs::path path_;
};

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

TEST_CASE("load_scenario reads keys, sections and comments", "[config]") {
  const ParamRegistry registry = make_registry();
  TempDir dir;
  const std::string path = dir.write("baseline.ini",
                                     "# a scenario\n"
                                     "; another comment\n"
                                     "\n"
                                     "run.label = first try   # inline comment\n"
                                     "[field]\n"
                                     "  families_per_municipality   =  250  \n"
                                     "share_reached=0.5\r\n"
                                     "[ run ]\n"
                                     "verbose = On\n");
  const Scenario scenario = load_scenario(path, registry);
  CHECK(scenario.name == "baseline");
  CHECK(scenario.path == path);
  REQUIRE(scenario.chain.size() == 1);
  CHECK(scenario.chain[0] == path);
  CHECK(scenario.values.text("run.label") == "first try");
  CHECK(scenario.values.integer("field.families_per_municipality") == 250);
  CHECK(scenario.values.real("field.share_reached") == 0.5);
  CHECK(scenario.values.boolean("run.verbose"));
  CHECK(scenario.values.integer("run.seed") == 42);
  CHECK(scenario.values.origin("field.share_reached") == path);
  CHECK(scenario.values.origin("run.seed") == "default");
}

TEST_CASE("Only ' #' starts an inline comment", "[config]") {
  const ParamRegistry registry = make_registry();
  TempDir dir;
  const std::string path = dir.write("a.ini", "run.label = a#b # gone\n");
  CHECK(load_scenario(path, registry).values.text("run.label") == "a#b");
}

TEST_CASE("base files are applied first and resolved relative to the includer", "[config]") {
  const ParamRegistry registry = make_registry();
  TempDir dir;
  const std::string common = dir.write("common/defaults.ini",
                                       "[field]\n"
                                       "families_per_municipality = 300\n"
                                       "share_reached = 0.1\n");
  const std::string middle = dir.write("common/middle.ini",
                                       "base = defaults.ini\n"
                                       "run.seed = 7\n"
                                       "[field]\n"
                                       "share_reached = 0.2\n");
  const std::string top = dir.write("scenarios/top.ini",
                                    "run.seed = 9\n"
                                    "base = ../common/middle.ini\n"
                                    "[field]\n"
                                    "share_reached = 0.3\n");
  const Scenario scenario = load_scenario(top, registry);
  CHECK(scenario.name == "top");
  REQUIRE(scenario.chain.size() == 3);
  CHECK(fs::equivalent(scenario.chain[0], common));
  CHECK(fs::equivalent(scenario.chain[1], middle));
  CHECK(scenario.chain[2] == top);
  CHECK(scenario.values.integer("field.families_per_municipality") == 300);
  CHECK(scenario.values.real("field.share_reached") == 0.3);
  CHECK(scenario.values.integer("run.seed") == 9);
  CHECK(scenario.values.origin("field.families_per_municipality") == scenario.chain[0]);
  CHECK(scenario.values.origin("run.seed") == top);
}

TEST_CASE("base inside a section is an ordinary (unknown) key", "[config]") {
  const ParamRegistry registry = make_registry();
  TempDir dir;
  const std::string path = dir.write("a.ini", "[run]\nbase = b.ini\n");
  CHECK_THAT(config_error([&] { load_scenario(path, registry); }),
             StartsWith(path + ":2: unknown key 'run.base'"));
}

TEST_CASE("A cycle of base files is reported", "[config]") {
  const ParamRegistry registry = make_registry();
  TempDir dir;
  const std::string a = dir.write("a.ini", "base = b.ini\n");
  const std::string b = dir.write("b.ini", "run.seed = 1\nbase = a.ini\n");
  CHECK(config_error([&] { load_scenario(a, registry); }) ==
        b + ":2: 'base' chain forms a cycle: " + a + " -> " + b + " -> " + a);

  const std::string self = dir.write("self.ini", "base = ./self.ini\n");
  CHECK(config_error([&] { load_scenario(self, registry); }) ==
        self + ":1: 'base' chain forms a cycle: " + self + " -> " + self);
}

TEST_CASE("Unreadable config files are reported", "[config]") {
  const ParamRegistry registry = make_registry();
  TempDir dir;
  const std::string missing = dir.path("missing.ini");
  CHECK(config_error([&] { load_scenario(missing, registry); }) ==
        "cannot read config file '" + missing + "'");
  CHECK(config_error([&] { load_scenario(dir.path(""), registry); }) ==
        "cannot read config file '" + dir.path("") + "'");

  const std::string top = dir.write("top.ini", "# header\nbase = nowhere.ini\n");
  CHECK(config_error([&] { load_scenario(top, registry); }) ==
        top + ":2: cannot read base config file '" + dir.path("nowhere.ini") + "'");
}

TEST_CASE("Syntax errors name file and line", "[config]") {
  const ParamRegistry registry = make_registry();
  TempDir dir;
  const std::string path = dir.write("bad.ini", "run.seed = 1\n\njust some words\n");
  CHECK(config_error([&] { load_scenario(path, registry); }) ==
        path + ":3: expected 'key = value' but found 'just some words'");

  const std::string header = dir.write("header.ini", "[field\n");
  CHECK(config_error([&] { load_scenario(header, registry); }) ==
        header + ":1: expected 'key = value' but found '[field'");

  const std::string no_key = dir.write("nokey.ini", "= 3\n");
  CHECK(config_error([&] { load_scenario(no_key, registry); }) ==
        no_key + ":1: expected 'key = value' but found '= 3'");
}

TEST_CASE("A key set twice in one file names both lines", "[config]") {
  const ParamRegistry registry = make_registry();
  TempDir dir;
  const std::string path = dir.write("dup.ini",
                                     "field.share_reached = 0.1\n"
                                     "[field]\n"
                                     "share_reached = 0.2\n");
  CHECK(config_error([&] { load_scenario(path, registry); }) ==
        path + ":3: key 'field.share_reached' is set twice (lines 1 and 3)");
}

TEST_CASE("Bad values in files name file, line, key and range", "[config]") {
  const ParamRegistry registry = make_registry();
  TempDir dir;
  const std::string range = dir.write("range.ini", "[field]\nshare_reached = 1.5\n");
  CHECK(config_error([&] { load_scenario(range, registry); }) ==
        range + ":2: key 'field.share_reached' = 1.5 is outside its allowed range [0, 1]");

  const std::string type = dir.write("type.ini", "run.seed = 2.5\n");
  CHECK(config_error([&] { load_scenario(type, registry); }) ==
        type + ":1: key 'run.seed' = '2.5' is not a valid integer (allowed range [0, 4294967295])");

  const std::string unknown = dir.write("unknown.ini", "\nfamiles_per_municipality = 3\n");
  CHECK(config_error([&] { load_scenario(unknown, registry); }) ==
        unknown +
            ":2: unknown key 'familes_per_municipality'; did you mean "
            "'field.families_per_municipality'? (see 'samen params' for every key)");
}

TEST_CASE("LF, CRLF and a lone CR (old Mac files) each end a line", "[config]") {
  const ParamRegistry registry = make_registry();
  TempDir dir;
  // Read as one line, this file would be one comment and load nothing.
  const std::string mac =
      dir.write("mac.ini",
                "# an old Mac file\rrun.seed = 7\rrun.label = x\r\n"
                "[field]\r\nshare_reached = 0.5\n\rfamilies_per_municipality = 9");
  const Scenario scenario = load_scenario(mac, registry);
  CHECK(scenario.values.integer("run.seed") == 7);
  CHECK(scenario.values.text("run.label") == "x");
  CHECK(scenario.values.real("field.share_reached") == 0.5);
  CHECK(scenario.values.integer("field.families_per_municipality") == 9);
  CHECK(scenario.values.line("field.families_per_municipality") == 7);

  // Line numbers count a CRLF once and a lone CR once.
  const std::string bad = dir.write("bad.ini", "run.seed = 1\r\n\rjunk\r");
  CHECK(config_error([&] { load_scenario(bad, registry); }) ==
        bad + ":3: expected 'key = value' but found 'junk'");
}

TEST_CASE("A file with a NUL byte is refused as binary, the NUL escaped", "[config]") {
  const ParamRegistry registry = make_registry();
  TempDir dir;
  const std::string nul = dir.write("nul.ini", std::string("run.seed = 1\nrun.\0seed = 2\n", 27));
  const std::string message = config_error([&] { load_scenario(nul, registry); });
  CHECK(message == nul +
                       ":2: column 5: a NUL byte: this is a binary file, not a text file of "
                       "'key = value' lines ('run.\\x00seed = 2')");
  CHECK(message.find('\0') == std::string::npos);

  // The first bytes of an HDF5 file: the NUL is named even after another control byte.
  const std::string h5 = dir.write("result.ini", std::string("\x89HDF\r\n\x1a\n\0\0\0\0", 12));
  CHECK(config_error([&] { load_scenario(h5, registry); }) ==
        h5 + ":3: column 1: a NUL byte: this is a binary file, not a text file of "
             "'key = value' lines ('\\x00\\x00\\x00\\x00')");
}

TEST_CASE("Control bytes are refused and escaped, never echoed", "[config]") {
  const ParamRegistry registry = make_registry();
  TempDir dir;
  // An escape sequence in a label would otherwise reach every terminal that prints it.
  const std::string path = dir.write("esc.ini", "\nrun.label = a\x1b[31mred\n");
  CHECK(config_error([&] { load_scenario(path, registry); }) ==
        path +
            ":2: column 14: control byte \\x1b; only text, tabs and line ends are allowed "
            "('run.label = a\\x1b[31mred')");

  ParamValues values(registry);
  CHECK(config_error([&] { apply_overrides(values, {"run.seed\x1b"}); }) ==
        "--set: expected key=value but found 'run.seed\\x1b'");
  CHECK(config_error([&] { apply_overrides(values, {"run.seed=1\x01"}); }) ==
        "--set: key 'run.seed' = '1\\x01' is not a valid integer (allowed range [0, 4294967295])");
  CHECK(config_error([&] { apply_overrides(values, {"run.s\teed\x7f=1"}); }) ==
        "--set: unknown key 'run.s\\teed\\x7f'; did you mean 'run.seed'? "
        "(see 'samen params' for every key)");
}

TEST_CASE("A very long line is cut in the message, saying how much was left out", "[config]") {
  const ParamRegistry registry = make_registry();
  TempDir dir;
  const std::string words(1 << 20, 'w');
  const std::string cut = words.substr(0, quoted_text_limit) + "... (" +
                          std::to_string(words.size() - quoted_text_limit) + " more bytes)";
  const std::string syntax = dir.write("syntax.ini", words + "\n");
  CHECK(config_error([&] { load_scenario(syntax, registry); }) ==
        syntax + ":1: expected 'key = value' but found '" + cut + "'");

  const std::string key = dir.write("key.ini", "[run]\n" + words + " = 1\n");
  CHECK(config_error([&] { load_scenario(key, registry); }) ==
        key + ":2: unknown key 'run." + words.substr(0, quoted_text_limit - 4) + "... (" +
            std::to_string(words.size() + 4 - quoted_text_limit) +
            " more bytes)' (see 'samen params' for every key)");

  const std::string value = dir.write("value.ini", "run.seed = " + words + "\n");
  CHECK(config_error([&] { load_scenario(value, registry); }) ==
        value + ":1: key 'run.seed' = '" + cut +
            "' is not a valid integer (allowed range [0, 4294967295])");
}

TEST_CASE("printable keeps UTF-8 text and escapes everything else", "[config]") {
  CHECK(printable("Zoë's café") == "Zoë's café");
  CHECK(printable(std::string("a\0b\tc\r\n", 7)) == "a\\x00b\\tc\\r\\n");
  CHECK(printable("\xff\xc3(\xe2\x82") == "\\xff\\xc3(\\xe2\\x82");  // not UTF-8
  CHECK(printable("\xed\xa0\x80") == "\\xed\\xa0\\x80");             // a UTF-16 surrogate
  CHECK(printable(std::string(500, 'x'), 3) == "xxx... (497 more bytes)");
  // A cut never splits a character: "é" is two bytes.
  CHECK(printable("abé", 3) == "ab... (2 more bytes)");
  CHECK(printable("", 0).empty());
}

TEST_CASE("Overrides apply after the files", "[config]") {
  const ParamRegistry registry = make_registry();
  TempDir dir;
  const std::string path = dir.write("a.ini", "run.seed = 5\n");
  const Scenario scenario =
      load_scenario(path, registry, {"run.seed=6", " run.label = x=y ", "run.verbose=yes"});
  CHECK(scenario.values.integer("run.seed") == 6);
  CHECK(scenario.values.origin("run.seed") == "--set");
  CHECK(scenario.values.text("run.label") == "x=y");
  CHECK(scenario.values.boolean("run.verbose"));

  ParamValues values(registry);
  CHECK(config_error([&] { apply_overrides(values, {"run.seed"}); }) ==
        "--set: expected key=value but found 'run.seed'");
  CHECK(config_error([&] { apply_overrides(values, {"=3"}); }) ==
        "--set: expected key=value but found '=3'");
  CHECK(config_error([&] { apply_overrides(values, {"run.sed=3"}); }) ==
        "--set: unknown key 'run.sed'; did you mean 'run.seed'? "
        "(see 'samen params' for every key)");
  CHECK(config_error([&] { apply_overrides(values, {"field.share_reached=2"}); }) ==
        "--set: key 'field.share_reached' = 2 is outside its allowed range [0, 1]");
}

TEST_CASE("to_ini output loads back to identical values", "[config]") {
  const ParamRegistry registry = make_registry();
  ParamValues values(registry);
  apply_overrides(values, {"field.families_per_municipality=+77", "field.share_reached=0.1",
                           "run.seed=4294967295", "run.verbose=on", "run.label=two words"});
  TempDir dir;
  const std::string path = dir.write("resolved.ini", values.to_ini());
  const Scenario scenario = load_scenario(path, registry);
  for (const ParamSpec& spec : registry.all()) {
    INFO(spec.name);
    CHECK(scenario.values.as_text(spec.name) == values.as_text(spec.name));
    CHECK(scenario.values.origin(spec.name) == path);
  }
  CHECK(scenario.values.real("field.share_reached") == values.real("field.share_reached"));
  CHECK(scenario.values.integer("run.seed") == 4294967295);
}

TEST_CASE("render_parameter_docs writes one Markdown table per section", "[config]") {
  const std::string docs = render_parameter_docs(make_registry());
  CHECK_THAT(docs, StartsWith("# Scenario keys\n"));
  CHECK_THAT(docs, Contains("`samen params --markdown`"));
  CHECK_THAT(docs, Contains("`sim/model/`"));
  CHECK_THAT(docs, Contains("do not edit it by hand"));
  const std::string header =
      "| key | type | default | range | plausible | unit | description | source |\n"
      "|---|---|---|---|---|---|---|---|\n";
  CHECK_THAT(docs, Contains("## field\n\n" + header +
                            "| `field.families_per_municipality` | integer | 120 | [1, 100000] | - "
                            "| families | Families living in one municipality. | "
                            "survey: P.scale.municipal |\n"
                            "| `field.share_reached` | real | 0.25 | [0, 1] | [0.2, 0.3] | share | "
                            "Share of families \\| reached. | assumption: a quarter |\n"));
  CHECK_THAT(docs, Contains("## run\n\n" + header));
  CHECK_THAT(docs, Contains("| `run.seed` | integer | 42 | [0, 4294967295] | - | - |"));
  CHECK_THAT(docs, Contains("| `run.verbose` | boolean | false | - | - | - | Print progress. |"));
  CHECK_THAT(docs, EndsWith("| `run.label` | text | baseline | - | - | - | Free label. | "
                            "setting: none |\n"));
}

TEST_CASE("render_parameter_help writes one block per parameter", "[config]") {
  const std::string help = render_parameter_help(make_registry());
  CHECK_THAT(help, StartsWith("field.families_per_municipality (integer, default 120, "
                              "range [1, 100000], families)\n"
                              "    Families living in one municipality.\n"
                              "    source: survey: P.scale.municipal\n\n"));
  CHECK_THAT(help, Contains("\nfield.share_reached (real, default 0.25, range [0, 1], plausible "
                            "[0.2, 0.3], share)\n"));
  CHECK_THAT(help, Contains("\nrun.seed (integer, default 42, range [0, 4294967295])\n"));
  CHECK_THAT(help, Contains("\nrun.verbose (boolean, default false)\n"
                            "    Print progress.\n"
                            "    source: setting: none\n"));
  CHECK_THAT(help, EndsWith("run.label (text, default baseline)\n"
                            "    Free label.\n"
                            "    source: setting: none\n"));
}

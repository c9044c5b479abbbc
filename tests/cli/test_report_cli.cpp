// The analyst's outputs from the command line: labels, tidy export, compare's
// refusals and ranking, plots run without a shell, and the HTML report in a
// real browser.
#include <sys/wait.h>

#include <array>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "samen/core/build_info.hpp"
#include "samen/dynamics/outcomes.hpp"
#include "samen/io/hdf5.hpp"
#include "support/test_binary.hpp"

namespace {

namespace fs = std::filesystem;

struct Result {
  int code;
  std::string output;  // stdout and stderr together
};

// Quotes `text` for sh: inside single quotes, each ' becomes '\''.
std::string quote(const std::string& text) {
  std::string out = "'";
  for (const char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

Result run_argv(const std::vector<std::string>& argv) {
  std::string command;
  for (const auto& a : argv) command += quote(a) + " ";
  command += "2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::string output;
  std::array<char, 4096> buffer{};
  while (std::fgets(buffer.data(), buffer.size(), pipe)) output += buffer.data();
  const int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
}

Result run_samen(std::vector<std::string> args) {
  args.insert(args.begin(), samen_binary());
  return run_argv(args);
}

std::string source(const std::string& relative) {
  return samen::build::source_dir() + "/" + relative;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// A small field, a short run, and a reach window short enough that need
// episodes close (and reach shares are defined) within it.
const std::vector<std::string> kSmall = {
    "--set", "field.families=5000",         "--set", "field.municipalities=4",
    "--set", "run.burn_in_weeks=20",        "--set", "run.weeks=20",
    "--set", "outcome.reach_window_weeks=4"};

// A batch in `dir`: the baseline, CJG knowledge sharing at half coverage with a
// label holding a comma, quotes and markup, and consultation under a file name
// with a comma and quotes; `replicates` each, 20 recorded weeks.
fs::path make_batch(const fs::path& dir, unsigned replicates) {
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "ks50.ini") << "base = " << source("scenarios/baseline.ini") << "\n"
                                  << "scenario.label = Knowledge sharing, 50% \"half\" <b>\n"
                                  << "policy.cjg_knowledge_sharing.enabled = true\n"
                                  << "policy.cjg_knowledge_sharing.coverage = 0.5\n";
  std::ofstream(dir / "cons, \"x\".ini")
      << "base = " << source("scenarios/consultation.ini") << "\n";
  std::ofstream(dir / "batch.ini")
      << "name = small\nbaseline = " << source("scenarios/baseline.ini")
      << "\nscenario = ks50.ini\nscenario = cons, \"x\".ini\n";
  std::vector<std::string> args = {"batch",        (dir / "batch.ini").string(),
                                   "--out",        (dir / "out").string(),
                                   "--replicates", std::to_string(replicates)};
  args.insert(args.end(), kSmall.begin(), kSmall.end());
  const auto r = run_samen(args);
  INFO(r.output);
  REQUIRE(r.code == 0);
  return dir / "out";
}

}  // namespace

TEST_CASE("scenario labels go from the scenario file into the run and batch files",
          "[cli][label]") {
  const auto out = make_batch(fs::temp_directory_path() / "samen_test_label", 1);
  {
    const auto f = samen::h5::File::open_read((out / "ks50.h5").string());
    CHECK(f.get_attr_string("label") == "Knowledge sharing, 50% \"half\" <b>");
    CHECK(f.get_attr_string("scenario") == "ks50");
    CHECK(f.get_attr_string("baseline") == "baseline");
    CHECK(f.open_dataset("/outcomes/reach_flow_all").get_attr_string("label") ==
          "Families in need reached");
    CHECK(f.open_dataset("/outcomes/weeks_until_care").get_attr_string("better") == "lower");
  }
  // Consultation's file sets no label of its own and inherits none: its stem.
  CHECK(samen::h5::File::open_read((out / "cons, \"x\".h5").string()).get_attr_string("label") ==
        "cons, \"x\"");
  CHECK(samen::h5::File::open_read((out / "baseline.h5").string()).get_attr_string("label") ==
        "Baseline (current practice)");
  // samen run: the file's label, or one given with --set.
  const auto run_file = (out / "run.h5").string();
  std::vector<std::string> args = {
      "run",   source("scenarios/cjg_outreach.ini"), "--replicates", "1", "--out", run_file,
      "--set", "scenario.label=Outreach ü"};
  args.insert(args.end(), kSmall.begin(), kSmall.end());
  REQUIRE(run_samen(args).code == 0);
  CHECK(samen::h5::File::open_read(run_file).get_attr_string("label") == "Outreach ü");
  fs::remove_all(out.parent_path());
}

TEST_CASE("samen export writes a tidy CSV that pandas reads", "[cli][export]") {
  const auto out = make_batch(fs::temp_directory_path() / "samen_test_export", 2);
  const auto csv = (out / "tidy.csv").string();
  const std::vector<std::string> files = {(out / "baseline.h5").string(),
                                          (out / "ks50.h5").string(),
                                          (out / "cons, \"x\".h5").string()};
  std::vector<std::string> args = {"export"};
  args.insert(args.end(), files.begin(), files.end());
  args.insert(args.end(), {"--csv", csv});
  const auto r = run_samen(args);
  INFO(r.output);
  REQUIRE(r.code == 0);
  const std::size_t outcomes = samen::outcome_registry().size();
  const std::size_t expected = 3 * 2 * 21 * outcomes;  // scenarios x replicates x weeks x outcomes
  CHECK_THAT(r.output, Catch::Contains("(" + std::to_string(expected) + " rows"));

  // pandas reads it as it is: row count, column types, NaN, quoting, and values
  // equal to the HDF5 file's.
  const auto script = out / "check.py";
  std::ofstream(script) << R"(import sys, h5py, numpy as np, pandas as pd
csv, baseline, ks = sys.argv[1:4]
df = pd.read_csv(csv)
print("rows", len(df))
print("columns", ",".join(df.columns))
print("dtypes", df["replicate"].dtype, df["week"].dtype, df["value"].dtype)
print("scenarios", "|".join(df["scenario"].unique()))
with h5py.File(baseline, "r") as f:
    m = f["outcomes/reach_flow_migrant"][()]
    nans = int(np.isnan(f["outcomes/weeks_until_care"][()]).sum())
# Exact with pandas' round-trip parser; its default parser may miss the last bit.
exact = pd.read_csv(csv, float_precision="round_trip")
sel = exact[(exact.scenario == "baseline") & (exact.outcome == "reach_flow_migrant")]
sel = sel.sort_values(["replicate", "week"]).value.to_numpy().reshape(m.shape)
print("value_equal", np.array_equal(sel, m, equal_nan=True), int(np.isnan(m).sum()) < m.size)
w = df[(df.scenario == "baseline") & (df.outcome == "weeks_until_care")]
print("nan_equal", int(w.value.isna().sum()) == nans)
print("units", df[df.outcome == "reach_flow_all"].unit.unique()[0])
)";
  const auto py = run_argv({"/usr/bin/python3", script.string(), csv, files[0], files[1]});
  INFO(py.output);
  REQUIRE(py.code == 0);
  CHECK_THAT(py.output, Catch::Contains("rows " + std::to_string(expected) + "\n"));
  CHECK_THAT(py.output, Catch::Contains("columns scenario,replicate,week,outcome,value,unit\n"));
  CHECK_THAT(py.output, Catch::Contains("dtypes int64 int64 float64\n"));
  CHECK_THAT(py.output, Catch::Contains("scenarios baseline|ks50|cons, \"x\"\n"));
  CHECK_THAT(py.output, Catch::Contains("value_equal True True\n"));
  CHECK_THAT(py.output, Catch::Contains("nan_equal True\n"));
  CHECK_THAT(py.output, Catch::Contains("units share\n"));

  // Narrowed and summarised: one row per scenario and outcome.
  const auto summary = (out / "summary.csv").string();
  args = {"export",
          files[0],
          files[1],
          "--outcome",
          "reach_flow_all",
          "--outcome",
          "professional_hours",
          "--window",
          "5:20",
          "--summary",
          "--csv",
          summary};
  const auto s = run_samen(args);
  INFO(s.output);
  REQUIRE(s.code == 0);
  std::istringstream lines(read_file(summary));
  std::string line;
  std::vector<std::string> rows;
  while (std::getline(lines, line)) rows.push_back(line);
  REQUIRE(rows.size() == 5);
  CHECK(rows[1].rfind("baseline,reach_flow_all,share,5,20,2,", 0) == 0);
  CHECK(rows[4].rfind("ks50,professional_hours,hours/week,5,20,2,", 0) == 0);

  const auto bad = run_samen({"export", files[0], "--csv", summary, "--outcome", "reach_flow_al"});
  CHECK(bad.code == 2);
  CHECK_THAT(bad.output,
             Catch::Contains(
                 "--outcome: unknown outcome 'reach_flow_al'; did you mean 'reach_flow_all'?"));
  const auto twice = run_samen({"export", files[0], files[0], "--csv", summary});
  CHECK(twice.code == 2);
  CHECK_THAT(twice.output, Catch::Contains("two files hold scenario 'baseline'"));
  fs::remove_all(out.parent_path());
}

TEST_CASE("samen compare refuses unclear input with messages that say what is allowed",
          "[cli][compare]") {
  const auto out = make_batch(fs::temp_directory_path() / "samen_test_compare_refusals", 2);
  const auto base = (out / "baseline.h5").string(), ks = (out / "ks50.h5").string();

  const auto itself = run_samen({"compare", base, base});
  CHECK(itself.code == 2);
  CHECK_THAT(itself.output, Catch::Contains("is the baseline file '" + base +
                                            "' itself; a file compared with itself differs by "
                                            "nothing"));
  const auto twice = run_samen({"compare", base, ks, (out / "." / "ks50.h5").string()});
  CHECK(twice.code == 2);
  CHECK_THAT(twice.output, Catch::Contains("is given twice"));

  const auto junk = run_samen({"compare", base, ks, "--window", "0:2junk"});
  CHECK(junk.code == 2);
  CHECK_THAT(junk.output, Catch::Contains("--window must be A:B with whole weeks 0 <= A <= B <= "
                                          "20 (the recorded weeks), e.g. 0:20; got '0:2junk'"));
  for (const char* text : {"0:21", "5:3", ":3", "-1:3", "1:3:5"}) {
    INFO(text);
    const auto r = run_samen({"compare", base, ks, "--window", text});
    CHECK(r.code == 2);
    CHECK_THAT(r.output, Catch::Contains("--window must be A:B"));
  }
  for (const char* text : {"nan", "-1", "0", "inf"}) {
    INFO(text);
    const auto r = run_samen({"compare", base, ks, "--precision", text});
    CHECK(r.code == 2);
    CHECK_THAT(r.output, Catch::Contains("--precision must be a number above 0, the wanted "
                                         "half-width as a share of the baseline mean"));
  }
  const auto rank = run_samen({"compare", base, ks, "--rank-by", "famlies"});
  CHECK(rank.code == 2);
  CHECK_THAT(rank.output, Catch::Contains("--rank-by: unknown outcome 'famlies'"));
  const auto format =
      run_samen({"compare", base, ks, "--plot", (out / "p").string(), "--format", "png,gif"});
  CHECK(format.code == 2);
  CHECK_THAT(format.output, Catch::Contains("--format: unknown format 'gif' (allowed: png, svg, "
                                            "pdf)"));

  // Defaults print as declared.
  const auto help = run_samen({"compare", "--help"});
  CHECK_THAT(help.output, Catch::Contains("--precision arg (=0.05)"));

  // The screen table says what it leaves out; --rank-by adds the ranking.
  const auto ok = run_samen({"compare", base, ks, "--rank-by", "reach_flow_migrant"});
  INFO(ok.output);
  REQUIRE(ok.code == 0);
  CHECK_THAT(ok.output, Catch::Contains("not shown ("));
  CHECK_THAT(ok.output, Catch::Contains("internal_clarity"));
  CHECK_THAT(ok.output, Catch::Contains("--all shows every outcome"));
  CHECK_THAT(ok.output, Catch::Contains("options ranked by reach_flow_migrant"));
  CHECK_THAT(ok.output, Catch::Contains("   1  ks50 "));
  const auto all = run_samen({"compare", base, ks, "--all"});
  CHECK(all.output.find("not shown") == std::string::npos);
  fs::remove_all(out.parent_path());
}

TEST_CASE("plots are drawn without a shell, whatever the file names hold", "[cli][compare][plot]") {
  const auto out = make_batch(fs::temp_directory_path() / "samen_test_plot_names", 2);
  // A file name that a shell would run, and one whose quote would end a quoted string.
  const fs::path evil = out / "o'$(touch PWNED)'.h5";
  const fs::path quoted = out / "it's.h5";
  fs::copy_file(out / "baseline.h5", evil);
  fs::copy_file(out / "ks50.h5", quoted);
  const auto plots = out / "plots";
  const auto r = run_samen({"compare", evil.string(), quoted.string(), "--plot", plots.string(),
                            "--outcome", "reach_flow_all", "--format", "png,svg"});
  INFO(r.output);
  CHECK(r.code == 0);
  CHECK_FALSE(fs::exists("PWNED"));
  CHECK_FALSE(fs::exists(out / "PWNED"));
  CHECK_FALSE(fs::exists(fs::path(samen::build::source_dir()) / "PWNED"));
  CHECK(fs::file_size(plots / "forest.png") > 1000);
  CHECK(fs::file_size(plots / "timeseries_reach_flow_all.png") > 1000);
  const std::string svg = read_file(plots / "timeseries_reach_flow_all.svg");
  // The figure names its source files and the window in its metadata.
  CHECK_THAT(svg, Catch::Contains("it's.h5"));
  CHECK_THAT(svg, Catch::Contains("weeks 0-20"));
  CHECK_THAT(svg, Catch::Contains("mean over 2 replicates"));
  fs::remove_all(out.parent_path());
}

TEST_CASE("the report renders in headless Chromium with every option, outcome and figure",
          "[cli][report][browser]") {
  const auto out = make_batch(fs::temp_directory_path() / "samen_test_report", 3);
  const auto survey = (out / "survey.h5").string();
  std::vector<std::string> args = {"survey", source("scenarios/baseline.ini"), "-q", "--h5",
                                   survey};
  args.insert(args.end(), kSmall.begin(), kSmall.end());
  REQUIRE(run_samen(args).code == 0);
  const auto html = (out / "report.html").string();
  const auto r = run_samen({"report", out.string(), "--survey", survey, "--html", html, "--outcome",
                            "reach_flow_all", "--outcome", "reach_flow_migrant", "--outcome",
                            "professional_hours"});
  INFO(r.output);
  REQUIRE(r.code == 0);
  // The forest plot and time series of the ranked outcome (families reached, where
  // recorded, else reach_flow_all), migrant reach, reach and professional hours.
  bool has_families_reached = false;
  for (const auto& o : samen::outcome_registry())
    has_families_reached = has_families_reached || o.name == "families_reached";
  const std::size_t figures = has_families_reached ? 5 : 4;
  CHECK_THAT(r.output, Catch::Contains("(2 options, " + std::to_string(figures) + " figures"));

  const auto screenshot = fs::path(samen_binary()).parent_path() / "report_screenshot.png";
  fs::remove(screenshot);
  const auto check = run_argv({"/usr/bin/python3", source("tests/cli/check_page.py"), html,
                               "--screenshot", screenshot.string()});
  INFO(check.output);
  REQUIRE(check.code == 0);
  const std::string& j = check.output;
  // No console errors or warnings, no failed loads, nothing fetched from a network.
  CHECK_THAT(j, Catch::Contains("\"console\": []"));
  CHECK_THAT(j, Catch::Contains("\"requests\": []"));
  // Every image decodes: every figure, none with ok false or zero width.
  std::size_t images = 0;
  for (auto at = j.find("\"ok\": true"); at != std::string::npos;
       at = j.find("\"ok\": true", at + 1))
    ++images;
  CHECK(images == figures);
  CHECK(j.find("\"ok\": false") == std::string::npos);
  // The comparison table has a row for every option and outcome.
  for (const auto& o : samen::outcome_registry())
    for (const char* option : {"ks50", "cons, \\\"x\\\""}) {
      INFO(o.name << " / " << option);
      CHECK_THAT(j, Catch::Contains("[\"comparison\", \"" + o.name + "\", \"" + option + "\"]"));
    }
  CHECK_THAT(j, Catch::Contains("\"title\": \"Policy options against Baseline (current practice) "
                                "(small)\""));
  CHECK(fs::file_size(screenshot) > 10000);

  // The page itself: labels escaped, the survey fit summarised, the rule explained.
  const std::string page = read_file(html);
  CHECK_THAT(page, Catch::Contains("Knowledge sharing, 50% &quot;half&quot; &lt;b&gt;"));
  CHECK_THAT(page, Catch::Contains("figures</b> fall within their interval"));
  CHECK_THAT(page, Catch::Contains("Ranking rule."));
  CHECK_THAT(page, Catch::Contains("<code>policy.cjg_knowledge_sharing.coverage = 0.5</code>"));
  fs::remove_all(out.parent_path());
}

#include <catch2/catch.hpp>
#include <cmath>

#include "samen/analysis/report.hpp"
#include "samen/dynamics/outcomes.hpp"

namespace {

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// Rows of compare_runs for one option: every outcome changes by `diff` exactly,
// professional hours by 100, except outcomes listed in `unchanged`.
std::vector<samen::ComparisonRow> rows_of(const std::string& option, double diff) {
  std::vector<samen::ComparisonRow> rows;
  for (const auto& o : samen::outcome_registry()) {
    samen::ComparisonRow r;
    r.option = option;
    r.outcome = o.name;
    r.baseline_mean = 0.25;
    const double d = o.name == "professional_hours" ? 100.0 : diff;
    r.option_mean = 0.25 + d;
    r.diff = {2, d, 0.01, d - 0.02, d + 0.02, d / 0.01};
    r.spans_zero = r.diff.ci_low <= 0.0 && r.diff.ci_high >= 0.0;
    r.relative_change = d / 0.25;
    rows.push_back(r);
  }
  return rows;
}

}  // namespace

TEST_CASE("HTML escaping and base64 encoding", "[analysis][report]") {
  CHECK(samen::html_escape("a<b>&\"c'") == "a&lt;b&gt;&amp;&quot;c&#39;");
  CHECK(samen::base64_encode("") == "");
  CHECK(samen::base64_encode("M") == "TQ==");
  CHECK(samen::base64_encode("Ma") == "TWE=");
  CHECK(samen::base64_encode("Man") == "TWFu");
  CHECK(samen::base64_encode("<svg/>\xff") == "PHN2Zy8+/w==");
}

TEST_CASE("policy settings of an option are those that differ from the baseline",
          "[analysis][report]") {
  const std::string base =
      "# samen\nfield.families = 100\npolicy.a.enabled = false\npolicy.a.coverage = 1\n";
  const std::string option =
      "# samen\nfield.families = 100\npolicy.a.enabled = true\npolicy.a.coverage = 1\n"
      "policy.b.cost = 3\nscenario.label = x = y\n";
  const auto diff = samen::policy_differences(base, option);
  REQUIRE(diff.size() == 2);
  CHECK(diff[0] == std::make_pair(std::string("policy.a.enabled"), std::string("true")));
  CHECK(diff[1] == std::make_pair(std::string("policy.b.cost"), std::string("3")));
  CHECK(samen::ini_value(option, "scenario.label") == "x = y");
  CHECK(samen::ini_value(option, "field.nothing").empty());
}

TEST_CASE("the report page holds every option and outcome, escaped, with nothing to fetch",
          "[analysis][report]") {
  samen::ReportInput in;
  in.batch = "small";
  in.baseline = {"baseline", "Baseline", "b.h5", {}};
  in.options = {{"ks", "Knowledge <sharing> & \"more\"", "ks.h5", {{"policy.x.enabled", "true"}}},
                {"flat", "Flat", "flat.h5", {}}};
  in.header.replicates = 2;
  in.header.weeks = 52;
  in.header.burn_in_weeks = 52;
  in.header.config = "field.municipalities = 4\nfield.families = 5000\n";
  in.window = {1, 52};
  in.rows = rows_of("ks", 0.05);
  const auto flat = rows_of("flat", 0.0);
  in.rows.insert(in.rows.end(), flat.begin(), flat.end());
  in.rank_outcome = "reach_flow_all";
  in.ranking = samen::rank_options(in.rows, "reach_flow_all", samen::Better::higher);
  in.figures = {{"A figure", "Its caption", "<svg xmlns='http://www.w3.org/2000/svg'/>"}};
  in.survey_missing = "No survey fit is shown.";
  const std::string html = samen::render_report_html(in);

  const auto& registry = samen::outcome_registry();
  for (const auto& o : registry) {
    INFO(o.name);
    CHECK(count(html, "<tr data-outcome=\"" + o.name + "\" data-option=\"ks\">") == 1);
    CHECK(count(html, "<tr data-outcome=\"" + o.name + "\" data-option=\"flat\">") == 1);
    CHECK(count(html, "<tr data-outcome=\"" + o.name + "\"><td>") == 1);  // definitions
  }
  // The label is escaped wherever it appears; the raw text never does.
  CHECK(html.find("Knowledge <sharing>") == std::string::npos);
  CHECK(count(html, "Knowledge &lt;sharing&gt; &amp; &quot;more&quot;") >= 3);
  // Shares as percentages, changes in percentage points: reach_flow_all +5 [+3.0, +7.0].
  CHECK_THAT(html, Catch::Contains("+5.0 <span class=\"ci\">[+3.0, +7.0]</span>"));
  CHECK_THAT(html, Catch::Contains("25.0%"));
  // The ranking: ks improves at extra cost (+0.05 share per 100 h = 50 points per 1000 h).
  CHECK_THAT(html, Catch::Contains("<tr data-option=\"ks\"><td class=\"num\">1</td>"));
  CHECK_THAT(html, Catch::Contains("improves at extra cost"));
  CHECK_THAT(html, Catch::Contains("+50"));
  CHECK_THAT(html, Catch::Contains("Ranking rule."));
  // The figure is inlined; no URL is fetched (the SVG namespace is inside base64).
  CHECK_THAT(html, Catch::Contains("<img alt=\"A figure\" src=\"data:image/svg+xml;base64,"));
  CHECK(html.find("http") == std::string::npos);
  CHECK(html.find("<script") == std::string::npos);
  CHECK_THAT(html, Catch::Contains("No survey fit is shown."));
  CHECK_THAT(html, Catch::Contains("4 municipalities, 5000 families"));
}

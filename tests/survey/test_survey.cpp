// Tests of the survey side: confidence intervals, the survey targets file and
// the virtual survey that asks a generated field the 2011 questionnaires.
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "samen/core/build_info.hpp"
#include "samen/core/config.hpp"
#include "samen/field/generate.hpp"
#include "samen/model/scenario.hpp"
#include "samen/model/scenario_inputs.hpp"
#include "samen/survey/intervals.hpp"
#include "samen/survey/items.hpp"
#include "samen/survey/targets.hpp"
#include "samen/survey/virtual_survey.hpp"

using namespace samen;
using Catch::Matchers::Contains;
using Catch::Matchers::WithinAbs;

namespace {

namespace fs = std::filesystem;

const std::string kTargetsPath = samen::build::source_dir() + "/scenarios/survey_targets.csv";
const std::string kHeader = "id,section,group,question,category,value,unit,n,multi,note\n";

// A fresh file under the system temp dir, removed again at the end of the test.
class TempFile {
 public:
  explicit TempFile(const std::string& text) {
    static std::atomic<int> counter{0};
    const auto stamp = std::chrono::steady_clock::now().time_since_epoch().count();
    path_ = (fs::temp_directory_path() / ("samen_test_survey_" + std::to_string(stamp) + "_" +
                                          std::to_string(counter++) + ".csv"))
                .string();
    std::ofstream(path_) << text;
  }
  ~TempFile() {
    std::error_code ignored;
    fs::remove(path_, ignored);
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// Returns the message of the std::runtime_error that loading `text` throws.
std::string load_error(const TempFile& file) {
  try {
    SurveyTargets::load(file.path());
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  FAIL("loading " << file.path() << " did not throw");
  return {};
}

// The baseline region with its targets and one generated field.
struct Baseline {
  ModelScenario scenario;
  SurveyTargets targets;
  Field field;
};
const Baseline& baseline() {
  static const Baseline b = [] {
    auto sc = load_model_scenario(samen::build::source_dir() + "/scenarios/baseline.ini");
    auto targets = load_scenario_targets(sc);
    Field f = generate_field(sc.params, targets, {sc.params.run.seed, 0});
    return Baseline{std::move(sc), std::move(targets), std::move(f)};
  }();
  return b;
}

}  // namespace

TEST_CASE("wilson_interval gives known values and stays inside [0, 1]", "[survey][intervals]") {
  SECTION("p = 0.5, n = 100") {
    const Interval ci = wilson_interval(0.5, 100);
    CHECK_THAT(ci.low, WithinAbs(0.4038, 1e-3));
    CHECK_THAT(ci.high, WithinAbs(0.5962, 1e-3));
    CHECK_THAT(ci.low + ci.high, WithinAbs(1.0, 1e-12));  // symmetric at one half
  }
  SECTION("a skewed share is pulled towards one half") {
    // p = 0.1, n = 50: Wilson [0.0435, 0.2136] (not the Wald 0.1 +- 0.083).
    const Interval ci = wilson_interval(0.1, 50);
    CHECK_THAT(ci.low, WithinAbs(0.0435, 1e-3));
    CHECK_THAT(ci.high, WithinAbs(0.2136, 1e-3));
  }
  SECTION("z widens the interval") {
    const Interval narrow = wilson_interval(0.3, 80, 1.0);
    const Interval wide = wilson_interval(0.3, 80, 2.576);
    CHECK(wide.low < narrow.low);
    CHECK(wide.high > narrow.high);
  }
  SECTION("p = 0 and p = 1 give intervals inside [0, 1]") {
    for (const int n : {1, 5, 11, 29, 58, 142}) {
      CAPTURE(n);
      const Interval zero = wilson_interval(0.0, n);
      CHECK(zero.low >= 0.0);
      CHECK_THAT(zero.low, WithinAbs(0.0, 1e-12));
      CHECK(zero.high > 0.0);
      CHECK(zero.high < 1.0);
      const Interval one = wilson_interval(1.0, n);
      CHECK(one.high <= 1.0);
      CHECK_THAT(one.high, WithinAbs(1.0, 1e-12));
      CHECK(one.low > 0.0);
      CHECK(one.low < 1.0);
      // Mirror images of each other.
      CHECK_THAT(zero.high, WithinAbs(1.0 - one.low, 1e-12));
    }
    // n = 11, all yes (R.uses_volunteers.bjz): about [0.741, 1].
    CHECK_THAT(wilson_interval(1.0, 11).low, WithinAbs(0.7412, 1e-3));
  }
  SECTION("every share strictly between 0 and 1 lies inside its own interval") {
    for (const int n : {3, 30, 300})
      for (int k = 1; k < 20; ++k) {
        const double p = k / 20.0;
        CAPTURE(n, p);
        const Interval ci = wilson_interval(p, n);
        CHECK(ci.low >= 0.0);
        CHECK(ci.high <= 1.0);
        CHECK(ci.contains(p));
      }
  }
}

// At p = 0 and p = 1 the Wilson bounds are centre -/+ half, which cancel only
// up to rounding (n = 58: high = 1 - 1.1e-16; n = 11: low = 2.8e-17), so
// Interval::contains must allow for rounding for a 0% or 100% figure to contain
// a model share of exactly 0% or 100%.
TEST_CASE("wilson_interval contains p = 0 and p = 1 themselves", "[survey][intervals]") {
  std::vector<int> miss_zero, miss_one;
  for (int n = 1; n <= 300; ++n) {
    if (!wilson_interval(0.0, n).contains(0.0)) miss_zero.push_back(n);
    if (!wilson_interval(1.0, n).contains(1.0)) miss_one.push_back(n);
    // On the percent scale of the virtual survey as well.
    const Interval one = wilson_interval(1.0, n);
    if (!Interval{100.0 * one.low, 100.0 * one.high}.contains(100.0)) miss_one.push_back(n);
  }
  {
    INFO("p = 0 missed for " << miss_zero.size()
                             << " n, first n = " << (miss_zero.empty() ? 0 : miss_zero.front()));
    CHECK(miss_zero.empty());
  }
  {
    INFO("p = 1 missed for " << miss_one.size()
                             << " n, first n = " << (miss_one.empty() ? 0 : miss_one.front()));
    CHECK(miss_one.empty());
  }
}

TEST_CASE("mean_interval is the mean plus or minus z sd / sqrt(n)", "[survey][intervals]") {
  const Interval ci = mean_interval(7.8, 1.0, 100);
  CHECK_THAT(ci.low, WithinAbs(7.8 - 0.196, 1e-12));
  CHECK_THAT(ci.high, WithinAbs(7.8 + 0.196, 1e-12));
  const Interval ci2 = mean_interval(7.1, 2.0, 28, 2.576);
  CHECK_THAT(ci2.high - ci2.low, WithinAbs(2.0 * 2.576 * 2.0 / std::sqrt(28.0), 1e-12));
  CHECK_THAT(0.5 * (ci2.low + ci2.high), WithinAbs(7.1, 1e-12));
  CHECK(ci.contains(7.8));
  CHECK(ci.contains(ci.low));
  CHECK(ci.contains(ci.high));
  CHECK_FALSE(ci.contains(7.5));
  CHECK_FALSE(ci.contains(8.1));
}

TEST_CASE("the survey targets file loads with its units", "[survey][targets]") {
  const SurveyTargets t = SurveyTargets::load(kTargetsPath);
  REQUIRE(t.figures().size() == 322);

  SECTION("ids are unique and looked up by id") {
    std::set<std::string> ids;
    for (const auto& f : t.figures()) {
      CHECK(ids.insert(f.id).second);
      CHECK(t.contains(f.id));
      CHECK(&t.at(f.id) == &f);
      CHECK(f.n > 0);
      CHECK((f.group == "projects" || f.group == "regular"));
    }
    CHECK_FALSE(t.contains("P.no_such_figure"));
    CHECK_THROWS_AS(t.at("P.no_such_figure"), std::out_of_range);
    CHECK_THROWS_WITH(t.at("P.no_such_figure"), Contains("P.no_such_figure"));
  }
  SECTION("the first and last rows") {
    const auto& first = t.figures().front();
    CHECK(first.id == "P.org.vo");
    CHECK(first.section == "2.1");
    CHECK(first.group == "projects");
    CHECK(first.value == 61.0);
    CHECK(first.unit == FigureUnit::Percent);
    CHECK(first.n == 142);
    CHECK_FALSE(first.multi);
    CHECK(first.note == "88 respondents");
    CHECK(t.figures().back().id == "R.could_offer_cjg.knowledge");
  }
  SECTION("percent figures stay percent; count rows convert to percent of n") {
    CHECK(t.value("P.org.vo") == 61.0);
    CHECK(t.share("P.org.vo") == Approx(0.61));
    const auto& bjz = t.at("R.type.bjz");
    CHECK(bjz.unit == FigureUnit::Count);
    CHECK(bjz.value == 11.0);
    CHECK(bjz.n == 58);
    CHECK(bjz.comparable_value() == Approx(11.0 / 58.0 * 100.0));
    CHECK(t.value("R.type.bjz") == Approx(11.0 / 58.0 * 100.0));
    CHECK(t.share("R.type.bjz") == Approx(11.0 / 58.0));
    CHECK(t.value("R.could_offer_cjg.knowledge") == Approx(17.0 / 22.0 * 100.0));
    CHECK(t.value("R.uses_volunteers.bjz") == Approx(100.0));
  }
  SECTION("means stay means") {
    const auto& mean = t.at("R.vo.grade.mean");
    CHECK(mean.unit == FigureUnit::Mean);
    CHECK(mean.comparable_value() == 7.1);
    CHECK(t.value("R.vo.grade.mean") == 7.1);
  }
  SECTION("multi-answer items are marked") {
    CHECK(t.at("P.scale.municipal").multi);
    CHECK(t.at("R.could_offer.knowledge").multi);
    CHECK_FALSE(t.at("P.level.municipal").multi);
  }
}

TEST_CASE("malformed survey targets files are rejected naming the file and line",
          "[survey][targets]") {
  const std::string good = "P.a,2.1,projects,q,c,61,pct,142,no,\n";
  SECTION("a valid minimal file loads, with quoted fields") {
    TempFile file(kHeader + good + "\n" +
                  "R.b,3.1,regular,\"organisation, type\",cb,12,count,58,no,\"say \"\"hi\"\"\"\n");
    const auto t = SurveyTargets::load(file.path());
    REQUIRE(t.figures().size() == 2);
    CHECK(t.at("R.b").question == "organisation, type");
    CHECK(t.at("R.b").note == "say \"hi\"");
    CHECK(t.value("R.b") == Approx(1200.0 / 58.0));
  }
  SECTION("a missing file") {
    const std::string path = (fs::temp_directory_path() / "samen_no_such_targets.csv").string();
    CHECK_THROWS_WITH(SurveyTargets::load(path), Contains(path));
  }
  SECTION("a wrong header") {
    TempFile file("id,section,group\n" + good);
    const std::string message = load_error(file);
    CHECK_THAT(message, Contains(file.path() + ":1:"));
    CHECK_THAT(message, Contains("header"));
  }
  SECTION("too few columns") {
    TempFile file(kHeader + good + "P.b,2.1,projects,q,c,61,pct\n");
    const std::string message = load_error(file);
    CHECK_THAT(message, Contains(file.path() + ":3:"));
    CHECK_THAT(message, Contains("10 columns"));
  }
  SECTION("a value that is not a number") {
    TempFile file(kHeader + good + "P.b,2.1,projects,q,c,1,pct,142,no,\n" +
                  "P.c,2.1,projects,q,c,6l,pct,142,no,\n");
    const std::string message = load_error(file);
    CHECK_THAT(message, Contains(file.path() + ":4:"));
    CHECK_THAT(message, Contains("value"));
  }
  SECTION("a non-positive n") {
    TempFile file(kHeader + "P.c,2.1,projects,q,c,61,pct,0,no,\n");
    const std::string message = load_error(file);
    CHECK_THAT(message, Contains(file.path() + ":2:"));
    CHECK_THAT(message, Contains("'n'"));
  }
  SECTION("an unknown unit") {
    TempFile file(kHeader + "P.c,2.1,projects,q,c,61,percent,142,no,\n");
    const std::string message = load_error(file);
    CHECK_THAT(message, Contains(file.path() + ":2:"));
    CHECK_THAT(message, Contains("unit"));
    CHECK_THAT(message, Contains("percent"));
  }
  SECTION("a bad multi flag") {
    TempFile file(kHeader + "P.c,2.1,projects,q,c,61,pct,142,maybe,\n");
    const std::string message = load_error(file);
    CHECK_THAT(message, Contains(file.path() + ":2:"));
    CHECK_THAT(message, Contains("multi"));
  }
  SECTION("a duplicate id") {
    TempFile file(kHeader + good + "P.x,2.1,projects,q,c,1,pct,142,no,\n" + good);
    const std::string message = load_error(file);
    CHECK_THAT(message, Contains(file.path() + ":4:"));
    CHECK_THAT(message, Contains("duplicate"));
    CHECK_THAT(message, Contains("P.a"));
  }
}

TEST_CASE("item_shares reads an item's categories from the targets", "[survey][items]") {
  const SurveyTargets t = SurveyTargets::load(kTargetsPath);
  double rest = -1.0;
  const auto host = item_shares(t, items::project_host_kind, &rest);
  REQUIRE(host.size() == 2);
  CHECK(host[0] == Approx(0.61));
  CHECK(host[1] == Approx(0.34));
  CHECK(rest == Approx(0.05));
  // Counts become shares; a category without a figure gets 0.
  const auto vmix = item_shares(t, ItemSpec{"P.vmix_pi", items::project_vmix.categories}, &rest);
  REQUIRE(vmix.size() == 4);
  CHECK(vmix[0] == Approx(18.0 / 44.0));
  CHECK(vmix[2] == Approx(10.0 / 44.0));
  CHECK(vmix[3] == 0.0);
  CHECK(rest == Approx(1.0 - 43.0 / 44.0));
  CHECK(items::project_vmix.index("both") == 1);
  CHECK(items::project_vmix.bit("individual_only") == 4u);
  CHECK(items::project_vmix.id(3) == "P.vmix.unclassified");
  CHECK_THROWS_AS(items::project_vmix.index("nobody"), std::out_of_range);
}

TEST_CASE("the virtual questionnaire answers every survey figure", "[survey][virtual]") {
  const auto& b = baseline();
  const auto ids = questionnaire_ids(b.field);
  const std::set<std::string> known(ids.begin(), ids.end());
  CHECK(known.size() == ids.size());
  std::vector<std::string> missing;
  for (const auto& fig : b.targets.figures())
    if (!known.count(fig.id)) missing.push_back(fig.id);
  INFO("figures without a question: " << missing.size());
  CHECK(missing.empty());

  SECTION("a figure the questionnaire does not know is a logic error naming it") {
    TempFile file(kHeader + "P.org.vo,2.1,projects,q,c,61,pct,142,no,\n" +
                  "P.not_a_question,2.1,projects,q,c,5,pct,142,no,\n");
    const auto t = SurveyTargets::load(file.path());
    CHECK_THROWS_AS(run_virtual_survey(b.field, t, 1.0), std::logic_error);
    CHECK_THROWS_WITH(run_virtual_survey(b.field, t, 1.0), Contains("P.not_a_question"));
  }
}

TEST_CASE("the virtual survey of the baseline answers like the 2011 survey", "[survey][virtual]") {
  const auto& b = baseline();
  const double grade_sd = b.scenario.params.survey.grade_sd;
  const SurveyReport report = run_virtual_survey(b.field, b.targets, grade_sd);
  const auto& figures = b.targets.figures();
  REQUIRE(report.rows.size() == figures.size());

  SECTION("rows follow the targets file; intervals and flags are consistent") {
    int within = 0;
    for (std::size_t k = 0; k < figures.size(); ++k) {
      const auto& r = report.rows[k];
      const auto& fig = figures[k];
      CAPTURE(k, r.id);
      CHECK(r.id == fig.id);
      CHECK(r.survey_value == fig.comparable_value());
      CHECK_FALSE(std::isnan(r.model_value));
      CHECK(r.within == r.ci.contains(r.model_value));
      CHECK(r.ci.contains(r.survey_value));
      if (fig.unit == FigureUnit::Mean) {
        const Interval want = mean_interval(fig.value, grade_sd, fig.n);
        CHECK(r.ci.low == Approx(want.low));
        CHECK(r.ci.high == Approx(want.high));
        CHECK(r.model_value >= 1.0);
        CHECK(r.model_value <= 10.0);
      } else {
        const Interval want = wilson_interval(fig.comparable_value() / 100.0, fig.n);
        CHECK(r.ci.low == Approx(100.0 * want.low));
        CHECK(r.ci.high == Approx(100.0 * want.high));
        CHECK(r.model_value >= 0.0);
        CHECK(r.model_value <= 100.0);
      }
      within += r.within ? 1 : 0;
    }
    CHECK(report.within_count() == within);
  }
  SECTION("at least 90% of the figures fall within their 95% interval") {
    const double share =
        static_cast<double>(report.within_count()) / static_cast<double>(report.rows.size());
    std::string outside;
    for (const auto& r : report.rows)
      if (!r.within) outside += r.id + " ";
    INFO(report.within_count() << " of " << report.rows.size() << " within; outside: " << outside);
    CHECK(share >= 0.90);
  }
  SECTION("single-answer items add up to 100% over their categories") {
    auto sum = [&](const ItemSpec& spec) {
      double s = 0.0;
      for (std::size_t k = 0; k < spec.categories.size(); ++k)
        for (const auto& r : report.rows)
          if (r.id == spec.id(k)) s += r.model_value;
      return s;
    };
    CHECK(sum(items::project_cjg_contact) == Approx(100.0));
    CHECK(sum(items::project_int_division) == Approx(100.0));
    CHECK(sum(items::org_type) == Approx(100.0));
    CHECK(sum(items::project_host_kind) <= 100.0 + 1e-9);
  }
  SECTION("the same field gives the same report") {
    const SurveyReport again = run_virtual_survey(b.field, b.targets, grade_sd);
    REQUIRE(again.rows.size() == report.rows.size());
    for (std::size_t k = 0; k < report.rows.size(); ++k) {
      CAPTURE(report.rows[k].id);
      CHECK(again.rows[k].model_value == report.rows[k].model_value);
    }
  }
}

// The organisations' figures read through predicates built on other predicates
// (asked -> users -> users of a type; asked -> cooperating -> with a main
// partner); computing them here directly checks those chains.
TEST_CASE("organisation figures are read from the right respondents", "[survey][virtual]") {
  const auto& b = baseline();
  const Field& f = b.field;
  const auto& o = f.orgs;
  const auto& t = f.ties;
  const SurveyReport report = run_virtual_survey(f, b.targets, b.scenario.params.survey.grade_sd);
  auto model = [&](const std::string& id) {
    for (const auto& r : report.rows)
      if (r.id == id) return r.model_value;
    FAIL("no report row " << id);
    return 0.0;
  };
  std::vector<std::uint32_t> vo_kinds(o.size(), 0);
  for (std::size_t j = 0; j < t.size(); ++j)
    if (t.kind[j] == TieKind::org_vo) vo_kinds[t.from[j]] |= 1u << t.partner_kind[j];
  auto asked = [&](std::size_t i) { return o.response_weight[i] > 0.0; };
  auto user = [&](std::size_t i) {
    return asked(i) && o.uses_volunteers[i] && o.volunteer_count[i] > 0;
  };
  auto is_cjg = [&](std::size_t i) { return o.type[i] == OrgType::cjg; };
  // Respondent-weighted mean of value(i), in percent unless `mean`.
  auto direct = [&](auto who, auto value, bool mean = false) {
    double num = 0.0, den = 0.0;
    for (std::size_t i = 0; i < o.size(); ++i) {
      if (!who(i)) continue;
      num += o.response_weight[i] * value(i);
      den += o.response_weight[i];
    }
    REQUIRE(den > 0.0);
    return (mean ? 1.0 : 100.0) * num / den;
  };
  auto organised_only = [&](std::size_t i) {
    bool organised = false, individual = false;
    for (std::uint32_t v = o.first_volunteer[i]; v < o.first_volunteer[i] + o.volunteer_count[i];
         ++v) {
      organised = organised || is_organised(f.volunteers.type[v]);
      individual = individual || is_individual(f.volunteers.type[v]);
    }
    return organised && !individual ? 1.0 : 0.0;
  };

  CHECK(model("R.uses_volunteers.cjg") ==
        Approx(direct([&](std::size_t i) { return asked(i) && is_cjg(i); },
                      [&](std::size_t i) { return double(o.uses_volunteers[i]); }))
            .margin(1e-9));
  CHECK(model("R.vo.cjg") == Approx(direct([&](std::size_t i) { return asked(i) && is_cjg(i); },
                                           [&](std::size_t i) { return vo_kinds[i] ? 1.0 : 0.0; }))
                                 .margin(1e-9));
  CHECK(model("R.vmix_cjg.organised_only") ==
        Approx(direct([&](std::size_t i) { return user(i) && is_cjg(i); }, organised_only))
            .margin(1e-9));
  CHECK(model("R.size.gt50") == Approx(direct(user, [&](std::size_t i) {
                                  return o.volunteer_count[i] > 50 ? 1.0 : 0.0;
                                })).margin(1e-9));
  CHECK(model("R.int.grade.mean") ==
        Approx(direct(
                   user, [&](std::size_t i) { return double(o.internal_grade[i]); }, true))
            .margin(1e-9));
  CHECK(model("R.vo.freq.sometimes") ==
        Approx(direct([&](std::size_t i) { return asked(i) && vo_kinds[i] != 0; },
                      [&](std::size_t i) { return o.vo_frequency[i] == 1 ? 1.0 : 0.0; }))
            .margin(1e-9));
  CHECK(model("R.vo_why_not.each") ==
        Approx(direct([&](std::size_t i) { return asked(i) && vo_kinds[i] == 0; },
                      [&](std::size_t i) {
                        return static_cast<double>(__builtin_popcount(o.vo_why_not[i] & 7u)) / 3.0;
                      }))
            .margin(1e-9));
  CHECK(model("R.vo.grade.mean") ==
        Approx(direct(
                   [&](std::size_t i) {
                     return asked(i) && vo_kinds[i] != 0 && o.vo_main_tie[i] != kNone;
                   },
                   [&](std::size_t i) { return double(t.grade[o.vo_main_tie[i]]); }, true))
            .margin(1e-9));
  CHECK(model("R.should_support_more.cjg") ==
        Approx(direct([&](std::size_t i) { return asked(i) && is_cjg(i); },
                      [&](std::size_t i) { return double(o.should_support_more[i]); }))
            .margin(1e-9));
}

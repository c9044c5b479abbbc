#include <catch2/catch.hpp>
#include <cmath>
#include <sstream>

#include "samen/analysis/export.hpp"
#include "samen/dynamics/outcomes.hpp"

namespace {

// A run file in memory: outcome value = 100 * replicate + week, NaN in week 1 of replicate 0.
samen::RunFile make_run(const std::string& scenario, std::uint32_t first, std::uint32_t reps,
                        std::uint32_t weeks) {
  samen::RunFile run;
  run.path = scenario + ".h5";
  run.header.scenario = scenario;
  run.header.first_replicate = first;
  run.header.replicates = reps;
  run.header.weeks = weeks;
  for (const auto& o : samen::outcome_registry()) {
    samen::h5::Matrix m{reps, weeks + 1, std::vector<double>(reps * (weeks + 1))};
    for (std::size_t r = 0; r < reps; ++r)
      for (std::size_t w = 0; w <= weeks; ++w)
        m.values[r * (weeks + 1) + w] =
            r == 0 && w == 1 ? std::nan("") : 100.0 * double(r) + double(w);
    run.outcomes[o.name] = m;
  }
  return run;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) out.push_back(line);
  return out;
}

}  // namespace

TEST_CASE("CSV fields are quoted only when needed, numbers read back exactly",
          "[analysis][export]") {
  CHECK(samen::csv_field("baseline") == "baseline");
  CHECK(samen::csv_field("ks50, \"half\"") == "\"ks50, \"\"half\"\"\"");
  CHECK(samen::csv_field("two\nlines") == "\"two\nlines\"");
  CHECK(samen::csv_field("it's") == "it's");
  CHECK(samen::csv_number(0.1) == "0.1");
  CHECK(samen::csv_number(1e-7) == "1e-07");
  CHECK(samen::csv_number(0.2233423603123) == "0.2233423603123");
  CHECK(samen::csv_number(520) == "520");
  CHECK(samen::csv_number(std::nan("")).empty());
  const double third = 1.0 / 3.0;
  CHECK(std::stod(samen::csv_number(third)) == third);
}

TEST_CASE("tidy CSV: one row per scenario, replicate, week and outcome", "[analysis][export]") {
  const std::vector<samen::RunFile> runs = {make_run("baseline", 0, 2, 4),
                                            make_run("ks50, \"half\"", 0, 2, 4)};
  const auto text = samen::tidy_csv(runs, {"reach_flow_all", "weeks_until_care"}, {1, 3});
  const auto lines = lines_of(text);
  REQUIRE(lines.size() == 1 + 2 * 2 * 3 * 2);
  CHECK(lines[0] == "scenario,replicate,week,outcome,value,unit");
  CHECK(lines[1] == "baseline,0,1,reach_flow_all,,share");  // NaN: an empty field
  CHECK(lines[2] == "baseline,0,1,weeks_until_care,,weeks");
  CHECK(lines[3] == "baseline,0,2,reach_flow_all,2,share");
  CHECK(lines[7] == "baseline,1,1,reach_flow_all,101,share");
  CHECK(lines[13] == "\"ks50, \"\"half\"\"\",0,1,reach_flow_all,,share");
  CHECK(lines.back() == "\"ks50, \"\"half\"\"\",1,3,weeks_until_care,103,weeks");

  // Replicate numbers are the file's own, e.g. a file of --replicate 7.
  const auto seven =
      lines_of(samen::tidy_csv({make_run("baseline", 7, 1, 2)}, {"reach_flow_all"}, {0, 2}));
  CHECK(seven[1] == "baseline,7,0,reach_flow_all,0,share");

  CHECK_THROWS_WITH(samen::tidy_csv(runs, {"reach_flow_all"}, {0, 9}),
                    "'baseline.h5' records weeks 0-4, not up to week 9");
}

TEST_CASE("summary CSV: window means per replicate, then their mean and interval",
          "[analysis][export]") {
  const auto text = samen::summary_csv({make_run("baseline", 0, 3, 4)}, {"reach_flow_all"}, {1, 4});
  const auto lines = lines_of(text);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0] == "scenario,outcome,unit,first_week,last_week,replicates,mean,ci_low,ci_high");
  // Replicate 0: weeks 2-4 (week 1 is NaN) -> 3; replicate 1: 102.5; replicate 2: 202.5.
  // Mean 102.667, sd 99.75, t(0.975, 2) = 4.302653 -> half-width 247.79.
  std::istringstream row(lines[1]);
  std::vector<std::string> cells;
  std::string cell;
  while (std::getline(row, cell, ',')) cells.push_back(cell);
  REQUIRE(cells.size() == 9);
  CHECK(cells[0] == "baseline");
  CHECK(cells[3] == "1");
  CHECK(cells[4] == "4");
  CHECK(cells[5] == "3");
  const double mean = (3.0 + 102.5 + 202.5) / 3.0;
  const double sd = std::sqrt(((3.0 - mean) * (3.0 - mean) + (102.5 - mean) * (102.5 - mean) +
                               (202.5 - mean) * (202.5 - mean)) /
                              2.0);
  CHECK(std::stod(cells[6]) == Approx(mean));
  CHECK(std::stod(cells[7]) == Approx(mean - 4.302653 * sd / std::sqrt(3.0)).epsilon(1e-6));
  CHECK(std::stod(cells[8]) == Approx(mean + 4.302653 * sd / std::sqrt(3.0)).epsilon(1e-6));
}

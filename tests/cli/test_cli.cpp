#include <sys/wait.h>

#include <algorithm>
#include <array>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>

#include "samen/core/build_info.hpp"
#include "samen/io/hdf5.hpp"
#include "samen/io/snapshot.hpp"
#include "support/test_binary.hpp"

namespace {

struct Result {
  int code;
  std::string output;  // stdout and stderr together
};

Result run(const std::string& args) {
  const std::string command = std::string("'") + samen_binary() + "' " + args + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::string output;
  std::array<char, 4096> buffer{};
  while (std::fgets(buffer.data(), buffer.size(), pipe)) output += buffer.data();
  const int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
}

std::string source(const std::string& relative) {
  return samen::build::source_dir() + "/" + relative;
}

}  // namespace

TEST_CASE("samen survey writes the comparison as CSV and HDF5", "[cli]") {
  const auto dir = std::filesystem::temp_directory_path() / "samen_test_cli";
  std::filesystem::create_directories(dir);
  const auto csv = (dir / "survey.csv").string();
  const auto h5 = (dir / "survey.h5").string();
  const auto result = run("survey '" + source("scenarios/baseline.ini") + "' --seed 7 -q --csv '" +
                          csv + "' --h5 '" + h5 + "'");
  INFO(result.output);
  REQUIRE(result.code == 0);
  CHECK_THAT(result.output, Catch::Contains("of 322 figures within their 95% interval"));

  std::ifstream in(csv);
  std::string line;
  std::getline(in, line);
  CHECK(line == "id,survey_value,model_value,ci_low,ci_high,within");
  int rows = 0;
  while (std::getline(in, line)) {
    ++rows;
    const auto last = line.substr(line.rfind(',') + 1);
    CHECK((last == "0" || last == "1"));
  }
  CHECK(rows == 322);

  const auto file = samen::h5::File::open_read(h5);
  CHECK(file.get_attr_int64("seed") == 7);
  CHECK(file.get_attr_string("scenario") == "baseline");
  const auto report = samen::read_survey_figures(file, 0);
  CHECK(report.rows.size() == 322);
  const auto projects = file.open_group("/survey/week_0000/projects");
  for (const char* column : {"host_kind", "cooperates_cjg", "cjg_awareness", "cjg_contact",
                             "from_target", "has_individual", "has_organised"}) {
    INFO(column);
    REQUIRE(projects.exists(column));
    CHECK(projects.open_dataset(column).has_attr("description"));
  }
  const auto awareness = projects.read_uint8("cjg_awareness");
  CHECK(*std::max_element(awareness.begin(), awareness.end()) == 3);
  std::filesystem::remove_all(dir);
}

TEST_CASE("samen reports bad input clearly and leaves existing outputs intact", "[cli]") {
  const auto dir = std::filesystem::temp_directory_path() / "samen_test_cli_errors";
  std::filesystem::create_directories(dir);
  const auto csv = (dir / "keep.csv").string();
  { std::ofstream(csv) << "precious\n"; }

  auto missing = run("survey '" + (dir / "nope.ini").string() + "' --csv '" + csv + "'");
  CHECK(missing.code == 2);
  CHECK_THAT(missing.output, Catch::Contains("cannot read config file"));

  auto bad_set = run("survey '" + source("scenarios/baseline.ini") +
                     "' --set field.families=12 --csv '" + csv + "'");
  CHECK(bad_set.code == 2);
  CHECK_THAT(
      bad_set.output,
      Catch::Contains("key 'field.families' = 12 is outside its allowed range [100, 5000000]"));

  auto bad_option = run("survey '" + source("scenarios/baseline.ini") + "' --bogus");
  CHECK(bad_option.code == 2);
  CHECK_THAT(bad_option.output, Catch::Contains("bogus"));

  auto no_command = run("frobnicate");
  CHECK(no_command.code == 2);
  CHECK_THAT(no_command.output, Catch::Contains("unknown command 'frobnicate'"));

  std::ifstream in(csv);
  std::string content;
  std::getline(in, content);
  CHECK(content == "precious");
  std::filesystem::remove_all(dir);
}

namespace {

// Reads every outcome matrix of a run file.
std::map<std::string, samen::h5::Matrix> outcomes_of(const std::string& path) {
  const auto file = samen::h5::File::open_read(path);
  const auto group = file.open_group("/outcomes");
  std::map<std::string, samen::h5::Matrix> out;
  for (const auto& name : group.children()) out[name] = group.read_matrix(name);
  return out;
}

bool same_values(const samen::h5::Matrix& a, const samen::h5::Matrix& b, std::size_t row_a = 0,
                 std::size_t row_b = 0) {
  if (a.cols != b.cols) return false;
  for (std::size_t w = 0; w < a.cols; ++w) {
    const double x = a.values[row_a * a.cols + w], y = b.values[row_b * b.cols + w];
    if (!(x == y || (std::isnan(x) && std::isnan(y)))) return false;
  }
  return true;
}

}  // namespace

TEST_CASE("samen run writes outcomes and snapshots that do not depend on threads",
          "[cli][determinism]") {
  const auto dir = std::filesystem::temp_directory_path() / "samen_test_run";
  std::filesystem::create_directories(dir);
  const std::string small =
      "'" + source("scenarios/baseline.ini") +
      "' --set field.municipalities=4 --set field.families=5000 --set run.burn_in_weeks=20 "
      "--weeks 30 --survey-every 10";
  std::map<int, std::string> files;
  for (const int threads : {1, 2, 4}) {
    files[threads] = (dir / ("t" + std::to_string(threads) + ".h5")).string();
    const auto r = run("run " + small + " --replicates 2 --threads " + std::to_string(threads) +
                       " --out '" + files[threads] + "'");
    INFO(r.output);
    REQUIRE(r.code == 0);
  }
  const auto one = outcomes_of(files[1]);
  CHECK(one.size() >= 25);
  for (const int threads : {2, 4}) {
    const auto other = outcomes_of(files[threads]);
    for (const auto& [name, m] : one) {
      INFO(name << " with " << threads << " threads");
      CHECK(m.rows == 2);
      CHECK(m.cols == 31);
      CHECK(same_values(m, other.at(name), 0, 0));
      CHECK(same_values(m, other.at(name), 1, 1));
    }
  }
  // Replicate 1 alone equals replicate 1 of the two-replicate run.
  const auto alone = (dir / "alone.h5").string();
  REQUIRE(run("run " + small + " --replicate 1 --out '" + alone + "'").code == 0);
  for (const auto& [name, m] : outcomes_of(alone)) {
    INFO(name);
    CHECK(same_values(m, one.at(name), 0, 1));
  }
  const auto file = samen::h5::File::open_read(files[1]);
  CHECK(file.get_attr_int64("weeks") == 30);
  CHECK(file.get_attr_int64("replicates") == 2);
  CHECK(file.get_attr_string("config").find("field.families = 5000") != std::string::npos);
  CHECK(file.open_group("/survey").children() ==
        std::vector<std::string>{"week_0000", "week_0010", "week_0020", "week_0030"});
  CHECK(file.open_dataset("/outcomes/reach_flow_all").get_attr_string("unit") == "share");

  const auto csv = (dir / "week30.csv").string();
  const auto survey = run("survey '" + files[1] + "' --week 30 -q --csv '" + csv + "'");
  CHECK(survey.code == 0);
  CHECK_THAT(survey.output, Catch::Contains("of 322 figures within their 95% interval"));
  const auto missing = run("survey '" + files[1] + "' --week 7");
  CHECK(missing.code != 0);
  CHECK_THAT(missing.output, Catch::Contains("no survey snapshot for week 7"));
  std::filesystem::remove_all(dir);
}

TEST_CASE("samen bench --layout times the pass over families in need in both layouts", "[cli]") {
  // The region scenario keeps it quick; the probe sizes itself by field.families.
  const auto result = run("bench --layout --national '" + source("scenarios/baseline.ini") + "'");
  INFO(result.output);
  REQUIRE(result.code == 0);
  CHECK_THAT(result.output, Catch::Contains("(100000 families, 15.1% in need"));
  double arrays = 0.0, records = 0.0, ratio = 0.0;
  const auto at = result.output.find("one array per field");
  REQUIRE(at != std::string::npos);
  REQUIRE(std::sscanf(result.output.c_str() + at,
                      "one array per field (the field's layout) %lf ms, one 28-byte record per "
                      "family %lf ms: records take %lfx",
                      &arrays, &records, &ratio) == 3);
  CHECK(arrays > 0.0);
  CHECK(records > 0.0);
  CHECK(ratio == Approx(records / arrays).epsilon(0.02));
}

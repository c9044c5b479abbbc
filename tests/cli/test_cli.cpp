#include <sys/wait.h>

#include <algorithm>
#include <array>
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "samen/io/hdf5.hpp"
#include "samen/io/snapshot.hpp"

namespace {

struct Result {
  int code;
  std::string output;  // stdout and stderr together
};

Result run(const std::string& args) {
  const std::string command = std::string("'") + SAMEN_BINARY + "' " + args + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::string output;
  std::array<char, 4096> buffer{};
  while (std::fgets(buffer.data(), buffer.size(), pipe)) output += buffer.data();
  const int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, output};
}

std::string source(const std::string& relative) {
  return std::string(SAMEN_SOURCE_DIR) + "/" + relative;
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

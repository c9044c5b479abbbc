#include <sys/wait.h>

#include <array>
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "samen/core/build_info.hpp"
#include "samen/sweep/sweep_file.hpp"
#include "support/test_binary.hpp"

namespace fs = std::filesystem;

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

TEST_CASE("samen sweep, sensitivity and robustness on a small Morris sweep", "[sweep][cli]") {
  const auto dir = fs::temp_directory_path() / "samen_test_sweep_cli";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const auto ini = (dir / "morris.ini").string();
  std::ofstream(ini) << "baseline = " << source("scenarios/baseline.ini") << "\n"
                     << "scenario = " << source("scenarios/cjg_knowledge_sharing.ini") << "\n"
                     << "set = field.municipalities=4\nset = field.families=5000\n"
                     << "set = run.burn_in_weeks=15\nset = run.weeks=20\nblock_weeks = 10\n"
                     << "replicates = 1\ndesign = morris\ntrajectories = 3\n"
                     << "parameter = refer.base\nparameter = volunteer.quit_weeks log\n";
  const auto out = (dir / "out").string();
  auto result = run("sweep '" + ini + "' --out '" + out + "' --threads 2");
  INFO(result.output);
  REQUIRE(result.code == 0);
  CHECK_THAT(result.output, Catch::Contains("9 points x 1 replicates; 9 units computed"));
  const auto h5 = out + "/sweep.h5";

  const auto csv = (dir / "indices.csv").string();
  result =
      run("sensitivity '" + h5 +
          "' --contrast cjg_knowledge_sharing --outcome volunteers_active --csv '" + csv + "'");
  INFO(result.output);
  REQUIRE(result.code == 0);
  CHECK_THAT(result.output, Catch::Contains("morris design, 9 points x 1 replicates") &&
                                Catch::Contains("cjg_knowledge_sharing - baseline") &&
                                Catch::Contains("weeks 11-20"));
  std::ifstream in(csv);
  std::string line;
  std::getline(in, line);
  CHECK(line == "outcome,parameter,mu_star,mu_star_ci_low,mu_star_ci_high,mu,sigma,of");
  int rows = 0;
  while (std::getline(in, line)) {
    ++rows;
    CHECK_THAT(line, Catch::StartsWith("volunteers_active,"));
  }
  CHECK(rows == 2);

  result = run("robustness '" + h5 + "' --outcome volunteers_active --window 1:20");
  INFO(result.output);
  REQUIRE(result.code == 0);
  CHECK_THAT(result.output, Catch::Contains("volunteers_active (Active volunteers; higher is "
                                            "better), weeks 1-20, 9 points x 1 replicates") &&
                                Catch::Contains("cjg_knowledge_sharing"));

  // Clear errors: a window across blocks, a contrast that is not there, a run file.
  result = run("sensitivity '" + h5 + "' --window 5:20");
  CHECK(result.code == 2);
  CHECK_THAT(result.output, Catch::Contains("does not cover whole blocks"));
  result = run("sensitivity '" + h5 + "' --contrast cjg_outreach");
  CHECK(result.code == 2);
  CHECK_THAT(result.output, Catch::Contains("no scenario 'cjg_outreach'"));
  result = run("robustness '" + h5 + "' --outcome episodes_started");
  CHECK(result.code == 2);
  CHECK_THAT(result.output, Catch::Contains("no better direction"));
  result = run("sensitivity '" + out + "/units/point_000000_replicate_0000.h5'");
  CHECK(result.code == 1);
  CHECK_THAT(result.output, Catch::Contains("is not a sweep file of samen sweep"));
  result = run("sweep '" + ini + "' --out '" + out + "'");
  CHECK(result.code == 0);
  CHECK_THAT(result.output, Catch::Contains("0 units computed"));
  fs::remove_all(dir);
}

TEST_CASE("the shipped sensitivity sweep screens at least ten assumptions", "[sweep]") {
  const auto sweep = samen::SweepFile::load(source("scenarios/sensitivity_knowledge_sharing.ini"));
  CHECK(sweep.design == samen::uncertainty::DesignKind::morris);
  CHECK(sweep.parameters.size() >= 10);
  CHECK(sweep.scenarios.size() == 1);
  CHECK(sweep.make_design().points() == sweep.trajectories * (sweep.parameters.size() + 1));
}

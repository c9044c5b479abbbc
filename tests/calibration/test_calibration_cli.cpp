#include <sys/wait.h>

#include <array>
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "samen/calibration/calibration.hpp"
#include "samen/core/build_info.hpp"
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

TEST_CASE("samen calibrate on a tiny field", "[calibration][cli]") {
  const auto dir = fs::temp_directory_path() / "samen_test_calibration_cli";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const auto ini = (dir / "tiny.ini").string();
  std::ofstream(ini) << "scenario = " << source("scenarios/baseline.ini") << "\n"
                     << "set = field.municipalities=4\nset = field.families=5000\n"
                     << "parameter = cjg.cooperation_start\n"
                     << "burn_in_weeks = 10\nmeasure_weeks = 2\nsurvey_every = 2\n"
                     << "population = 4\ngenerations = 2\ndraws = 2\n";
  const auto out = (dir / "posterior.h5").string();
  auto result = run("calibrate '" + ini + "' --out '" + out + "' --threads 2");
  INFO(result.output);
  REQUIRE(result.code == 0);
  CHECK_THAT(result.output, Catch::Contains("1 parameters, 1 figures, population 4"));
  CHECK_THAT(result.output, Catch::Contains("cjg.cooperation_start"));
  CHECK_THAT(result.output, Catch::Contains("posterior-predictive check (2 draws"));
  CHECK_THAT(result.output, Catch::Contains("P.cjg.cooperates"));
  const auto post = samen::read_posterior(out);
  CHECK(post.particles.rows == 4);
  CHECK(post.parameters.at(0).name == "cjg.cooperation_start");

  // Bad input: a missing file, an output that is a folder, an unknown option.
  result = run("calibrate '" + (dir / "missing.ini").string() + "'");
  CHECK(result.code != 0);
  CHECK_THAT(result.output, Catch::Contains("cannot read calibration file"));
  result = run("calibrate '" + ini + "' --out '" + dir.string() + "'");
  CHECK(result.code != 0);
  CHECK_THAT(result.output, Catch::Contains("--out"));
  result = run("calibrate '" + ini + "' --outt x.h5");
  CHECK(result.code == 2);
  // The refused runs left the posterior as it was.
  CHECK(samen::read_posterior(out).particles.rows == 4);
}

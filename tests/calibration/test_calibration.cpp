#include <tbb/global_control.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "samen/calibration/calibration.hpp"
#include "samen/calibration/calibration_file.hpp"
#include "samen/core/build_info.hpp"
#include "samen/core/config.hpp"
#include "samen/io/hdf5.hpp"
#include "samen/model/parameters.hpp"

namespace fs = std::filesystem;

namespace {

std::string source(const std::string& relative) {
  return samen::build::source_dir() + "/" + relative;
}

fs::path temp_dir(const std::string& name) {
  const auto dir = fs::temp_directory_path() / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::string write(const fs::path& dir, const std::string& text, const std::string& name = "c") {
  const auto path = (dir / (name + ".ini")).string();
  std::ofstream(path) << "scenario = " << source("scenarios/baseline.ini") << "\n" << text;
  return path;
}

std::string error_of(const fs::path& dir, const std::string& text) {
  try {
    samen::CalibrationFile::load(write(dir, text, "bad"));
  } catch (const samen::ConfigError& e) {
    return e.what();
  }
  return "";
}

// Two rates and their figures on a tiny field: seconds, not minutes.
const char* const kTiny =
    "set = field.municipalities=4\nset = field.families=5000\n"
    "parameter = cjg.cooperation_start\nparameter = awareness.fade_weeks log\n"
    "burn_in_weeks = 20\nmeasure_weeks = 4\nsurvey_every = 2\n"
    "population = 6\ngenerations = 2\nquantile = 0.5\ndraws = 3\nseed = 7\n";

}  // namespace

TEST_CASE("calibration files are read strictly, with clear messages", "[calibration][config]") {
  const auto dir = temp_dir("samen_test_calibration_files");
  // Defaults: the rates declared "tuned to" a figure, over their plausible
  // ranges on a log scale, fitted to those figures; the scenario's burn-in.
  const auto c = samen::CalibrationFile::load(write(dir, ""));
  const auto tuned = samen::tuned_rates();
  REQUIRE(tuned.size() == 13);
  REQUIRE(c.parameters.size() == tuned.size());
  for (std::size_t k = 0; k < tuned.size(); ++k) {
    const auto* spec = samen::model_parameters().find(tuned[k].first);
    CHECK(c.parameters[k].name == tuned[k].first);
    CHECK(c.parameters[k].low == spec->plausible_low);
    CHECK(c.parameters[k].high == spec->plausible_high);
    CHECK(std::find(c.figures.begin(), c.figures.end(), tuned[k].second) != c.figures.end());
  }
  CHECK(c.figures.size() == 13);
  CHECK(c.window.burn_in_weeks == 520);
  CHECK(c.abc.batch == c.abc.population);

  const auto tiny = samen::CalibrationFile::load(write(dir, kTiny));
  REQUIRE(tiny.figures.size() == 2);
  CHECK(tiny.figures[0] == "P.cjg.cooperates");
  CHECK(tiny.figures[1] == "P.cjg.unaware");
  CHECK(tiny.abc.seed == 7);
  CHECK(tiny.window.burn_in_weeks == 20);

  CHECK_THAT(error_of(dir, "populaton = 5\n"),
             Catch::Contains("unknown key 'populaton'") && Catch::Contains("'population'"));
  CHECK_THAT(error_of(dir, "population = 1\n"),
             Catch::Contains("bad.ini:2") && Catch::Contains("[2, 1000000]"));
  CHECK_THAT(error_of(dir, "seed = 1\nseed = 2\n"), Catch::Contains("given twice"));
  CHECK_THAT(error_of(dir, "name = ../x\n"), Catch::Contains("must be a plain file name"));
  CHECK_THAT(error_of(dir, "seed = 1\x01\n"), Catch::Contains("bad.ini:2"));
  CHECK_THAT(error_of(dir, "parameter = field.municipalities 4 10\n"),
             Catch::Contains("only real parameters can be calibrated"));
  CHECK_THAT(error_of(dir, "parameter = refer.bse\n"), Catch::Contains("'refer.base'"));
  CHECK_THAT(error_of(dir, "parameter = refer.base\n"),
             Catch::Contains("not declared as tuned to a survey figure") &&
                 Catch::Contains("figure = ID"));
  CHECK_THAT(error_of(dir, "parameter = refer.base\nfigure = P.no.such\n"),
             Catch::Contains("figure 'P.no.such' is not in the survey targets"));
  CHECK_THAT(
      error_of(dir, "parameter = refer.base\nset = refer.base=0.1\nfigure = P.cjg.unaware\n"),
      Catch::Contains("both calibrated and set"));
  CHECK_THAT(error_of(dir, "tolerances = 10 5\ngenerations = 3\n"),
             Catch::Contains("'generations' applies to the adaptive schedule"));
  CHECK_THAT(error_of(dir, "tolerances = 10 12\n"), Catch::Contains("must decrease"));
  CHECK_THAT(error_of(dir, "quantile = 1\n"), Catch::Contains("(0, 1)"));
  CHECK_THAT(error_of(dir, "parameter = awareness.fade_weeks 1 99999\n"),
             Catch::Contains("leaves its allowed range"));
  std::ofstream(dir / "none.ini") << "population = 5\n";
  try {
    samen::CalibrationFile::load((dir / "none.ini").string());
    FAIL("no scenario accepted");
  } catch (const samen::ConfigError& e) {
    CHECK_THAT(e.what(), Catch::Contains("no 'scenario = FILE.ini' line"));
  }
}

TEST_CASE("a tiny calibration runs end to end, deterministically, inside its priors",
          "[calibration]") {
  const auto dir = temp_dir("samen_test_calibration_run");
  const auto file = samen::CalibrationFile::load(write(dir, kTiny));
  samen::Calibration a, b;
  {
    tbb::global_control one(tbb::global_control::max_allowed_parallelism, 1);
    a = samen::run_calibration(file);
  }
  {
    tbb::global_control two(tbb::global_control::max_allowed_parallelism, 2);
    b = samen::run_calibration(file);
  }
  REQUIRE(a.abc.complete);
  REQUIRE(a.abc.generations.size() == 2);
  // Generation 0 accepts every prior draw; generation 1 a shrunken tolerance.
  CHECK(std::isinf(a.abc.generations[0].epsilon));
  CHECK(a.abc.generations[1].epsilon < 1e300);
  for (const auto& g : a.abc.generations) {
    double total = 0.0;
    for (const double w : g.weights) total += w;
    CHECK(total == Approx(1.0).epsilon(1e-12));
    for (std::size_t i = 0; i < g.particles.rows; ++i)
      for (std::size_t k = 0; k < g.particles.cols; ++k) {
        CHECK(g.particles(i, k) >= file.parameters[k].low);
        CHECK(g.particles(i, k) <= file.parameters[k].high);
      }
    for (const double d : g.distances) CHECK(d >= 0.0);
  }
  for (const double d : a.abc.generations[1].distances) CHECK(d <= a.abc.generations[1].epsilon);
  // The same on one thread as on two.
  for (std::size_t t = 0; t < 2; ++t) {
    CHECK(a.abc.generations[t].particles.values == b.abc.generations[t].particles.values);
    CHECK(a.abc.generations[t].weights == b.abc.generations[t].weights);
    CHECK(a.abc.generations[t].distances == b.abc.generations[t].distances);
  }
  CHECK(a.check.model.values == b.check.model.values);
  CHECK(a.check.draws.rows == 3);
  CHECK(a.digest == b.digest);

  // Written twice, the files hold the same posterior; read back, it is the last generation.
  const auto p1 = (dir / "a.h5").string(), p2 = (dir / "b.h5").string();
  samen::write_calibration(p1, a);
  samen::write_calibration(p2, b);
  auto bytes = [](const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  CHECK(bytes(p1) == bytes(p2));
  const auto f1 = samen::h5::File::open_read(p1), f2 = samen::h5::File::open_read(p2);
  for (const char* name : {"posterior/weights", "posterior/distances", "generations/epsilon",
                           "figures/standard_error", "parameters/low"})
    CHECK(f1.read_doubles(name) == f2.read_doubles(name));
  CHECK(f1.read_matrix("predictive/model").values == f2.read_matrix("predictive/model").values);
  CHECK(f1.get_attr_string("digest") == a.digest);
  CHECK(f1.read_strings("parameters/names") ==
        std::vector<std::string>{"cjg.cooperation_start", "awareness.fade_weeks"});
  const auto post = samen::read_posterior(p1);
  CHECK(post.particles.values == a.abc.generations.back().particles.values);
  CHECK(post.weights == a.abc.generations.back().weights);
  CHECK(post.parameters[1].scale == samen::uncertainty::Scale::log);
  // A file of another kind is refused by name.
  std::ofstream(dir / "x.h5") << "not hdf5";
  CHECK_THROWS(samen::read_posterior((dir / "x.h5").string()));
}

TEST_CASE("the shipped calibration example fits a few rates to their figures", "[calibration]") {
  const auto c = samen::CalibrationFile::load(source("scenarios/calibration_example.ini"));
  CHECK(c.parameters.size() >= 3);
  CHECK(c.parameters.size() <= 5);
  CHECK(c.figures.size() == c.parameters.size());
  CHECK(c.window.burn_in_weeks == 520);
  for (const auto& p : c.parameters) {
    const auto* spec = samen::model_parameters().find(p.name);
    REQUIRE(spec != nullptr);
    CHECK(p.low == spec->plausible_low);
    CHECK(p.high == spec->plausible_high);
  }
}

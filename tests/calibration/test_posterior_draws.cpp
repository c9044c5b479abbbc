#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>

#include "calibration/posterior_file.hpp"
#include "samen/calibration/posterior_draws.hpp"
#include "samen/core/parameters.hpp"

namespace fs = std::filesystem;

namespace {

fs::path temp_dir(const std::string& name) {
  const auto dir = fs::temp_directory_path() / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::string error_of(const std::string& path, std::uint32_t draws = 4) {
  try {
    samen::draw_posterior(path, draws, 1);
  } catch (const samen::ConfigError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("posterior draws follow the weights, deterministically for a seed",
          "[calibration][posterior]") {
  const auto dir = temp_dir("samen_test_posterior_draws");
  const auto path = (dir / "post.h5").string();
  const std::vector<double> weights = {0.1, 0.4, 0.3, 0.2};
  test_posterior::write_default(path, weights);
  const auto a = samen::draw_posterior(path, 20, 7);
  const auto b = samen::draw_posterior(path, 20, 7);
  CHECK(a.particle == b.particle);
  CHECK(a.values.values == b.values.values);
  CHECK(a.draws() == 20);
  CHECK(a.names == std::vector<std::string>{"cjg.cooperation_start", "awareness.fade_weeks"});
  CHECK(a.sha256.size() == 64);
  // Systematic resampling: particle i is drawn floor or ceil of K w_i times.
  std::map<std::uint32_t, int> count;
  for (const auto p : a.particle) ++count[p];
  for (std::uint32_t i = 0; i < 4; ++i) {
    const double expected = 20 * weights[i];
    CHECK(count[i] >= std::floor(expected));
    CHECK(count[i] <= std::ceil(expected));
  }
  // Each draw's values are its particle's; replicate r runs under r mod K.
  const std::vector<std::vector<double>> particles = {
      {0.30, 80.0}, {0.55, 150.0}, {0.75, 220.0}, {0.98, 290.0}};
  for (std::uint32_t d = 0; d < a.draws(); ++d) {
    CHECK(a.values(d, 0) == particles[a.particle[d]][0]);
    CHECK(a.values(d, 1) == particles[a.particle[d]][1]);
  }
  CHECK(a.draw_of(23) == 3);
  CHECK(a.overrides(0).at(0).rfind("cjg.cooperation_start=", 0) == 0);
  // Shuffled: the draws are not in particle order, and another seed orders
  // (and offsets) them otherwise.
  CHECK_FALSE(std::is_sorted(a.particle.begin(), a.particle.end()));
  CHECK(samen::draw_posterior(path, 20, 8).particle != a.particle);
  // More draws than particles repeat particles; a zero weight is never drawn.
  test_posterior::write_default(path, {0.0, 1.0, 0.0, 1.0});
  const auto c = samen::draw_posterior(path, 9, 1);
  for (const auto p : c.particle) CHECK((p == 1 || p == 3));
  fs::remove_all(dir);
}

TEST_CASE("a bad posterior file is refused, naming the file and what is wrong",
          "[calibration][posterior]") {
  const auto dir = temp_dir("samen_test_posterior_bad");
  const auto text = (dir / "notes.h5").string();
  std::ofstream(text) << "not HDF5\n";
  CHECK_THAT(error_of(text), Catch::Contains(text) && Catch::Contains("not an HDF5 file"));
  CHECK_THAT(error_of((dir / "missing.h5").string()), Catch::Contains("no such file"));

  const auto other = (dir / "other.h5").string();
  {
    auto file = samen::h5::File::create_atomic(other);
    file.set_attr("format", "samen sweep 1");
    file.commit();
  }
  CHECK_THAT(error_of(other), Catch::Contains(other) &&
                                  Catch::Contains("not a calibration file of samen calibrate"));

  const auto zero = (dir / "zero.h5").string();
  test_posterior::write_default(zero, {0.0, 0.0, 0.0, 0.0});
  CHECK_THAT(error_of(zero),
             Catch::Contains(zero) && Catch::Contains("every particle's weight is 0"));
  test_posterior::write_default(zero, {0.5, -0.1, 0.3, 0.3});
  CHECK_THAT(error_of(zero), Catch::Contains("particle 1 has weight -0.1"));
  test_posterior::write_default(zero, {0.5, NAN, 0.3, 0.3});
  CHECK_THAT(error_of(zero), Catch::Contains("particle 1 has weight nan"));

  const auto unknown = (dir / "unknown.h5").string();
  test_posterior::write(unknown,
                        {{"cjg.cooperation_start", 0.296, 1.0}, {"cjg.retired_rate", 0, 1}},
                        {{0.5, 0.5}}, {1.0});
  CHECK_THAT(error_of(unknown), Catch::Contains(unknown) &&
                                    Catch::Contains("key 'cjg.retired_rate' is not a parameter"));

  const auto good = (dir / "good.h5").string();
  test_posterior::write_default(good);
  CHECK_THAT(error_of(good, 0), Catch::Contains("--draws must be at least 1"));
  const auto post = samen::draw_posterior(good, 2, 1);
  CHECK_THROWS_WITH(
      samen::check_no_overlap(post, {"run.weeks=3", "awareness.fade_weeks=100"}, "--set"),
      Catch::Contains("--set sets key 'awareness.fade_weeks'") && Catch::Contains(good));
  CHECK_NOTHROW(samen::check_no_overlap(post, {"run.weeks=3"}, "--set"));
  fs::remove_all(dir);
}

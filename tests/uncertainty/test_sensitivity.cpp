// Tests of the sensitivity estimators on functions with known indices: Sobol
// indices of the Ishigami function, Morris screening of the Sobol g-function.
#include <catch2/catch.hpp>

#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include "samen/uncertainty/design.hpp"
#include "samen/uncertainty/sensitivity.hpp"

using namespace samen::uncertainty;
using Catch::Matchers::Contains;
using Catch::Matchers::WithinAbs;

namespace {

const double kPi = std::acos(-1.0);

template <class F>
std::string error_of(F f) {
  try {
    f();
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "(nothing thrown)";
}

// Ishigami & Homma (1990) with a = 7, b = 0.1 on [-pi, pi]^3.
std::vector<double> ishigami(const Design& d) {
  const Matrix v = d.values();
  std::vector<double> y(d.points());
  for (std::size_t r = 0; r < y.size(); ++r)
    y[r] = std::sin(v(r, 0)) + 7.0 * std::pow(std::sin(v(r, 1)), 2) +
           0.1 * std::pow(v(r, 2), 4) * std::sin(v(r, 0));
  return y;
}

// Sobol's g-function on [0, 1]^k: the smaller a_i, the more x_i matters.
std::vector<double> g_function(const Design& d, const std::vector<double>& a) {
  std::vector<double> y(d.points(), 1.0);
  for (std::size_t r = 0; r < y.size(); ++r)
    for (std::size_t i = 0; i < a.size(); ++i)
      y[r] *= (std::abs(4.0 * d.unit(r, i) - 2.0) + a[i]) / (1.0 + a[i]);
  return y;
}

std::vector<Parameter> ishigami_parameters() {
  return {{"x1", -kPi, kPi}, {"x2", -kPi, kPi}, {"x3", -kPi, kPi}};
}

}  // namespace

TEST_CASE("Sobol indices of the Ishigami function lie within 0.05 of the analytic values",
          "[uncertainty]") {
  // N = 2048 base samples (10240 runs) take ~0.03 s with the bootstrap;
  // measured errors are at most 0.015 (S1 of x3), so 0.05 leaves room.
  const Design d = saltelli_design(ishigami_parameters(), 2048);
  const std::vector<SobolIndex> s = sobol_indices(d, ishigami(d));
  REQUIRE(s.size() == 3);
  const double first[] = {0.3139, 0.4424, 0.0};
  const double total[] = {0.5576, 0.4424, 0.2437};
  for (std::size_t i = 0; i < 3; ++i) {
    INFO("parameter " << s[i].name);
    CHECK(s[i].name == "x" + std::to_string(i + 1));
    CHECK_THAT(s[i].first, WithinAbs(first[i], 0.05));
    CHECK_THAT(s[i].total, WithinAbs(total[i], 0.05));
    // The bootstrap intervals hold their estimate and, here, the truth, and
    // are narrow enough to tell the parameters apart (< 0.15 wide).
    CHECK(s[i].first_ci.contains(s[i].first));
    CHECK(s[i].total_ci.contains(s[i].total));
    CHECK(s[i].first_ci.contains(first[i]));
    CHECK(s[i].total_ci.contains(total[i]));
    CHECK(s[i].first_ci.high - s[i].first_ci.low < 0.15);
    CHECK(s[i].total_ci.high - s[i].total_ci.low < 0.15);
  }
}

TEST_CASE("Sobol bootstrap intervals repeat for a seed and differ for another", "[uncertainty]") {
  const Design d = saltelli_design(ishigami_parameters(), 256);
  const std::vector<double> y = ishigami(d);
  BootstrapOptions b;
  b.resamples = 200;
  b.seed = 4;
  const auto one = sobol_indices(d, y, b), again = sobol_indices(d, y, b);
  b.seed = 5;
  const auto other = sobol_indices(d, y, b);
  CHECK(one[0].first_ci.low == again[0].first_ci.low);
  CHECK(one[2].total_ci.high == again[2].total_ci.high);
  CHECK(one[0].first_ci.low != other[0].first_ci.low);
  CHECK(one[0].first == other[0].first);  // the estimate itself uses no randomness
  b.resamples = 0;
  CHECK(std::isnan(sobol_indices(d, y, b)[0].first_ci.low));
}

TEST_CASE("Morris mu* ranks the g-function's inputs and finds the inert ones", "[uncertainty]") {
  const std::vector<double> a = {0, 1, 4.5, 9, 99, 99};
  std::vector<Parameter> p;
  for (std::size_t i = 0; i < a.size(); ++i) p.push_back({"x" + std::to_string(i), 0.0, 1.0});
  MorrisOptions o;
  o.trajectories = 20;
  o.candidates = 100;
  o.seed = 3;
  const Design d = morris_design(p, o);
  const std::vector<MorrisIndex> m = morris_indices(d, g_function(d, a));
  REQUIRE(m.size() == 6);
  // Measured mu*: 3.13, 1.67, 0.68, 0.37, 0.047, 0.045.
  CHECK(m[0].mu_star > m[1].mu_star);
  CHECK(m[1].mu_star > m[2].mu_star);
  CHECK(m[2].mu_star > m[3].mu_star);
  // Inert inputs: below 0.1, and below 1/5 of the weakest influential one,
  // with bootstrap intervals that do not reach it.
  for (std::size_t i = 4; i < 6; ++i) {
    CHECK(m[i].mu_star < 0.1);
    CHECK(m[i].mu_star < 0.2 * m[3].mu_star);
    CHECK(m[i].mu_star_ci.high < m[3].mu_star_ci.low);
  }
  for (const MorrisIndex& x : m) {
    CHECK(x.mu_star_ci.contains(x.mu_star));
    CHECK(std::abs(x.mu) <= x.mu_star + 1e-12);
  }
}

TEST_CASE("Morris elementary effects are changes per whole range of a parameter", "[uncertainty]") {
  // y = 3 v0 - 2 v1 with v0 on [0, 10] and v1 on [1, 1000] (log scale) as
  // y = 3 v0 - 2 log10(v1): a whole range moves y by 30 and by -6.
  const std::vector<Parameter> p = {{"v0", 0.0, 10.0}, {"v1", 1.0, 1000.0, Scale::log}};
  MorrisOptions o;
  o.trajectories = 8;
  const Design d = morris_design(p, o);
  const Matrix v = d.values();
  std::vector<double> y(d.points());
  for (std::size_t r = 0; r < y.size(); ++r) y[r] = 3.0 * v(r, 0) - 2.0 * std::log10(v(r, 1));
  const std::vector<MorrisIndex> m = morris_indices(d, y);
  CHECK_THAT(m[0].mu, WithinAbs(30.0, 1e-9));
  CHECK_THAT(m[0].mu_star, WithinAbs(30.0, 1e-9));
  CHECK_THAT(m[0].sigma, WithinAbs(0.0, 1e-9));
  CHECK_THAT(m[1].mu, WithinAbs(-6.0, 1e-9));
  CHECK_THAT(m[1].mu_star, WithinAbs(6.0, 1e-9));
  CHECK_THAT(m[0].mu_star_ci.low, WithinAbs(30.0, 1e-9));
  CHECK_THAT(m[0].mu_star_ci.high, WithinAbs(30.0, 1e-9));
}

TEST_CASE("the estimators refuse the wrong design, length or outcomes", "[uncertainty]") {
  const auto p = ishigami_parameters();
  const Design s = saltelli_design(p, 16);
  const Design m = morris_design(p, {});
  CHECK_THAT(error_of([&] { sobol_indices(m, std::vector<double>(m.points(), 1.0)); }),
             Contains("sobol_indices: needs a saltelli design (got morris)"));
  CHECK_THAT(error_of([&] { morris_indices(s, std::vector<double>(s.points(), 1.0)); }),
             Contains("morris_indices: needs a morris design (got saltelli)"));
  CHECK_THAT(error_of([&] { sobol_indices(s, std::vector<double>(3, 1.0)); }),
             Contains("expected one outcome per design point (80), got 3"));
  std::vector<double> y = ishigami(s);
  y[7] = NAN;
  CHECK_THAT(error_of([&] { sobol_indices(s, y); }),
             Contains("the outcome of point 7 is not a finite number"));
  CHECK_THAT(error_of([&] { sobol_indices(s, std::vector<double>(s.points(), 2.0)); }),
             Contains("the outcome is the same (2) at every A and B point"));
  BootstrapOptions b;
  b.level = 1.0;
  CHECK_THAT(error_of([&] { sobol_indices(s, ishigami(s), b); }),
             Contains("level must lie strictly between 0 and 1 (got 1)"));
  Design short_design = s;
  short_design.base_samples = 17;
  CHECK_THAT(error_of([&] { sobol_indices(short_design, ishigami(s)); }),
             Contains("the design has 80 points and 3 parameters for 3 columns; expected "
                      "base_samples (at least 2) x 5 points"));
  Design broken = m;
  broken.unit(1, 0) = broken.unit(0, 0) + 0.5;
  broken.unit(1, 1) = broken.unit(0, 1) + 0.5;
  CHECK_THAT(error_of([&] { morris_indices(broken, std::vector<double>(m.points(), 1.0)); }),
             Contains("points 0 and 1 differ in"));
}

// Tests of ABC-SMC: recovering the mean and sd of a normal from summary
// statistics, determinism across thread counts, weighted quantiles.
#include <catch2/catch.hpp>

#include <tbb/task_arena.h>

#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include "samen/core/random.hpp"
#include "samen/uncertainty/abc_smc.hpp"

using namespace samen;
using namespace samen::uncertainty;
using Catch::Matchers::Contains;
using Catch::Matchers::WithinAbs;

namespace {

template <class F>
std::string error_of(F f) {
  try {
    f();
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "(nothing thrown)";
}

constexpr double kTrueMean = 3.0;
constexpr double kTrueSd = 1.5;

// Simulates 100 draws of Normal(theta[0], theta[1]) from `key` and returns the
// Euclidean distance of their mean and sd from the true ones.
double normal_distance(const std::vector<double>& theta, StreamKey key) {
  Stream stream(key, Purpose::uncertainty, 0, 0, 0xABC);
  constexpr int n = 100;
  std::vector<double> x(n);
  double sum = 0.0;
  for (double& v : x) sum += v = theta[0] + theta[1] * stream.normal();
  const double mean = sum / n;
  double ss = 0.0;
  for (const double v : x) ss += (v - mean) * (v - mean);
  return std::hypot(mean - kTrueMean, std::sqrt(ss / (n - 1)) - kTrueSd);
}

const std::vector<Parameter> kPriors = {{"mean", -10.0, 10.0}, {"sd", 0.1, 10.0}};

}  // namespace

TEST_CASE("ABC-SMC narrows onto the mean and sd of a normal", "[uncertainty]") {
  AbcOptions o;
  o.population = 500;
  o.generations = 7;
  o.seed = 7;
  const AbcResult r = abc_smc(kPriors, normal_distance, o);
  REQUIRE(r.complete);
  REQUIRE(r.generations.size() == 7);
  CHECK(std::isinf(r.generations[0].epsilon));
  CHECK(r.generations[0].acceptance_rate == 1.0);
  // Measured 90% interval widths of the mean by generation: 17.9, 12.0, 8.0,
  // 5.2, 3.4, 2.2, 1.6 (of the sd: 8.9, 7.2, 5.2, 4.1, 3.1, 2.3, 1.6), at
  // acceptance rates near 0.3. Each generation must narrow it by 10% or more,
  // and the last be under a sixth of the prior's.
  double width_before = 0.0;
  for (std::size_t t = 0; t < r.generations.size(); ++t) {
    const AbcGeneration& g = r.generations[t];
    INFO("generation " << t);
    REQUIRE(g.particles.rows == 500);
    REQUIRE(g.weights.size() == 500);
    double total = 0.0;
    for (std::size_t i = 0; i < 500; ++i) {
      total += g.weights[i];
      REQUIRE(g.distances[i] <= g.epsilon);
      REQUIRE(g.particles(i, 1) >= 0.1);
      REQUIRE(g.particles(i, 1) <= 10.0);
    }
    CHECK_THAT(total, WithinAbs(1.0, 1e-12));
    CHECK(g.simulations % o.batch == 0);
    CHECK(g.simulations >= 500);
    if (t > 0) {
      CHECK(g.epsilon < r.generations[t - 1].epsilon);
      CHECK(g.acceptance_rate < 1.0);
    }
    const PosteriorSummary mean = summarise(g, 0);
    const double width = mean.interval.high - mean.interval.low;
    if (t > 0) CHECK(width < 0.9 * width_before);
    width_before = width;
  }
  const AbcGeneration& last = r.generations.back();
  const PosteriorSummary mean = summarise(last, 0), sd = summarise(last, 1);
  CHECK(mean.interval.contains(kTrueMean));
  CHECK(sd.interval.contains(kTrueSd));
  CHECK(mean.interval.high - mean.interval.low < 20.0 / 6.0);
  CHECK_THAT(mean.median, WithinAbs(kTrueMean, 0.5));
}

TEST_CASE("ABC-SMC gives bit-identical results on 1 and 2 threads", "[uncertainty]") {
  AbcOptions o;
  o.population = 200;
  o.generations = 4;
  o.batch = 64;
  o.seed = 11;
  AbcResult one, two;
  tbb::task_arena(1).execute([&] { one = abc_smc(kPriors, normal_distance, o); });
  tbb::task_arena(2).execute([&] { two = abc_smc(kPriors, normal_distance, o); });
  REQUIRE(one.generations.size() == two.generations.size());
  for (std::size_t t = 0; t < one.generations.size(); ++t) {
    CHECK(one.generations[t].particles.values == two.generations[t].particles.values);
    CHECK(one.generations[t].weights == two.generations[t].weights);
    CHECK(one.generations[t].epsilon == two.generations[t].epsilon);
    CHECK(one.generations[t].simulations == two.generations[t].simulations);
  }
  o.seed = 12;
  const AbcResult other = abc_smc(kPriors, normal_distance, o);
  CHECK(other.generations[1].particles.values != one.generations[1].particles.values);
}

TEST_CASE("importance weights keep the prior when every proposal is accepted", "[uncertainty]") {
  // With a distance of 0 the posterior is the uniform prior. Perturbed
  // particles redrawn inside [0, 1] land less often near the edges; Toni et
  // al.'s weights must undo that. Share of weight within 0.1 of an edge
  // (uniform: 0.2), measured: 0.196 and 0.189 weighted, 0.157 and 0.152 if
  // every particle counted the same; tolerance 0.025.
  AbcOptions o;
  o.population = 2000;
  o.tolerances = {3.0, 2.0, 1.0};
  o.seed = 3;
  const AbcResult r = abc_smc(
      {{"a", 0.0, 1.0}, {"b", 0.0, 1.0}}, [](const std::vector<double>&, StreamKey) { return 0.0; },
      o);
  REQUIRE(r.generations.size() == 3);
  for (std::size_t t = 1; t < 3; ++t) {
    const AbcGeneration& g = r.generations[t];
    CHECK(g.acceptance_rate == 1.0);
    double edge = 0.0;
    for (std::size_t i = 0; i < g.particles.rows; ++i)
      for (std::size_t c = 0; c < 2; ++c) {
        const double x = g.particles(i, c);
        if (x < 0.1 || x > 0.9) edge += g.weights[i] / 2.0;
      }
    CHECK_THAT(edge, WithinAbs(0.2, 0.025));
  }
}

TEST_CASE("ABC-SMC follows a fixed tolerance schedule and stops at its proposal limit",
          "[uncertainty]") {
  AbcOptions o;
  o.population = 100;
  o.tolerances = {5.0, 2.0, 1.0};
  o.batch = 50;
  const AbcResult r = abc_smc(kPriors, normal_distance, o);
  REQUIRE(r.generations.size() == 3);
  CHECK(r.generations[0].epsilon == 5.0);
  CHECK(r.generations[2].epsilon == 1.0);
  // Prior draws within distance 5 are rarer than 1 in 1: some are rejected.
  CHECK(r.generations[0].acceptance_rate < 1.0);

  o.tolerances = {5.0, 0.001};
  o.max_proposals = 1000;
  const AbcResult stopped = abc_smc(kPriors, normal_distance, o);
  CHECK_FALSE(stopped.complete);
  CHECK(stopped.generations.size() == 1);
  CHECK_THAT(stopped.stop_reason, Contains("generation 1 accepted"));
  CHECK_THAT(stopped.stop_reason, Contains("of 100 particles within 1000 proposals"));
}

TEST_CASE("ABC-SMC refuses bad options by name", "[uncertainty]") {
  AbcOptions o;
  o.tolerances = {2.0, 3.0};
  CHECK_THAT(error_of([&] { abc_smc(kPriors, normal_distance, o); }),
             Contains("tolerances must decrease (tolerance 1 is 3 after 2)"));
  o = {};
  o.population = 1;
  CHECK_THAT(error_of([&] { abc_smc(kPriors, normal_distance, o); }),
             Contains("population must be at least 2 (got 1)"));
  o = {};
  o.quantile = 1.0;
  CHECK_THAT(error_of([&] { abc_smc(kPriors, normal_distance, o); }),
             Contains("quantile must lie strictly between 0 and 1 (got 1)"));
  CHECK_THAT(error_of([&] {
               abc_smc({{"sd", 0.0, 1.0, Scale::log}}, normal_distance, {});
             }),
             Contains("parameter 'sd': log scale needs low > 0"));
}

TEST_CASE("weighted quantiles follow the cumulative weights", "[uncertainty]") {
  CHECK(weighted_quantile({1, 2, 3}, {1, 1, 2}, 0.5) == 2.0);
  CHECK(weighted_quantile({3, 1, 2}, {2, 1, 1}, 0.5) == 2.0);
  CHECK(weighted_quantile({1, 2, 3}, {1, 1, 2}, 0.51) == 3.0);
  CHECK(weighted_quantile({1, 2, 3}, {1, 1, 2}, 0.0) == 1.0);
  CHECK(weighted_quantile({1, 2, 3}, {0, 1, 1}, 0.0) == 2.0);
  CHECK(weighted_quantile({1, 2, 3}, {1, 1, 2}, 1.0) == 3.0);
  // 0.1 + 0.2 + ... rounds; the quantile at an exact cumulative weight holds.
  CHECK(weighted_quantile({1, 2, 3, 4}, {0.1, 0.2, 0.3, 0.4}, 0.6) == 3.0);
  CHECK_THAT(error_of([] {
               weighted_quantile({1, 2}, {1}, 0.5);
             }),
             Contains("needs as many weights as values (got 2 values and 1 weights)"));
  CHECK_THAT(error_of([] {
               weighted_quantile({1, 2}, {0, 0}, 0.5);
             }),
             Contains("all weights are 0"));
  CHECK_THAT(error_of([] {
               weighted_quantile({1, 2}, {1, -1}, 0.5);
             }),
             Contains("weights must be finite and >= 0 (got -1)"));
}

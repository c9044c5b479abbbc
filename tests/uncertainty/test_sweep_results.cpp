// Tests of the sweep results cube and its per-point summaries.
#include <catch2/catch.hpp>

#include <cmath>
#include <stdexcept>

#include "samen/uncertainty/sweep_results.hpp"

using namespace samen::uncertainty;
using Catch::Matchers::Contains;

TEST_CASE("sweep results average replicates and pair scenarios by replicate", "[uncertainty]") {
  SweepResults r(2, 3, 4);
  CHECK(r.values().size() == 24);
  CHECK(std::isnan(r.at(1, 2, 3)));
  for (std::size_t p = 0; p < 2; ++p)
    for (std::size_t s = 0; s < 3; ++s)
      for (std::size_t k = 0; k < 4; ++k) r.at(p, s, k) = static_cast<double>(100 * p + 10 * s + k);
  // Replicate fastest, then scenario, then point.
  CHECK(r.values()[1] == 1.0);
  CHECK(r.values()[4] == 10.0);
  CHECK(r.values()[12] == 100.0);
  CHECK(r.mean(2) == std::vector<double>{21.5, 121.5});
  CHECK(r.contrast(2, 0) == std::vector<double>{20.0, 20.0});
  // A missing replicate drops out of its point's mean and of the pairs.
  r.at(0, 1, 3) = NAN;
  r.at(0, 0, 0) = 50.0;
  CHECK(r.mean(1) == std::vector<double>{11.0, 111.5});
  CHECK(r.contrast(1, 0) == std::vector<double>{(10 - 50 + 11 - 1 + 12 - 2) / 3.0, 10.0});
  for (std::size_t k = 0; k < 4; ++k) r.at(1, 1, k) = NAN;
  CHECK(std::isnan(r.mean(1)[1]));
  CHECK_THROWS_WITH(r.mean(3), Contains("scenario 3 does not exist (the sweep has 3)"));
  CHECK_THROWS_WITH(SweepResults(0, 1, 1), Contains("must be at least 1 (got 0, 1, 1)"));
}

#include "samen/uncertainty/sweep_results.hpp"
#include "samen/core/numbers.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace samen::uncertainty {
namespace {

void check_scenario(std::size_t scenario, std::size_t scenarios) {
  if (scenario >= scenarios)
    throw std::out_of_range("SweepResults: scenario " + std::to_string(scenario) +
                            " does not exist (the sweep has " + std::to_string(scenarios) + ")");
}

}  // namespace

SweepResults::SweepResults(std::size_t points, std::size_t scenarios, std::size_t replicates)
    : points_(points), scenarios_(scenarios), replicates_(replicates) {
  if (points == 0 || scenarios == 0 || replicates == 0)
    throw std::invalid_argument(
        "SweepResults: points, scenarios and replicates must be at least 1 "
        "(got " +
        std::to_string(points) + ", " + std::to_string(scenarios) + ", " +
        std::to_string(replicates) + ")");
  values_.assign(points * scenarios * replicates, kNaN);
}

std::vector<double> SweepResults::mean(std::size_t scenario) const {
  check_scenario(scenario, scenarios_);
  std::vector<double> out(points_, kNaN);
  for (std::size_t p = 0; p < points_; ++p) {
    double sum = 0.0;
    std::size_t n = 0;
    for (std::size_t r = 0; r < replicates_; ++r) {
      const double x = at(p, scenario, r);
      if (std::isnan(x)) continue;
      sum += x;
      ++n;
    }
    if (n > 0) out[p] = sum / static_cast<double>(n);
  }
  return out;
}

std::vector<double> SweepResults::contrast(std::size_t scenario, std::size_t reference) const {
  check_scenario(scenario, scenarios_);
  check_scenario(reference, scenarios_);
  std::vector<double> out(points_, kNaN);
  for (std::size_t p = 0; p < points_; ++p) {
    double sum = 0.0;
    std::size_t n = 0;
    for (std::size_t r = 0; r < replicates_; ++r) {
      const double d = at(p, scenario, r) - at(p, reference, r);
      if (std::isnan(d)) continue;
      sum += d;
      ++n;
    }
    if (n > 0) out[p] = sum / static_cast<double>(n);
  }
  return out;
}

}  // namespace samen::uncertainty

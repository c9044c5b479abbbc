// Outcome values of a sweep, one per (design point, scenario, replicate), and
// the per-point summaries the sensitivity estimators take.
#pragma once

#include <cstddef>
#include <vector>

namespace samen::uncertainty {

/// One outcome of a sweep shaped [point][scenario][replicate], stored
/// row-major (replicate fastest) so it can be written as one 3-D dataset.
/// Cells not yet computed hold NaN.
class SweepResults {
 public:
  /// Makes an all-NaN cube; every size must be at least 1.
  SweepResults(std::size_t points, std::size_t scenarios, std::size_t replicates);

  std::size_t points() const { return points_; }
  std::size_t scenarios() const { return scenarios_; }
  std::size_t replicates() const { return replicates_; }
  double& at(std::size_t point, std::size_t scenario, std::size_t replicate) {
    return values_[index(point, scenario, replicate)];
  }
  double at(std::size_t point, std::size_t scenario, std::size_t replicate) const {
    return values_[index(point, scenario, replicate)];
  }
  /// Returns all values, replicate fastest, then scenario, then point.
  const std::vector<double>& values() const { return values_; }

  /// Returns per point the mean over replicates of `scenario`, skipping NaNs
  /// (NaN where every replicate is NaN).
  std::vector<double> mean(std::size_t scenario) const;

  /// Returns per point the mean over replicates of (scenario - reference),
  /// paired by replicate (common random numbers), skipping replicates where
  /// either is NaN; e.g. a policy's effect on an outcome at each point.
  std::vector<double> contrast(std::size_t scenario, std::size_t reference) const;

 private:
  std::size_t index(std::size_t point, std::size_t scenario, std::size_t replicate) const {
    return (point * scenarios_ + scenario) * replicates_ + replicate;
  }
  std::size_t points_;
  std::size_t scenarios_;
  std::size_t replicates_;
  std::vector<double> values_;
};

}  // namespace samen::uncertainty

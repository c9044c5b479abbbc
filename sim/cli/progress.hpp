// A progress line on a terminal (stderr); silent when stderr is not a terminal.
#pragma once

#include <chrono>
#include <cstdint>

namespace samen::cli {

/// Shows "replicate r/R, week w/W, ETA" at most a few times a second.
class Progress {
 public:
  Progress(std::uint32_t replicates, std::uint32_t steps_per_replicate);
  /// Reports that replicate r has done `steps` of its steps.
  void update(std::uint32_t replicate, std::int64_t steps);
  /// Clears the line.
  void finish();

 private:
  bool enabled_;
  std::uint32_t replicates_, steps_;
  std::chrono::steady_clock::time_point start_, last_;
};

}  // namespace samen::cli

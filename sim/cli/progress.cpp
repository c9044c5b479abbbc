#include "progress.hpp"

#include <unistd.h>

#include <cstdio>

namespace samen::cli {

Progress::Progress(std::uint32_t replicates, std::uint32_t steps_per_replicate)
    : enabled_(isatty(STDERR_FILENO) != 0),
      replicates_(replicates),
      steps_(steps_per_replicate),
      start_(std::chrono::steady_clock::now()),
      last_(start_) {}

void Progress::update(std::uint32_t replicate, std::int64_t steps) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  if (now - last_ < std::chrono::milliseconds(200)) return;
  last_ = now;
  const double done = (static_cast<double>(replicate) * steps_ + static_cast<double>(steps)) /
                      (static_cast<double>(replicates_) * steps_);
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  const double eta = done > 0.0 ? elapsed * (1.0 - done) / done : 0.0;
  std::fprintf(stderr, "\rreplicate %u/%u  %5.1f%%  ETA %4.0f s   ", replicate + 1, replicates_,
               100.0 * done, eta);
  std::fflush(stderr);
}

void Progress::finish() {
  if (enabled_) std::fprintf(stderr, "\r%60s\r", "");
}

}  // namespace samen::cli

// Need episodes counted by their reach window: each episode is followed from
// its onset until `window` weeks later and then counted once, as reached or
// not, whether it is still going on or resolved before.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "samen/field/population.hpp"

namespace samen {

/// Counts over the need episodes whose window closed in one week.
struct EpisodeTally {
  std::uint64_t episodes = 0, reached = 0;
  std::uint64_t migrant = 0, migrant_reached = 0;
  std::uint64_t light = 0, light_reached = 0;
  std::uint64_t serious = 0, serious_reached = 0, serious_in_care = 0;
  std::uint64_t weeks_to_help = 0;  ///< summed over the reached episodes

  EpisodeTally& operator+=(const EpisodeTally& other);

  /// The counts as words, in declaration order (for checkpoints).
  static constexpr std::size_t kWords = 10;
  void to_words(std::uint64_t* out) const;
  static EpisodeTally from_words(const std::uint64_t* in);
};

/// Per municipality, the tallies of the episodes whose windows close in the
/// coming weeks; a municipality's slots are written by its own task only.
class EpisodeLedger {
 public:
  EpisodeLedger() = default;
  EpisodeLedger(std::size_t municipalities, std::uint32_t window);

  std::uint32_t window() const { return window_; }
  /// True when family i's episode has a known onset and its window closes in
  /// `week` (it is counted then, unless it was counted when it resolved).
  bool closes(const Families& f, std::uint32_t i, std::uint32_t week) const {
    return f.episode_start[i] < kNoEpisode && f.episode_start[i] + window_ == week;
  }
  /// True when family i's episode, resolving in `week`, has not been counted yet.
  bool open(const Families& f, std::uint32_t i, std::uint32_t week) const {
    return f.episode_start[i] < kNoEpisode && week < f.episode_start[i] + window_;
  }
  /// Counts family i's current episode under the week its window closes:
  /// reached if help came before then; serious if it was serious before then.
  void count(std::size_t municipality, const Families& f, std::uint32_t i);
  /// Returns the sum over municipalities of the episodes whose window closes
  /// in `week`, and clears those slots for reuse.
  EpisodeTally take(std::uint32_t week);

  /// Every slot as EpisodeTally::kWords words each (for checkpoints).
  std::vector<std::uint64_t> words() const;
  /// Restores the slots from words(); throws std::invalid_argument on a wrong size.
  void restore(const std::vector<std::uint64_t>& words);

 private:
  EpisodeTally& slot(std::size_t municipality, std::uint32_t closing_week) {
    return slots_[municipality * (window_ + 1) + closing_week % (window_ + 1)];
  }
  std::uint32_t window_ = 0;
  std::size_t municipalities_ = 0;
  std::vector<EpisodeTally> slots_;
};

}  // namespace samen

#include "samen/dynamics/episodes.hpp"

#include <stdexcept>
#include <string>

#include "samen/field/projects.hpp"

namespace samen {

EpisodeTally& EpisodeTally::operator+=(const EpisodeTally& o) {
  episodes += o.episodes;
  reached += o.reached;
  migrant += o.migrant;
  migrant_reached += o.migrant_reached;
  light += o.light;
  light_reached += o.light_reached;
  serious += o.serious;
  serious_reached += o.serious_reached;
  serious_in_care += o.serious_in_care;
  weeks_to_help += o.weeks_to_help;
  return *this;
}

void EpisodeTally::to_words(std::uint64_t* out) const {
  const std::uint64_t words[kWords] = {episodes,        reached,       migrant, migrant_reached,
                                       light,           light_reached, serious, serious_reached,
                                       serious_in_care, weeks_to_help};
  for (std::size_t k = 0; k < kWords; ++k) out[k] = words[k];
}

EpisodeTally EpisodeTally::from_words(const std::uint64_t* in) {
  EpisodeTally t;
  t.episodes = in[0];
  t.reached = in[1];
  t.migrant = in[2];
  t.migrant_reached = in[3];
  t.light = in[4];
  t.light_reached = in[5];
  t.serious = in[6];
  t.serious_reached = in[7];
  t.serious_in_care = in[8];
  t.weeks_to_help = in[9];
  return t;
}

std::vector<std::uint64_t> EpisodeLedger::words() const {
  std::vector<std::uint64_t> out(slots_.size() * EpisodeTally::kWords);
  for (std::size_t k = 0; k < slots_.size(); ++k)
    slots_[k].to_words(out.data() + k * EpisodeTally::kWords);
  return out;
}

void EpisodeLedger::restore(const std::vector<std::uint64_t>& words) {
  if (words.size() != slots_.size() * EpisodeTally::kWords)
    throw std::invalid_argument("the episode ledger holds " + std::to_string(words.size()) +
                                " words, expected " +
                                std::to_string(slots_.size() * EpisodeTally::kWords));
  for (std::size_t k = 0; k < slots_.size(); ++k)
    slots_[k] = EpisodeTally::from_words(words.data() + k * EpisodeTally::kWords);
}

EpisodeLedger::EpisodeLedger(std::size_t municipalities, std::uint32_t window)
    : window_(window),
      municipalities_(municipalities),
      slots_(municipalities * (static_cast<std::size_t>(window) + 1)) {}

void EpisodeLedger::count(std::size_t m, const Families& f, std::uint32_t i) {
  const std::uint32_t start = f.episode_start[i];
  const std::uint32_t close = start + window_;
  EpisodeTally& t = slot(m, close);
  const bool reached = f.first_help[i] != kNever && f.first_help[i] < close;
  // Needs only escalate, so an episode serious now became serious at serious_since.
  const bool serious = f.need[i] == Need::serious && f.serious_since[i] < close;
  ++t.episodes;
  t.reached += reached;
  if (reached) t.weeks_to_help += f.first_help[i] - start;
  if (f.migrant[i]) {
    ++t.migrant;
    t.migrant_reached += reached;
  }
  if (serious) {
    ++t.serious;
    t.serious_reached += reached;
    t.serious_in_care += f.first_care[i] != kNever && f.first_care[i] < close;
  } else {
    ++t.light;
    t.light_reached += reached;
  }
}

EpisodeTally EpisodeLedger::take(std::uint32_t week) {
  EpisodeTally sum;
  for (std::size_t m = 0; m < municipalities_; ++m) {
    EpisodeTally& s = slot(m, week);
    sum += s;
    s = EpisodeTally{};
  }
  return sum;
}

}  // namespace samen

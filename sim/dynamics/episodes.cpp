#include "samen/dynamics/episodes.hpp"

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

// What a Simulation keeps beside its field from one week to the next, as flat
// columns, so that a checkpoint can store it and a run can continue from it
// bit for bit.
#pragma once

#include <cstdint>
#include <vector>

namespace samen {

/// The state of a Simulation outside its Field. Lists per municipality are
/// stored flat: municipality m's entries are [offsets[m], offsets[m + 1]).
/// Everything else a Simulation holds is derived from the field and the
/// parameters (indexes, rates) or set by set_policies (options, adoption).
struct SimulationState {
  std::vector<std::uint64_t> ledger;        ///< EpisodeLedger slots, kTallyWords words each
  std::vector<std::uint64_t> closed;        ///< the last week's closed episodes (kTallyWords)
  std::vector<std::uint64_t> event_counts;  ///< the last week's WeekEvents counts
  std::vector<double> event_hours;          ///< the last week's WeekEvents hours and capacity
  std::vector<std::uint64_t> needy_offsets;
  std::vector<std::uint32_t> needy;  ///< families in need, in list order
  std::vector<std::uint64_t> queue_offsets;
  std::vector<std::uint32_t> queue;  ///< CJG waiting lists, in order
  std::vector<std::uint32_t> positive_contacts;
  std::vector<double> openness;
  std::vector<double> unfunded_hours;
  std::vector<double> migrant_volunteer_share;  ///< per project

  /// Lists every member once, as visit(name, member...), like the field's
  /// structures; a checkpoint stores them by these names.
  template <class Visit, class... Self>
  static void columns(Visit&& visit, Self&... self) {
    visit("ledger", self.ledger...);
    visit("closed", self.closed...);
    visit("event_counts", self.event_counts...);
    visit("event_hours", self.event_hours...);
    visit("needy_offsets", self.needy_offsets...);
    visit("needy", self.needy...);
    visit("queue_offsets", self.queue_offsets...);
    visit("queue", self.queue...);
    visit("positive_contacts", self.positive_contacts...);
    visit("openness", self.openness...);
    visit("unfunded_hours", self.unfunded_hours...);
    visit("migrant_volunteer_share", self.migrant_volunteer_share...);
  }
};

}  // namespace samen

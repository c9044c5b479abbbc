#include "layout_probe.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <Random123/philox.h>
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <vector>

namespace samen::cli {
namespace {

constexpr std::uint32_t kNone = 0xFFFFFFFFu;
constexpr std::uint8_t kVolunteer = 1;
constexpr std::uint32_t kVolunteers = 250000;  // the national field's volunteers
constexpr std::size_t kGrain = 4096;           // families in need per task
// Shares near the national field's after its burn-in: of the families in
// need, those helped by a volunteer; of the volunteers, those who have left;
// of the families in need, those whose need resolves in a week; of the
// families unhelped, those who seek help this week.
constexpr double kVolunteerShare = 0.15;
constexpr double kLeftShare = 0.02;
constexpr double kResolveShare = 0.05;
constexpr std::uint32_t kSeekWait = 4;  // weeks to the next try

// Today's layout: one array per field.
struct Columns {
  std::vector<std::uint8_t> need, helper;
  std::vector<std::uint16_t> weeks_waiting;
  std::vector<std::uint32_t> helper_id, serious_since, next_onset, next_seek, episode_start,
      first_help, first_care;
  explicit Columns(std::size_t n)
      : need(n),
        helper(n),
        weeks_waiting(n),
        helper_id(n),
        serious_since(n),
        next_onset(n),
        next_seek(n),
        episode_start(n),
        first_help(n),
        first_care(n) {}
  std::uint8_t& need_of(std::size_t i) { return need[i]; }
  std::uint8_t& helper_of(std::size_t i) { return helper[i]; }
  std::uint16_t& weeks_waiting_of(std::size_t i) { return weeks_waiting[i]; }
  std::uint32_t& helper_id_of(std::size_t i) { return helper_id[i]; }
  std::uint32_t& serious_since_of(std::size_t i) { return serious_since[i]; }
  std::uint32_t& episode_start_of(std::size_t i) { return episode_start[i]; }
  std::uint32_t& first_help_of(std::size_t i) { return first_help[i]; }
  std::uint32_t& next_onset_of(std::size_t i) { return next_onset[i]; }
  std::uint32_t& next_seek_of(std::size_t i) { return next_seek[i]; }
};

// The alternative: the fields of a family in need in one 28-byte record
// (next_onset stays a column, since every family's is scanned each week).
struct Records {
  struct Hot {
    std::uint32_t helper_id, serious_since, next_seek, episode_start, first_help, first_care;
    std::uint16_t weeks_waiting;
    std::uint8_t need, helper;
  };
  std::vector<Hot> hot;
  std::vector<std::uint32_t> next_onset;
  explicit Records(std::size_t n) : hot(n, Hot{}), next_onset(n) {}
  std::uint8_t& need_of(std::size_t i) { return hot[i].need; }
  std::uint8_t& helper_of(std::size_t i) { return hot[i].helper; }
  std::uint16_t& weeks_waiting_of(std::size_t i) { return hot[i].weeks_waiting; }
  std::uint32_t& helper_id_of(std::size_t i) { return hot[i].helper_id; }
  std::uint32_t& serious_since_of(std::size_t i) { return hot[i].serious_since; }
  std::uint32_t& episode_start_of(std::size_t i) { return hot[i].episode_start; }
  std::uint32_t& first_help_of(std::size_t i) { return hot[i].first_help; }
  std::uint32_t& next_onset_of(std::size_t i) { return next_onset[i]; }
  std::uint32_t& next_seek_of(std::size_t i) { return hot[i].next_seek; }
};

// A uniform variate in [0, 1) for (unit, week, what): one Philox block, as the
// model draws.
double uniform(std::uint32_t unit, std::uint32_t week, std::uint32_t what) {
  const r123::Philox4x32::ctr_type counter = {{unit, what, week, 0}};
  const r123::Philox4x32::key_type key = {{7, 0}};
  return r123::Philox4x32()(counter, key)[0] * 0x1p-32;
}

template <class Layout>
void fill(Layout& f, const std::vector<std::uint32_t>& needy) {
  for (const std::uint32_t i : needy) {
    f.need_of(i) = 1;
    const bool volunteer = uniform(i, 0, 1) < kVolunteerShare;
    f.helper_of(i) = volunteer ? kVolunteer : 0;
    f.helper_id_of(i) =
        volunteer ? static_cast<std::uint32_t>(uniform(i, 0, 2) * kVolunteers) : kNone;
  }
}

// Phase 1's reads and writes for the families in need, and phase 2's test of
// who seeks help (phases 1-6 visit a family in one task), on the current threads.
template <class Layout>
double pass(Layout& f, const std::vector<std::uint32_t>& needy,
            const std::vector<std::uint8_t>& active, std::uint32_t week) {
  const auto start = std::chrono::steady_clock::now();
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, needy.size(), kGrain), [&](const auto& r) {
    for (std::size_t k = r.begin(); k != r.end(); ++k) {
      const std::uint32_t i = needy[k];
      if (f.helper_of(i) == kVolunteer && !active[f.helper_id_of(i)]) {
        f.helper_of(i) = 0;
        f.helper_id_of(i) = kNone;
      }
      if (f.episode_start_of(i) == week) f.first_help_of(i) = week;
      if (uniform(i, week, 0) >= kResolveShare) {
        if (f.need_of(i) == 2) f.serious_since_of(i) = week;
        if (f.helper_of(i) == 0 && f.next_seek_of(i) <= week) f.next_seek_of(i) = week + kSeekWait;
        continue;
      }
      // Resolved; the probe keeps its families in need for the next pass.
      f.weeks_waiting_of(i) = 0;
      f.episode_start_of(i) = week;
      f.next_onset_of(i) = week + 1;
    }
  });
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
      .count();
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

LayoutTimes probe_family_layout(std::size_t families, double need_share, int repeats) {
  const auto n = static_cast<std::uint32_t>(families);
  std::vector<std::uint32_t> needy;  // in index order, as phase 1 keeps them
  for (std::uint32_t i = 0; i < n; ++i)
    if (uniform(i, 0, 0) < need_share) needy.push_back(i);
  std::vector<std::uint8_t> active(kVolunteers);
  for (std::uint32_t v = 0; v < kVolunteers; ++v) active[v] = uniform(v, 0, 3) >= kLeftShare;
  Columns columns(families);
  Records records(families);
  fill(columns, needy);
  fill(records, needy);
  std::vector<double> by_columns, by_records;
  for (int r = 0; r < repeats; ++r) {
    const auto week = static_cast<std::uint32_t>(r + 1);
    by_columns.push_back(pass(columns, needy, active, week));
    by_records.push_back(pass(records, needy, active, week));
  }
  return {median(by_columns), median(by_records)};
}

}  // namespace samen::cli

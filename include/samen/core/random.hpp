// Counter-based random streams keyed by (seed, replicate, entity, week, purpose):
// the same key gives the same numbers on any thread, in any order.
#pragma once

// philox.h brings Random123's feature macros, which MicroURNG.hpp needs first.
#include <Random123/philox.h>
// clang-format off
#include <Random123/MicroURNG.hpp>
// clang-format on

#include <boost/random/normal_distribution.hpp>
#include <boost/random/uniform_01.hpp>
#include <cmath>
#include <cstdint>

namespace samen {

/// What a stream is drawn for; part of the key, so purposes never share numbers.
enum class Purpose : std::uint32_t {
  // Generation of the initial field (week 0).
  municipality = 1,
  family,
  project,
  project_volunteers,
  volunteer,
  coordinator,
  cjg,
  cjg_staff,
  regular_org,
  volunteer_org,
  tie,
  response,
  // Weekly dynamics (week = the step number, from 1).
  family_onset = 32,
  family_needs,
  family_seek,
  family_support,
  coordinator_judgement,
  volunteer_turnover,
  tie_drift,
  project_drift,
  family_seek_schedule,
  policy_adoption,
  policy_recruitment,
  family_signal,       ///< schools and clinics notice families in need
  policy_activity,     ///< sessions, visits, consultation moments, agreements, training days
  tie_meeting,         ///< meetings, awareness, cooperation and division of a tie
  project_inside,      ///< meetings and agreements inside a project
  cjg_staff_turnover,  ///< CJG staff replaced and their openness
  cjg_referral,        ///< the CJG passes families to volunteers
  org_vo_cooperation,  ///< regular organisations start and end cooperation with VOs
  // Designs, bootstrap resamples and ABC proposals of samen::uncertainty; the
  // stream's `sub` says which (see sim/uncertainty/draws.hpp).
  uncertainty,
};

/// Identifies the run a stream belongs to.
struct StreamKey {
  std::uint32_t seed = 0;
  std::uint32_t replicate = 0;
};

/// One independent stream of uniform and derived variates for one
/// (entity, week, purpose); a Philox4x32 counter block fed through MicroURNG.
class Stream {
 public:
  using Engine = r123::MicroURNG<r123::Philox4x32>;

  /// `sub` separates draws of one entity for one purpose (e.g. one per
  /// questionnaire item); it must fit in 24 bits.
  Stream(StreamKey key, Purpose purpose, std::uint32_t entity, std::uint32_t week,
         std::uint32_t sub = 0)
      : engine_(make_counter(purpose, entity, week, sub), make_key(key)) {}

  /// Returns a uniform variate in [0, 1).
  double uniform() { return boost::random::uniform_01<double>()(engine_); }
  /// Returns true with probability p.
  bool bernoulli(double p) { return uniform() < p; }
  /// Returns a standard normal variate.
  double normal() { return boost::random::normal_distribution<double>()(engine_); }
  /// Returns an integer uniformly in [0, n); n > 0.
  std::uint32_t below(std::uint32_t n) {
    return static_cast<std::uint32_t>(std::floor(uniform() * n)) % n;
  }
  /// Returns a Poisson variate of mean `mean` (>= 0); by counting uniforms
  /// (Knuth), which is exact and fast for the small weekly means used here.
  std::uint32_t poisson(double mean) {
    if (!(mean > 0.0)) return 0;
    const double limit = std::exp(-mean);
    std::uint32_t k = 0;
    for (double p = uniform(); p > limit; p *= uniform()) ++k;
    return k;
  }
  /// Returns the number of weeks (>= 1) until an event of weekly chance `p`
  /// first happens, or kForever when p <= 0: a geometric wait, drawn once.
  std::uint32_t geometric_wait(double p) {
    if (!(p > 0.0)) return kForever;
    const double weeks =
        std::ceil(std::log(1.0 - uniform()) / std::log(1.0 - std::min(p, kAlmostSure)));
    return static_cast<std::uint32_t>(std::min(kMaxWait, std::max(1.0, weeks)));
  }
  /// What geometric_wait returns for an event that never happens.
  static constexpr std::uint32_t kForever = 0xFFFFFFFFu;
  Engine& engine() { return engine_; }

 private:
  static r123::Philox4x32::ctr_type make_counter(Purpose purpose, std::uint32_t entity,
                                                 std::uint32_t week, std::uint32_t sub) {
    // The last word is reserved by MicroURNG for its own position counter.
    r123::Philox4x32::ctr_type c = {
        {entity, (static_cast<std::uint32_t>(purpose) << 24) | (sub & 0xFFFFFFu), week, 0}};
    return c;
  }
  static r123::Philox4x32::key_type make_key(StreamKey key) {
    r123::Philox4x32::key_type k = {{key.seed, key.replicate}};
    return k;
  }
  static constexpr double kAlmostSure = 0.999999;  // keeps log(1 - p) finite
  static constexpr double kMaxWait = 4.0e9;        // below kForever
  Engine engine_;
};

}  // namespace samen

// The phases that follow families: needs and their episodes, seeking help,
// signalling by schools and clinics, and volunteers' support and referral.
#include <tbb/parallel_for.h>

#include <algorithm>

#include "rates.hpp"
#include "samen/dynamics/simulation.hpp"

namespace samen {

using namespace dynamics;

void Simulation::needs_arise_and_resolve() {
  auto& f = field_.families;
  auto& vol = field_.volunteers;
  const auto& mun = field_.municipalities;
  const auto& pr = field_.projects;
  const std::uint32_t week = field_.week;
  const double serious_onset_share =
      rates_.onset_serious / std::max(1e-12, rates_.onset_light + rates_.onset_serious);
  const double help_speedup = params_.need.help_speedup;
  const double care_speedup = params_.need.care_speedup;
  const double protection = params_.need.help_protection;
  std::vector<std::uint64_t> started(mun.size(), 0);
  // Per municipality, one pass over its families in index order: families in
  // need are updated, families whose need arises this week (next_onset) get
  // it, the others are skipped after reading two small fields. The pass lists
  // the families in need in index order for the later phases and recounts the
  // caseloads of the municipality's volunteers from the families that keep
  // their help.
  tbb::parallel_for(std::size_t{0}, mun.size(), [&](std::size_t m) {
    for (const auto p : projects_of_[m])
      for (std::uint32_t j = pr.first_volunteer[p];
           j < pr.first_volunteer[p] + pr.volunteer_count[p]; ++j)
        vol.caseload[j] = 0;
    auto& needy = needy_[m];
    needy.clear();
    const std::uint32_t first = mun.first_family[m], end = first + mun.family_count[m];
    for (std::uint32_t i = first; i < end; ++i) {
      if (f.need[i] == Need::none) {
        if (f.next_onset[i] != week) continue;
        // The need arises this week.
        Stream s(field_.key, Purpose::family_needs, i, week);
        f.need[i] = s.bernoulli(serious_onset_share) ? Need::serious : Need::light;
        if (f.need[i] == Need::serious) f.serious_since[i] = week;
        f.episode_start[i] = week;
        f.first_help[i] = kNever;
        f.first_care[i] = kNever;
        f.next_seek[i] = draw_seek_week(i);
        needy.push_back(i);
        ++started[m];
        continue;
      }
      // Help from a volunteer who has left ends with them.
      if (f.helper[i] == Helper::volunteer && !vol.active[f.helper_id[i]]) {
        f.helper[i] = Helper::nobody;
        f.helper_id[i] = kNone;
        f.next_seek[i] = draw_seek_week(i);
      }
      // An episode still going on when its window closes is counted now.
      if (ledger_.closes(f, i, week)) ledger_.count(m, f, i);
      Stream s(field_.key, Purpose::family_needs, i, week);
      const bool in_care = f.helper[i] == Helper::professional;
      const bool helped = f.helper[i] == Helper::volunteer || f.helper[i] == Helper::self_org;
      bool resolved = false;
      if (f.need[i] == Need::light) {
        const double speed = in_care ? care_speedup : helped ? help_speedup : 1.0;
        resolved = s.bernoulli(std::min(1.0, rates_.resolve_light * speed));
        if (!resolved &&
            s.bernoulli(rates_.escalate * (helped || in_care ? 1.0 - protection : 1.0))) {
          f.need[i] = Need::serious;
          f.serious_since[i] = week;
        }
      } else {
        resolved =
            s.bernoulli(std::min(1.0, rates_.resolve_serious * (in_care ? care_speedup : 1.0)));
      }
      if (!resolved) {
        needy.push_back(i);
        if (f.helper[i] == Helper::volunteer) ++vol.caseload[f.helper_id[i]];
        continue;
      }
      // An episode that resolves before its window closes is counted now.
      if (ledger_.open(f, i, week)) ledger_.count(m, f, i);
      f.need[i] = Need::none;
      f.helper[i] = Helper::nobody;
      f.helper_id[i] = kNone;
      f.weeks_waiting[i] = 0;
      f.episode_start[i] = kNoEpisode;
      f.next_onset[i] = draw_onset_week(i);  // a later week: not due in this pass
    }
  });
  for (const auto n : started) events_.episodes_started += n;
  closed_ = ledger_.take(week);
}

void Simulation::families_seek_help() {
  auto& f = field_.families;
  const std::uint32_t week = field_.week;
  const auto& seek = params_.seek;
  std::vector<WeekEvents> local(field_.municipalities.size());
  // Each municipality decides for its own families in family order, so the
  // outcome does not depend on how municipalities are spread over threads.
  tbb::parallel_for(std::size_t{0}, field_.municipalities.size(), [&](std::size_t m) {
    const auto& projects = projects_of_[m];
    // Caseloads were recounted in phase 1.
    for (const std::uint32_t i : needy_[m]) {
      if (f.helper[i] != Helper::nobody || week < f.next_seek[i]) continue;
      Stream s(field_.key, Purpose::family_seek, i, week);
      // It seeks help this week: formally (the CJG) or, failing that, informally.
      if (s.bernoulli(seek.formal_rate * f.trust_formal[i] / seek_chance(i))) {
        f.helper[i] = Helper::waiting;
        f.weeks_waiting[i] = 0;
        queue_[m].push_back(i);
        continue;
      }
      f.next_seek[i] = draw_seek_week(i);  // the next try, unless help is found below
      const auto& selforgs = selforgs_of_[m];
      if (f.migrant[i] && !selforgs.empty() && s.bernoulli(seek.selforg_preference)) {
        f.helper[i] = Helper::self_org;
        f.helper_id[i] = selforgs[s.below(static_cast<std::uint32_t>(selforgs.size()))];
        note_help(i, false, local[m]);
        continue;
      }
      if (projects.empty()) continue;
      const std::uint32_t p = choose_project(m, i, s.uniform());
      const double reach =
          seek.project_reach *
          (1.0 + (f.migrant[i] ? seek.target_group_reach * migrant_volunteer_share_[p] : 0.0));
      if (!s.bernoulli(std::min(1.0, reach))) continue;
      take_on(p, i, s, local[m]);
    }
  });
  for (const auto& e : local) events_ += e;
}

void Simulation::schools_and_clinics_signal() {
  auto& f = field_.families;
  const auto& orgs = field_.orgs;
  const std::uint32_t week = field_.week;
  const double notice = params_.org.signal_rate;
  std::vector<WeekEvents> local(field_.municipalities.size());
  // A school (or, for the youngest, a clinic) notices a family's unhelped
  // need; if it works with volunteer organisations it passes the family to a
  // project, as surely as its agreements with them are clear.
  tbb::parallel_for(std::size_t{0}, field_.municipalities.size(), [&](std::size_t m) {
    if (projects_of_[m].empty()) return;
    for (const std::uint32_t i : needy_[m]) {
      if (f.helper[i] != Helper::nobody) continue;
      Stream s(field_.key, Purpose::family_signal, i, week);
      if (!s.bernoulli(notice)) continue;
      const auto& seen_by = f.child_age[i] == ChildAge::age_0_4 ? clinics_of_[m] : schools_of_[m];
      if (seen_by.empty()) continue;
      const std::uint32_t o = seen_by[s.below(static_cast<std::uint32_t>(seen_by.size()))];
      if (!orgs.vo_cooperates[o]) continue;
      const std::uint32_t tie = orgs.vo_main_tie[o];
      if (tie != kNone) note_meeting(tie);
      if (!s.bernoulli(referral_success(tie))) continue;
      if (take_on(choose_project(m, i, s.uniform()), i, s, local[m])) ++local[m].referrals_by_orgs;
    }
  });
  for (const auto& e : local) events_ += e;
}

void Simulation::volunteers_support_and_refer() {
  auto& f = field_.families;
  auto& vol = field_.volunteers;
  auto& pr = field_.projects;
  const auto& ties = field_.ties;
  const std::uint32_t week = field_.week;
  const auto& refer = params_.refer;
  const double knowledge_mean = params_.volunteer.knowledge_mean;
  const double knowledge_sd = std::max(1e-9, params_.volunteer.knowledge_spread);
  std::vector<WeekEvents> local(field_.municipalities.size());
  tbb::parallel_for(std::size_t{0}, field_.municipalities.size(), [&](std::size_t m) {
    for (const std::uint32_t i : needy_[m]) {
      if (f.need[i] != Need::serious) continue;
      if (f.helper[i] == Helper::volunteer) {
        const std::uint32_t j = f.helper_id[i];
        const std::uint32_t p = vol.host[j];
        Stream s(field_.key, Purpose::family_support, i, week);
        // Knowledge, a written task division and knowing the CJG make referral likely.
        const double x =
            rates_.refer_logit +
            refer.knowledge * (vol.knowledge[j] - knowledge_mean) / knowledge_sd +
            (pr.internal_division[p] == Division::written ? refer.written_division : 0.0) +
            refer.cjg_awareness * ties.awareness[pr.cjg_tie[p]];
        bool landed = false;
        if (s.bernoulli(logistic(x))) {
          // Through the CJG where the project works with it, else through its
          // main institution; an unclear task division on that tie stalls it.
          const std::uint32_t route =
              ties.cooperates[pr.cjg_tie[p]] ? pr.cjg_tie[p] : pr.chain_main_tie[p];
          landed = s.bernoulli(referral_success(route));
          if (route != kNone) {
            note_meeting(route);
            note_referral(route, landed);
          }
          if (landed) {
            --vol.caseload[j];
            f.helper[i] = Helper::waiting;
            f.helper_id[i] = kNone;
            f.weeks_waiting[i] = 0;
            queue_[m].push_back(i);
            ++local[m].referrals_by_volunteers;
          } else {
            ++local[m].referrals_stalled;
          }
        }
        if (landed) continue;
        // A volunteer who keeps a serious case may go beyond their limits:
        // less so when skilled, more so when tasks inside the project are unclear.
        const double crossing =
            rates_.crossing_logit - refer.skills * (vol.skills[j] - knowledge_mean) / knowledge_sd +
            (pr.internal_division[p] == Division::none ? refer.unclear_crossing : 0.0);
        if (s.bernoulli(logistic(crossing))) {
          ++local[m].boundary_crossings;
          vol.burden[j] = static_cast<float>(vol.burden[j] + params_.volunteer.burden_crossing);
          pr.last_crossing[p] = week;
        }
      } else if (f.helper[i] == Helper::self_org) {
        Stream s(field_.key, Purpose::family_support, i, week);
        if (s.bernoulli(params_.selforg.refer_rate * field_.vos.trust[f.helper_id[i]])) {
          f.helper[i] = Helper::waiting;
          f.helper_id[i] = kNone;
          f.weeks_waiting[i] = 0;
          queue_[m].push_back(i);
          ++local[m].referrals_by_selforgs;
        }
      }
    }
  });
  for (const auto& e : local) events_ += e;
}

}  // namespace samen

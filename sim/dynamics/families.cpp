// The phases that follow families: needs and their episodes, seeking help,
// signalling by schools and clinics, and volunteers' support and referral.
#include <algorithm>

#include "rates.hpp"
#include "samen/dynamics/simulation.hpp"

namespace samen {

using namespace dynamics;

void Simulation::needs_arise_and_resolve(std::size_t m, WeekEvents& e) {
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
  // The families in need since last week are updated in their list's order
  // (index order); the families whose need arises this week are found by a
  // scan of next_onset alone (a family in need keeps the past week its need
  // arose). Each family's update reads and writes only its own fields, adds
  // to the caseloads it keeps and to the ledger's integer counts, so the
  // order of the two groups does not matter; their lists are merged into one
  // in index order for the later phases. The caseloads of the municipality's
  // volunteers are recounted from the families that keep their help.
  for (const auto p : projects_of_[m])
    for (std::uint32_t j = pr.first_volunteer[p]; j < pr.first_volunteer[p] + pr.volunteer_count[p];
         ++j)
      vol.caseload[j] = 0;
  auto& needy = needy_[m];
  std::size_t kept = 0;
  for (const std::uint32_t i : needy) {
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
      needy[kept++] = i;
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
    f.next_onset[i] = draw_onset_week(i);  // a later week: not due this week
  }
  needy.resize(kept);
  auto& onsets = onsets_[m];
  onsets.clear();
  const std::uint32_t first = mun.first_family[m], end = first + mun.family_count[m];
  for (std::uint32_t i = first; i < end; ++i) {
    if (f.next_onset[i] != week || f.need[i] != Need::none) continue;
    Stream s(field_.key, Purpose::family_needs, i, week);
    f.need[i] = s.bernoulli(serious_onset_share) ? Need::serious : Need::light;
    if (f.need[i] == Need::serious) f.serious_since[i] = week;
    f.episode_start[i] = week;
    f.first_help[i] = kNever;
    f.first_care[i] = kNever;
    f.next_seek[i] = draw_seek_week(i);
    onsets.push_back(i);
  }
  e.episodes_started += onsets.size();
  if (onsets.empty()) return;
  auto& merged = merge_scratch_[m];
  merged.resize(needy.size() + onsets.size());
  std::merge(needy.begin(), needy.end(), onsets.begin(), onsets.end(), merged.begin());
  needy.swap(merged);
}

void Simulation::families_seek_help(std::size_t m, WeekEvents& e) {
  auto& f = field_.families;
  const std::uint32_t week = field_.week;
  const auto& seek = params_.seek;
  const auto& projects = projects_of_[m];
  // The municipality's families decide in family order. Caseloads were
  // recounted in phase 1.
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
      note_help(i, false, e);
      continue;
    }
    if (projects.empty()) continue;
    const std::uint32_t p = choose_project(m, i, s.uniform());
    const double reach =
        seek.project_reach *
        (1.0 + (f.migrant[i] ? seek.target_group_reach * migrant_volunteer_share_[p] : 0.0));
    if (!s.bernoulli(std::min(1.0, reach))) continue;
    take_on(p, i, s, e);
  }
}

void Simulation::schools_and_clinics_signal(std::size_t m, WeekEvents& e) {
  auto& f = field_.families;
  const auto& orgs = field_.orgs;
  const std::uint32_t week = field_.week;
  const double notice = params_.org.signal_rate;
  // A school (or, for the youngest, a clinic) notices a family's unhelped
  // need; if it works with volunteer organisations it passes the family to a
  // project, as surely as its agreements with them are clear.
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
    if (take_on(choose_project(m, i, s.uniform()), i, s, e)) ++e.referrals_by_orgs;
  }
}

void Simulation::volunteers_support_and_refer(std::size_t m, WeekEvents& e) {
  auto& f = field_.families;
  auto& vol = field_.volunteers;
  auto& pr = field_.projects;
  const auto& ties = field_.ties;
  const std::uint32_t week = field_.week;
  const auto& refer = params_.refer;
  const double knowledge_mean = params_.volunteer.knowledge_mean;
  const double knowledge_sd = std::max(1e-9, params_.volunteer.knowledge_spread);
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
          ++e.referrals_by_volunteers;
        } else {
          ++e.referrals_stalled;
        }
      }
      if (landed) continue;
      // A volunteer who keeps a serious case may go beyond their limits:
      // less so when skilled, more so when tasks inside the project are unclear.
      const double crossing =
          rates_.crossing_logit - refer.skills * (vol.skills[j] - knowledge_mean) / knowledge_sd +
          (pr.internal_division[p] == Division::none ? refer.unclear_crossing : 0.0);
      if (s.bernoulli(logistic(crossing))) {
        ++e.boundary_crossings;
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
        ++e.referrals_by_selforgs;
      }
    }
  }
}

}  // namespace samen

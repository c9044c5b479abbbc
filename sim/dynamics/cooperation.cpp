// The phases of cooperation: meetings on ties and what they bring (contact,
// knowing the CJG, cooperation with it, agreed task divisions, grades),
// cooperation inside projects, regular organisations' cooperation with
// volunteer organisations, and the load of self-organisations.
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>

#include "rates.hpp"
#include "samen/dynamics/simulation.hpp"
#include "samen/survey/items.hpp"

namespace samen {

using namespace dynamics;

namespace {

// Meetings a year of partners who work together this often (0-3).
double meetings_at(int frequency, const MeetingParams& meet) {
  switch (frequency) {
    case 1:
      return meet.sometimes_per_year;
    case 2:
      return meet.regular_per_year;
    case 3:
      return meet.often_per_year;
    default:
      return 0.0;
  }
}

// The random numbers of one tie (or project) in one week: `weekly` draws the
// same number of variates whatever happens, `per_meeting` one or two per
// meeting. Kept apart, a scenario with more meetings still shares the
// baseline's weekly draws (common random numbers stay aligned).
struct TieStreams {
  Stream weekly, per_meeting;
  TieStreams(StreamKey key, Purpose purpose, std::uint32_t entity, std::uint32_t week)
      : weekly(key, purpose, entity, week, 0), per_meeting(key, purpose, entity, week, 1) {}
};

// Agreement on the task division through meetings, its erosion when people
// leave and the lapse of written agreements; returns whether people changed.
bool agree(std::uint8_t& division, std::uint32_t meetings, double agree_chance, double write_chance,
           double turnover, double lapse, TieStreams& s) {
  const bool new_people = s.weekly.bernoulli(turnover);
  const bool lapses = s.weekly.bernoulli(lapse);
  if (new_people && division == static_cast<std::uint8_t>(Division::oral))
    division = static_cast<std::uint8_t>(Division::none);
  for (std::uint32_t k = 0; k < meetings; ++k) {
    if (division == static_cast<std::uint8_t>(Division::none)) {
      if (s.per_meeting.bernoulli(agree_chance))
        division = static_cast<std::uint8_t>(Division::oral);
    } else if (division == static_cast<std::uint8_t>(Division::oral)) {
      if (s.per_meeting.bernoulli(write_chance))
        division = static_cast<std::uint8_t>(Division::written);
    }
  }
  if (lapses && division == static_cast<std::uint8_t>(Division::written))
    division = static_cast<std::uint8_t>(Division::oral);
  return new_people;
}

}  // namespace

double Simulation::planned_meetings(std::uint32_t j) const {
  const auto& t = field_.ties;
  const auto& meet = params_.meet;
  switch (t.kind[j]) {
    case TieKind::project_cjg:
      return t.cooperates[j] ? meet.cjg_cooperating_per_year : meet.cjg_other_per_year;
    case TieKind::project_institution:
    case TieKind::project_vo:
      // Projects work with their main partner regularly, with others sometimes.
      return t.is_main[j] ? meet.regular_per_year : meet.sometimes_per_year;
    case TieKind::org_vo:
      return t.cooperates[j] ? meetings_at(field_.orgs.vo_frequency[t.from[j]], meet) : 0.0;
  }
  return 0.0;
}

void Simulation::record_meetings(std::uint32_t j, std::uint32_t meetings) {
  auto& t = field_.ties;
  const std::uint32_t week = field_.week;
  const auto& meet = params_.meet;
  t.events[j] = 0;
  t.meeting_rate[j] = static_cast<float>(rates_.rate_keep * t.meeting_rate[j] +
                                         (1.0 - rates_.rate_keep) * kWeeksPerYear * meetings);
  if (meetings > 0) t.last_meeting[j] = week;
  // Contact as partners report it: none for a while, or how often they meet.
  t.contact[j] = static_cast<std::uint8_t>(
      t.last_meeting[j] == kNever || week - t.last_meeting[j] >= meet.contact_memory_weeks ? 0
      : t.meeting_rate[j] >= meet.regular_threshold                                        ? 2
                                                                                           : 1);
}

void Simulation::regrade(std::uint32_t j) {
  auto& t = field_.ties;
  if (t.kind[j] == TieKind::org_vo) return;  // graded once, by the survey's calibration
  const bool vo = t.kind[j] == TieKind::project_vo;
  const double latent = effects_.tie_grade(t.division[j], __builtin_popcount(t.forms[j]),
                                           t.contact[j], t.experience[j]) +
                        t.grade_noise[j];
  t.grade[j] = static_cast<std::uint8_t>(
      1 + latent_category(latent, vo ? field_.cuts.vo_grade : field_.cuts.chain_grade));
}

void Simulation::ties_evolve() {
  auto& t = field_.ties;
  const std::uint32_t week = field_.week;
  const auto& div = params_.division;
  const double open_mean = std::max(1e-9, params_.cjg.openness_mean);
  const std::uint32_t chain_align = items::project_chain_forms.bit("task_division");
  const std::uint32_t vo_align = items::project_vo_forms.bit("task_division");
  tbb::parallel_for(std::size_t{0}, field_.municipalities.size(), [&](std::size_t m) {
    for (const std::uint32_t p : projects_of_[m])
      for (const std::uint32_t j : project_ties_[p]) {
        TieStreams s(field_.key, Purpose::tie_meeting, j, week);
        const bool cjg = t.kind[j] == TieKind::project_cjg;
        // Planned meetings (with a CJG, as often as its staff are open) and
        // this week's referrals, sessions, visits and consultation moments.
        const double planned =
            planned_meetings(j) * (cjg ? openness_[m] / open_mean : 1.0) / kWeeksPerYear;
        const std::uint32_t meetings = s.weekly.poisson(planned) + t.events[j];
        const bool fades = s.weekly.bernoulli(rates_.awareness_fade);
        const bool ends = s.weekly.bernoulli(rates_.cooperation_end);
        const double new_feel = s.weekly.normal();
        record_meetings(j, meetings);
        if (cjg) {
          // Knowing what the CJG does follows contact and fades without it.
          for (std::uint32_t k = 0; k < meetings; ++k)
            if (t.awareness[j] < kWellInformed &&
                s.per_meeting.bernoulli(params_.awareness.learn_per_meeting))
              ++t.awareness[j];
          if (t.awareness[j] > 0 && fades) --t.awareness[j];
          // Cooperation starts at meetings with an open CJG; it ends after a
          // while, except with a project's main partner.
          if (!t.cooperates[j]) {
            for (std::uint32_t k = 0; k < meetings && !t.cooperates[j]; ++k)
              if (s.per_meeting.bernoulli(params_.cjg.cooperation_start * openness_[m])) {
                t.cooperates[j] = 1;
                ++positive_contacts_[m];
              }
          } else if (!t.is_main[j] && ends) {
            t.cooperates[j] = 0;
          }
          if (!t.cooperates[j]) continue;
        }
        const bool vo = t.kind[j] == TieKind::project_vo;
        const bool aligning = (t.forms[j] & (vo ? vo_align : chain_align)) != 0;
        const double agree_chance = std::min(
            1.0, (vo ? div.agree_vo : div.agree_chain) * (aligning ? div.align_factor : 1.0));
        if (agree(t.division[j], meetings, agree_chance, vo ? div.write_vo : div.write_chain,
                  rates_.tie_turnover, rates_.written_lapse, s))
          t.grade_noise[j] = new_feel;  // new people, a new feel of the cooperation
        regrade(j);
      }
  });
}

void Simulation::projects_cooperate_inside() {
  auto& pr = field_.projects;
  const auto& co = field_.coordinators;
  const std::uint32_t week = field_.week;
  const auto& div = params_.division;
  const auto& ob = items::project_obstacles;
  const std::uint32_t boundaries = ob.bit("boundaries");
  const std::uint32_t under_bit = ob.bit("underestimated");
  const std::uint32_t over_bit = ob.bit("overestimated");
  const double memory = params_.project.obstacle_memory_weeks;
  tbb::parallel_for(std::size_t{0}, pr.size(), [&](std::size_t p) {
    TieStreams s(field_.key, Purpose::project_inside, static_cast<std::uint32_t>(p), week);
    // Professionals and volunteers meet as often as they work together; a
    // new coordinator's loss of oral agreements is in coordinators_guide.
    const int frequency = static_cast<int>(pr.internal_frequency[p]);
    const std::uint32_t meetings =
        s.weekly.poisson(meetings_at(frequency, params_.meet) / kWeeksPerYear);
    auto division = static_cast<std::uint8_t>(pr.internal_division[p]);
    agree(division, meetings, div.agree_internal, div.write_internal, 0.0, rates_.written_lapse, s);
    pr.internal_division[p] = static_cast<Division>(division);
    // Obstacles: volunteers went beyond their limits lately; coordinators
    // misjudge what volunteers can do.
    const bool crossing = pr.last_crossing[p] != kNever && week - pr.last_crossing[p] < memory;
    bool under = false, over = false;
    for (std::uint32_t c = pr.first_coordinator[p];
         c < pr.first_coordinator[p] + pr.coordinator_count[p]; ++c) {
      under = under || co.judgement[c] == Judgement::underestimates;
      over = over || co.judgement[c] == Judgement::overestimates;
    }
    std::uint32_t obstacles = pr.obstacles[p] & ~(boundaries | under_bit | over_bit);
    obstacles |= (crossing ? boundaries : 0u) | (under ? under_bit : 0u) | (over ? over_bit : 0u);
    pr.obstacles[p] = obstacles;
    pr.internal_grade[p] = static_cast<std::uint8_t>(
        1 + latent_category(
                effects_.internal_grade(frequency, division, __builtin_popcount(obstacles)) +
                    pr.grade_noise[p],
                field_.cuts.internal_grade));
  });
}

void Simulation::regular_orgs_cooperate_with_vos() {
  auto& orgs = field_.orgs;
  auto& t = field_.ties;
  const std::uint32_t week = field_.week;
  const auto& op = params_.org;
  const auto& div = params_.division;
  const auto& option = policies_.regular_vo_cooperation;
  std::vector<double> hours(field_.municipalities.size(), 0.0);
  tbb::parallel_for(std::size_t{0}, field_.municipalities.size(), [&](std::size_t m) {
    const double boost = dose(PolicyKind::regular_vo_cooperation, m);
    for (const std::uint32_t o : vo_orgs_of_[m]) {
      const auto& ties = org_ties_[o];
      if (ties.empty()) continue;  // no volunteer organisation in reach
      Stream s(field_.key, Purpose::org_vo_cooperation, o, week);
      if (!orgs.vo_cooperates[o]) {
        // Cooperation starts, under the option more often and more clearly.
        const double start =
            1.0 - std::pow(1.0 - rates_.org_vo_start, 1.0 + boost * option.start_speedup);
        if (!s.bernoulli(start)) continue;
        orgs.vo_cooperates[o] = 1;
        const double clear = boost > 0.0 ? option.clear_share : op.vo_clear_at_start;
        for (const std::uint32_t j : ties) {
          t.cooperates[j] = 1;
          t.division[j] = static_cast<std::uint8_t>(!s.bernoulli(clear) ? Division::none
                                                    : s.bernoulli(op.vo_oral_share_of_clear)
                                                        ? Division::oral
                                                        : Division::written);
        }
        continue;
      }
      if (s.bernoulli(rates_.org_vo_end)) {
        orgs.vo_cooperates[o] = 0;
        for (const std::uint32_t j : ties) t.cooperates[j] = 0;
        continue;
      }
      hours[m] += boost * option.hours_per_org;
      for (const std::uint32_t j : ties) {
        TieStreams ts(field_.key, Purpose::tie_meeting, j, week);
        const std::uint32_t meetings =
            ts.weekly.poisson(planned_meetings(j) / kWeeksPerYear) + t.events[j];
        record_meetings(j, meetings);
        agree(t.division[j], meetings, div.agree_org, div.write_vo, rates_.tie_turnover,
              rates_.written_lapse, ts);
      }
    }
  });
  for (const double h : hours) events_.professional_hours += h;
}

void Simulation::self_orgs_carry_load() {
  auto& f = field_.families;
  auto& vos = field_.vos;
  const auto& partnership = policies_.selforg_partnership;
  tbb::parallel_for(std::size_t{0}, field_.municipalities.size(), [&](std::size_t m) {
    // Courses in the families' own language build the trust in formal
    // services of the families the self-organisations help.
    const double invest = dose(PolicyKind::selforg_partnership, m);
    for (const auto o : selforgs_of_[m]) vos.load[o] = 0.0f;
    for (const std::uint32_t i : needy_[m]) {
      if (f.helper[i] != Helper::self_org) continue;
      vos.load[f.helper_id[i]] += 1.0f;
      if (invest > 0.0 && f.migrant[i])
        f.trust_formal[i] = static_cast<float>(
            f.trust_formal[i] +
            std::min(1.0, invest * partnership.family_trust_gain) * (1.0 - f.trust_formal[i]));
    }
  });
}

}  // namespace samen

#include "samen/dynamics/simulation.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "samen/survey/items.hpp"

namespace samen {
namespace {

double logistic(double x) { return 1.0 / (1.0 + std::exp(-x)); }
double logit(double p) { return std::log(p / (1.0 - p)); }
// Weekly probability of an event with mean waiting time `weeks`.
double per_week(double weeks) { return 1.0 - std::exp(-1.0 / weeks); }

// Families are processed in blocks of this many; the block split does not
// affect results since every family only writes itself.
constexpr std::size_t kFamilyGrain = 4096;

// Onsets further ahead than this wrap around the calendar and wait a lap.
constexpr std::uint32_t kCalendarWeeks = 512;

// Marks a family whose need never arises (zero onset hazard).
bool never_arises(std::uint32_t week) { return week == 0xFFFFFFFFu; }

}  // namespace

DynamicsRates DynamicsRates::from(const ModelParams& v) {
  DynamicsRates r{};
  r.resolve_light = per_week(v.need.light_weeks);
  r.resolve_serious = per_week(v.need.serious_weeks);
  r.escalate = per_week(v.need.escalation_weeks);
  r.help_speedup = v.need.help_speedup;
  r.help_protection = v.need.help_protection;
  r.care_speedup = v.need.care_speedup;
  // Onsets that keep the start's shares of light and serious needs stationary
  // when nobody is helped: inflow into each state equals its outflow.
  const double light = v.family.light_need_share;
  const double serious = v.family.serious_need_share;
  const double none = std::max(1e-9, 1.0 - light - serious);
  r.onset_light = light * (r.resolve_light + r.escalate) / none;
  r.onset_serious = std::max(0.0, serious * r.resolve_serious - light * r.escalate) / none;
  r.seek_formal = v.seek.formal_rate;
  r.seek_informal = v.seek.informal_rate;
  r.selforg_preference = v.seek.selforg_preference;
  r.project_reach = v.seek.project_reach;
  r.target_group_reach = v.seek.target_group_reach;
  // A base of exactly 0 (or 1) means never (always), whatever the effects.
  const double refer_base = v.refer.base;
  r.refer_logit = refer_base <= 0.0   ? -std::numeric_limits<double>::infinity()
                  : refer_base >= 1.0 ? std::numeric_limits<double>::infinity()
                                      : logit(refer_base);
  r.refer_knowledge = v.refer.knowledge;
  r.refer_written = v.refer.written_division;
  r.refer_awareness = v.refer.cjg_awareness;
  r.boundary_chance = v.refer.boundary_chance;
  r.selforg_refer = v.selforg.refer_rate;
  r.selforg_overload = v.selforg.overload_ratio;
  r.case_share = v.cjg.case_share;
  r.hours_per_family = v.cjg.hours_per_family;
  r.quit_logit = logit(per_week(v.volunteer.quit_weeks));
  r.quit_burden = v.volunteer.quit_burden;
  r.quit_appreciation = v.volunteer.quit_appreciation;
  r.appreciation_mean = v.volunteer.appreciation_mean;
  r.fill = per_week(v.volunteer.vacancy_fill_weeks);
  r.appreciation_step = per_week(v.volunteer.appreciation_weeks);
  r.appreciation_guidance = v.volunteer.appreciation_guidance;
  r.appreciation_under = v.volunteer.appreciation_underestimation;
  r.burden_crossing = v.volunteer.burden_crossing;
  r.burden_keep = 1.0 - per_week(v.volunteer.burden_weeks);
  r.rejudge = per_week(v.coordinator.rejudge_weeks);
  r.misjudge_guidance = v.coordinator.misjudgement_guidance;
  r.guidance_median = v.coordinator.guidance_hours;
  r.guidance_spread = v.coordinator.guidance_spread;
  r.knowledge_mean = v.volunteer.knowledge_mean;
  r.migrant_share_focus = v.volunteer.migrant_share_focus;
  r.knowledge_spread = std::max(1e-9, v.volunteer.knowledge_spread);
  r.tie_keep = 1.0 - per_week(v.ties.turnover_weeks);
  return r;
}

Simulation::Simulation(Field field, const ModelParams& values)
    : field_(std::move(field)),
      rates_(DynamicsRates::from(values)),
      effects_(LatentEffects::from(values)),
      traits_(VolunteerTraitModel::from(values)) {
  const auto& mun = field_.municipalities;
  projects_of_.resize(mun.size());
  selforgs_of_.resize(mun.size());
  queue_.resize(mun.size());
  needy_.resize(mun.size());
  care_capacity_.assign(mun.size(), 0);
  for (std::uint32_t p = 0; p < field_.projects.size(); ++p)
    projects_of_[field_.projects.municipality[p]].push_back(p);
  for (std::uint32_t o = 0; o < field_.vos.size(); ++o)
    if (field_.vos.kind[o] == static_cast<std::uint8_t>(VoKind::migrant_selforg))
      selforgs_of_[field_.vos.municipality[o]].push_back(o);
  std::vector<double> hours(mun.size(), 0.0);
  for (std::size_t s = 0; s < field_.cjg_staff.size(); ++s)
    hours[field_.orgs.municipality[field_.cjg_staff.cjg[s]]] += field_.cjg_staff.hours[s];
  for (std::size_t m = 0; m < mun.size(); ++m)
    care_capacity_[m] =
        static_cast<std::uint32_t>(hours[m] * rates_.case_share / rates_.hours_per_family);
  const auto& pr = field_.projects;
  migrant_volunteer_share_.assign(pr.size(), 0.0);
  for (std::size_t p = 0; p < pr.size(); ++p) {
    double migrants = 0.0;
    for (std::uint32_t j = pr.first_volunteer[p]; j < pr.first_volunteer[p] + pr.volunteer_count[p];
         ++j)
      migrants += field_.volunteers.migrant[j];
    migrant_volunteer_share_[p] = pr.volunteer_count[p] ? migrants / pr.volunteer_count[p] : 0.0;
  }
  migrant_focus_.assign(pr.size(), 0);
  for (std::size_t p = 0; p < pr.size(); ++p)
    migrant_focus_[p] = pr.host_type[p] == HostType::migrant_selforg ||
                        ((pr.targets[p] >> items::project_targets.index("new_dutch")) & 1u);
  for (auto& a : adopted_) a.assign(mun.size(), 0);
  auto& fam = field_.families;
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, fam.size(), kFamilyGrain),
                    [&](const auto& r) {
                      for (std::size_t i = r.begin(); i != r.end(); ++i)
                        if (fam.need[i] == Need::none)
                          fam.next_onset[i] = draw_onset_delay(static_cast<std::uint32_t>(i));
                        else
                          fam.next_seek[i] = draw_seek_delay(static_cast<std::uint32_t>(i));
                    });
  calendar_.assign(mun.size(), std::vector<std::vector<std::uint32_t>>(kCalendarWeeks));
  for (std::uint32_t i = 0; i < fam.size(); ++i) {
    if (fam.need[i] != Need::none)
      needy_[fam.municipality[i]].push_back(i);
    else
      schedule_onset(fam.municipality[i], i);
  }
}

std::uint32_t Simulation::draw_onset_delay(std::uint32_t family) const {
  // Geometric waiting time, so families without a need cost nothing each week.
  const double h = rates_.onset_light + rates_.onset_serious;
  if (h <= 0.0) return 0xFFFFFFFFu;
  const double u = Stream(field_.key, Purpose::family_onset, family, field_.week).uniform();
  const double weeks = std::ceil(std::log(1.0 - u) / std::log(1.0 - std::min(h, 0.999999)));
  return static_cast<std::uint32_t>(std::min(4.0e9, field_.week + std::max(1.0, weeks)));
}

double Simulation::seek_chance(std::uint32_t i) const {
  const auto& f = field_.families;
  return 1.0 - (1.0 - rates_.seek_formal * f.trust_formal[i]) *
                   (1.0 - rates_.seek_informal * f.informal_network[i]);
}

std::uint32_t Simulation::draw_seek_delay(std::uint32_t family) const {
  // The weekly chance is constant while a family is in need and unhelped, so
  // the wait until it next seeks help is geometric: drawn once, not weekly.
  const double h = seek_chance(family);
  if (h <= 0.0) return 0xFFFFFFFFu;
  const double u = Stream(field_.key, Purpose::family_seek_schedule, family, field_.week).uniform();
  const double weeks = std::ceil(std::log(1.0 - u) / std::log(1.0 - std::min(h, 0.999999)));
  return static_cast<std::uint32_t>(std::min(4.0e9, field_.week + std::max(1.0, weeks)));
}

void Simulation::set_policies(const PolicyParams& policies, std::uint32_t week0) {
  policies_ = policies;
  policy_week0_ = week0;
  for (const PolicyKind kind : kPolicyKinds)
    for (std::uint32_t m = 0; m < field_.municipalities.size(); ++m) {
      const auto k = static_cast<std::uint32_t>(kind);
      const double u = Stream(field_.key, Purpose::policy_adoption, m, 0, k).uniform();
      adopted_[k][m] = u < policies[kind].coverage;
    }
}

bool Simulation::acting(PolicyKind kind, std::size_t m) const {
  if (field_.week <= policy_week0_ || !adopted_[static_cast<std::size_t>(kind)][m]) return false;
  return policies_[kind].acts(field_.week - policy_week0_ - 1);
}

void Simulation::step() {
  ++field_.week;
  events_ = WeekEvents{};
  needs_arise_and_resolve();
  families_seek_help();
  volunteers_support_and_refer();
  cjgs_work_waiting_lists();
  coordinators_guide();
  volunteers_quit_and_recruit();
  ties_evolve();
  self_orgs_carry_load();
}

std::uint64_t Simulation::active_volunteers() const {
  const auto& pr = field_.projects;
  std::uint64_t n = 0;
  for (std::size_t p = 0; p < pr.size(); ++p)
    for (std::uint32_t j = pr.first_volunteer[p]; j < pr.first_volunteer[p] + pr.volunteer_count[p];
         ++j)
      n += field_.volunteers.active[j];
  return n;
}

void Simulation::needs_arise_and_resolve() {
  auto& f = field_.families;
  const auto& vol = field_.volunteers;
  const std::uint32_t week = field_.week;
  const double serious_onset_share =
      rates_.onset_serious / std::max(1e-12, rates_.onset_light + rates_.onset_serious);
  const auto& mun = field_.municipalities;
  // Per municipality: each task updates its families in need and those whose
  // need arises this week (from its onset calendar), and lists the families
  // in need, in a fixed order, for the later phases. Families without a need
  // cost nothing until their onset week.
  tbb::parallel_for(std::size_t{0}, mun.size(), [&](std::size_t m) {
    std::vector<std::uint32_t> needy;
    needy.reserve(needy_[m].size());
    for (const std::uint32_t i : needy_[m]) {
      // Help from a volunteer who has left ends with them.
      if (f.helper[i] == Helper::volunteer && !vol.active[f.helper_id[i]]) {
        f.helper[i] = Helper::nobody;
        f.helper_id[i] = kNone;
        f.next_seek[i] = draw_seek_delay(i);
      }
      Stream s(field_.key, Purpose::family_needs, i, week);
      const bool in_care = f.helper[i] == Helper::professional;
      const bool helped = f.helper[i] == Helper::volunteer || f.helper[i] == Helper::self_org;
      bool resolved = false;
      if (f.need[i] == Need::light) {
        const double speed = in_care ? rates_.care_speedup : helped ? rates_.help_speedup : 1.0;
        resolved = s.bernoulli(std::min(1.0, rates_.resolve_light * speed));
        if (!resolved && s.bernoulli(rates_.escalate *
                                     (helped || in_care ? 1.0 - rates_.help_protection : 1.0))) {
          f.need[i] = Need::serious;
          f.serious_since[i] = week;
        }
      } else {
        resolved = s.bernoulli(
            std::min(1.0, rates_.resolve_serious * (in_care ? rates_.care_speedup : 1.0)));
      }
      if (resolved) {
        f.need[i] = Need::none;
        f.helper[i] = Helper::nobody;
        f.helper_id[i] = kNone;
        f.weeks_waiting[i] = 0;
        f.next_onset[i] = draw_onset_delay(i);
        schedule_onset(m, i);
      } else {
        needy.push_back(i);
      }
    }
    // Onsets due this week; families due in a later lap of the calendar stay.
    auto& bucket = calendar_[m][week % kCalendarWeeks];
    std::size_t kept = 0;
    for (const std::uint32_t i : bucket) {
      if (f.next_onset[i] != week) {
        bucket[kept++] = i;
        continue;
      }
      Stream s(field_.key, Purpose::family_needs, i, week);
      f.need[i] = s.bernoulli(serious_onset_share) ? Need::serious : Need::light;
      if (f.need[i] == Need::serious) f.serious_since[i] = week;
      f.next_seek[i] = draw_seek_delay(i);
      needy.push_back(i);
    }
    bucket.resize(kept);
    needy_[m] = std::move(needy);
  });
}

void Simulation::schedule_onset(std::size_t m, std::uint32_t family) {
  if (never_arises(field_.families.next_onset[family])) return;
  calendar_[m][field_.families.next_onset[family] % kCalendarWeeks].push_back(family);
}

void Simulation::families_seek_help() {
  auto& f = field_.families;
  auto& vol = field_.volunteers;
  const auto& pr = field_.projects;
  const auto& mun = field_.municipalities;
  const std::uint32_t week = field_.week;
  // Each municipality decides for its own families in family order, so the
  // outcome does not depend on how municipalities are spread over threads.
  tbb::parallel_for(std::size_t{0}, mun.size(), [&](std::size_t m) {
    const auto& projects = projects_of_[m];
    for (const auto p : projects)
      for (std::uint32_t j = pr.first_volunteer[p];
           j < pr.first_volunteer[p] + pr.volunteer_count[p]; ++j)
        vol.caseload[j] = 0;
    // Only families in need have helpers.
    for (const std::uint32_t i : needy_[m])
      if (f.helper[i] == Helper::volunteer) ++vol.caseload[f.helper_id[i]];
    for (const std::uint32_t i : needy_[m]) {
      if (f.helper[i] != Helper::nobody || week < f.next_seek[i]) continue;
      Stream s(field_.key, Purpose::family_seek, i, week);
      // It seeks help this week: formally (the CJG) or, failing that, informally.
      if (s.bernoulli(rates_.seek_formal * f.trust_formal[i] / seek_chance(i))) {
        f.helper[i] = Helper::waiting;
        f.weeks_waiting[i] = 0;
        queue_[m].push_back(i);
        continue;
      }
      f.next_seek[i] = draw_seek_delay(i);  // the next try, unless help is found below
      const auto& selforgs = selforgs_of_[m];
      if (f.migrant[i] && !selforgs.empty() && s.bernoulli(rates_.selforg_preference)) {
        f.helper[i] = Helper::self_org;
        f.helper_id[i] = selforgs[s.below(static_cast<std::uint32_t>(selforgs.size()))];
        continue;
      }
      if (projects.empty()) continue;
      const auto p = projects[s.below(static_cast<std::uint32_t>(projects.size()))];
      const double reach =
          rates_.project_reach *
          (1.0 + (f.migrant[i] ? rates_.target_group_reach * migrant_volunteer_share_[p] : 0.0));
      if (!s.bernoulli(std::min(1.0, reach))) continue;
      // The first volunteer with room, starting at a random place in the project.
      const std::uint32_t count = pr.volunteer_count[p];
      const std::uint32_t start = s.below(count);
      for (std::uint32_t k = 0; k < count; ++k) {
        const std::uint32_t j = pr.first_volunteer[p] + (start + k) % count;
        if (!vol.active[j] || vol.caseload[j] >= vol.capacity[j]) continue;
        ++vol.caseload[j];
        f.helper[i] = Helper::volunteer;
        f.helper_id[i] = j;
        break;
      }
    }
  });
}

void Simulation::volunteers_support_and_refer() {
  auto& f = field_.families;
  auto& vol = field_.volunteers;
  const auto& pr = field_.projects;
  const auto& ties = field_.ties;
  const auto& mun = field_.municipalities;
  const std::uint32_t week = field_.week;
  std::vector<WeekEvents> local(mun.size());
  tbb::parallel_for(std::size_t{0}, mun.size(), [&](std::size_t m) {
    for (const std::uint32_t i : needy_[m]) {
      if (f.need[i] != Need::serious) continue;
      if (f.helper[i] == Helper::volunteer) {
        const std::uint32_t j = f.helper_id[i];
        const std::uint32_t p = vol.host[j];
        Stream s(field_.key, Purpose::family_support, i, week);
        // Knowledge, a written task division and knowing the CJG make referral likely.
        const double x =
            rates_.refer_logit +
            rates_.refer_knowledge * (vol.knowledge[j] - rates_.knowledge_mean) /
                rates_.knowledge_spread +
            (pr.internal_division[p] == Division::written ? rates_.refer_written : 0.0) +
            rates_.refer_awareness * ties.awareness[pr.cjg_tie[p]];
        if (s.bernoulli(logistic(x))) {
          --vol.caseload[j];
          f.helper[i] = Helper::waiting;
          f.helper_id[i] = kNone;
          f.weeks_waiting[i] = 0;
          queue_[m].push_back(i);
          ++local[m].referrals_by_volunteers;
        } else if (s.bernoulli(
                       rates_.boundary_chance *
                       (1.0 - std::min(1.0, dose(PolicyKind::skills_training, m) *
                                                policies_.skills_training.boundary_reduction)))) {
          ++local[m].boundary_crossings;
          vol.burden[j] = static_cast<float>(vol.burden[j] + rates_.burden_crossing);
        }
      } else if (f.helper[i] == Helper::self_org) {
        Stream s(field_.key, Purpose::family_support, i, week);
        if (s.bernoulli(rates_.selforg_refer * field_.vos.trust[f.helper_id[i]])) {
          f.helper[i] = Helper::waiting;
          f.helper_id[i] = kNone;
          f.weeks_waiting[i] = 0;
          queue_[m].push_back(i);
          ++local[m].referrals_by_selforgs;
        }
      }
    }
  });
  for (const auto& e : local) {
    events_.referrals_by_volunteers += e.referrals_by_volunteers;
    events_.referrals_by_selforgs += e.referrals_by_selforgs;
    events_.boundary_crossings += e.boundary_crossings;
  }
}

void Simulation::cjgs_work_waiting_lists() {
  auto& f = field_.families;
  const auto& mun = field_.municipalities;
  const std::uint32_t week = field_.week;
  std::vector<WeekEvents> local(mun.size());
  tbb::parallel_for(std::size_t{0}, mun.size(), [&](std::size_t m) {
    std::uint32_t in_care = 0;
    for (const std::uint32_t i : needy_[m]) in_care += f.helper[i] == Helper::professional;
    auto& queue = queue_[m];
    std::size_t head = 0;
    for (; head < queue.size() && in_care < care_capacity_[m]; ++head) {
      const std::uint32_t i = queue[head];
      if (f.helper[i] != Helper::waiting) continue;  // resolved or gone while waiting
      f.helper[i] = Helper::professional;
      ++in_care;
      if (f.need[i] == Need::serious) {
        ++local[m].serious_admitted;
        local[m].serious_weeks_to_care += week - f.serious_since[i];
      }
    }
    queue.erase(queue.begin(), queue.begin() + static_cast<std::ptrdiff_t>(head));
    // Keep only families still waiting, in their order.
    queue.erase(std::remove_if(queue.begin(), queue.end(),
                               [&](std::uint32_t i) { return f.helper[i] != Helper::waiting; }),
                queue.end());
    for (const auto i : queue)
      f.weeks_waiting[i] = static_cast<std::uint16_t>(std::min(65535, f.weeks_waiting[i] + 1));
    local[m].professional_hours = in_care * rates_.hours_per_family;
  });
  for (const auto& e : local) {
    events_.serious_admitted += e.serious_admitted;
    events_.serious_weeks_to_care += e.serious_weeks_to_care;
    events_.professional_hours += e.professional_hours;
  }
}

void Simulation::coordinators_guide() {
  auto& pr = field_.projects;
  auto& co = field_.coordinators;
  auto& vol = field_.volunteers;
  const std::uint32_t week = field_.week;
  std::vector<double> hours(pr.size(), 0.0);
  const auto& guidance_policy = policies_.guidance_time;
  const auto& sharing = policies_.cjg_knowledge_sharing;
  const auto& training = policies_.skills_training;
  tbb::parallel_for(std::size_t{0}, pr.size(), [&](std::size_t p) {
    const std::size_t m = pr.municipality[p];
    // More guidance time acts like a coordinator with that much more time.
    const double extra_guidance =
        dose(PolicyKind::guidance_time, m) * guidance_policy.guidance_increase;
    const double guidance_shift = extra_guidance > 0.0 && rates_.guidance_spread > 0.0
                                      ? std::log(1.0 + extra_guidance) / rates_.guidance_spread
                                      : 0.0;
    const double knowledge_gain =
        std::min(1.0, dose(PolicyKind::cjg_knowledge_sharing, m) * sharing.knowledge_gain +
                          dose(PolicyKind::skills_training, m) * training.knowledge_gain);
    double guidance = 0.0;
    bool under = false;
    for (std::uint32_t c = pr.first_coordinator[p];
         c < pr.first_coordinator[p] + pr.coordinator_count[p]; ++c) {
      const double z =
          rates_.guidance_spread > 0.0
              ? std::log(co.guidance_hours[c] / rates_.guidance_median) / rates_.guidance_spread +
                    guidance_shift
              : 0.0;
      Stream s(field_.key, Purpose::coordinator_judgement, c, week);
      if (s.bernoulli(rates_.rejudge)) {
        // New judgement, as likely to be off as at the start for this much guidance time.
        const double eta = -rates_.misjudge_guidance * z;
        co.judgement[c] = s.normal() < field_.cuts.judge_under + eta  ? Judgement::underestimates
                          : s.normal() < field_.cuts.judge_over + eta ? Judgement::overestimates
                                                                      : Judgement::accurate;
      }
      under = under || co.judgement[c] == Judgement::underestimates;
      guidance += z;
    }
    guidance /= std::max<std::uint32_t>(1, pr.coordinator_count[p]);
    const double target =
        std::clamp(rates_.appreciation_mean + rates_.appreciation_guidance * guidance -
                       (under ? rates_.appreciation_under : 0.0),
                   0.0, 1.0);
    std::uint32_t active = 0;
    for (std::uint32_t j = pr.first_volunteer[p]; j < pr.first_volunteer[p] + pr.volunteer_count[p];
         ++j) {
      if (!vol.active[j]) continue;
      ++active;
      vol.appreciation[j] = static_cast<float>(
          vol.appreciation[j] + (target - vol.appreciation[j]) * rates_.appreciation_step);
      vol.burden[j] = static_cast<float>(vol.burden[j] * rates_.burden_keep);
      if (knowledge_gain > 0.0)
        vol.knowledge[j] =
            static_cast<float>(vol.knowledge[j] + knowledge_gain * (1.0 - vol.knowledge[j]));
    }
    double per_volunteer = 0.0;
    for (std::uint32_t c = pr.first_coordinator[p];
         c < pr.first_coordinator[p] + pr.coordinator_count[p]; ++c)
      per_volunteer += co.guidance_hours[c];
    hours[p] = per_volunteer / std::max<std::uint32_t>(1, pr.coordinator_count[p]) * active;
    // What the options acting on this project's volunteers cost.
    for (const auto kind : {PolicyKind::cjg_knowledge_sharing, PolicyKind::guidance_time,
                            PolicyKind::skills_training})
      hours[p] += dose(kind, m) * policies_[kind].cost_hours * active;
  });
  for (const double h : hours) events_.professional_hours += h;
}

void Simulation::volunteers_quit_and_recruit() {
  auto& pr = field_.projects;
  auto& vol = field_.volunteers;
  const std::uint32_t week = field_.week;
  std::vector<std::uint32_t> quit(pr.size(), 0), recruited(pr.size(), 0);
  std::vector<double> hours(pr.size(), 0.0);
  const auto& support = policies_.recruitment_support;
  tbb::parallel_for(std::size_t{0}, pr.size(), [&](std::size_t p) {
    const double boost = dose(PolicyKind::recruitment_support, pr.municipality[p]);
    // Recruitment support fills vacant places faster and brings in new groups.
    const double fill = boost > 0.0
                            ? 1.0 - std::pow(1.0 - rates_.fill, 1.0 + boost * support.fill_speedup)
                            : rates_.fill;
    hours[p] = boost * support.cost_hours;
    bool new_groups = false;
    for (std::uint32_t j = pr.first_volunteer[p]; j < pr.first_volunteer[p] + pr.volunteer_count[p];
         ++j) {
      Stream s(field_.key, Purpose::volunteer_turnover, j, week);
      if (vol.active[j]) {
        const double x =
            rates_.quit_logit + rates_.quit_burden * vol.burden[j] -
            rates_.quit_appreciation * (vol.appreciation[j] - rates_.appreciation_mean);
        if (s.bernoulli(logistic(x))) {
          vol.active[j] = 0;
          vol.caseload[j] = 0;
          ++quit[p];
        } else {
          ++vol.tenure_weeks[j];
        }
      } else if (s.bernoulli(fill)) {
        // A newcomer takes the vacant place and its role (type, origin);
        // with recruitment support it may come from a new group instead.
        if (boost > 0.0) {
          Stream g(field_.key, Purpose::policy_recruitment, j, week);
          if (g.bernoulli(std::min(1.0, boost * support.new_group_share))) {
            vol.from_target[j] = 1;
            vol.migrant[j] =
                migrant_focus_[p] ? g.bernoulli(rates_.migrant_share_focus) : vol.migrant[j];
            new_groups = true;
          }
        }
        traits_.draw(s, vol, j, pr.home_start[p] != 0);
        vol.active[j] = 1;
        vol.tenure_weeks[j] = 0;
        ++recruited[p];
      }
    }
    if (new_groups) {
      double migrants = 0.0;
      for (std::uint32_t j = pr.first_volunteer[p];
           j < pr.first_volunteer[p] + pr.volunteer_count[p]; ++j)
        migrants += vol.migrant[j];
      migrant_volunteer_share_[p] = migrants / pr.volunteer_count[p];
    }
  });
  for (std::size_t p = 0; p < pr.size(); ++p) {
    events_.quit += quit[p];
    events_.recruited += recruited[p];
    events_.professional_hours += hours[p];
  }
}

void Simulation::ties_evolve() {
  auto& t = field_.ties;
  auto& pr = field_.projects;
  const auto& cuts = field_.cuts;
  const std::uint32_t week = field_.week;
  const double keep = rates_.tie_keep;
  const double fresh = std::sqrt(1.0 - keep * keep);
  const auto& outreach = policies_.cjg_outreach;
  const auto& written = policies_.written_agreements;
  const auto& consultation = policies_.consultation;
  tie_hours_.assign(t.size(), 0.0);
  // Staff turnover renews each latent state slowly (an AR(1) process whose
  // stationary law is the standard normal the field was calibrated with);
  // policy options shift the latent values where they act.
  tbb::parallel_for(std::size_t{0}, t.size(), [&](std::size_t j) {
    if (t.kind[j] == TieKind::org_vo) return;
    const std::size_t m = pr.municipality[t.from[j]];
    Stream s(field_.key, Purpose::tie_drift, static_cast<std::uint32_t>(j), week);
    if (t.kind[j] == TieKind::project_cjg) {
      const double reach = dose(PolicyKind::cjg_outreach, m);
      tie_hours_[j] += reach * outreach.cost_hours;
      t.contact_noise[j] = keep * t.contact_noise[j] + fresh * s.normal();
      t.awareness_noise[j] = keep * t.awareness_noise[j] + fresh * s.normal();
      t.contact[j] = static_cast<std::uint8_t>(
          latent_category(effects_.cjg_contact(t.cooperates[j]) + reach * outreach.contact_shift +
                              t.contact_noise[j],
                          cuts.cjg_contact));
      t.awareness[j] = static_cast<std::uint8_t>(
          latent_category(effects_.cjg_awareness(t.contact[j]) + reach * outreach.awareness_shift +
                              t.awareness_noise[j],
                          cuts.cjg_awareness));
      if (!t.cooperates[j]) return;
    }
    const bool vo = t.kind[j] == TieKind::project_vo;
    const double in_writing = dose(PolicyKind::written_agreements, m);
    const double consulting = vo ? 0.0 : dose(PolicyKind::consultation, m);
    tie_hours_[j] += in_writing * written.cost_hours + consulting * consultation.cost_hours;
    const auto& forms_item = vo ? items::project_vo_forms : items::project_chain_forms;
    const bool aligning = (t.forms[j] >> forms_item.index("task_division")) & 1u;
    t.division_noise[j] = keep * t.division_noise[j] + fresh * s.normal();
    t.grade_noise[j] = keep * t.grade_noise[j] + fresh * s.normal();
    t.division[j] = static_cast<std::uint8_t>(
        latent_category(effects_.tie_division(aligning) + in_writing * written.division_shift +
                            consulting * consultation.division_shift + t.division_noise[j],
                        vo ? cuts.vo_division : cuts.chain_division));
    t.grade[j] = static_cast<std::uint8_t>(
        1 + latent_category(effects_.tie_grade(t.division[j], __builtin_popcount(t.forms[j])) +
                                consulting * consultation.grade_shift + t.grade_noise[j],
                            vo ? cuts.vo_grade : cuts.chain_grade));
  });
  for (const double h : tie_hours_) events_.professional_hours += h;
  const auto& vol = field_.volunteers;
  const auto& co = field_.coordinators;
  const std::uint32_t boundaries = items::project_obstacles.bit("boundaries");
  const std::uint32_t under_bit = items::project_obstacles.bit("underestimated");
  const std::uint32_t over_bit = items::project_obstacles.bit("overestimated");
  tbb::parallel_for(std::size_t{0}, pr.size(), [&](std::size_t p) {
    Stream s(field_.key, Purpose::project_drift, static_cast<std::uint32_t>(p), week);
    double knowledge = 0.0;
    std::uint32_t active = 0;
    for (std::uint32_t j = pr.first_volunteer[p]; j < pr.first_volunteer[p] + pr.volunteer_count[p];
         ++j)
      if (vol.active[j]) {
        knowledge += vol.knowledge[j];
        ++active;
      }
    const double knowledge_z =
        active ? (knowledge / active - cuts.knowledge_mean) / cuts.knowledge_sd : 0.0;
    bool over = false;
    for (std::uint32_t c = pr.first_coordinator[p];
         c < pr.first_coordinator[p] + pr.coordinator_count[p]; ++c)
      over = over || co.judgement[c] == Judgement::overestimates;
    pr.division_noise[p] = keep * pr.division_noise[p] + fresh * s.normal();
    pr.boundaries_noise[p] = keep * pr.boundaries_noise[p] + fresh * s.normal();
    pr.grade_noise[p] = keep * pr.grade_noise[p] + fresh * s.normal();
    const int frequency = static_cast<int>(pr.internal_frequency[p]);
    const int division = latent_category(
        effects_.internal_division(frequency, pr.home_start[p]) +
            dose(PolicyKind::written_agreements, pr.municipality[p]) * written.division_shift +
            pr.division_noise[p],
        cuts.internal_division);
    pr.internal_division[p] = static_cast<Division>(division);
    const bool crossing =
        latent_category(effects_.boundaries(knowledge_z, division, over) + pr.boundaries_noise[p],
                        cuts.boundaries) > 0;
    pr.obstacles[p] = crossing ? (pr.obstacles[p] | boundaries) : (pr.obstacles[p] & ~boundaries);
    // Misjudgement is an obstacle through the coordinators themselves.
    bool under = false;
    for (std::uint32_t c = pr.first_coordinator[p];
         c < pr.first_coordinator[p] + pr.coordinator_count[p]; ++c)
      under = under || co.judgement[c] == Judgement::underestimates;
    pr.obstacles[p] = (pr.obstacles[p] & ~(under_bit | over_bit)) | (under ? under_bit : 0u) |
                      (over ? over_bit : 0u);
    const int obstacles = __builtin_popcount(pr.obstacles[p]);
    pr.internal_grade[p] = static_cast<std::uint8_t>(
        1 +
        latent_category(effects_.internal_grade(frequency, division, obstacles) + pr.grade_noise[p],
                        cuts.internal_grade));
  });
}

void Simulation::self_orgs_carry_load() {
  auto& f = field_.families;
  auto& vos = field_.vos;
  const auto& mun = field_.municipalities;
  const auto& partnership = policies_.selforg_partnership;
  std::vector<double> hours(mun.size(), 0.0);
  tbb::parallel_for(std::size_t{0}, mun.size(), [&](std::size_t m) {
    // Partnership: professionals' time and appreciation build the
    // self-organisations' trust; courses in the families' own language build
    // the trust in formal services of the families they help.
    const double invest = dose(PolicyKind::selforg_partnership, m);
    for (const auto o : selforgs_of_[m]) {
      vos.load[o] = 0.0f;
      if (invest > 0.0) {
        vos.trust[o] = static_cast<float>(
            vos.trust[o] + std::min(1.0, invest * partnership.trust_gain) * (1.0 - vos.trust[o]));
        hours[m] += invest * partnership.cost_hours;
      }
    }
    for (const std::uint32_t i : needy_[m]) {
      if (f.helper[i] != Helper::self_org) continue;
      vos.load[f.helper_id[i]] += 1.0f;
      if (invest > 0.0 && f.migrant[i])
        f.trust_formal[i] = static_cast<float>(
            f.trust_formal[i] +
            std::min(1.0, invest * partnership.family_trust_gain) * (1.0 - f.trust_formal[i]));
    }
  });
  for (const double h : hours) events_.professional_hours += h;
}

}  // namespace samen

// The weekly step, the preparation of the dynamic state and the indexes the
// phases share; the phases live in families.cpp, cjg.cpp, volunteers.cpp and
// cooperation.cpp.
#include "samen/dynamics/simulation.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "rates.hpp"
#include "samen/survey/items.hpp"

namespace samen {

using namespace dynamics;

WeekEvents& WeekEvents::operator+=(const WeekEvents& o) {
  referrals_by_volunteers += o.referrals_by_volunteers;
  referrals_stalled += o.referrals_stalled;
  referrals_by_selforgs += o.referrals_by_selforgs;
  referrals_by_orgs += o.referrals_by_orgs;
  referrals_by_cjg += o.referrals_by_cjg;
  boundary_crossings += o.boundary_crossings;
  recruited += o.recruited;
  quit += o.quit;
  serious_admitted += o.serious_admitted;
  serious_weeks_to_care += o.serious_weeks_to_care;
  episodes_started += o.episodes_started;
  families_reached += o.families_reached;
  sessions += o.sessions;
  visits += o.visits;
  professional_hours += o.professional_hours;
  cjg_policy_hours += o.cjg_policy_hours;
  cjg_care_capacity += o.cjg_care_capacity;
  return *this;
}

DynamicsRates DynamicsRates::from(const ModelParams& p) {
  DynamicsRates r{};
  r.resolve_light = per_week(p.need.light_weeks);
  r.resolve_serious = per_week(p.need.serious_weeks);
  r.escalate = per_week(p.need.escalation_weeks);
  // Onsets that keep the start's shares of light and serious needs stationary
  // when nobody is helped: inflow into each state equals its outflow.
  const double light = p.family.light_need_share;
  const double serious = p.family.serious_need_share;
  const double none = 1.0 - light - serious;  // > 0: a rule of ModelParams
  r.onset_light = light * (r.resolve_light + r.escalate) / none;
  r.onset_serious = std::max(0.0, serious * r.resolve_serious - light * r.escalate) / none;
  r.refer_logit = logit_or_sure(p.refer.base);
  r.crossing_logit = logit_or_sure(p.refer.boundary_chance);
  r.quit_logit = logit_or_sure(per_week(p.volunteer.quit_weeks));
  r.fill = per_week(p.volunteer.vacancy_fill_weeks);
  r.appreciation_step = per_week(p.volunteer.appreciation_weeks);
  r.burden_keep = 1.0 - per_week(p.volunteer.burden_weeks);
  r.coordinator_turnover = per_week(p.coordinator.turnover_weeks);
  // Either side of a tie can change staff.
  r.tie_turnover = 1.0 - std::pow(1.0 - per_week(p.ties.turnover_weeks), 2.0);
  r.staff_turnover = per_week(p.cjg.staff_turnover_weeks);
  r.written_lapse = per_week(p.division.written_lapse_weeks);
  r.awareness_fade = per_week(p.awareness.fade_weeks);
  r.cooperation_end = per_week(p.cjg.cooperation_weeks);
  r.org_vo_start = per_week(p.org.vo_start_weeks);
  r.org_vo_end = per_week(p.org.vo_cooperation_weeks);
  r.rate_keep = std::exp(-1.0 / p.meet.rate_memory_weeks);
  return r;
}

Simulation::Simulation(Field field, const ModelParams& params)
    : field_(std::move(field)),
      params_(params),
      rates_(DynamicsRates::from(params)),
      effects_(LatentEffects::from(params)),
      traits_(VolunteerTraitModel::from(params)),
      ledger_(field_.municipalities.size(), params.outcome.reach_window_weeks) {
  for (auto& a : adopted_) a.assign(field_.municipalities.size(), 0);
  prepare_dynamic_state();
  build_indexes();
  schedule_first_waits();
  family_tally_ = count_families();
}

namespace {

// Splits flat lists back into one list per municipality (see SimulationState).
template <class T>
void unflatten(const std::vector<std::uint64_t>& offsets, const std::vector<T>& values,
               std::size_t lists, const char* what, std::vector<std::vector<T>>& out) {
  if (offsets.size() != lists + 1 || offsets.front() != 0 || offsets.back() != values.size())
    throw std::invalid_argument(std::string("the state's ") + what + " do not fit the field (" +
                                std::to_string(offsets.size()) + " offsets for " +
                                std::to_string(lists) + " lists)");
  out.assign(lists, {});
  for (std::size_t k = 0; k < lists; ++k) {
    if (offsets[k] > offsets[k + 1])
      throw std::invalid_argument(std::string("the state's ") + what + " offsets decrease");
    out[k].assign(values.begin() + static_cast<std::ptrdiff_t>(offsets[k]),
                  values.begin() + static_cast<std::ptrdiff_t>(offsets[k + 1]));
  }
}

template <class T>
void flatten(const std::vector<std::vector<T>>& lists, std::vector<std::uint64_t>& offsets,
             std::vector<T>& values) {
  offsets.assign(1, 0);
  for (const auto& list : lists) {
    values.insert(values.end(), list.begin(), list.end());
    offsets.push_back(values.size());
  }
}

template <class T>
void require_size(const std::vector<T>& v, std::size_t n, const char* what) {
  if (v.size() != n)
    throw std::invalid_argument(std::string("the state's ") + what + " has " +
                                std::to_string(v.size()) + " entries, the field needs " +
                                std::to_string(n));
}

constexpr std::size_t kEventCounts = 14, kEventHours = 3;
// A new member of WeekEvents must be saved by state() and restored too.
static_assert(sizeof(WeekEvents) ==
                  kEventCounts * sizeof(std::uint64_t) + kEventHours * sizeof(double),
              "WeekEvents changed: update Simulation::state() and its restoring constructor");

}  // namespace

Simulation::Simulation(Field field, const ModelParams& params, const SimulationState& state)
    : field_(std::move(field)),
      params_(params),
      rates_(DynamicsRates::from(params)),
      effects_(LatentEffects::from(params)),
      traits_(VolunteerTraitModel::from(params)),
      ledger_(field_.municipalities.size(), params.outcome.reach_window_weeks) {
  if (!field_.dynamics_prepared)
    throw std::invalid_argument("a simulation continues only from a prepared field");
  for (auto& a : adopted_) a.assign(field_.municipalities.size(), 0);
  build_indexes();
  const std::size_t nm = field_.municipalities.size();
  ledger_.restore(state.ledger);
  require_size(state.closed, EpisodeTally::kWords, "closed episodes");
  closed_ = EpisodeTally::from_words(state.closed.data());
  require_size(state.event_counts, kEventCounts, "event counts");
  require_size(state.event_hours, kEventHours, "event hours");
  auto& e = events_;
  std::uint64_t* counts[kEventCounts] = {&e.referrals_by_volunteers,
                                         &e.referrals_stalled,
                                         &e.referrals_by_selforgs,
                                         &e.referrals_by_orgs,
                                         &e.referrals_by_cjg,
                                         &e.boundary_crossings,
                                         &e.recruited,
                                         &e.quit,
                                         &e.serious_admitted,
                                         &e.serious_weeks_to_care,
                                         &e.episodes_started,
                                         &e.families_reached,
                                         &e.sessions,
                                         &e.visits};
  for (std::size_t k = 0; k < kEventCounts; ++k) *counts[k] = state.event_counts[k];
  e.professional_hours = state.event_hours[0];
  e.cjg_policy_hours = state.event_hours[1];
  e.cjg_care_capacity = state.event_hours[2];
  unflatten(state.needy_offsets, state.needy, nm, "families in need", needy_);
  // Phase 1 starts from these lists, so they must be exactly the field's
  // families in need, in index order.
  const auto saved = needy_;
  list_families_in_need();
  for (std::size_t m = 0; m < nm; ++m)
    if (saved[m] != needy_[m])
      throw std::invalid_argument("the list of families in need of municipality " +
                                  std::to_string(m) +
                                  " differs from the families in need in the field");
  unflatten(state.queue_offsets, state.queue, nm, "waiting lists", queue_);
  for (const auto& list : {std::cref(state.needy), std::cref(state.queue)})
    for (const std::uint32_t i : list.get())
      if (i >= field_.families.size())
        throw std::invalid_argument("the state names family " + std::to_string(i) +
                                    ", the field has " + std::to_string(field_.families.size()));
  require_size(state.positive_contacts, nm, "positive contacts");
  require_size(state.openness, nm, "openness");
  require_size(state.unfunded_hours, nm, "unfunded hours");
  require_size(state.migrant_volunteer_share, field_.projects.size(), "migrant volunteer shares");
  positive_contacts_ = state.positive_contacts;
  openness_ = state.openness;
  unfunded_hours_ = state.unfunded_hours;
  migrant_volunteer_share_ = state.migrant_volunteer_share;
  family_tally_ = count_families();
}

FamilyTally Simulation::count_families() const {
  FamilyTally t;
  for (const auto& list : needy_)
    for (const std::uint32_t i : list) t.count(field_.families, i);
  return t;
}

SimulationState Simulation::state() const {
  SimulationState s;
  s.ledger = ledger_.words();
  s.closed.resize(EpisodeTally::kWords);
  closed_.to_words(s.closed.data());
  const auto& e = events_;
  s.event_counts = {e.referrals_by_volunteers,
                    e.referrals_stalled,
                    e.referrals_by_selforgs,
                    e.referrals_by_orgs,
                    e.referrals_by_cjg,
                    e.boundary_crossings,
                    e.recruited,
                    e.quit,
                    e.serious_admitted,
                    e.serious_weeks_to_care,
                    e.episodes_started,
                    e.families_reached,
                    e.sessions,
                    e.visits};
  s.event_hours = {e.professional_hours, e.cjg_policy_hours, e.cjg_care_capacity};
  flatten(needy_, s.needy_offsets, s.needy);
  flatten(queue_, s.queue_offsets, s.queue);
  s.positive_contacts = positive_contacts_;
  s.openness = openness_;
  s.unfunded_hours = unfunded_hours_;
  s.migrant_volunteer_share = migrant_volunteer_share_;
  return s;
}

void Simulation::prepare_dynamic_state() {
  if (field_.dynamics_prepared) return;  // e.g. a field restored from a checkpoint
  field_.dynamics_prepared = true;
  auto& f = field_.families;
  const std::size_t n = f.size();
  const std::uint32_t week = field_.week;
  // Episodes under way at the start began at an unknown week: they are never counted.
  f.episode_start.assign(n, kNoEpisode);
  f.first_help.assign(n, kNever);
  f.first_care.assign(n, kNever);
  auto& pr = field_.projects;
  const std::uint32_t boundaries = items::project_obstacles.bit("boundaries");
  pr.last_crossing.resize(pr.size());
  for (std::size_t p = 0; p < pr.size(); ++p)
    pr.last_crossing[p] = (pr.obstacles[p] & boundaries) ? week : kNever;
  auto& t = field_.ties;
  prepare_org_vo_cooperation();
  {
    const double threshold = params_.meet.regular_threshold;
    t.meeting_rate.resize(t.size());
    t.last_meeting.resize(t.size());
    t.events.assign(t.size(), 0);
    t.experience.resize(t.size());
    for (std::size_t j = 0; j < t.size(); ++j) {
      // A history that gives the tie the contact it reported at week 0.
      t.meeting_rate[j] = static_cast<float>(t.contact[j] >= 2   ? kRegularHistory * threshold
                                             : t.contact[j] == 1 ? kOccasionalHistory * threshold
                                                                 : 0.0);
      t.last_meeting[j] = t.contact[j] > 0 ? week : kNever;
      // Experience as the tie's division lets one expect.
      t.experience[j] =
          static_cast<float>(2.0 * referral_success(static_cast<std::uint32_t>(j)) - 1.0);
    }
  }
}

void Simulation::prepare_org_vo_cooperation() {
  auto& orgs = field_.orgs;
  auto& t = field_.ties;
  const auto& mun = field_.municipalities;
  orgs.vo_cooperates.assign(orgs.size(), 0);
  std::vector<std::vector<std::uint32_t>> ties_of(orgs.size());
  for (std::uint32_t j = 0; j < t.size(); ++j)
    if (t.kind[j] == TieKind::org_vo) {
      orgs.vo_cooperates[t.from[j]] = 1;
      ties_of[t.from[j]].push_back(j);
    }
  // Answers about a cooperation that does not exist yet (or any more) are
  // imputed from a random organisation of the same type that has one (or has
  // none): a future cooperation looks like the present ones. Organisations
  // without one get dormant ties to volunteer organisations of the donor's
  // kinds in their own municipality, brought to life when cooperation starts.
  std::array<std::vector<std::uint32_t>, kOrgTypeCount> with, without;
  for (std::uint32_t o = 0; o < orgs.size(); ++o)
    if (works_with_vos(orgs.type[o]))
      (orgs.vo_cooperates[o] ? with : without)[static_cast<std::size_t>(orgs.type[o])].push_back(o);
  for (std::uint32_t o = 0; o < orgs.size(); ++o) {
    if (!works_with_vos(orgs.type[o])) continue;
    const auto type = static_cast<std::size_t>(orgs.type[o]);
    Stream s(field_.key, Purpose::org_vo_cooperation, o, 0, kImputationStream);
    if (orgs.vo_cooperates[o]) {
      if (!without[type].empty())
        orgs.vo_why_not[o] =
            orgs.vo_why_not[without[type]
                                   [s.below(static_cast<std::uint32_t>(without[type].size()))]];
      continue;
    }
    if (with[type].empty()) continue;
    const std::uint32_t donor = with[type][s.below(static_cast<std::uint32_t>(with[type].size()))];
    orgs.vo_value[o] = orgs.vo_value[donor];
    orgs.vo_frequency[o] = orgs.vo_frequency[donor];
    const std::uint32_t m = orgs.municipality[o];
    for (const std::uint32_t d : ties_of[donor]) {
      std::vector<std::uint32_t> candidates;
      for (std::uint32_t v = mun.first_vo[m]; v < mun.first_vo[m] + mun.vo_count[m]; ++v)
        if (field_.vos.kind[v] == t.partner_kind[d]) candidates.push_back(v);
      if (candidates.empty()) continue;
      const std::uint32_t partner =
          candidates[s.below(static_cast<std::uint32_t>(candidates.size()))];
      const std::uint32_t j = t.add(TieKind::org_vo, o, partner, t.partner_kind[d]);
      t.cooperates[j] = 0;
      t.is_main[j] = t.is_main[d];
      t.forms[j] = t.forms[d];
      t.grade[j] = t.grade[d];
      t.contact[j] = t.contact[d];
      if (t.is_main[j]) orgs.vo_main_tie[o] = j;
    }
  }
}

void Simulation::build_indexes() {
  const auto& mun = field_.municipalities;
  const auto& pr = field_.projects;
  const auto& orgs = field_.orgs;
  const auto& t = field_.ties;
  const std::size_t nm = mun.size();
  projects_of_.assign(nm, {});
  selforgs_of_.assign(nm, {});
  clinics_of_.assign(nm, {});
  schools_of_.assign(nm, {});
  vo_orgs_of_.assign(nm, {});
  staff_of_.assign(nm, {});
  queue_.resize(nm);
  needy_.assign(nm, {});
  onsets_.assign(nm, {});
  merge_scratch_.assign(nm, {});
  for (std::uint32_t p = 0; p < pr.size(); ++p) projects_of_[pr.municipality[p]].push_back(p);
  // Phase 1 visits each municipality's families as one range of indexes.
  for (std::size_t m = 0; m < nm; ++m)
    for (std::uint32_t i = mun.first_family[m]; i < mun.first_family[m] + mun.family_count[m]; ++i)
      if (field_.families.municipality[i] != m)
        throw std::invalid_argument("family " + std::to_string(i) +
                                    " lies outside its municipality's range");
  for (std::uint32_t o = 0; o < field_.vos.size(); ++o)
    if (field_.vos.kind[o] == static_cast<std::uint8_t>(VoKind::migrant_selforg))
      selforgs_of_[field_.vos.municipality[o]].push_back(o);
  for (std::uint32_t o = 0; o < orgs.size(); ++o) {
    const std::uint32_t m = orgs.municipality[o];
    if (orgs.type[o] == OrgType::cb) clinics_of_[m].push_back(o);
    if (orgs.type[o] == OrgType::education) schools_of_[m].push_back(o);
    if (works_with_vos(orgs.type[o])) vo_orgs_of_[m].push_back(o);
  }
  for (std::uint32_t s = 0; s < field_.cjg_staff.size(); ++s)
    staff_of_[orgs.municipality[field_.cjg_staff.cjg[s]]].push_back(s);
  project_ties_.assign(pr.size(), {});
  org_ties_.assign(orgs.size(), {});
  for (std::uint32_t j = 0; j < t.size(); ++j)
    (t.kind[j] == TieKind::org_vo ? org_ties_ : project_ties_)[t.from[j]].push_back(j);

  migrant_volunteer_share_.assign(pr.size(), 0.0);
  migrant_focus_.assign(pr.size(), 0);
  const auto& tg = items::project_targets;
  for (std::size_t p = 0; p < pr.size(); ++p) {
    double migrants = 0.0;
    for (std::uint32_t j = pr.first_volunteer[p]; j < pr.first_volunteer[p] + pr.volunteer_count[p];
         ++j)
      migrants += field_.volunteers.migrant[j];
    migrant_volunteer_share_[p] = pr.volunteer_count[p] ? migrants / pr.volunteer_count[p] : 0.0;
    migrant_focus_[p] = pr.host_type[p] == HostType::migrant_selforg ||
                        ((pr.targets[p] >> tg.index("new_dutch")) & 1u);
  }
  // Families turn to projects that serve their children's age and, for
  // migrant families, to projects of or for migrants.
  project_fit_.assign(nm, {});
  for (std::size_t m = 0; m < nm; ++m)
    for (int a = 0; a < 3; ++a)
      for (int migrant = 0; migrant < 2; ++migrant) {
        auto& cumulative = project_fit_[m][static_cast<std::size_t>(a * 2 + migrant)];
        double sum = 0.0;
        for (const std::uint32_t p : projects_of_[m]) {
          double w =
              serves_age(pr.targets[p], static_cast<ChildAge>(a)) ? params_.seek.age_match : 1.0;
          if (migrant && migrant_focus_[p]) w *= params_.seek.migrant_match;
          sum += w;
          cumulative.push_back(sum);
        }
      }

  // The CJG: its staff's hours for families in care, and their openness.
  case_hours_.assign(nm, 0.0);
  openness_.assign(nm, 0.0);
  unfunded_hours_.assign(nm, 0.0);
  positive_contacts_.assign(nm, 0);
  for (std::size_t m = 0; m < nm; ++m) {
    double open = 0.0;
    for (const std::uint32_t s : staff_of_[m]) {
      case_hours_[m] += field_.cjg_staff.hours[s] * params_.cjg.case_share;
      open += field_.cjg_staff.openness[s];
    }
    openness_[m] = staff_of_[m].empty() ? 0.0 : open / static_cast<double>(staff_of_[m].size());
  }
}

void Simulation::schedule_first_waits() {
  // Families without a need wait for their onset; the others are in need.
  auto& fam = field_.families;
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, fam.size(), kFamilyGrain),
                    [&](const auto& r) {
                      for (std::size_t i = r.begin(); i != r.end(); ++i) {
                        const auto id = static_cast<std::uint32_t>(i);
                        if (fam.need[i] == Need::none)
                          fam.next_onset[i] = draw_onset_week(id);
                        else if (fam.helper[i] == Helper::nobody)
                          fam.next_seek[i] = draw_seek_week(id);
                      }
                    });
  list_families_in_need();
}

void Simulation::list_families_in_need() {
  const auto& fam = field_.families;
  for (auto& list : needy_) list.clear();
  // In index order, as phase 1 keeps them.
  for (std::uint32_t i = 0; i < fam.size(); ++i)
    if (fam.need[i] != Need::none) needy_[fam.municipality[i]].push_back(i);
}

std::uint32_t Simulation::draw_onset_week(std::uint32_t family) const {
  // Geometric waiting time, so families without a need cost nothing each week.
  Stream s(field_.key, Purpose::family_onset, family, field_.week);
  return later(field_.week, s.geometric_wait(rates_.onset_light + rates_.onset_serious));
}

double Simulation::seek_chance(std::uint32_t i) const {
  const auto& f = field_.families;
  return 1.0 - (1.0 - params_.seek.formal_rate * f.trust_formal[i]) *
                   (1.0 - params_.seek.informal_rate * f.informal_network[i]);
}

std::uint32_t Simulation::draw_seek_week(std::uint32_t family) const {
  // The weekly chance is constant while a family is in need and unhelped, so
  // the wait until it next seeks help is geometric: drawn once, not weekly.
  Stream s(field_.key, Purpose::family_seek_schedule, family, field_.week);
  return later(field_.week, s.geometric_wait(seek_chance(family)));
}

void Simulation::set_policies(const PolicyParams& policies, std::uint32_t week0) {
  policies_ = policies;
  policy_week0_ = week0;
  for (const PolicyKind kind : kPolicyKinds) {
    // Options with the same adoption key draw the same numbers, so a smaller
    // coverage adopts a subset of a larger one's municipalities.
    const std::uint32_t sub = adoption_stream(policies[kind].adoption);
    for (std::uint32_t m = 0; m < field_.municipalities.size(); ++m) {
      const double u = Stream(field_.key, Purpose::policy_adoption, m, 0, sub).uniform();
      adopted_[static_cast<std::size_t>(kind)][m] = u < policies[kind].coverage;
    }
  }
}

bool Simulation::acting(PolicyKind kind, std::size_t m) const {
  if (field_.week <= policy_week0_ || !adopted_[static_cast<std::size_t>(kind)][m]) return false;
  return policies_[kind].acts(field_.week - policy_week0_ - 1);
}

const std::array<const char*, Simulation::kPhaseCount>& Simulation::phase_names() {
  static const std::array<const char*, kPhaseCount> names = {
      "needs arise and resolve", "families seek help",    "schools and clinics signal",
      "support and referral",    "CJG policy activities", "CJG waiting lists",
      "coordinators guide",      "quit and recruit",      "ties evolve",
      "cooperation inside",      "regular orgs and VOs",  "self-organisations' load"};
  return names;
}

void Simulation::step() {
  using Clock = std::chrono::steady_clock;
  ++field_.week;
  events_ = WeekEvents{};
  // A clock read per phase (a few dozen nanoseconds) tells `samen bench`
  // where a week's time goes.
  auto last = Clock::now();
  std::size_t phase = 0;
  const auto lap = [&] {
    const auto now = Clock::now();
    phase_seconds_[phase++] += std::chrono::duration<double>(now - last).count();
    last = now;
  };
  run_municipalities();
  last = Clock::now();
  phase = kMunicipalityPhases;
  coordinators_guide();
  lap();
  volunteers_quit_and_recruit();
  lap();
  ties_evolve();
  lap();
  projects_cooperate_inside();
  lap();
  regular_orgs_cooperate_with_vos();
  lap();
  self_orgs_carry_load();
  lap();
}

void Simulation::run_municipalities() {
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  const std::size_t count = field_.municipalities.size();
  for (auto& events : municipal_events_) events.assign(count, WeekEvents{});
  tallies_.resize(count);
  std::vector<std::array<double, kMunicipalityPhases>> busy(count);
  // A municipality is a closed unit for phases 1-6 (docs/model.md, section
  // 1.3), so one task runs them all for it while its families are in cache.
  using Phase = void (Simulation::*)(std::size_t, WeekEvents&);
  static constexpr std::array<Phase, kMunicipalityPhases> phases = {
      &Simulation::needs_arise_and_resolve,    &Simulation::families_seek_help,
      &Simulation::schools_and_clinics_signal, &Simulation::volunteers_support_and_refer,
      &Simulation::cjgs_run_policy_activities, &Simulation::cjgs_work_waiting_lists};
  tbb::parallel_for(std::size_t{0}, count, [&](std::size_t m) {
    auto last = Clock::now();
    for (std::size_t k = 0; k < kMunicipalityPhases; ++k) {
      (this->*phases[k])(m, municipal_events_[k][m]);
      const auto now = Clock::now();
      busy[m][k] = std::chrono::duration<double>(now - last).count();
      last = now;
    }
  });
  closed_ = ledger_.take(field_.week);
  // Phase by phase and municipality by municipality, as when each phase was a
  // loop of its own: the hours are doubles, whose sum depends on the order.
  for (const auto& events : municipal_events_)
    for (const auto& e : events) events_ += e;
  family_tally_ = FamilyTally{};
  for (const auto& part : tallies_)
    family_tally_ += part;  // integer counts: any order gives the same
  std::array<double, kMunicipalityPhases> phase_busy{};
  double all_busy = 0.0;
  for (const auto& b : busy)
    for (std::size_t k = 0; k < kMunicipalityPhases; ++k) {
      phase_busy[k] += b[k];
      all_busy += b[k];
    }
  const double wall = std::chrono::duration<double>(Clock::now() - start).count();
  for (std::size_t k = 0; k < kMunicipalityPhases; ++k)
    phase_seconds_[k] += all_busy > 0.0 ? wall * phase_busy[k] / all_busy : 0.0;
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

std::uint32_t Simulation::choose_project(std::size_t m, std::uint32_t i, double u) const {
  const auto& f = field_.families;
  const auto& cumulative =
      project_fit_[m]
                  [static_cast<std::size_t>(static_cast<int>(f.child_age[i]) * 2 + f.migrant[i])];
  const double target = u * cumulative.back();
  const auto k = static_cast<std::size_t>(
      std::upper_bound(cumulative.begin(), cumulative.end(), target) - cumulative.begin());
  return projects_of_[m][std::min(k, cumulative.size() - 1)];
}

bool Simulation::take_on(std::uint32_t p, std::uint32_t i, Stream& s, WeekEvents& local) {
  auto& vol = field_.volunteers;
  auto& f = field_.families;
  const auto& pr = field_.projects;
  const std::uint32_t count = pr.volunteer_count[p];
  if (count == 0) return false;
  // The first volunteer with room, starting at a random place in the project.
  const std::uint32_t start = s.below(count);
  for (std::uint32_t k = 0; k < count; ++k) {
    const std::uint32_t j = pr.first_volunteer[p] + (start + k) % count;
    if (!vol.active[j] || vol.caseload[j] >= vol.capacity[j]) continue;
    ++vol.caseload[j];
    f.helper[i] = Helper::volunteer;
    f.helper_id[i] = j;
    note_help(i, false, local);
    return true;
  }
  return false;
}

void Simulation::note_help(std::uint32_t i, bool care, WeekEvents& local) {
  auto& f = field_.families;
  if (f.episode_start[i] == kNoEpisode) return;  // begun before week 0: not followed
  if (f.first_help[i] == kNever) {
    f.first_help[i] = field_.week;
    ++local.families_reached;
  }
  if (care && f.first_care[i] == kNever) f.first_care[i] = field_.week;
}

double Simulation::referral_success(std::uint32_t tie) const {
  if (tie == kNone) return params_.refer.success_unclear;
  return field_.ties.division[tie] > 0 ? params_.refer.success_clear
                                       : params_.refer.success_unclear;
}

void Simulation::note_referral(std::uint32_t tie, bool landed) {
  auto& x = field_.ties.experience[tie];
  x = static_cast<float>(x + params_.ties.experience_weight * ((landed ? 1.0 : -1.0) - x));
}

}  // namespace samen

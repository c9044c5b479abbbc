// The phases of projects' people: coordinators guide (and are replaced),
// volunteers are trained, quit, and vacant places are filled.
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>

#include "rates.hpp"
#include "samen/dynamics/simulation.hpp"

namespace samen {

using namespace dynamics;

void Simulation::coordinators_guide() {
  auto& pr = field_.projects;
  auto& co = field_.coordinators;
  auto& vol = field_.volunteers;
  const std::uint32_t week = field_.week;
  const auto& cp = params_.coordinator;
  const auto& vp = params_.volunteer;
  const auto& guidance_policy = policies_.guidance_time;
  const auto& training = policies_.skills_training;
  std::vector<double> hours(pr.size(), 0.0);
  tbb::parallel_for(std::size_t{0}, pr.size(), [&](std::size_t p) {
    const std::size_t m = pr.municipality[p];
    // More guidance time acts like a coordinator with that much more time.
    const double extra = dose(PolicyKind::guidance_time, m) * guidance_policy.guidance_increase;
    const double spread = cp.guidance_spread;
    const double shift = extra > 0.0 && spread > 0.0 ? std::log(1.0 + extra) / spread : 0.0;
    double guidance = 0.0, hours_per_volunteer = 0.0;
    bool under = false;
    for (std::uint32_t c = pr.first_coordinator[p];
         c < pr.first_coordinator[p] + pr.coordinator_count[p]; ++c) {
      const double z =
          spread > 0.0 ? std::log(co.guidance_hours[c] / cp.guidance_hours) / spread + shift : 0.0;
      Stream s(field_.key, Purpose::coordinator_judgement, c, week);
      if (s.bernoulli(rates_.coordinator_turnover)) {
        // A new coordinator: a judgement as likely to be off as at the start
        // for this much guidance time, oral agreements to make anew, and a
        // new feel of the cooperation.
        const double eta = -cp.misjudgement_guidance * z;
        co.judgement[c] = s.normal() < field_.cuts.judge_under + eta  ? Judgement::underestimates
                          : s.normal() < field_.cuts.judge_over + eta ? Judgement::overestimates
                                                                      : Judgement::accurate;
        if (pr.internal_division[p] == Division::oral) pr.internal_division[p] = Division::none;
        pr.grade_noise[p] = s.normal();
      }
      under = under || co.judgement[c] == Judgement::underestimates;
      guidance += z;
      hours_per_volunteer += co.guidance_hours[c];
    }
    const double coordinators = std::max<std::uint32_t>(1, pr.coordinator_count[p]);
    guidance /= coordinators;
    hours_per_volunteer /= coordinators;
    const double target = std::clamp(vp.appreciation_mean + vp.appreciation_guidance * guidance -
                                         (under ? vp.appreciation_underestimation : 0.0),
                                     0.0, 1.0);
    const double train = dose(PolicyKind::skills_training, m);
    std::uint32_t active = 0;
    double training_hours = 0.0;
    for (std::uint32_t j = pr.first_volunteer[p]; j < pr.first_volunteer[p] + pr.volunteer_count[p];
         ++j) {
      if (!vol.active[j]) continue;
      ++active;
      vol.appreciation[j] = static_cast<float>(
          vol.appreciation[j] + (target - vol.appreciation[j]) * rates_.appreciation_step);
      vol.burden[j] = static_cast<float>(vol.burden[j] * rates_.burden_keep);
      if (train <= 0.0) continue;
      // Training days, each closing part of the gaps in skills and knowledge.
      Stream s(field_.key, Purpose::policy_activity, j, week, kTrainingStream);
      const std::uint32_t days = s.poisson(train * training.days_per_year / kWeeksPerYear);
      for (std::uint32_t d = 0; d < days; ++d) {
        training_hours += training.trainer_hours;
        vol.skills[j] =
            static_cast<float>(vol.skills[j] + training.skills_gain * (1.0 - vol.skills[j]));
        vol.knowledge[j] = static_cast<float>(vol.knowledge[j] +
                                              training.knowledge_gain * (1.0 - vol.knowledge[j]));
      }
    }
    hours[p] = hours_per_volunteer * (1.0 + extra) * active + training_hours;
  });
  for (const double h : hours) events_.professional_hours += h;
}

void Simulation::volunteers_quit_and_recruit() {
  auto& pr = field_.projects;
  auto& vol = field_.volunteers;
  const std::uint32_t week = field_.week;
  const auto& vp = params_.volunteer;
  const auto& support = policies_.recruitment_support;
  std::vector<WeekEvents> local(pr.size());
  tbb::parallel_for(std::size_t{0}, pr.size(), [&](std::size_t p) {
    const double boost = dose(PolicyKind::recruitment_support, pr.municipality[p]);
    // Recruitment support fills vacant places faster and brings in new groups.
    const double fill = boost > 0.0
                            ? 1.0 - std::pow(1.0 - rates_.fill, 1.0 + boost * support.fill_speedup)
                            : rates_.fill;
    local[p].professional_hours = boost * support.hours_per_project;
    // Unclear tasks inside the project drive volunteers away.
    const double unclear = pr.internal_division[p] == Division::none ? vp.quit_unclear : 0.0;
    bool new_groups = false;
    for (std::uint32_t j = pr.first_volunteer[p]; j < pr.first_volunteer[p] + pr.volunteer_count[p];
         ++j) {
      Stream s(field_.key, Purpose::volunteer_turnover, j, week);
      if (vol.active[j]) {
        const double x = rates_.quit_logit + vp.quit_burden * vol.burden[j] -
                         vp.quit_appreciation * (vol.appreciation[j] - vp.appreciation_mean) +
                         unclear +
                         (vol.tenure_weeks[j] < vp.newcomer_weeks ? vp.quit_newcomer : 0.0);
        if (s.bernoulli(logistic(x))) {
          vol.active[j] = 0;
          vol.caseload[j] = 0;
          ++local[p].quit;
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
                migrant_focus_[p] ? g.bernoulli(vp.migrant_share_focus) : vol.migrant[j];
            new_groups = true;
          }
        }
        traits_.draw(s, vol, j, pr.home_start[p] != 0);
        vol.active[j] = 1;
        vol.tenure_weeks[j] = 0;
        ++local[p].recruited;
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
  for (const auto& e : local) events_ += e;
}

}  // namespace samen

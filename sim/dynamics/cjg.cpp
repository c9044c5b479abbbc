// The CJG's week: its staff's policy activities (knowledge-sharing sessions,
// outreach visits, consultation moments, partnership with self-organisations,
// and the partners' written agreements), then its waiting list within the
// hours left for care, its referrals to volunteers and its staff's openness.
#include <algorithm>
#include <cmath>

#include "rates.hpp"
#include "samen/dynamics/simulation.hpp"

namespace samen {

using namespace dynamics;

void Simulation::cjgs_run_policy_activities(std::size_t m, WeekEvents& e) {
  auto& pr = field_.projects;
  auto& vol = field_.volunteers;
  auto& t = field_.ties;
  auto& vos = field_.vos;
  const std::uint32_t week = field_.week;
  const auto& sharing = policies_.cjg_knowledge_sharing;
  const auto& outreach = policies_.cjg_outreach;
  const auto& consultation = policies_.consultation;
  const auto& written = policies_.written_agreements;
  const auto& partnership = policies_.selforg_partnership;
  double unfunded = 0.0;
  // Hours of the CJG's staff: taken from care unless the option funds them.
  const auto cjg_hours = [&](double hours, bool funded) {
    e.cjg_policy_hours += hours;
    e.professional_hours += hours;
    if (!funded) unfunded += hours;
  };
  const double share = dose(PolicyKind::cjg_knowledge_sharing, m);
  const double visit = dose(PolicyKind::cjg_outreach, m);
  const double consult = dose(PolicyKind::consultation, m);
  const double write = dose(PolicyKind::written_agreements, m);
  // Closed CJGs hold fewer of the sessions and visits they plan.
  const double open = openness_[m];
  for (const std::uint32_t p : projects_of_[m]) {
    Stream s(field_.key, Purpose::policy_activity, p, week);
    const std::uint32_t cjg_tie = pr.cjg_tie[p];
    if (share > 0.0) {
      const std::uint32_t planned = s.poisson(share * sharing.sessions_per_year / kWeeksPerYear);
      for (std::uint32_t k = 0; k < planned; ++k) {
        if (!s.bernoulli(open)) continue;
        ++e.sessions;
        cjg_hours(sharing.session_hours, sharing.funded);
        note_meeting(cjg_tie);
        ++positive_contacts_[m];
        for (std::uint32_t j = pr.first_volunteer[p];
             j < pr.first_volunteer[p] + pr.volunteer_count[p]; ++j)
          if (vol.active[j] && s.bernoulli(sharing.attendance))
            vol.knowledge[j] = static_cast<float>(vol.knowledge[j] + sharing.knowledge_gain *
                                                                         (1.0 - vol.knowledge[j]));
      }
    }
    if (visit > 0.0) {
      const std::uint32_t planned = s.poisson(visit * outreach.visits_per_year / kWeeksPerYear);
      for (std::uint32_t k = 0; k < planned; ++k) {
        if (!s.bernoulli(open)) continue;
        ++e.visits;
        cjg_hours(outreach.visit_hours, outreach.funded);
        note_meeting(cjg_tie);
        if (s.bernoulli(outreach.inform_chance) && t.awareness[cjg_tie] < kWellInformed)
          ++t.awareness[cjg_tie];
      }
    }
    for (const std::uint32_t j : project_ties_[p]) {
      if (!t.cooperates[j]) continue;
      const bool institution =
          t.kind[j] == TieKind::project_institution || t.kind[j] == TieKind::project_cjg;
      if (consult > 0.0 && institution) {
        const std::uint32_t moments =
            s.poisson(consult * consultation.moments_per_year / kWeeksPerYear);
        for (std::uint32_t k = 0; k < moments; ++k) {
          note_meeting(j);
          if (t.kind[j] == TieKind::project_cjg)
            cjg_hours(consultation.moment_hours, consultation.funded);
          else
            e.professional_hours += consultation.moment_hours;
          if (t.division[j] == 0 && s.bernoulli(consultation.agree_chance))
            t.division[j] = static_cast<std::uint8_t>(Division::oral);
          else if (t.division[j] == 1 && s.bernoulli(consultation.write_chance))
            t.division[j] = static_cast<std::uint8_t>(Division::written);
        }
      }
      if (write > 0.0) {
        const std::uint32_t attempts =
            s.poisson(write * written.agreements_per_year / kWeeksPerYear);
        for (std::uint32_t k = 0; k < attempts; ++k) {
          e.professional_hours += written.agreement_hours;
          if (s.bernoulli(written.success))
            t.division[j] = static_cast<std::uint8_t>(Division::written);
        }
      }
    }
    if (write > 0.0) {  // the division between the project's professionals and volunteers
      const std::uint32_t attempts = s.poisson(write * written.agreements_per_year / kWeeksPerYear);
      for (std::uint32_t k = 0; k < attempts; ++k) {
        e.professional_hours += written.agreement_hours;
        if (s.bernoulli(written.success)) pr.internal_division[p] = Division::written;
      }
    }
  }
  // Partnership: professionals' time and appreciation build the
  // self-organisations' trust (their families' trust grows in phase 11).
  const double invest = dose(PolicyKind::selforg_partnership, m);
  if (invest > 0.0)
    for (const auto o : selforgs_of_[m]) {
      cjg_hours(invest * partnership.hours_per_selforg, partnership.funded);
      vos.trust[o] = static_cast<float>(
          vos.trust[o] + std::min(1.0, invest * partnership.trust_gain) * (1.0 - vos.trust[o]));
    }
  unfunded_hours_[m] = unfunded;
}

void Simulation::cjgs_work_waiting_lists(std::size_t m, WeekEvents& e) {
  auto& f = field_.families;
  auto& staff = field_.cjg_staff;
  const auto& pr = field_.projects;
  const auto& t = field_.ties;
  const std::uint32_t week = field_.week;
  const auto& cjg = params_.cjg;
  // Families in care at once: what the staff's hours for care allow, less
  // the hours this week's unfunded options took.
  const double hours = std::max(0.0, case_hours_[m] - unfunded_hours_[m]);
  const auto capacity = static_cast<std::uint32_t>(std::floor(hours / cjg.hours_per_family));
  e.cjg_care_capacity = capacity;
  // The outcomes' tally of families is taken here, in the one pass over the
  // families in need, and kept up to date for the changes below.
  FamilyTally& tally = tallies_[m];
  tally = FamilyTally{};
  std::uint32_t in_care = 0;
  for (const std::uint32_t i : needy_[m]) {
    in_care += f.helper[i] == Helper::professional;
    tally.count(f, i);
  }
  auto& queue = queue_[m];
  std::size_t head = 0;
  for (; head < queue.size() && in_care < capacity; ++head) {
    const std::uint32_t i = queue[head];
    if (f.helper[i] != Helper::waiting) continue;  // resolved or gone while waiting
    tally.count(f, i, -1);
    f.helper[i] = Helper::professional;
    tally.count(f, i);
    note_help(i, true, e);
    ++in_care;
    if (f.need[i] == Need::serious) {
      ++e.serious_admitted;
      e.serious_weeks_to_care += week - f.serious_since[i];
    }
  }
  queue.erase(queue.begin(), queue.begin() + static_cast<std::ptrdiff_t>(head));
  // An open CJG passes families with a light question on its list to the
  // projects it works with, where a volunteer has room.
  std::vector<std::uint32_t> partners;
  for (const std::uint32_t p : projects_of_[m])
    if (t.cooperates[pr.cjg_tie[p]]) partners.push_back(p);
  if (!partners.empty())
    for (const std::uint32_t i : queue) {
      if (f.helper[i] != Helper::waiting || f.need[i] != Need::light) continue;
      Stream s(field_.key, Purpose::cjg_referral, i, week);
      if (!s.bernoulli(cjg.refer_to_volunteers * openness_[m])) continue;
      const std::uint32_t p = partners[s.below(static_cast<std::uint32_t>(partners.size()))];
      tally.count(f, i, -1);
      const bool taken = take_on(p, i, s, e);
      tally.count(f, i);
      if (!taken) continue;
      note_meeting(pr.cjg_tie[p]);
      ++positive_contacts_[m];
      ++e.referrals_by_cjg;
    }
  // Keep only families still waiting, in their order.
  queue.erase(std::remove_if(queue.begin(), queue.end(),
                             [&](std::uint32_t i) { return f.helper[i] != Helper::waiting; }),
              queue.end());
  for (const auto i : queue)
    f.weeks_waiting[i] = static_cast<std::uint16_t>(std::min(65535, f.weeks_waiting[i] + 1));
  e.professional_hours += in_care * cjg.hours_per_family;

  // Staff: new colleagues bring average openness; good contacts with
  // volunteers this week open up the staff who had them.
  const auto& members = staff_of_[m];
  if (members.empty()) return;
  Stream s(field_.key, Purpose::cjg_staff_turnover, field_.municipalities.cjg[m], week);
  for (const std::uint32_t k : members)
    if (s.bernoulli(rates_.staff_turnover))
      staff.openness[k] = static_cast<float>(
          std::clamp(cjg.openness_mean + cjg.openness_spread * s.normal(), 0.0, 1.0));
  for (std::uint32_t c = 0; c < positive_contacts_[m]; ++c) {
    const std::uint32_t k = members[s.below(static_cast<std::uint32_t>(members.size()))];
    staff.openness[k] =
        static_cast<float>(staff.openness[k] + cjg.openness_gain * (1.0 - staff.openness[k]));
  }
  positive_contacts_[m] = 0;
  double open = 0.0;
  for (const std::uint32_t k : members) open += staff.openness[k];
  openness_[m] = open / static_cast<double>(members.size());
}

}  // namespace samen

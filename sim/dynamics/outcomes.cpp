#include "samen/dynamics/outcomes.hpp"
#include "samen/core/numbers.hpp"

#include <tbb/parallel_for.h>

#include <cmath>
#include <limits>
#include <sstream>

namespace samen {
namespace {

double ratio(double num, double den) { return den > 0.0 ? num / den : kNaN; }

// Share of projects whose tie or attribute `pick` satisfies `test`, over the
// projects for which `pick` gives a value (>= 0).
template <class Pick>
double project_share(const Simulation& sim, Pick pick) {
  const auto& pr = sim.field().projects;
  double yes = 0.0, asked = 0.0;
  for (std::size_t p = 0; p < pr.size(); ++p) {
    const int v = pick(p);
    if (v < 0) continue;
    asked += 1.0;
    yes += v;
  }
  return ratio(yes, asked);
}

// Mean of `value` over the active volunteers of projects.
template <class Value>
double mean_volunteer(const Simulation& sim, Value value) {
  const auto& v = sim.field().volunteers;
  double sum = 0.0, n = 0.0;
  for (std::size_t j = 0; j < v.size(); ++j)
    if (v.active[j] && v.host_ref[j] == HostRef::project) {
      sum += value(v, j);
      n += 1.0;
    }
  return ratio(sum, n);
}

// Mean grade of the main tie chosen by `tie_of` (kNone: no such tie).
template <class TieOf>
double mean_tie_grade(const Simulation& sim, TieOf tie_of) {
  const auto& pr = sim.field().projects;
  const auto& t = sim.field().ties;
  double sum = 0.0, n = 0.0;
  for (std::size_t p = 0; p < pr.size(); ++p) {
    const std::uint32_t j = tie_of(p);
    if (j == kNone) continue;
    sum += t.grade[j];
    n += 1.0;
  }
  return ratio(sum, n);
}

std::vector<OutcomeSpec> build() {
  using S = const Simulation&;
  using T = const FamilyTally&;
  const auto chain = [](S sim) {
    return [&sim](std::size_t p) { return sim.field().projects.chain_main_tie[p]; };
  };
  const auto vo = [](S sim) {
    return [&sim](std::size_t p) { return sim.field().projects.vo_main_tie[p]; };
  };
  // Division of a main tie as 0/1 for "clear" (at least oral) or "written".
  const auto division_share = [](S sim, std::uint32_t (*tie)(S, std::size_t), int at_least) {
    return project_share(sim, [&](std::size_t p) {
      const std::uint32_t j = tie(sim, p);
      return j == kNone ? -1 : (sim.field().ties.division[j] >= at_least ? 1 : 0);
    });
  };
  static std::uint32_t (*const chain_tie)(S, std::size_t) = [](S sim, std::size_t p) {
    return sim.field().projects.chain_main_tie[p];
  };
  static std::uint32_t (*const vo_tie)(S, std::size_t) = [](S sim, std::size_t p) {
    return sim.field().projects.vo_main_tie[p];
  };
  const auto flow = [](std::uint64_t part, std::uint64_t whole) {
    return ratio(static_cast<double>(part), static_cast<double>(whole));
  };
  // Each outcome: name, plain-language label for figures and reports, which
  // way is better, unit, meaning, and how it is computed.
  return {
      {"reach_flow_all", "Families in need reached", Better::higher, "share",
       "Of the need episodes whose reach window (outcome.reach_window_weeks after onset) closed "
       "this week, the share that got help within it: a volunteer, a self-organisation or "
       "professional care (NaN: none closed)",
       [=](S sim, T) {
         const auto& e = sim.closed_episodes();
         return flow(e.reached, e.episodes);
       }},
      {"reach_flow_migrant", "Migrant families in need reached", Better::higher, "share",
       "As reach_flow_all, for episodes of migrant families",
       [=](S sim, T) {
         const auto& e = sim.closed_episodes();
         return flow(e.migrant_reached, e.migrant);
       }},
      {"reach_flow_light", "Families with a light question reached", Better::higher, "share",
       "As reach_flow_all, for episodes that stayed light questions within the window",
       [=](S sim, T) {
         const auto& e = sim.closed_episodes();
         return flow(e.light_reached, e.light);
       }},
      {"reach_flow_serious", "Families with a serious problem reached", Better::higher, "share",
       "As reach_flow_all, for episodes that were (or became) serious problems within the window",
       [=](S sim, T) {
         const auto& e = sim.closed_episodes();
         return flow(e.serious_reached, e.serious);
       }},
      {"care_flow_serious", "Serious problems that reached care", Better::higher, "share",
       "Of the serious episodes whose window closed this week, the share that reached "
       "professional care within it",
       [=](S sim, T) {
         const auto& e = sim.closed_episodes();
         return flow(e.serious_in_care, e.serious);
       }},
      {"weeks_to_first_help", "Weeks until first help", Better::lower, "weeks",
       "Mean weeks from onset to first help, over the episodes closed this week that got help "
       "within their window",
       [=](S sim, T) {
         const auto& e = sim.closed_episodes();
         return flow(e.weeks_to_help, e.reached);
       }},
      {"episodes_started", "New needs", Better::neither, "episodes/week",
       "Need episodes that began this week (needs that arose)",
       [](S sim, T) { return static_cast<double>(sim.events().episodes_started); }},
      {"episodes_closed", "Need episodes followed to the end", Better::neither, "episodes/week",
       "Need episodes whose reach window closed this week (the denominator of reach_flow_all)",
       [](S sim, T) { return static_cast<double>(sim.closed_episodes().episodes); }},
      {"families_reached", "Families reached", Better::higher, "families/week",
       "Need episodes first helped this week (a family counts again in a later episode)",
       [](S sim, T) { return static_cast<double>(sim.events().families_reached); }},
      {"unmet_need_weeks", "Weeks lived in need without help", Better::lower,
       "weeks per 1,000 families",
       "Weeks lived in need without any help this week (unhelped or waiting), per 1,000 families",
       [](S sim, T t) {
         return ratio(1000.0 * static_cast<double>(t.in_need - t.helped),
                      static_cast<double>(sim.field().families.size()));
       }},
      {"helped_share_now_all", "Families in need helped now", Better::neither, "share",
       "Prevalence, not reach: of the families in need now, the share helped now (a volunteer, a "
       "self-organisation or professional care)",
       [](S, T t) { return ratio(static_cast<double>(t.helped), static_cast<double>(t.in_need)); }},
      {"helped_share_now_migrant", "Migrant families in need helped now", Better::neither, "share",
       "As helped_share_now_all, for migrant families",
       [](S, T t) {
         return ratio(static_cast<double>(t.migrant_helped),
                      static_cast<double>(t.migrant_in_need));
       }},
      {"helped_share_now_light", "Families with a light question helped now", Better::neither,
       "share", "As helped_share_now_all, for families with a light parenting question",
       [](S, T t) {
         return ratio(static_cast<double>(t.light_helped), static_cast<double>(t.light));
       }},
      {"helped_share_now_serious", "Families with a serious problem helped now", Better::neither,
       "share", "As helped_share_now_all, for families with a serious problem",
       [](S, T t) {
         return ratio(static_cast<double>(t.serious_helped), static_cast<double>(t.serious));
       }},
      {"care_share_now_serious", "Serious problems in care now", Better::neither, "share",
       "Prevalence: of the families with a serious problem now, the share in professional care now",
       [](S, T t) {
         return ratio(static_cast<double>(t.serious_in_care), static_cast<double>(t.serious));
       }},
      {"weeks_until_care", "Weeks from a serious problem to care", Better::lower, "weeks",
       "Mean weeks from a serious problem's onset to professional care, over this week's "
       "admissions (NaN: none)",
       [](S sim, T) {
         const auto& e = sim.events();
         return ratio(static_cast<double>(e.serious_weeks_to_care),
                      static_cast<double>(e.serious_admitted));
       }},
      {"waiting_families", "Families on a CJG waiting list", Better::lower, "families",
       "Families on a CJG waiting list", [](S, T t) { return static_cast<double>(t.waiting); }},
      {"referrals_volunteers", "Referrals by volunteers", Better::higher, "referrals/week",
       "Serious cases volunteers referred that landed on the CJG's list this week",
       [](S sim, T) { return static_cast<double>(sim.events().referrals_by_volunteers); }},
      {"referrals_stalled", "Referrals by volunteers that stalled", Better::lower, "referrals/week",
       "Referrals by volunteers that stalled this week (unclear task division on the tie)",
       [](S sim, T) { return static_cast<double>(sim.events().referrals_stalled); }},
      {"referrals_selforgs", "Referrals by self-organisations", Better::higher, "referrals/week",
       "Serious cases self-organisations referred to professional help this week",
       [](S sim, T) { return static_cast<double>(sim.events().referrals_by_selforgs); }},
      {"referrals_orgs", "Families passed on by schools and clinics", Better::higher,
       "referrals/week",
       "Families schools and clinics passed to volunteer projects through their cooperation with "
       "volunteer organisations this week",
       [](S sim, T) { return static_cast<double>(sim.events().referrals_by_orgs); }},
      {"referrals_cjg", "Families passed on by the CJG", Better::higher, "referrals/week",
       "Families with a light question the CJG passed from its waiting list to volunteer projects "
       "this week",
       [](S sim, T) { return static_cast<double>(sim.events().referrals_by_cjg); }},
      {"internal_clarity", "Projects with a clear internal task division", Better::higher, "share",
       "Share of projects with an oral or written task division between professionals and "
       "volunteers",
       [](S sim, T) {
         return project_share(sim, [&](std::size_t p) {
           return sim.field().projects.internal_division[p] != Division::none ? 1 : 0;
         });
       }},
      {"internal_written", "Projects with a written internal task division", Better::higher,
       "share", "Share of projects with a written internal task division",
       [](S sim, T) {
         return project_share(sim, [&](std::size_t p) {
           return sim.field().projects.internal_division[p] == Division::written ? 1 : 0;
         });
       }},
      {"chain_clarity", "Projects with a clear division with their institution", Better::higher,
       "share",
       "Share of projects with a clear (oral or written) task division with their main institution",
       [=](S sim, T) { return division_share(sim, chain_tie, 1); }},
      {"chain_written", "Projects with a written division with their institution", Better::higher,
       "share", "Share of projects with a written task division with their main institution",
       [=](S sim, T) { return division_share(sim, chain_tie, 2); }},
      {"vo_clarity", "Projects with a clear division with their volunteer organisation",
       Better::higher, "share",
       "Share of projects with a clear task division with their main volunteer organisation",
       [=](S sim, T) { return division_share(sim, vo_tie, 1); }},
      {"vo_written", "Projects with a written division with their volunteer organisation",
       Better::higher, "share",
       "Share of projects with a written task division with their main volunteer organisation",
       [=](S sim, T) { return division_share(sim, vo_tie, 2); }},
      {"grade_internal", "Grade for cooperation within projects", Better::higher, "grade 1-10",
       "Mean grade projects give cooperation between their professionals and volunteers",
       [](S sim, T) {
         const auto& pr = sim.field().projects;
         double sum = 0.0;
         for (const auto g : pr.internal_grade) sum += g;
         return ratio(sum, static_cast<double>(pr.size()));
       }},
      {"grade_chain", "Grade for cooperation with the institution", Better::higher, "grade 1-10",
       "Mean grade projects give cooperation with their main institution",
       [=](S sim, T) { return mean_tie_grade(sim, chain(sim)); }},
      {"grade_vo", "Grade for cooperation with the volunteer organisation", Better::higher,
       "grade 1-10", "Mean grade projects give cooperation with their main volunteer organisation",
       [=](S sim, T) { return mean_tie_grade(sim, vo(sim)); }},
      {"cjg_cooperates", "Projects that cooperate with their CJG", Better::higher, "share",
       "Share of projects that cooperate with their CJG",
       [](S sim, T) {
         return project_share(sim, [&](std::size_t p) {
           return sim.field().ties.cooperates[sim.field().projects.cjg_tie[p]] ? 1 : 0;
         });
       }},
      {"cjg_aware", "Projects that know what their CJG does", Better::higher, "share",
       "Share of projects that know what their CJG does (reasonably or well informed)",
       [](S sim, T) {
         return project_share(sim, [&](std::size_t p) {
           return sim.field().ties.awareness[sim.field().projects.cjg_tie[p]] >= 2 ? 1 : 0;
         });
       }},
      {"cjg_contact", "Projects in contact with their CJG", Better::higher, "share",
       "Share of projects with any contact with their CJG in the last year",
       [](S sim, T) {
         return project_share(sim, [&](std::size_t p) {
           return sim.field().ties.contact[sim.field().projects.cjg_tie[p]] > 0 ? 1 : 0;
         });
       }},
      {"cjg_openness", "Openness of CJG staff to volunteers", Better::higher, "0-1",
       "Mean openness of CJG staff towards volunteers",
       [](S sim, T) {
         const auto& staff = sim.field().cjg_staff;
         double sum = 0.0;
         for (const float o : staff.openness) sum += o;
         return ratio(sum, static_cast<double>(staff.size()));
       }},
      {"org_vo_cooperates", "Organisations that cooperate with volunteer organisations",
       Better::higher, "share",
       "Share of schools, clinics, Bureaus Jeugdzorg and CJGs that cooperate with volunteer "
       "organisations",
       [](S sim, T) {
         const auto& orgs = sim.field().orgs;
         double yes = 0.0, n = 0.0;
         for (std::size_t o = 0; o < orgs.size(); ++o) {
           if (orgs.type[o] == OrgType::welfare || orgs.type[o] == OrgType::care) continue;
           n += 1.0;
           yes += orgs.vo_cooperates[o];
         }
         return ratio(yes, n);
       }},
      {"volunteers_active", "Active volunteers", Better::higher, "volunteers",
       "Active volunteers of projects",
       [](S sim, T) { return static_cast<double>(sim.active_volunteers()); }},
      {"volunteers_recruited", "Volunteers recruited", Better::higher, "volunteers/week",
       "Volunteers recruited into vacant places this week",
       [](S sim, T) { return static_cast<double>(sim.events().recruited); }},
      {"volunteers_quit", "Volunteers who quit", Better::lower, "volunteers/week",
       "Volunteers who quit this week",
       [](S sim, T) { return static_cast<double>(sim.events().quit); }},
      {"volunteer_knowledge", "Volunteers' pedagogical knowledge", Better::higher, "0-1",
       "Mean pedagogical background knowledge of active project volunteers",
       [](S sim, T) {
         return mean_volunteer(sim, [](const Volunteers& v, std::size_t j) {
           return static_cast<double>(v.knowledge[j]);
         });
       }},
      {"volunteer_skills", "Volunteers' skills with parents and youth", Better::higher, "0-1",
       "Mean skills in dealing with parents and youth of active project volunteers",
       [](S sim, T) {
         return mean_volunteer(sim, [](const Volunteers& v, std::size_t j) {
           return static_cast<double>(v.skills[j]);
         });
       }},
      {"boundary_crossings", "Volunteers going beyond their limits", Better::lower, "events/week",
       "Times volunteers went beyond their limits with a serious case this week",
       [](S sim, T) { return static_cast<double>(sim.events().boundary_crossings); }},
      {"selforg_overasked", "Self-organisations asked for too much", Better::lower, "share",
       "Share of migrant self-organisations asked for more help than their bridge-builders can "
       "give",
       [](S sim, T) {
         const auto& vos = sim.field().vos;
         double over = 0.0, n = 0.0;
         for (std::size_t o = 0; o < vos.size(); ++o) {
           if (vos.kind[o] != static_cast<std::uint8_t>(VoKind::migrant_selforg)) continue;
           n += 1.0;
           over += vos.load[o] > vos.capacity[o] * sim.params().selforg.overload_ratio ? 1.0 : 0.0;
         }
         return ratio(over, n);
       }},
      {"knowledge_sessions", "Knowledge-sharing sessions", Better::neither, "sessions/week",
       "Knowledge-sharing sessions CJG staff held this week",
       [](S sim, T) { return static_cast<double>(sim.events().sessions); }},
      {"outreach_visits", "Outreach visits by the CJG", Better::neither, "visits/week",
       "Outreach visits CJG staff made to projects this week",
       [](S sim, T) { return static_cast<double>(sim.events().visits); }},
      {"professional_hours", "Professional hours", Better::lower, "hours/week",
       "Professional hours spent this week: coordinators' guidance, care for families and every "
       "policy option's activities",
       [](S sim, T) { return sim.events().professional_hours; }},
      {"cjg_policy_hours", "CJG hours spent on policy options", Better::lower, "hours/week",
       "CJG staff hours spent on policy options this week (funded or taken from care)",
       [](S sim, T) { return sim.events().cjg_policy_hours; }},
      {"cjg_care_capacity", "CJG care capacity", Better::higher, "families",
       "Families the CJGs could care for at once this week, after the option hours taken from "
       "care",
       [](S sim, T) { return sim.events().cjg_care_capacity; }},
  };
}

}  // namespace

FamilyTally tally_families(const Simulation& sim) { return sim.family_tally(); }

const char* to_string(Better better) {
  switch (better) {
    case Better::higher:
      return "higher";
    case Better::lower:
      return "lower";
    case Better::neither:
      return "neither";
  }
  return "neither";
}

const std::vector<OutcomeSpec>& outcome_registry() {
  static const std::vector<OutcomeSpec> registry = build();
  return registry;
}

std::vector<double> compute_outcomes(const Simulation& sim) {
  const FamilyTally tally = tally_families(sim);
  const auto& registry = outcome_registry();
  std::vector<double> values(registry.size());
  // Each outcome only reads the state and is computed whole by one task, so
  // its value does not depend on the threads; some scan every volunteer.
  tbb::parallel_for(std::size_t{0}, registry.size(),
                    [&](std::size_t k) { values[k] = registry[k].compute(sim, tally); });
  return values;
}

std::string render_outcome_docs() {
  std::ostringstream out;
  out << "| outcome | label | unit | better | meaning |\n|---|---|---|---|---|\n";
  for (const auto& o : outcome_registry())
    out << "| `" << o.name << "` | " << o.label << " | " << o.unit << " | " << to_string(o.better)
        << " | " << o.description << " |\n";
  return out.str();
}

}  // namespace samen

// Projects: their profile, volunteers, coordinators, internal cooperation and
// ties to the chain, the CJG and volunteer organisations. Every answer the
// survey asked is drawn so that respondent-weighted shares match the survey;
// the named effects (docs/model.md) decide which projects give which answer.
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "generation.hpp"
#include "item_drawer.hpp"
#include "samen/field/calibration.hpp"
#include "samen/survey/items.hpp"

namespace samen::detail {
namespace {

HostKind kind_of(HostType type, bool other_is_professional) {
  switch (type) {
    case HostType::vo_welfare:
    case HostType::sport:
    case HostType::migrant_selforg:
    case HostType::religious:
      return HostKind::volunteer_org;
    case HostType::welfare_inst:
    case HostType::care_inst:
    case HostType::municipality:
      return HostKind::professional;
    case HostType::other:
      break;
  }
  return other_is_professional ? HostKind::professional : HostKind::unknown;
}

VoKind vo_kind_of(HostType type) {
  switch (type) {
    case HostType::vo_welfare:
      return VoKind::welfare;
    case HostType::sport:
      return VoKind::sport;
    case HostType::migrant_selforg:
      return VoKind::migrant_selforg;
    default:
      return VoKind::religious;
  }
}

// Probabilities that a project has at least one coordinator who misjudges:
// solves the coordinator-level intercept so the respondent share matches.
double solve_any_rate(const std::vector<double>& weight,
                      const std::vector<std::vector<double>>& eta_per_project,
                      const std::vector<std::vector<double>>& prior_not, double share) {
  auto share_at = [&](double a) {
    double num = 0.0, den = 0.0;
    for (std::size_t p = 0; p < weight.size(); ++p) {
      double none = 1.0;
      for (std::size_t c = 0; c < eta_per_project[p].size(); ++c)
        none *= 1.0 - prior_not[p][c] * normal_cdf(a + eta_per_project[p][c]);
      num += weight[p] * (1.0 - none);
      den += weight[p];
    }
    return den > 0.0 ? num / den : 0.0;
  };
  double lo = -40.0, hi = 40.0;
  for (int step = 0; step < 100; ++step) {
    const double mid = 0.5 * (lo + hi);
    (share_at(mid) < share ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

// What the sections of project generation share: the inputs, the field, the
// drawer calibrated on the projects' respondent weights, and the covariates
// that several sections read.
struct ProjectContext {
  ProjectContext(const GenerationInput& input, Field& f)
      : in(input),
        t(input.targets),
        field(f),
        pr(f.projects),
        n(f.projects.size()),
        draw(input.key, Purpose::project, f.projects.response_weight),
        effects(LatentEffects::from(input.params)),
        hs(input.params.project.home_start_profile) {}

  const GenerationInput& in;
  const SurveyTargets& t;
  Field& field;
  Projects& pr;
  const std::size_t n;
  const ItemDrawer draw;
  const LatentEffects effects;
  const double hs;  ///< the Home-Start profile effect ("HS" in docs/model.md)

  /// Returns HS for a Home-Start project where `cond` holds, else 0.
  double hs_if(std::size_t i, bool cond) const { return cond && pr.home_start[i] ? hs : 0.0; }
  bool host_is(std::size_t i, HostType h) const { return pr.host_type[i] == h; }
  bool vo_host(std::size_t i) const { return pr.host_kind[i] == HostKind::volunteer_org; }
  bool pi_host(std::size_t i) const { return pr.host_kind[i] == HostKind::professional; }
  /// Returns whether a project is migrant-oriented: hosted by a
  /// self-organisation or targeting new Dutch.
  bool targets_migrants(std::size_t i) const {
    return host_is(i, HostType::migrant_selforg) ||
           has(pr.targets[i], items::project_targets.index("new_dutch"));
  }
};

// 1. How many projects each municipality has, which are Home-Start projects,
// and the respondent weights that follow (docs/model.md 3.1.2).
void place_projects(const GenerationInput& in, Field& field) {
  auto& pr = field.projects;
  const auto& mun = field.municipalities;
  const double rate = in.params.field.projects_per_10k_families;
  for (std::uint32_t m = 0; m < mun.size(); ++m) {
    const auto n = static_cast<std::uint32_t>(std::lround(rate * mun.family_count[m] / 1e4));
    for (std::uint32_t k = 0; k < n; ++k) pr.municipality.push_back(m);
  }
  const std::size_t n = pr.municipality.size();
  const double hs_factor = in.params.survey.home_start_response_factor;
  const double hs_field = field_share(in.params.survey.home_start_share, hs_factor);
  pr.home_start.resize(n);
  pr.response_weight.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    Stream s(in.key, Purpose::project, static_cast<std::uint32_t>(i), 0, item_hash("home_start"));
    pr.home_start[i] = s.bernoulli(hs_field);
    pr.response_weight[i] = pr.home_start[i] ? hs_factor : 1.0;
  }
}

// 2. Host: Home-Start projects are hosted by welfare volunteer organisations;
// other projects take the respondents' remaining type shares.
void draw_hosts(const ProjectContext& c) {
  const auto& t = c.t;
  auto& pr = c.pr;
  const std::size_t n = c.n;
  auto shares = item_shares(t, items::project_host_type);
  shares[0] = std::max(0.0, shares[0] - c.in.params.survey.home_start_share);
  Asked not_hs(n);
  for (std::size_t i = 0; i < n; ++i) not_hs[i] = !pr.home_start[i];
  const auto type = c.draw.nominal("P.orgtype", shares, nullptr, not_hs);
  const double types_pro = t.share("P.orgtype.welfare_inst") + t.share("P.orgtype.care_inst") +
                           t.share("P.orgtype.municipality");
  const double other_pro =
      std::clamp((t.share("P.org.pi") - types_pro) / t.share("P.orgtype.other"), 0.0, 1.0);
  pr.host_type.resize(n);
  pr.host_kind.resize(n);
  pr.host_vo.assign(n, kNone);
  for (std::size_t i = 0; i < n; ++i) {
    pr.host_type[i] = pr.home_start[i] ? HostType::vo_welfare : static_cast<HostType>(type[i]);
    Stream s = c.draw.stream(i, "host");
    pr.host_kind[i] = kind_of(pr.host_type[i], s.bernoulli(other_pro));
    if (pr.host_kind[i] == HostKind::volunteer_org)
      pr.host_vo[i] =
          pick_vo(c.field, pr.municipality[i], vo_kind_of(pr.host_type[i]), s.uniform());
  }
}

// 3. Profile: level, scale, target groups, goals, forms, initiative,
// steering, the respondent's role and the volunteers' tasks.
void draw_profile(const ProjectContext& c) {
  const auto& t = c.t;
  auto& pr = c.pr;
  const auto& draw = c.draw;
  const double mig = c.in.params.project.migrant_profile;
  const double host_match = c.in.params.project.host_match;
  const double level_match = c.in.params.project.level_scale_match;
  const double form_task = c.in.params.project.form_task;
  {
    const auto level = draw.nominal("P.level", item_shares(t, items::project_level), nullptr);
    pr.level.assign(level.begin(), level.end());
  }
  // Scale categories: municipal, national, regional, neighbourhood; level: municipal,
  // regional, national, neighbourhood, other.
  const std::size_t level_of_scale[] = {0, 2, 1, 3};
  pr.scale = draw.multi(items::project_scale, item_shares(t, items::project_scale),
                        [&](std::size_t i, std::size_t k) {
                          return (pr.level[i] == level_of_scale[k] ? level_match : 0.0) +
                                 c.hs_if(i, k == 1);
                        },
                        {});
  const auto& tg = items::project_targets;
  pr.targets = draw.multi(
      tg, item_shares(t, tg),
      [&](std::size_t i, std::size_t k) {
        const bool hs_target =
            k == tg.index("parents") || k == tg.index("child_0_6") || k == tg.index("families");
        return c.hs_if(i, hs_target) +
               (k == tg.index("new_dutch") && c.host_is(i, HostType::migrant_selforg) ? mig : 0.0);
      },
      {});
  const auto& gl = items::project_goals;
  pr.goals = draw.multi(
      gl, item_shares(t, gl),
      [&](std::size_t i, std::size_t k) {
        return c.hs_if(i, k == gl.index("parenting_support")) +
               (k == gl.index("integration") && c.targets_migrants(i) ? mig : 0.0) +
               (k == gl.index("sport_play") && c.host_is(i, HostType::sport) ? host_match : 0.0);
      },
      {});
  const auto& fm = items::project_forms;
  pr.forms = draw.multi(
      fm, item_shares(t, fm),
      [&](std::size_t i, std::size_t k) { return c.hs_if(i, k == fm.index("personal")); }, {});
  {
    const auto initiative =
        draw.nominal("P.initiative", with_remainder(t, items::project_initiative), nullptr);
    pr.initiative.assign(initiative.begin(), initiative.end());
    const auto steering =
        draw.nominal("P.steer", with_remainder(t, items::project_steering),
                     [&](std::size_t i, std::size_t k) { return c.hs_if(i, k == 0); });
    pr.steering.assign(steering.begin(), steering.end());
    const double resp_vol = c.in.params.project.respondent_volunteer;
    const auto role = draw.nominal("P.resp", with_remainder(t, items::project_respondent),
                                   [&](std::size_t i, std::size_t k) {
                                     return k == 1 && pr.steering[i] == 2 ? resp_vol : 0.0;
                                   });
    pr.respondent_role.assign(role.begin(), role.end());
  }
  const auto& tk = items::project_tasks;
  pr.tasks = draw.multi(
      tk, item_shares(t, tk),
      [&](std::size_t i, std::size_t k) {
        const bool personal = has(pr.forms[i], fm.index("personal"));
        const bool group = has(pr.forms[i], fm.index("group_activities"));
        return c.hs_if(i, k == tk.index("personal_guidance")) +
               ((k == tk.index("personal_guidance") || k == tk.index("buddy")) && personal
                    ? form_task
                    : 0.0) +
               ((k == tk.index("organising") || k == tk.index("activity_supervision")) && group
                    ? form_task
                    : 0.0);
      },
      {});
}

// 4. The answers about a project's volunteers, before the volunteers exist.
struct VolunteerAnswers {
  std::vector<std::uint32_t> size;    ///< at least this many volunteers
  std::vector<int> from_target;       ///< TargetOrigin code
  std::vector<std::uint32_t> vtypes;  ///< mask over VolunteerType
};

// Size: log-normal, its location solved so the respondents' share below 20 matches.
std::vector<std::uint32_t> draw_sizes(const ProjectContext& c) {
  const auto& pr = c.pr;
  const std::size_t n = c.n;
  std::vector<std::uint32_t> size(n);
  const double spread = c.in.params.project.size_spread;
  const double hs_size = c.in.params.project.home_start_size;
  Calibrand units{pr.response_weight, std::vector<double>(n)};
  for (std::size_t i = 0; i < n; ++i) units.eta[i] = -(pr.home_start[i] ? hs_size : 0.0) / spread;
  const double a = solve_intercept(units, c.t.share("P.size.lt20"));
  const double mu = std::log(19.5) - a * spread;
  for (std::size_t i = 0; i < n; ++i) {
    const double log_size =
        mu + (pr.home_start[i] ? hs_size : 0.0) + spread * c.draw.stream(i, "size").normal();
    size[i] = static_cast<std::uint32_t>(std::max(1L, std::lround(std::exp(log_size))));
  }
  return size;
}

// Mix of volunteer kinds by host kind (the survey's cross-tabulation).
std::vector<VolunteerMix> draw_mix(const ProjectContext& c) {
  const auto& t = c.t;
  const std::size_t n = c.n;
  const auto& draw = c.draw;
  const ItemSpec vo_mix{"P.vmix_vo", items::project_vmix.categories};
  const ItemSpec pi_mix{"P.vmix_pi", items::project_vmix.categories};
  // Answers outside the three kinds count as unclassified.
  const std::size_t unclassified = idx(VolunteerMix::unclassified);
  const auto eta = [&](std::size_t i, std::size_t k) { return c.hs_if(i, k == 0); };
  Asked a_vo(n), a_pi(n), a_unknown(n);
  for (std::size_t i = 0; i < n; ++i) {
    a_vo[i] = c.vo_host(i);
    a_pi[i] = c.pi_host(i);
    a_unknown[i] = !c.vo_host(i) && !c.pi_host(i);
  }
  const auto m_vo = draw.nominal("P.vmix", with_remainder_in(t, vo_mix, unclassified), eta, a_vo);
  const auto m_pi = draw.nominal("P.vmix", with_remainder_in(t, pi_mix, unclassified), eta, a_pi);
  const auto m_un = draw.nominal("P.vmix", item_shares(t, items::project_vmix), eta, a_unknown);
  std::vector<VolunteerMix> vmix(n);
  for (std::size_t i = 0; i < n; ++i)
    vmix[i] = static_cast<VolunteerMix>(a_vo[i] ? m_vo[i] : a_pi[i] ? m_pi[i] : m_un[i]);
  return vmix;
}

// Types (P.vtype): organised, individual and other kinds drawn apart, each
// possible only where the mix has it.
std::vector<std::uint32_t> draw_types(const ProjectContext& c,
                                      const std::vector<VolunteerMix>& vmix,
                                      const std::vector<int>& from_target) {
  const auto& draw = c.draw;
  const std::size_t n = c.n;
  const auto& vt = items::project_vtypes;
  const auto all = item_shares(c.t, vt);
  const double free_role = c.in.params.project.free_role_from_target;
  const double host_match = c.in.params.project.host_match;
  const auto org = draw.multi(
      vt, shares_within(all, kOrganisedTypes),
      [&](std::size_t i, std::size_t k) {
        if (!has_organised(vmix[i])) return -kInf;
        const auto type = static_cast<VolunteerType>(k);
        const bool at_vo =
            type == VolunteerType::org_fixed_vo || type == VolunteerType::org_free_vo;
        const bool free = type == VolunteerType::org_free_vo || type == VolunteerType::org_free_pi;
        return ((at_vo && c.vo_host(i)) || (!at_vo && c.pi_host(i)) ? host_match : 0.0) +
               (free && from_target[i] > code(TargetOrigin::none) ? free_role : 0.0) +
               c.hs_if(i, type == VolunteerType::org_fixed_vo);
      },
      {{},
       nullptr,
       [&](std::size_t i) { return has_organised(vmix[i]) ? kOrganisedTypes : 0u; },
       -1});
  const auto ind =
      draw.multi(vt, shares_within(all, kIndividualTypes),
                 [&](std::size_t i, std::size_t) { return has_individual(vmix[i]) ? 0.0 : -kInf; },
                 {{},
                  nullptr,
                  [&](std::size_t i) { return has_individual(vmix[i]) ? kIndividualTypes : 0u; },
                  -1});
  const auto other = draw.multi(
      vt, shares_within(all, kOtherTypes), nullptr,
      {{},
       [&](std::size_t i) { return vmix[i] == VolunteerMix::unclassified ? kOtherTypes : 0u; },
       nullptr,
       -1});
  std::vector<std::uint32_t> vtypes(n, 0);
  for (std::size_t i = 0; i < n; ++i) {
    vtypes[i] = org[i] | ind[i] | other[i];
    // Unclassified: only volunteers of other kinds.
    if (vmix[i] == VolunteerMix::unclassified) vtypes[i] = kOtherTypes;
  }
  return vtypes;
}

// Size, mix, origin from the target group and kinds of the volunteers.
VolunteerAnswers draw_volunteer_answers(const ProjectContext& c) {
  VolunteerAnswers v;
  v.size = draw_sizes(c);
  const auto vmix = draw_mix(c);
  const double mig = c.in.params.project.migrant_profile;
  v.from_target = c.draw.ordered("P.from_target", item_shares(c.t, items::project_from_target),
                                 [&](std::size_t i) { return c.targets_migrants(i) ? mig : 0.0; });
  v.vtypes = draw_types(c, vmix, v.from_target);
  return v;
}

// The volunteers themselves, carrying exactly the drawn answers.
void add_volunteers(const ProjectContext& c, const VolunteerAnswers& v) {
  auto& pr = c.pr;
  pr.first_volunteer.resize(c.n);
  pr.volunteer_count.resize(c.n);
  for (std::size_t i = 0; i < c.n; ++i) {
    Stream s = c.draw.stream(i, "volunteers");
    const VolunteerDraft draft =
        draft_roles(c.in, s,
                    {HostRef::project,
                     static_cast<std::uint32_t>(i),
                     {},
                     {},
                     c.targets_migrants(i),
                     pr.home_start[i] != 0},
                    v.vtypes[i], v.size[i], static_cast<TargetOrigin>(v.from_target[i]));
    const auto count = static_cast<std::uint32_t>(draft.types.size());
    pr.first_volunteer[i] = static_cast<std::uint32_t>(c.field.volunteers.size());
    pr.volunteer_count[i] = count;
    append_volunteers(c.in, c.field, draft);
  }
}

// Mean knowledge per project, standardised over projects: the covariate of
// boundary crossing and of wanting knowledge support (z_K in docs/model.md).
std::vector<double> standardised_knowledge(const ProjectContext& c) {
  const auto& pr = c.pr;
  const std::size_t n = c.n;
  std::vector<double> knowledge_z(n);
  double sum = 0.0, sq = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    double k = 0.0;
    for (std::uint32_t j = 0; j < pr.volunteer_count[i]; ++j)
      k += c.field.volunteers.knowledge[pr.first_volunteer[i] + j];
    knowledge_z[i] = k / pr.volunteer_count[i];
    sum += knowledge_z[i];
    sq += knowledge_z[i] * knowledge_z[i];
  }
  const double mean = n ? sum / static_cast<double>(n) : 0.0;
  const double sd = n ? std::sqrt(std::max(1e-12, sq / static_cast<double>(n) - mean * mean)) : 1.0;
  for (auto& k : knowledge_z) k = (k - mean) / sd;
  return knowledge_z;
}

// Projects with at least one coordinator who under- or overestimates volunteers.
struct Misjudged {
  std::vector<std::uint8_t> under, over;
};

// 5. Coordinators and their misjudgement, whose intercepts are solved so
// that the projects with a misjudging coordinator match the survey's obstacles.
Misjudged add_coordinators(const ProjectContext& c) {
  const auto& t = c.t;
  auto& pr = c.pr;
  const std::size_t n = c.n;
  Misjudged misjudged{std::vector<std::uint8_t>(n, 0), std::vector<std::uint8_t>(n, 0)};
  auto& co = c.field.coordinators;
  const double per = c.in.params.coordinator.volunteers_per_coordinator;
  const double median = c.in.params.coordinator.guidance_hours;
  const double spread = c.in.params.coordinator.guidance_spread;
  const double misjudge = c.in.params.coordinator.misjudgement_guidance;
  std::vector<std::vector<double>> eta(n), ones(n), not_under(n);
  pr.first_coordinator.resize(n);
  pr.coordinator_count.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    const auto count = std::max<std::uint32_t>(
        1, static_cast<std::uint32_t>(std::ceil(pr.volunteer_count[i] / per)));
    pr.first_coordinator[i] = static_cast<std::uint32_t>(co.size());
    pr.coordinator_count[i] = count;
    for (std::uint32_t k = 0; k < count; ++k) {
      const auto id = static_cast<std::uint32_t>(co.size());
      const double zc = Stream(c.in.key, Purpose::coordinator, id, 0).normal();
      co.project.push_back(static_cast<std::uint32_t>(i));
      co.guidance_hours.push_back(static_cast<float>(median * std::exp(spread * zc)));
      co.judgement.push_back(Judgement::accurate);
      eta[i].push_back(-misjudge * zc);  // less guidance, more misjudgement
      ones[i].push_back(1.0);
    }
  }
  const double a_under =
      solve_any_rate(pr.response_weight, eta, ones, t.share("P.int.obstacle.underestimated"));
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t k = 0; k < eta[i].size(); ++k)
      not_under[i].push_back(1.0 - normal_cdf(a_under + eta[i][k]));
  const double a_over =
      solve_any_rate(pr.response_weight, eta, not_under, t.share("P.int.obstacle.overestimated"));
  c.field.cuts.judge_under = a_under;
  c.field.cuts.judge_over = a_over;
  for (std::size_t i = 0; i < n; ++i) {
    for (std::uint32_t k = 0; k < pr.coordinator_count[i]; ++k) {
      const std::uint32_t id = pr.first_coordinator[i] + k;
      Stream s(c.in.key, Purpose::coordinator, id, 0, item_hash("judgement"));
      if (s.normal() < a_under + eta[i][k]) {
        co.judgement[id] = Judgement::underestimates;
        misjudged.under[i] = 1;
      } else if (s.normal() < a_over + eta[i][k]) {
        co.judgement[id] = Judgement::overestimates;
        misjudged.over[i] = 1;
      }
    }
  }
  return misjudged;
}

// 6. Internal cooperation: frequency, task division, obstacles and grade.
void draw_internal_cooperation(const ProjectContext& c, const VolunteerAnswers& v,
                               const std::vector<double>& knowledge_z, const Misjudged& misjudged) {
  const auto& t = c.t;
  auto& pr = c.pr;
  const std::size_t n = c.n;
  const auto& draw = c.draw;
  const auto& effects = c.effects;
  const double steer_freq = c.in.params.project.steering_frequency;
  const auto freq = draw.ordered(
      "P.int.freq", item_shares(t, items::project_int_freq),
      [&](std::size_t i) { return (pr.steering[i] <= 1 ? steer_freq : 0.0) + c.hs_if(i, true); });
  pr.internal_frequency.resize(n);
  for (std::size_t i = 0; i < n; ++i) pr.internal_frequency[i] = static_cast<Frequency>(freq[i]);
  Latent division_latent, boundaries_latent, grade_latent;
  const auto division = draw.ordered(
      "P.int.division", item_shares(t, items::project_int_division),
      [&](std::size_t i) { return effects.internal_division(freq[i], pr.home_start[i]); }, {},
      &division_latent);
  pr.internal_division.resize(n);
  for (std::size_t i = 0; i < n; ++i) pr.internal_division[i] = static_cast<Division>(division[i]);

  const auto& ob = items::project_obstacles;
  const double vision_ft = c.in.params.project.vision_from_target;
  const auto boundaries = draw.binary(
      "P.int.obstacle.boundaries", t.share("P.int.obstacle.boundaries"),
      [&](std::size_t i) {
        return effects.boundaries(knowledge_z[i], division[i], misjudged.over[i]);
      },
      {}, &boundaries_latent);
  const auto pro_tasks =
      draw.binary("P.int.obstacle.pro_tasks", t.share("P.int.obstacle.pro_tasks"), nullptr);
  const auto vision = draw.binary(
      "P.int.obstacle.vision", t.share("P.int.obstacle.vision"),
      [&](std::size_t i) { return v.from_target[i] > code(TargetOrigin::none) ? vision_ft : 0.0; });
  pr.obstacles.assign(n, 0);
  double clear = 0.0, total = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    auto& o = pr.obstacles[i];
    if (boundaries[i]) o |= ob.bit("boundaries");
    if (misjudged.under[i]) o |= ob.bit("underestimated");
    if (misjudged.over[i]) o |= ob.bit("overestimated");
    if (pro_tasks[i]) o |= ob.bit("pro_tasks");
    if (vision[i]) o |= ob.bit("vision");
    if (o == 0) clear += pr.response_weight[i];
    total += pr.response_weight[i];
  }
  const double unlisted = unlisted_obstacle_share(t.share("P.int.obstacle.none"), clear, total);
  for (std::size_t i = 0; i < n; ++i)
    if (draw.stream(i, "P.int.obstacle.unlisted").bernoulli(unlisted))
      pr.obstacles[i] |= ob.bit("unlisted");

  const auto grade = draw.ordered(
      "P.int.grade", survey_grade_pmf(t, "P.int.grade"),
      [&](std::size_t i) {
        return effects.internal_grade(freq[i], division[i], __builtin_popcount(pr.obstacles[i]));
      },
      {}, &grade_latent);
  c.field.cuts.internal_grade = grade_latent.cuts;
  pr.grade_noise = grade_latent.noise;
  pr.internal_grade.resize(n);
  for (std::size_t i = 0; i < n; ++i)
    pr.internal_grade[i] = static_cast<std::uint8_t>(grade[i] + 1);
}

// Forms, task division and grade of each tie in `list`; the survey asks them
// of the main one, so only main ties weigh in the calibration.
void draw_tie_details(const ProjectContext& c, const std::vector<std::uint32_t>& list,
                      const ItemSpec& forms_item, const ItemSpec& division_item,
                      const std::string& grade_prefix, std::vector<double>& grade_cuts) {
  const auto& t = c.t;
  const auto& pr = c.pr;
  auto& ties = c.field.ties;
  const double form_task = c.in.params.project.form_task;
  const auto& fm = items::project_forms;
  std::vector<double> weight(list.size());
  for (std::size_t j = 0; j < list.size(); ++j)
    weight[j] = ties.is_main[list[j]] ? pr.response_weight[ties.from[list[j]]] : 0.0;
  const ItemDrawer td(c.in.key, Purpose::tie, weight);
  const auto forms = td.multi(forms_item, item_shares(t, forms_item),
                              [&](std::size_t j, std::size_t k) {
                                const auto p = ties.from[list[j]];
                                return forms_item.categories[k] == "cases" &&
                                               has(pr.forms[p], fm.index("personal"))
                                           ? form_task
                                           : 0.0;
                              },
                              {});
  const std::size_t align = forms_item.index("task_division");
  Latent division_latent, grade_latent;
  const auto division = td.ordered(
      division_item.prefix, with_remainder_in(t, division_item, idx(Division::none)),
      [&](std::size_t j) { return c.effects.tie_division(has(forms[j], align)); }, {},
      &division_latent);
  const auto grade = td.ordered(
      grade_prefix, survey_grade_pmf(t, grade_prefix),
      [&](std::size_t j) {
        return c.effects.tie_grade(division[j], __builtin_popcount(forms[j]), ties.contact[list[j]],
                                   c.effects.expected_experience(division[j]));
      },
      {}, &grade_latent);
  grade_cuts = grade_latent.cuts;
  for (std::size_t j = 0; j < list.size(); ++j) {
    ties.grade_noise[list[j]] = grade_latent.noise[j];
    ties.forms[list[j]] = forms[j];
    ties.division[list[j]] = static_cast<std::uint8_t>(division[j]);
    ties.grade[list[j]] = static_cast<std::uint8_t>(grade[j] + 1);
  }
}

// 7. The chain: which professional institutions a project works with, ties to
// them and to its municipality's CJG, and the details of each. Returns each
// project's partners as a mask over InstitutionKind.
std::vector<std::uint32_t> draw_chain(const ProjectContext& c) {
  const auto& t = c.t;
  auto& pr = c.pr;
  const std::size_t n = c.n;
  const auto& draw = c.draw;
  auto& field = c.field;
  const auto& mun = field.municipalities;
  const double tp = c.in.params.project.target_partner;
  const auto& tg = items::project_targets;
  const auto& gl = items::project_goals;
  const auto& ch = items::project_chain;
  auto partner_eta = [&](std::size_t i, std::size_t k) {
    const bool young = has(pr.targets[i], tg.index("child_0_6"));
    const bool parents = has(pr.targets[i], tg.index("parents"));
    const bool school_age =
        has(pr.targets[i], tg.index("child_6_12")) || has(pr.targets[i], tg.index("youth_12_18"));
    const bool vulnerable = has(pr.goals[i], gl.index("vulnerable_youth"));
    const auto kind = static_cast<InstitutionKind>(k);
    double e = 0.0;
    if (kind == InstitutionKind::cb) e += (young ? tp : 0.0) + c.hs_if(i, true);
    if (kind == InstitutionKind::cjg) e += young || parents ? tp : 0.0;
    if (kind == InstitutionKind::education) e += school_age ? tp : 0.0;
    if (kind == InstitutionKind::bjz) e += vulnerable ? tp : 0.0;
    return e;
  };
  const auto chain_any = draw.binary("P.chain.any", t.share("P.chain.any"), nullptr);
  const auto chain_main = draw.nominal("P.chain_main", item_shares(t, items::project_chain_main),
                                       partner_eta, chain_any);
  const auto chain = draw.multi(
      ch, item_shares(t, ch),
      [&](std::size_t i, std::size_t k) { return chain_any[i] ? partner_eta(i, k) : -kInf; },
      {{},
       [&](std::size_t i) {
         return chain_any[i] ? bit(static_cast<std::size_t>(chain_main[i])) : 0u;
       },
       nullptr,
       -1});
  pr.cjg_tie.resize(n);
  pr.chain_main_tie.assign(n, kNone);
  std::vector<std::uint32_t> chain_ties;  // ties that carry a chain cooperation
  for (std::size_t i = 0; i < n; ++i) {
    const auto p = static_cast<std::uint32_t>(i);
    const std::uint32_t m = pr.municipality[i];
    pr.cjg_tie[i] = add_tie(field, TieKind::project_cjg, p, mun.cjg[m],
                            static_cast<std::uint8_t>(InstitutionKind::cjg));
    field.ties.cooperates[pr.cjg_tie[i]] = has(chain[i], idx(InstitutionKind::cjg));
    Stream s = draw.stream(i, "chain partners");
    for (std::size_t k = 0; k < ch.categories.size(); ++k) {
      if (!has(chain[i], k)) continue;
      const auto kind = static_cast<InstitutionKind>(k);
      std::uint32_t tie;
      if (kind == InstitutionKind::cjg) {
        tie = pr.cjg_tie[i];
      } else {
        const OrgType types[] = {OrgType::welfare, OrgType::education, OrgType::cjg,
                                 OrgType::bjz,     OrgType::care,      OrgType::cb};
        // "Other" institutions lie outside the modelled field.
        const std::uint32_t to =
            kind == InstitutionKind::other ? kNone : pick_org(field, m, types[k], s.uniform());
        tie = add_tie(field, TieKind::project_institution, p, to, static_cast<std::uint8_t>(k));
      }
      chain_ties.push_back(tie);
      if (static_cast<int>(k) == chain_main[i]) {
        field.ties.is_main[tie] = 1;
        pr.chain_main_tie[i] = tie;
      }
      // Contact with the main partner is regular or often, with others sometimes.
      field.ties.contact[tie] = field.ties.is_main[tie] ? 2 : 1;
    }
  }
  draw_tie_details(c, chain_ties, items::project_chain_forms, items::project_chain_division,
                   "P.chain.grade", field.cuts.chain_grade);
  return chain;
}

// 8. The CJG: contact follows cooperation; knowing what it does follows contact.
void draw_cjg_contact(const ProjectContext& c) {
  const auto& t = c.t;
  const auto& pr = c.pr;
  const auto& draw = c.draw;
  auto& ties = c.field.ties;
  Latent contact_latent, awareness_latent;
  const auto contact = draw.ordered(
      "P.cjg.contact", item_shares(t, items::project_cjg_contact),
      [&](std::size_t i) { return c.effects.cjg_contact(ties.cooperates[pr.cjg_tie[i]]); }, {},
      &contact_latent);
  const double unaware = t.share("P.cjg.unaware");
  const double unknown = c.in.params.project.cjg_unknown_share;
  const double well = c.in.params.project.cjg_well_informed_share;
  const auto awareness = draw.ordered(
      "P.cjg.awareness",
      {unaware * unknown, unaware * (1 - unknown), (1 - unaware) * (1 - well),
       (1 - unaware) * well},
      [&](std::size_t i) { return c.effects.cjg_awareness(contact[i]); }, {}, &awareness_latent);
  for (std::size_t i = 0; i < c.n; ++i) {
    ties.contact[pr.cjg_tie[i]] = static_cast<std::uint8_t>(contact[i]);
    ties.awareness[pr.cjg_tie[i]] = static_cast<std::uint8_t>(awareness[i]);
  }
}

// 9. Volunteer organisations: which kinds a project works with, ties to one
// of each in its municipality, their details, and the reason of those without.
void draw_volunteer_org_ties(const ProjectContext& c) {
  const auto& t = c.t;
  auto& pr = c.pr;
  const std::size_t n = c.n;
  const auto& draw = c.draw;
  auto& ties = c.field.ties;
  const double mig = c.in.params.project.migrant_profile;
  const double host_match = c.in.params.project.host_match;
  const auto& vk = items::project_vo;
  auto vo_eta = [&](std::size_t i, std::size_t k) {
    const auto kind = static_cast<VoKind>(k);
    return (kind == VoKind::sport && c.host_is(i, HostType::sport) ? host_match : 0.0) +
           (kind == VoKind::migrant_selforg && c.targets_migrants(i) ? mig : 0.0);
  };
  const auto vo_any = draw.binary("P.vo.any", t.share("P.vo.any"), nullptr);
  const auto vo_main =
      draw.nominal("P.vo_main", with_remainder_in(t, items::project_vo_main, idx(VoKind::other)),
                   vo_eta, vo_any);
  const auto vo = draw.multi(
      vk, item_shares(t, vk),
      [&](std::size_t i, std::size_t k) { return vo_any[i] ? vo_eta(i, k) : -kInf; },
      {{},
       [&](std::size_t i) { return vo_any[i] ? bit(static_cast<std::size_t>(vo_main[i])) : 0u; },
       nullptr,
       -1});
  Asked none(n);
  for (std::size_t i = 0; i < n; ++i) none[i] = !vo_any[i];
  const auto why =
      draw.nominal("P.vo_why_not", with_remainder(t, items::project_vo_why_not), nullptr, none);
  pr.vo_why_not.resize(n);
  pr.vo_main_tie.assign(n, kNone);
  std::vector<std::uint32_t> vo_ties;
  for (std::size_t i = 0; i < n; ++i) {
    pr.vo_why_not[i] = why[i] < 0 ? kNoAnswer : static_cast<std::uint8_t>(why[i]);
    Stream s = draw.stream(i, "vo partners");
    for (std::size_t k = 0; k < vk.categories.size(); ++k) {
      if (!has(vo[i], k)) continue;
      const std::uint32_t to =
          pick_vo(c.field, pr.municipality[i], static_cast<VoKind>(k), s.uniform());
      const auto tie = add_tie(c.field, TieKind::project_vo, static_cast<std::uint32_t>(i), to,
                               static_cast<std::uint8_t>(k));
      vo_ties.push_back(tie);
      if (static_cast<int>(k) == vo_main[i]) {
        ties.is_main[tie] = 1;
        pr.vo_main_tie[i] = tie;
      }
      ties.contact[tie] = ties.is_main[tie] ? 2 : 1;
    }
  }
  draw_tie_details(c, vo_ties, items::project_vo_forms, items::project_vo_division, "P.vo.grade",
                   c.field.cuts.vo_grade);
}

// 10. Support wanted: whether, for which volunteers, from whom and on what.
void draw_support_wanted(const ProjectContext& c, const VolunteerAnswers& v,
                         const std::vector<std::uint32_t>& chain,
                         const std::vector<double>& knowledge_z) {
  const auto& t = c.t;
  auto& pr = c.pr;
  const auto& draw = c.draw;
  const auto& ties = c.field.ties;
  const double kd = c.in.params.project.knowledge_demand;
  const double presence = c.in.params.project.type_presence;
  const double tp = c.in.params.project.target_partner;
  const auto needs = draw.binary("P.need_support", t.share("P.need_support"),
                                 [&](std::size_t i) { return -kd * knowledge_z[i]; });
  pr.needs_support.assign(needs.begin(), needs.end());
  // need_for categories: org_vo, org_pi, ind_regular, ind_incidental.
  const std::uint32_t kind_types[] = {
      type_bit(VolunteerType::org_fixed_vo) | type_bit(VolunteerType::org_free_vo),
      type_bit(VolunteerType::org_fixed_pi) | type_bit(VolunteerType::org_free_pi),
      type_bit(VolunteerType::ind_own_regular) | type_bit(VolunteerType::ind_invited_regular),
      type_bit(VolunteerType::ind_own_incidental) |
          type_bit(VolunteerType::ind_invited_incidental)};
  pr.need_for = draw.multi(items::project_need_for, item_shares(t, items::project_need_for),
                           [&](std::size_t i, std::size_t k) {
                             if (!needs[i]) return -kInf;
                             return (v.vtypes[i] & kind_types[k]) ? presence : -presence;
                           },
                           {});
  const auto& sp = items::project_supporters;
  auto partner_known = [&](std::size_t i, InstitutionKind kind) {
    return kind == InstitutionKind::cjg ? ties.contact[pr.cjg_tie[i]] > 0
                                        : has(chain[i], idx(kind));
  };
  pr.supporters = draw.multi(
      sp, item_shares(t, sp),
      [&](std::size_t i, std::size_t k) {
        const std::string& cat = sp.categories[k];
        if (cat == "welfare")
          return partner_known(i, InstitutionKind::welfare) || c.host_is(i, HostType::welfare_inst)
                     ? tp
                     : 0.0;
        if (cat == "cjg") return partner_known(i, InstitutionKind::cjg) ? tp : 0.0;
        if (cat == "bjz") return partner_known(i, InstitutionKind::bjz) ? tp : 0.0;
        if (cat == "education") return partner_known(i, InstitutionKind::education) ? tp : 0.0;
        if (cat == "cb") return partner_known(i, InstitutionKind::cb) ? tp : 0.0;
        if (cat == "care")
          return partner_known(i, InstitutionKind::care) || c.host_is(i, HostType::care_inst) ? tp
                                                                                              : 0.0;
        return 0.0;
      },
      {needs, nullptr, nullptr, static_cast<int>(sp.index("dont_know"))});
  pr.support_on =
      draw.multi(items::project_support_on, item_shares(t, items::project_support_on),
                 [&](std::size_t i, std::size_t k) { return k == 0 ? -kd * knowledge_z[i] : 0.0; },
                 {needs, nullptr, nullptr, -1});
}

// 11. What volunteers add, in the respondents' eyes.
void draw_values(const ProjectContext& c, const VolunteerAnswers& v) {
  auto& pr = c.pr;
  const double mig = c.in.params.project.migrant_profile;
  const double form_task = c.in.params.project.form_task;
  const auto& fm = items::project_forms;
  const auto& va = items::project_values;
  pr.values = c.draw.multi(va, item_shares(c.t, va),
                           [&](std::size_t i, std::size_t k) {
                             const std::string& cat = va.categories[k];
                             const bool target_group = v.from_target[i] > code(TargetOrigin::none);
                             if (cat == "empowerment" || cat == "reach" || cat == "trust")
                               return target_group ? mig / 2.0 : 0.0;
                             if (cat == "person_to_person")
                               return has(pr.forms[i], fm.index("personal")) ? form_task : 0.0;
                             return 0.0;
                           },
                           {{}, nullptr, nullptr, static_cast<int>(va.index("none"))});
}

}  // namespace

// The steps of docs/model.md 3.1.4, in order; later steps read the answers of
// earlier ones as covariates.
void generate_projects(const GenerationInput& in, Field& field) {
  place_projects(in, field);
  const ProjectContext c(in, field);
  draw_hosts(c);
  draw_profile(c);
  const VolunteerAnswers volunteers = draw_volunteer_answers(c);
  add_volunteers(c, volunteers);
  const std::vector<double> knowledge_z = standardised_knowledge(c);
  const Misjudged misjudged = add_coordinators(c);
  draw_internal_cooperation(c, volunteers, knowledge_z, misjudged);
  const std::vector<std::uint32_t> chain = draw_chain(c);
  draw_cjg_contact(c);
  draw_volunteer_org_ties(c);
  draw_support_wanted(c, volunteers, chain, knowledge_z);
  draw_values(c, volunteers);
}

}  // namespace samen::detail

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

}  // namespace

void generate_projects(const GenerationInput& in, Field& field) {
  const auto& t = in.targets;
  auto& pr = field.projects;
  const auto& mun = field.municipalities;

  // --- who the projects are ------------------------------------------------
  const double rate = in.params.field.projects_per_10k_families;
  for (std::uint32_t m = 0; m < mun.size(); ++m) {
    const auto n = static_cast<std::uint32_t>(std::lround(rate * mun.family_count[m] / 1e4));
    for (std::uint32_t k = 0; k < n; ++k) pr.municipality.push_back(m);
  }
  const std::size_t n = pr.municipality.size();
  const double hs_factor = in.params.survey.home_start_response_factor;
  const double hs_respondents = in.params.survey.home_start_share;
  const double hs_field = field_share(hs_respondents, hs_factor);
  pr.home_start.resize(n);
  pr.response_weight.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    Stream s(in.key, Purpose::project, static_cast<std::uint32_t>(i), 0, item_hash("home_start"));
    pr.home_start[i] = s.bernoulli(hs_field);
    pr.response_weight[i] = pr.home_start[i] ? hs_factor : 1.0;
  }
  const ItemDrawer draw(in.key, Purpose::project, pr.response_weight);
  const double hs = in.params.project.home_start_profile;
  auto hs_if = [&](std::size_t i, bool cond) { return cond && pr.home_start[i] ? hs : 0.0; };

  // Host: Home-Start projects are hosted by welfare volunteer organisations;
  // other projects take the respondents' remaining type shares.
  {
    auto shares = item_shares(t, items::project_host_type);
    shares[0] = std::max(0.0, shares[0] - hs_respondents);
    Asked not_hs(n);
    for (std::size_t i = 0; i < n; ++i) not_hs[i] = !pr.home_start[i];
    const auto type = draw.nominal("P.orgtype", shares, nullptr, not_hs);
    const double types_pro = t.share("P.orgtype.welfare_inst") + t.share("P.orgtype.care_inst") +
                             t.share("P.orgtype.municipality");
    const double other_pro =
        std::clamp((t.share("P.org.pi") - types_pro) / t.share("P.orgtype.other"), 0.0, 1.0);
    pr.host_type.resize(n);
    pr.host_kind.resize(n);
    pr.host_vo.assign(n, kNone);
    for (std::size_t i = 0; i < n; ++i) {
      pr.host_type[i] = pr.home_start[i] ? HostType::vo_welfare : static_cast<HostType>(type[i]);
      Stream s = draw.stream(i, "host");
      pr.host_kind[i] = kind_of(pr.host_type[i], s.bernoulli(other_pro));
      if (pr.host_kind[i] == HostKind::volunteer_org)
        pr.host_vo[i] =
            pick_vo(field, pr.municipality[i], vo_kind_of(pr.host_type[i]), s.uniform());
    }
  }
  auto host_is = [&](std::size_t i, HostType h) { return pr.host_type[i] == h; };
  auto vo_host = [&](std::size_t i) { return pr.host_kind[i] == HostKind::volunteer_org; };
  auto pi_host = [&](std::size_t i) { return pr.host_kind[i] == HostKind::professional; };

  // --- profile ---------------------------------------------------------------
  const double mig = in.params.project.migrant_profile;
  const double host_match = in.params.project.host_match;
  const double level_match = in.params.project.level_scale_match;
  const double form_task = in.params.project.form_task;
  {
    const auto level = draw.nominal("P.level", item_shares(t, items::project_level), nullptr);
    pr.level.assign(level.begin(), level.end());
  }
  // Scale categories: municipal, national, regional, neighbourhood; level: municipal,
  // regional, national, neighbourhood, other.
  const std::size_t level_of_scale[] = {0, 2, 1, 3};
  pr.scale =
      draw.multi(items::project_scale, item_shares(t, items::project_scale),
                 [&](std::size_t i, std::size_t k) {
                   return (pr.level[i] == level_of_scale[k] ? level_match : 0.0) + hs_if(i, k == 1);
                 },
                 {});
  const auto& tg = items::project_targets;
  pr.targets = draw.multi(
      tg, item_shares(t, tg),
      [&](std::size_t i, std::size_t k) {
        const bool hs_target =
            k == tg.index("parents") || k == tg.index("child_0_6") || k == tg.index("families");
        return hs_if(i, hs_target) +
               (k == tg.index("new_dutch") && host_is(i, HostType::migrant_selforg) ? mig : 0.0);
      },
      {});
  auto targets_migrants = [&](std::size_t i) {
    return host_is(i, HostType::migrant_selforg) || has(pr.targets[i], tg.index("new_dutch"));
  };
  const auto& gl = items::project_goals;
  pr.goals = draw.multi(
      gl, item_shares(t, gl),
      [&](std::size_t i, std::size_t k) {
        return hs_if(i, k == gl.index("parenting_support")) +
               (k == gl.index("integration") && targets_migrants(i) ? mig : 0.0) +
               (k == gl.index("sport_play") && host_is(i, HostType::sport) ? host_match : 0.0);
      },
      {});
  const auto& fm = items::project_forms;
  pr.forms = draw.multi(
      fm, item_shares(t, fm),
      [&](std::size_t i, std::size_t k) { return hs_if(i, k == fm.index("personal")); }, {});
  {
    const auto initiative =
        draw.nominal("P.initiative", with_remainder(t, items::project_initiative), nullptr);
    pr.initiative.assign(initiative.begin(), initiative.end());
    const auto steering =
        draw.nominal("P.steer", with_remainder(t, items::project_steering),
                     [&](std::size_t i, std::size_t k) { return hs_if(i, k == 0); });
    pr.steering.assign(steering.begin(), steering.end());
    const double resp_vol = in.params.project.respondent_volunteer;
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
        return hs_if(i, k == tk.index("personal_guidance")) +
               ((k == tk.index("personal_guidance") || k == tk.index("buddy")) && personal
                    ? form_task
                    : 0.0) +
               ((k == tk.index("organising") || k == tk.index("activity_supervision")) && group
                    ? form_task
                    : 0.0);
      },
      {});

  // --- volunteers --------------------------------------------------------------
  // Size: log-normal, its location solved so the respondents' share below 20 matches.
  std::vector<std::uint32_t> size(n);
  {
    const double spread = in.params.project.size_spread;
    const double hs_size = in.params.project.home_start_size;
    Calibrand units{pr.response_weight, std::vector<double>(n)};
    for (std::size_t i = 0; i < n; ++i) units.eta[i] = -(pr.home_start[i] ? hs_size : 0.0) / spread;
    const double a = solve_intercept(units, t.share("P.size.lt20"));
    const double mu = std::log(19.5) - a * spread;
    for (std::size_t i = 0; i < n; ++i) {
      const double log_size =
          mu + (pr.home_start[i] ? hs_size : 0.0) + spread * draw.stream(i, "size").normal();
      size[i] = static_cast<std::uint32_t>(std::max(1L, std::lround(std::exp(log_size))));
    }
  }
  // Mix of volunteer kinds by host kind (the survey's cross-tabulation).
  std::vector<int> vmix(n);
  {
    const ItemSpec vo_mix{"P.vmix_vo", items::project_vmix.categories};
    const ItemSpec pi_mix{"P.vmix_pi", items::project_vmix.categories};
    auto stratum_shares = [&](const ItemSpec& spec) {
      double rest = 0.0;
      auto s = item_shares(t, spec, &rest);
      s[3] += rest;  // answers outside the three kinds: unclassified
      return s;
    };
    const auto eta = [&](std::size_t i, std::size_t k) { return hs_if(i, k == 0); };
    Asked a_vo(n), a_pi(n), a_unknown(n);
    for (std::size_t i = 0; i < n; ++i) {
      a_vo[i] = vo_host(i);
      a_pi[i] = pi_host(i);
      a_unknown[i] = !vo_host(i) && !pi_host(i);
    }
    const auto m_vo = draw.nominal("P.vmix", stratum_shares(vo_mix), eta, a_vo);
    const auto m_pi = draw.nominal("P.vmix", stratum_shares(pi_mix), eta, a_pi);
    const auto m_un = draw.nominal("P.vmix", item_shares(t, items::project_vmix), eta, a_unknown);
    for (std::size_t i = 0; i < n; ++i) vmix[i] = a_vo[i] ? m_vo[i] : a_pi[i] ? m_pi[i] : m_un[i];
  }
  const auto from_target =
      draw.ordered("P.from_target", item_shares(t, items::project_from_target),
                   [&](std::size_t i) { return targets_migrants(i) ? mig : 0.0; });
  std::vector<std::uint32_t> vtypes(n, 0);
  {
    const auto& vt = items::project_vtypes;
    const auto all = item_shares(t, vt);
    const double free_role = in.params.project.free_role_from_target;
    auto only = [&](std::uint32_t group) {
      std::vector<double> s(all.size(), 0.0);
      for (std::size_t k = 0; k < all.size(); ++k)
        if (has(group, k)) s[k] = all[k];
      return s;
    };
    const bool has_org[] = {true, true, false, false};  // by vmix category
    const bool has_ind[] = {false, true, true, false};
    const auto org = draw.multi(
        vt, only(kOrganisedTypes),
        [&](std::size_t i, std::size_t k) {
          if (!has_org[vmix[i]]) return -kInf;
          const auto type = static_cast<VolunteerType>(k);
          const bool at_vo =
              type == VolunteerType::org_fixed_vo || type == VolunteerType::org_free_vo;
          const bool free =
              type == VolunteerType::org_free_vo || type == VolunteerType::org_free_pi;
          return ((at_vo && vo_host(i)) || (!at_vo && pi_host(i)) ? host_match : 0.0) +
                 (free && from_target[i] > 0 ? free_role : 0.0) +
                 hs_if(i, type == VolunteerType::org_fixed_vo);
        },
        {{}, nullptr, [&](std::size_t i) { return has_org[vmix[i]] ? kOrganisedTypes : 0u; }, -1});
    const auto ind = draw.multi(
        vt, only(kIndividualTypes),
        [&](std::size_t i, std::size_t) { return has_ind[vmix[i]] ? 0.0 : -kInf; },
        {{}, nullptr, [&](std::size_t i) { return has_ind[vmix[i]] ? kIndividualTypes : 0u; }, -1});
    const auto other = draw.multi(
        vt, only(kOtherTypes), nullptr,
        {{}, [&](std::size_t i) { return vmix[i] == 3 ? kOtherTypes : 0u; }, nullptr, -1});
    for (std::size_t i = 0; i < n; ++i) {
      vtypes[i] = org[i] | ind[i] | other[i];
      if (vmix[i] == 3) vtypes[i] = kOtherTypes;  // unclassified: only volunteers of other kinds
    }
  }
  pr.first_volunteer.resize(n);
  pr.volunteer_count.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    Stream s = draw.stream(i, "volunteers");
    const VolunteerDraft draft =
        draft_roles(in, s,
                    {HostRef::project,
                     static_cast<std::uint32_t>(i),
                     {},
                     {},
                     targets_migrants(i),
                     pr.home_start[i] != 0},
                    vtypes[i], size[i], static_cast<TargetOrigin>(from_target[i]));
    const auto count = static_cast<std::uint32_t>(draft.types.size());
    pr.first_volunteer[i] = static_cast<std::uint32_t>(field.volunteers.size());
    pr.volunteer_count[i] = count;
    append_volunteers(in, field, draft);
  }
  // Mean knowledge per project, standardised over projects: the covariate of
  // boundary crossing and of wanting knowledge support.
  std::vector<double> knowledge_z(n);
  {
    double sum = 0.0, sq = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
      double k = 0.0;
      for (std::uint32_t j = 0; j < pr.volunteer_count[i]; ++j)
        k += field.volunteers.knowledge[pr.first_volunteer[i] + j];
      knowledge_z[i] = k / pr.volunteer_count[i];
      sum += knowledge_z[i];
      sq += knowledge_z[i] * knowledge_z[i];
    }
    const double mean = n ? sum / static_cast<double>(n) : 0.0;
    const double sd =
        n ? std::sqrt(std::max(1e-12, sq / static_cast<double>(n) - mean * mean)) : 1.0;
    for (auto& k : knowledge_z) k = (k - mean) / sd;
    field.cuts.knowledge_mean = mean;
    field.cuts.knowledge_sd = sd;
  }
  const LatentEffects effects = LatentEffects::from(in.params);

  // --- coordinators ------------------------------------------------------------
  std::vector<std::uint8_t> any_under(n, 0), any_over(n, 0);
  {
    auto& co = field.coordinators;
    const double per = in.params.coordinator.volunteers_per_coordinator;
    const double median = in.params.coordinator.guidance_hours;
    const double spread = in.params.coordinator.guidance_spread;
    const double misjudge = in.params.coordinator.misjudgement_guidance;
    std::vector<std::vector<double>> eta(n), z(n), ones(n), not_under(n);
    pr.first_coordinator.resize(n);
    pr.coordinator_count.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
      const auto count = std::max<std::uint32_t>(
          1, static_cast<std::uint32_t>(std::ceil(pr.volunteer_count[i] / per)));
      pr.first_coordinator[i] = static_cast<std::uint32_t>(co.size());
      pr.coordinator_count[i] = count;
      for (std::uint32_t c = 0; c < count; ++c) {
        const auto id = static_cast<std::uint32_t>(co.size());
        const double zc = Stream(in.key, Purpose::coordinator, id, 0).normal();
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
      for (std::size_t c = 0; c < eta[i].size(); ++c)
        not_under[i].push_back(1.0 - normal_cdf(a_under + eta[i][c]));
    const double a_over =
        solve_any_rate(pr.response_weight, eta, not_under, t.share("P.int.obstacle.overestimated"));
    field.cuts.judge_under = a_under;
    field.cuts.judge_over = a_over;
    for (std::size_t i = 0; i < n; ++i) {
      for (std::uint32_t c = 0; c < pr.coordinator_count[i]; ++c) {
        const std::uint32_t id = pr.first_coordinator[i] + c;
        Stream s(in.key, Purpose::coordinator, id, 0, item_hash("judgement"));
        if (s.normal() < a_under + eta[i][c]) {
          co.judgement[id] = Judgement::underestimates;
          any_under[i] = 1;
        } else if (s.normal() < a_over + eta[i][c]) {
          co.judgement[id] = Judgement::overestimates;
          any_over[i] = 1;
        }
      }
    }
  }

  // --- internal cooperation ------------------------------------------------------
  {
    const double steer_freq = in.params.project.steering_frequency;
    const auto freq = draw.ordered(
        "P.int.freq", item_shares(t, items::project_int_freq),
        [&](std::size_t i) { return (pr.steering[i] <= 1 ? steer_freq : 0.0) + hs_if(i, true); });
    pr.internal_frequency.resize(n);
    for (std::size_t i = 0; i < n; ++i) pr.internal_frequency[i] = static_cast<Frequency>(freq[i]);
    Latent division_latent, boundaries_latent, grade_latent;
    const auto division = draw.ordered(
        "P.int.division", item_shares(t, items::project_int_division),
        [&](std::size_t i) { return effects.internal_division(freq[i], pr.home_start[i]); }, {},
        &division_latent);
    field.cuts.internal_division = division_latent.cuts;
    pr.division_noise = division_latent.noise;
    pr.internal_division.resize(n);
    for (std::size_t i = 0; i < n; ++i)
      pr.internal_division[i] = static_cast<Division>(division[i]);

    const auto& ob = items::project_obstacles;
    const double vision_ft = in.params.project.vision_from_target;
    const auto boundaries = draw.binary(
        "P.int.obstacle.boundaries", t.share("P.int.obstacle.boundaries"),
        [&](std::size_t i) { return effects.boundaries(knowledge_z[i], division[i], any_over[i]); },
        {}, &boundaries_latent);
    field.cuts.boundaries = boundaries_latent.cuts;
    pr.boundaries_noise = boundaries_latent.noise;
    const auto pro_tasks =
        draw.binary("P.int.obstacle.pro_tasks", t.share("P.int.obstacle.pro_tasks"), nullptr);
    const auto vision =
        draw.binary("P.int.obstacle.vision", t.share("P.int.obstacle.vision"),
                    [&](std::size_t i) { return from_target[i] > 0 ? vision_ft : 0.0; });
    pr.obstacles.assign(n, 0);
    double clear = 0.0, total = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
      auto& o = pr.obstacles[i];
      if (boundaries[i]) o |= ob.bit("boundaries");
      if (any_under[i]) o |= ob.bit("underestimated");
      if (any_over[i]) o |= ob.bit("overestimated");
      if (pro_tasks[i]) o |= ob.bit("pro_tasks");
      if (vision[i]) o |= ob.bit("vision");
      if (o == 0) clear += pr.response_weight[i];
      total += pr.response_weight[i];
    }
    // Obstacles the survey does not list (e.g. lack of time) make up the rest,
    // so that the share without any obstacle matches.
    const double unlisted =
        std::clamp(1.0 - t.share("P.int.obstacle.none") * total / std::max(clear, 1e-12), 0.0, 1.0);
    for (std::size_t i = 0; i < n; ++i)
      if (draw.stream(i, "P.int.obstacle.unlisted").bernoulli(unlisted))
        pr.obstacles[i] |= ob.bit("unlisted");

    const auto pmf = grade_distribution({{1, 5, t.share("P.int.grade.fail")},
                                         {6, 7, t.share("P.int.grade.6_7")},
                                         {8, 10, t.share("P.int.grade.ge8")}},
                                        t.value("P.int.grade.mean"));
    const auto grade = draw.ordered(
        "P.int.grade", pmf,
        [&](std::size_t i) {
          return effects.internal_grade(freq[i], division[i], __builtin_popcount(pr.obstacles[i]));
        },
        {}, &grade_latent);
    field.cuts.internal_grade = grade_latent.cuts;
    pr.grade_noise = grade_latent.noise;
    pr.internal_grade.resize(n);
    for (std::size_t i = 0; i < n; ++i)
      pr.internal_grade[i] = static_cast<std::uint8_t>(grade[i] + 1);
  }

  // --- the chain: professional institutions and the CJG ------------------------------
  const double tp = in.params.project.target_partner;
  const auto& ch = items::project_chain;
  auto partner_eta = [&](std::size_t i, std::size_t k) {
    const bool young = has(pr.targets[i], tg.index("child_0_6"));
    const bool parents = has(pr.targets[i], tg.index("parents"));
    const bool school_age =
        has(pr.targets[i], tg.index("child_6_12")) || has(pr.targets[i], tg.index("youth_12_18"));
    const bool vulnerable = has(pr.goals[i], gl.index("vulnerable_youth"));
    const auto kind = static_cast<InstitutionKind>(k);
    double e = 0.0;
    if (kind == InstitutionKind::cb) e += (young ? tp : 0.0) + hs_if(i, true);
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
  auto& ties = field.ties;
  auto tie_weights = [&](const std::vector<std::uint32_t>& list) {
    std::vector<double> w(list.size());
    for (std::size_t j = 0; j < list.size(); ++j)
      w[j] = ties.is_main[list[j]] ? pr.response_weight[ties.from[list[j]]] : 0.0;
    return w;
  };
  // Forms, task division and grade of each tie; the survey asks them of the main one.
  auto draw_tie_details = [&](const std::vector<std::uint32_t>& list, const ItemSpec& forms_item,
                              const ItemSpec& division_item, const std::string& grade_prefix,
                              Purpose purpose, std::vector<double>& division_cuts,
                              std::vector<double>& grade_cuts) {
    const ItemDrawer td(in.key, purpose, tie_weights(list));
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
    double rest = 0.0;
    auto division_shares = item_shares(t, division_item, &rest);
    division_shares[0] += rest;
    Latent division_latent, grade_latent;
    const auto division = td.ordered(
        division_item.prefix, division_shares,
        [&](std::size_t j) { return effects.tie_division(has(forms[j], align)); }, {},
        &division_latent);
    const auto pmf = grade_distribution({{1, 5, t.share(grade_prefix + ".fail")},
                                         {6, 7, t.share(grade_prefix + ".6_7")},
                                         {8, 10, t.share(grade_prefix + ".ge8")}},
                                        t.value(grade_prefix + ".mean"));
    const auto grade = td.ordered(
        grade_prefix, pmf,
        [&](std::size_t j) {
          return effects.tie_grade(division[j], __builtin_popcount(forms[j]), ties.contact[list[j]],
                                   effects.expected_experience(division[j]));
        },
        {}, &grade_latent);
    division_cuts = division_latent.cuts;
    grade_cuts = grade_latent.cuts;
    for (std::size_t j = 0; j < list.size(); ++j) {
      ties.division_noise[list[j]] = division_latent.noise[j];
      ties.grade_noise[list[j]] = grade_latent.noise[j];
      ties.forms[list[j]] = forms[j];
      ties.division[list[j]] = static_cast<std::uint8_t>(division[j]);
      ties.grade[list[j]] = static_cast<std::uint8_t>(grade[j] + 1);
    }
  };
  draw_tie_details(chain_ties, items::project_chain_forms, items::project_chain_division,
                   "P.chain.grade", Purpose::tie, field.cuts.chain_division,
                   field.cuts.chain_grade);

  // Contact with the CJG follows cooperation; knowing what it does follows contact.
  {
    Latent contact_latent, awareness_latent;
    const auto contact = draw.ordered(
        "P.cjg.contact", item_shares(t, items::project_cjg_contact),
        [&](std::size_t i) { return effects.cjg_contact(ties.cooperates[pr.cjg_tie[i]]); }, {},
        &contact_latent);
    const double unaware = t.share("P.cjg.unaware");
    const double unknown = in.params.project.cjg_unknown_share;
    const double well = in.params.project.cjg_well_informed_share;
    const auto awareness = draw.ordered(
        "P.cjg.awareness",
        {unaware * unknown, unaware * (1 - unknown), (1 - unaware) * (1 - well),
         (1 - unaware) * well},
        [&](std::size_t i) { return effects.cjg_awareness(contact[i]); }, {}, &awareness_latent);
    field.cuts.cjg_contact = contact_latent.cuts;
    field.cuts.cjg_awareness = awareness_latent.cuts;
    for (std::size_t i = 0; i < n; ++i) {
      ties.contact_noise[pr.cjg_tie[i]] = contact_latent.noise[i];
      ties.awareness_noise[pr.cjg_tie[i]] = awareness_latent.noise[i];
      ties.contact[pr.cjg_tie[i]] = static_cast<std::uint8_t>(contact[i]);
      ties.awareness[pr.cjg_tie[i]] = static_cast<std::uint8_t>(awareness[i]);
    }
  }

  // --- volunteer organisations ------------------------------------------------------------
  {
    const auto& vk = items::project_vo;
    auto vo_eta = [&](std::size_t i, std::size_t k) {
      const auto kind = static_cast<VoKind>(k);
      return (kind == VoKind::sport && host_is(i, HostType::sport) ? host_match : 0.0) +
             (kind == VoKind::migrant_selforg && targets_migrants(i) ? mig : 0.0);
    };
    const auto vo_any = draw.binary("P.vo.any", t.share("P.vo.any"), nullptr);
    double rest = 0.0;
    auto main_shares = item_shares(t, items::project_vo_main, &rest);
    main_shares[idx(VoKind::other)] += rest;
    const auto vo_main = draw.nominal("P.vo_main", main_shares, vo_eta, vo_any);
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
            pick_vo(field, pr.municipality[i], static_cast<VoKind>(k), s.uniform());
        const auto tie = add_tie(field, TieKind::project_vo, static_cast<std::uint32_t>(i), to,
                                 static_cast<std::uint8_t>(k));
        vo_ties.push_back(tie);
        if (static_cast<int>(k) == vo_main[i]) {
          ties.is_main[tie] = 1;
          pr.vo_main_tie[i] = tie;
        }
        ties.contact[tie] = ties.is_main[tie] ? 2 : 1;
      }
    }
    draw_tie_details(vo_ties, items::project_vo_forms, items::project_vo_division, "P.vo.grade",
                     Purpose::tie, field.cuts.vo_division, field.cuts.vo_grade);
  }

  // --- support wanted -------------------------------------------------------------------
  {
    const double kd = in.params.project.knowledge_demand;
    const double presence = in.params.project.type_presence;
    const auto needs = draw.binary("P.need_support", t.share("P.need_support"),
                                   [&](std::size_t i) { return -kd * knowledge_z[i]; });
    pr.needs_support.assign(needs.begin(), needs.end());
    // need_for categories: org_vo, org_pi, ind_regular, ind_incidental.
    const std::uint32_t kind_types[] = {
        bit(idx(VolunteerType::org_fixed_vo)) | bit(idx(VolunteerType::org_free_vo)),
        bit(idx(VolunteerType::org_fixed_pi)) | bit(idx(VolunteerType::org_free_pi)),
        bit(idx(VolunteerType::ind_own_regular)) | bit(idx(VolunteerType::ind_invited_regular)),
        bit(idx(VolunteerType::ind_own_incidental)) |
            bit(idx(VolunteerType::ind_invited_incidental))};
    pr.need_for = draw.multi(items::project_need_for, item_shares(t, items::project_need_for),
                             [&](std::size_t i, std::size_t k) {
                               if (!needs[i]) return -kInf;
                               return (vtypes[i] & kind_types[k]) ? presence : -presence;
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
          const std::string& c = sp.categories[k];
          if (c == "welfare")
            return partner_known(i, InstitutionKind::welfare) || host_is(i, HostType::welfare_inst)
                       ? tp
                       : 0.0;
          if (c == "cjg") return partner_known(i, InstitutionKind::cjg) ? tp : 0.0;
          if (c == "bjz") return partner_known(i, InstitutionKind::bjz) ? tp : 0.0;
          if (c == "education") return partner_known(i, InstitutionKind::education) ? tp : 0.0;
          if (c == "cb") return partner_known(i, InstitutionKind::cb) ? tp : 0.0;
          if (c == "care")
            return partner_known(i, InstitutionKind::care) || host_is(i, HostType::care_inst) ? tp
                                                                                              : 0.0;
          return 0.0;
        },
        {needs, nullptr, nullptr, static_cast<int>(sp.index("dont_know"))});
    pr.support_on = draw.multi(
        items::project_support_on, item_shares(t, items::project_support_on),
        [&](std::size_t i, std::size_t k) { return k == 0 ? -kd * knowledge_z[i] : 0.0; },
        {needs, nullptr, nullptr, -1});
  }

  // --- what volunteers add, in the respondents' eyes -------------------------------------------
  {
    const auto& va = items::project_values;
    pr.values = draw.multi(va, item_shares(t, va),
                           [&](std::size_t i, std::size_t k) {
                             const std::string& c = va.categories[k];
                             const bool target_group = from_target[i] > 0;
                             if (c == "empowerment" || c == "reach" || c == "trust")
                               return target_group ? mig / 2.0 : 0.0;
                             if (c == "person_to_person")
                               return has(pr.forms[i], fm.index("personal")) ? form_task : 0.0;
                             return 0.0;
                           },
                           {{}, nullptr, nullptr, static_cast<int>(va.index("none"))});
  }
}

}  // namespace samen::detail

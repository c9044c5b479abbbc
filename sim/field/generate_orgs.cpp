// Regular organisations (Bureaus Jeugdzorg, clinics, CJGs, schools): their use
// of volunteers, cooperation with volunteer organisations and support of
// volunteering, drawn so that respondents answer as in survey chapter 3.
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "generation.hpp"
#include "item_drawer.hpp"
#include "samen/field/calibration.hpp"
#include "samen/survey/items.hpp"

namespace samen::detail {
namespace {

// Suffixes of the per-type figures, in OrgType order of the surveyed types.
const char* const kTypeSuffix[kSurveyedOrgTypeCount] = {"bjz", "cb", "cjg", "education"};
const char* const kVmixSuffix[kSurveyedOrgTypeCount] = {"bjz", "cb", "cjg", "edu"};

int type_of(const RegularOrgs& org, std::size_t i) { return static_cast<int>(org.type[i]); }
bool surveyed(const RegularOrgs& org, std::size_t i) {
  return type_of(org, i) < kSurveyedOrgTypeCount;
}

// Returns each organisation's stratum for per-type figures: its type if the
// survey asked it, else -1 (not asked).
std::vector<int> type_strata(const RegularOrgs& org) {
  std::vector<int> stratum(org.size(), -1);
  for (std::size_t i = 0; i < org.size(); ++i) stratum[i] = surveyed(org, i) ? type_of(org, i) : -1;
  return stratum;
}

// Returns the survey's share per surveyed type of figure `prefix`.<type>.
std::vector<double> shares_by_type(const SurveyTargets& t, const std::string& prefix) {
  std::vector<double> shares(kSurveyedOrgTypeCount);
  for (int k = 0; k < kSurveyedOrgTypeCount; ++k)
    shares[static_cast<std::size_t>(k)] = t.share(prefix + kTypeSuffix[k]);
  return shares;
}

// 1. Kindertelefoon: the share of Bureaus Jeugdzorg among respondents that run one.
void draw_kindertelefoon(const GenerationInput& in, RegularOrgs& org) {
  org.kindertelefoon.assign(org.size(), 0);
  for (std::size_t i = 0; i < org.size(); ++i)
    if (org.type[i] == OrgType::bjz)
      org.kindertelefoon[i] = Stream(in.key, Purpose::regular_org, static_cast<std::uint32_t>(i), 0,
                                     item_hash("kindertelefoon"))
                                  .bernoulli(in.params.org.kindertelefoon_share);
}

// 2. Use of volunteers: the respondents' share per type overstates the field
// by the response bias f, so it is drawn unweighted at the field's share.
void draw_volunteer_use(const GenerationInput& in, RegularOrgs& org) {
  const double f = in.params.survey.volunteer_user_response_factor;
  auto share = shares_by_type(in.targets, "R.uses_volunteers.");
  for (auto& p : share) p = field_share(p, f);
  const ItemDrawer field_draw(in.key, Purpose::regular_org, std::vector<double>(org.size(), 1.0));
  org.uses_volunteers =
      field_draw.binary_by_stratum("R.uses_volunteers", type_strata(org), share, nullptr);
}

// Response weights: by type so that respondents' type shares match, times f
// for organisations that work with volunteers.
void weigh_respondents(const GenerationInput& in, RegularOrgs& org) {
  const double f = in.params.survey.volunteer_user_response_factor;
  const std::size_t n = org.size();
  org.response_weight.assign(n, 0.0);
  std::vector<double> type_total(kSurveyedOrgTypeCount, 0.0);
  for (std::size_t i = 0; i < n; ++i)
    if (surveyed(org, i))
      type_total[static_cast<std::size_t>(type_of(org, i))] += org.uses_volunteers[i] ? f : 1.0;
  for (std::size_t i = 0; i < n; ++i) {
    if (!surveyed(org, i)) continue;
    const double share = in.targets.share(std::string("R.type.") + kTypeSuffix[type_of(org, i)]);
    const double total = type_total[static_cast<std::size_t>(type_of(org, i))];
    org.response_weight[i] = share / total * (org.uses_volunteers[i] ? f : 1.0);
  }
}

// What the later sections share: the drawer calibrated on the respondent
// weights, who was asked, and the type profile effect.
struct OrgContext {
  OrgContext(const GenerationInput& input, Field& f)
      : in(input),
        t(input.targets),
        field(f),
        org(f.orgs),
        n(f.orgs.size()),
        draw(input.key, Purpose::regular_org, f.orgs.response_weight),
        effects(LatentEffects::from(input.params)),
        profile(input.params.org.type_profile),
        asked_all(n),
        users(n) {
    for (std::size_t i = 0; i < n; ++i) {
      asked_all[i] = surveyed(org, i);
      users[i] = surveyed(org, i) && org.uses_volunteers[i];
    }
  }

  const GenerationInput& in;
  const SurveyTargets& t;
  Field& field;
  RegularOrgs& org;
  const std::size_t n;
  const ItemDrawer draw;
  const LatentEffects effects;
  const double profile;  ///< org.type_profile
  Asked asked_all;       ///< the surveyed types
  Asked users;           ///< ... that work with volunteers: asked about them

  bool is(std::size_t i, OrgType type) const { return org.type[i] == type; }
  /// Returns whether an organisation works with parents: clinics and CJGs.
  bool parents_org(std::size_t i) const { return is(i, OrgType::cb) || is(i, OrgType::cjg); }
};

// The respondent's role (R.resp, with the remainder as a last category).
void draw_respondent_role(const OrgContext& c) {
  const auto role =
      c.draw.nominal("R.resp", with_remainder(c.t, items::org_respondent), nullptr, c.asked_all);
  c.org.respondent_role.resize(c.n);
  for (std::size_t i = 0; i < c.n; ++i)
    c.org.respondent_role[i] = role[i] < 0 ? kNoAnswer : static_cast<std::uint8_t>(role[i]);
}

// 3. The answers of users about their volunteers, before the volunteers exist.
struct OrgVolunteerAnswers {
  std::vector<std::uint8_t> large;    ///< more than 50 volunteers
  std::vector<int> from_target;       ///< TargetOrigin code, kNotAsked for non-users
  std::vector<std::uint32_t> vtypes;  ///< mask over VolunteerType
};

// Mix of volunteer kinds, per type from its own figures; only users' entries
// are drawn (and read).
std::vector<VolunteerMix> draw_org_mix(const OrgContext& c) {
  std::vector<VolunteerMix> vmix(c.n, VolunteerMix::unclassified);
  for (int k = 0; k < kSurveyedOrgTypeCount; ++k) {
    const ItemSpec spec{std::string("R.vmix_") + kVmixSuffix[k], items::org_vmix.categories};
    // Answers outside the three kinds count as unclassified.
    const auto shares = with_remainder_in(c.t, spec, idx(VolunteerMix::unclassified));
    Asked stratum(c.n);
    for (std::size_t i = 0; i < c.n; ++i) stratum[i] = c.users[i] && type_of(c.org, i) == k;
    const auto drawn = c.draw.nominal("R.vmix", shares, nullptr, stratum);
    for (std::size_t i = 0; i < c.n; ++i)
      if (stratum[i]) vmix[i] = static_cast<VolunteerMix>(drawn[i]);
  }
  return vmix;
}

// Types (R.vtype) as for projects, without effects.
std::vector<std::uint32_t> draw_org_types(const OrgContext& c,
                                          const std::vector<VolunteerMix>& vmix) {
  const auto& vt = items::org_vtypes;
  const auto all = item_shares(c.t, vt);
  const auto& users = c.users;
  auto org_ok = [&](std::size_t i) { return users[i] && has_organised(vmix[i]); };
  auto ind_ok = [&](std::size_t i) { return users[i] && has_individual(vmix[i]); };
  auto unclassified = [&](std::size_t i) {
    return users[i] && vmix[i] == VolunteerMix::unclassified;
  };
  const auto o = c.draw.multi(
      vt, shares_within(all, kOrganisedTypes),
      [&](std::size_t i, std::size_t) { return org_ok(i) ? 0.0 : -kInf; },
      {users, nullptr, [&](std::size_t i) { return org_ok(i) ? kOrganisedTypes : 0u; }, -1});
  const auto d = c.draw.multi(
      vt, shares_within(all, kIndividualTypes),
      [&](std::size_t i, std::size_t) { return ind_ok(i) ? 0.0 : -kInf; },
      {users, nullptr, [&](std::size_t i) { return ind_ok(i) ? kIndividualTypes : 0u; }, -1});
  const auto x = c.draw.multi(
      vt, shares_within(all, kOtherTypes), nullptr,
      {users, [&](std::size_t i) { return unclassified(i) ? kOtherTypes : 0u; }, nullptr, -1});
  std::vector<std::uint32_t> vtypes(c.n, 0);
  for (std::size_t i = 0; i < c.n; ++i)
    vtypes[i] = unclassified(i) ? kOtherTypes : (o[i] | d[i] | x[i]);
  return vtypes;
}

// Size band, origin from the target group, mix and kinds of users' volunteers.
OrgVolunteerAnswers draw_org_volunteer_answers(const OrgContext& c) {
  OrgVolunteerAnswers v;
  v.large = c.draw.binary(
      "R.size.gt50", c.t.share("R.size.gt50"),
      [&](std::size_t i) { return c.org.kindertelefoon[i] ? 2.0 * c.profile : 0.0; }, c.users);
  v.from_target = c.draw.ordered(
      "R.from_target", item_shares(c.t, items::org_from_target),
      [&](std::size_t i) {
        // Helplines do not recruit callers; clinics and CJGs recruit parents.
        if (c.is(i, OrgType::bjz)) return -kInf;
        return c.parents_org(i) ? c.profile : 0.0;
      },
      c.users);
  v.vtypes = draw_org_types(c, draw_org_mix(c));
  return v;
}

// The volunteers of users: a count log-normal within the band the
// organisation reported (<= 50 or > 50), carrying exactly the drawn answers.
void add_org_volunteers(const OrgContext& c, const OrgVolunteerAnswers& v) {
  auto& org = c.org;
  const double small_median = c.in.params.org.small_volunteer_median;
  const double large_median = c.in.params.org.large_volunteer_median;
  const std::size_t volunteers_before = c.field.volunteers.size();
  org.first_volunteer.assign(c.n, static_cast<std::uint32_t>(volunteers_before));
  org.volunteer_count.assign(c.n, 0);
  for (std::size_t i = 0; i < c.n; ++i) {
    org.first_volunteer[i] = static_cast<std::uint32_t>(c.field.volunteers.size());
    if (!c.users[i]) continue;
    Stream s = c.draw.stream(i, "volunteers");
    const double z = s.normal();
    std::uint32_t count = v.large[i]
                              ? static_cast<std::uint32_t>(
                                    std::max(51.0, std::round(large_median * std::exp(0.5 * z))))
                              : static_cast<std::uint32_t>(std::clamp(
                                    std::round(small_median * std::exp(0.7 * z)), 1.0, 50.0));
    const VolunteerDraft draft = draft_roles(
        c.in, s, {HostRef::regular_org, static_cast<std::uint32_t>(i), {}, {}, false, false},
        v.vtypes[i], count, static_cast<TargetOrigin>(v.from_target[i]));
    count = static_cast<std::uint32_t>(draft.types.size());
    org.volunteer_count[i] = count;
    append_volunteers(c.in, c.field, draft);
  }
}

// 4. What volunteers do there: fields, target groups, tasks and added value.
void draw_volunteer_work(const OrgContext& c, const OrgVolunteerAnswers& v) {
  const auto& t = c.t;
  auto& org = c.org;
  const auto& draw = c.draw;
  const double profile = c.profile;
  org.fields =
      draw.multi(items::org_fields, item_shares(t, items::org_fields),
                 [&](std::size_t i, std::size_t) { return c.parents_org(i) ? profile : 0.0; },
                 {c.users, nullptr, nullptr, -1});
  const auto& tg = items::org_targets;
  org.targets = draw.multi(tg, item_shares(t, tg),
                           [&](std::size_t i, std::size_t k) {
                             const std::string& cat = tg.categories[k];
                             if (cat == "child_0_6") return c.is(i, OrgType::cb) ? profile : 0.0;
                             if (cat == "child_6_12")
                               return c.is(i, OrgType::education) ? profile : 0.0;
                             if (cat == "youth_12_18") return c.is(i, OrgType::bjz) ? profile : 0.0;
                             return c.parents_org(i) ? profile : 0.0;
                           },
                           {c.users, nullptr, nullptr, -1});
  org.tasks = draw.multi(items::org_tasks, item_shares(t, items::org_tasks), nullptr,
                         {c.users, nullptr, nullptr, -1});
  org.values = draw.multi(items::org_values, item_shares(t, items::org_values),
                          [&](std::size_t i, std::size_t k) {
                            return items::org_values.categories[k] == "empowerment" &&
                                           v.from_target[i] > code(TargetOrigin::none)
                                       ? profile
                                       : 0.0;
                          },
                          {c.users, nullptr, nullptr, -1});
}

// 5. Internal cooperation of users: frequency (if answered), task division,
// obstacles and grade.
void draw_org_internal_cooperation(const OrgContext& c) {
  const auto& t = c.t;
  auto& org = c.org;
  const std::size_t n = c.n;
  const auto& draw = c.draw;
  const auto& users = c.users;
  double rest = 0.0;
  auto freq_shares = item_shares(t, items::org_int_freq, &rest);
  // Some respondents left the question unanswered.
  const auto answered = draw.binary("R.int.freq.answered", 1.0 - rest, nullptr, users);
  Asked asked(n);
  for (std::size_t i = 0; i < n; ++i) asked[i] = answered[i];
  const auto freq = draw.ordered("R.int.freq", freq_shares, nullptr, asked);
  const auto division = draw.ordered(
      "R.int.division", item_shares(t, items::org_int_division),
      [&](std::size_t i) { return c.effects.internal_division(std::max(0, freq[i]), false); },
      users);
  const auto& ob = items::org_obstacles;
  org.obstacles.assign(n, 0);
  double clear = 0.0, total = 0.0;
  const std::string listed[] = {"underestimated", "boundaries", "not_appreciated"};
  std::vector<std::vector<std::uint8_t>> drawn;
  for (const auto& cat : listed)
    drawn.push_back(
        draw.binary("R.int.obstacle." + cat, t.share("R.int.obstacle." + cat), nullptr, users));
  for (std::size_t i = 0; i < n; ++i) {
    if (!users[i]) continue;
    for (std::size_t k = 0; k < 3; ++k)
      if (drawn[k][i]) org.obstacles[i] |= ob.bit(listed[k]);
    if (org.obstacles[i] == 0) clear += org.response_weight[i];
    total += org.response_weight[i];
  }
  const double unlisted = unlisted_obstacle_share(t.share("R.int.obstacle.none"), clear, total);
  for (std::size_t i = 0; i < n; ++i)
    if (users[i] && draw.stream(i, "R.int.obstacle.unlisted").bernoulli(unlisted))
      org.obstacles[i] |= ob.bit("unlisted");
  // Unlike the other grades, the organisations' top band is 8-9.
  const auto pmf = survey_grade_pmf(t, "R.int.grade", "8_9", 9);
  const auto grade = draw.ordered(
      "R.int.grade", pmf,
      [&](std::size_t i) {
        return c.effects.internal_grade(std::max(0, freq[i]), std::max(0, division[i]),
                                        __builtin_popcount(org.obstacles[i]));
      },
      users);
  org.internal_frequency.assign(n, kNoAnswer);
  org.internal_division.assign(n, kNoAnswer);
  org.internal_grade.assign(n, 0);
  for (std::size_t i = 0; i < n; ++i) {
    if (!users[i]) continue;
    if (freq[i] >= 0) org.internal_frequency[i] = static_cast<std::uint8_t>(freq[i]);
    org.internal_division[i] = static_cast<std::uint8_t>(division[i]);
    org.internal_grade[i] = static_cast<std::uint8_t>(grade[i] + 1);
  }
}

// Forms, task division and grade of organisations' VO ties (`weight`: the
// organisation's respondent weight for its main tie, else 0).
void draw_org_vo_tie_details(const OrgContext& c, const std::vector<std::uint32_t>& list,
                             const std::vector<double>& weight) {
  const auto& t = c.t;
  auto& ties = c.field.ties;
  const ItemDrawer td(c.in.key, Purpose::tie, weight);
  const auto& fm = items::org_vo_forms;
  const auto forms = td.multi(
      fm, item_shares(t, fm),
      [&](std::size_t j, std::size_t k) {
        // Only CJGs named sharing facilities.
        return fm.categories[k] == "facilities" && !c.is(ties.from[list[j]], OrgType::cjg) ? -kInf
                                                                                           : 0.0;
      },
      {});
  const double clear = t.share("R.vo.division.clear");
  // The report: two thirds of the clear divisions oral, one third written.
  const double oral_of_clear = c.in.params.org.vo_oral_share_of_clear;
  const double cfd = c.in.params.project.chain_form_division;
  const auto division = td.ordered(
      "R.vo.division",
      {t.share("R.vo.division.none"), clear * oral_of_clear, clear * (1 - oral_of_clear)},
      [&](std::size_t j) { return has(forms[j], fm.index("task_division")) ? cfd : 0.0; });
  const double gd = c.in.params.project.grade_division;
  const auto grade = td.ordered("R.vo.grade", survey_grade_pmf(t, "R.vo.grade"),
                                [&](std::size_t j) { return gd * division[j]; });
  for (std::size_t j = 0; j < list.size(); ++j) {
    ties.forms[list[j]] = forms[j];
    ties.division[list[j]] = static_cast<std::uint8_t>(division[j]);
    ties.grade[list[j]] = static_cast<std::uint8_t>(grade[j] + 1);
  }
}

// 6. Cooperation with volunteer organisations: whether (per type), how
// often, with which kinds, its value or the reasons not to, and a tie to one
// VO of each kind in the organisation's municipality.
void draw_org_vo_ties(const OrgContext& c) {
  const auto& t = c.t;
  auto& org = c.org;
  const std::size_t n = c.n;
  const auto& draw = c.draw;
  auto& field = c.field;
  const auto coop =
      draw.binary_by_stratum("R.vo.any", type_strata(org), shares_by_type(t, "R.vo."), nullptr);
  Asked cooperating(n), not_cooperating(n);
  for (std::size_t i = 0; i < n; ++i) {
    cooperating[i] = coop[i];
    not_cooperating[i] = surveyed(org, i) && !coop[i];
  }
  const auto freq =
      draw.ordered("R.vo.freq", item_shares(t, items::org_vo_freq), nullptr, cooperating);
  const auto main =
      draw.nominal("R.vo_main", with_remainder_in(t, items::org_vo_main, idx(VoKind::other)),
                   nullptr, cooperating);
  const auto kinds = draw.multi(
      items::org_vo_kind, item_shares(t, items::org_vo_kind), nullptr,
      {cooperating,
       [&](std::size_t i) { return coop[i] ? bit(static_cast<std::size_t>(main[i])) : 0u; },
       nullptr, -1});
  org.vo_value = draw.multi(items::org_vo_value, item_shares(t, items::org_vo_value), nullptr,
                            {cooperating, nullptr, nullptr, -1});
  // Each of three reasons was named by the same number of respondents.
  const double each = t.share("R.vo_why_not.each");
  org.vo_why_not = draw.multi(items::org_vo_why_not, {each, each, each}, nullptr,
                              {not_cooperating, nullptr, nullptr, -1});

  org.vo_frequency.assign(n, 0);
  for (std::size_t i = 0; i < n; ++i)
    if (freq[i] >= 0) org.vo_frequency[i] = static_cast<std::uint8_t>(freq[i]);
  org.vo_main_tie.assign(n, kNone);
  std::vector<std::uint32_t> list;
  std::vector<double> weight;
  for (std::size_t i = 0; i < n; ++i) {
    if (!coop[i]) continue;
    Stream s = draw.stream(i, "vo partners");
    for (int k = 0; k < kVoKindCount; ++k) {
      if (!has(kinds[i], static_cast<std::size_t>(k))) continue;
      const auto to = pick_vo(field, org.municipality[i], static_cast<VoKind>(k), s.uniform());
      const auto tie = add_tie(field, TieKind::org_vo, static_cast<std::uint32_t>(i), to,
                               static_cast<std::uint8_t>(k));
      const bool is_main = k == main[i];
      field.ties.is_main[tie] = is_main;
      // Tie contact: 0 never, 1 sometimes, 2 regularly or often.
      field.ties.contact[tie] = static_cast<std::uint8_t>(std::min(2, std::max(0, freq[i])));
      if (is_main) org.vo_main_tie[i] = tie;
      list.push_back(tie);
      weight.push_back(is_main ? org.response_weight[i] : 0.0);
    }
  }
  draw_org_vo_tie_details(c, list, weight);
}

// 7. Support of volunteering: whether and which kinds, whether it should be
// more, and what the organisation could offer.
void draw_volunteering_support(const OrgContext& c) {
  const auto& t = c.t;
  auto& org = c.org;
  const std::size_t n = c.n;
  const auto& draw = c.draw;
  org.supports_volunteers = draw.binary_by_stratum(
      "R.supports_any", type_strata(org), shares_by_type(t, "R.supports_by_type."), nullptr);
  const auto& sp = items::org_supports;
  const std::uint32_t individual_kinds = sp.bit("ind_incidental") | sp.bit("ind_regular");
  const std::uint32_t any_kind = individual_kinds | sp.bit("org_vo") | sp.bit("org_pi");
  // Only schools and CJGs support individual citizens.
  auto individual_ok = [&](std::size_t i) {
    return c.is(i, OrgType::education) || c.is(i, OrgType::cjg);
  };
  org.supports =
      draw.multi(sp, item_shares(t, sp),
                 [&](std::size_t i, std::size_t k) {
                   if (!org.supports_volunteers[i]) return -kInf;
                   return has(individual_kinds, k) && !individual_ok(i) ? -kInf : 0.0;
                 },
                 {c.asked_all, nullptr,
                  [&](std::size_t i) { return org.supports_volunteers[i] ? any_kind : 0u; }, -1});

  // Two strata: CJGs (0) and the other surveyed types (1).
  std::vector<int> cjg_or_other(n, -1);
  for (std::size_t i = 0; i < n; ++i)
    cjg_or_other[i] = surveyed(org, i) ? (c.is(i, OrgType::cjg) ? 0 : 1) : -1;
  const double cjg_more = t.share("R.should_support_more.cjg");
  const double all_more = t.share("R.should_support_more.all");
  const auto& all_fig = t.at("R.should_support_more.all");
  const auto& cjg_fig = t.at("R.should_support_more.cjg");
  // Others: the respondents who are not CJGs.
  const double other_more = (all_more * all_fig.n - cjg_more * cjg_fig.n) / (all_fig.n - cjg_fig.n);
  org.should_support_more = draw.binary_by_stratum("R.should_support_more", cjg_or_other,
                                                   {cjg_more, other_more}, nullptr);

  const auto& co = items::org_could_offer;
  auto shares_offer = item_shares(t, co);
  shares_offer[co.index("knowledge")] = 0.0;  // drawn per stratum below
  org.could_offer = draw.multi(co, shares_offer, nullptr, {c.asked_all, nullptr, nullptr, -1});
  const double cjg_knowledge = t.share("R.could_offer_cjg.knowledge");
  const auto& all_k = t.at("R.could_offer.knowledge");
  const auto& cjg_k = t.at("R.could_offer_cjg.knowledge");
  const double other_knowledge = (all_k.value - cjg_k.value) / (all_k.n - cjg_k.n);
  const auto knowledge = draw.binary_by_stratum("R.could_offer.knowledge", cjg_or_other,
                                                {cjg_knowledge, other_knowledge}, nullptr);
  for (std::size_t i = 0; i < n; ++i)
    if (knowledge[i]) org.could_offer[i] |= co.bit("knowledge");
}

}  // namespace

// The steps of docs/model.md 3.1.5, in order.
void generate_org_answers(const GenerationInput& in, Field& field) {
  draw_kindertelefoon(in, field.orgs);
  draw_volunteer_use(in, field.orgs);
  weigh_respondents(in, field.orgs);
  const OrgContext c(in, field);
  draw_respondent_role(c);
  const OrgVolunteerAnswers volunteers = draw_org_volunteer_answers(c);
  add_org_volunteers(c, volunteers);
  draw_volunteer_work(c, volunteers);
  draw_org_internal_cooperation(c);
  draw_org_vo_ties(c);
  draw_volunteering_support(c);
}

}  // namespace samen::detail

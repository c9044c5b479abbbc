// Regular organisations (Bureaus Jeugdzorg, clinics, CJGs, schools): their use
// of volunteers, cooperation with volunteer organisations and support of
// volunteering, drawn so that respondents answer as in survey chapter 3.
#include <algorithm>
#include <cmath>
#include <limits>

#include "generation.hpp"
#include "item_drawer.hpp"
#include "samen/field/calibration.hpp"
#include "samen/field/volunteer_traits.hpp"
#include "samen/survey/items.hpp"

namespace samen::detail {
namespace {

const char* const kTypeSuffix[kSurveyedOrgTypeCount] = {"bjz", "cb", "cjg", "education"};
const char* const kVmixSuffix[kSurveyedOrgTypeCount] = {"bjz", "cb", "cjg", "edu"};

}  // namespace

void generate_org_answers(const GenerationInput& in, Field& field) {
  const LatentEffects effects = LatentEffects::from(in.params);
  const auto& t = in.targets;
  auto& org = field.orgs;
  const std::size_t n = org.size();
  const double f = in.params.survey.volunteer_user_response_factor;
  const double profile = in.params.org.type_profile;
  auto type_of = [&](std::size_t i) { return static_cast<int>(org.type[i]); };
  auto surveyed = [&](std::size_t i) { return type_of(i) < kSurveyedOrgTypeCount; };
  auto is = [&](std::size_t i, OrgType type) { return org.type[i] == type; };

  // Kindertelefoon: the share of Bureaus Jeugdzorg among respondents that run one.
  org.kindertelefoon.assign(n, 0);
  for (std::size_t i = 0; i < n; ++i)
    if (is(i, OrgType::bjz))
      org.kindertelefoon[i] = Stream(in.key, Purpose::regular_org, static_cast<std::uint32_t>(i), 0,
                                     item_hash("kindertelefoon"))
                                  .bernoulli(in.params.org.kindertelefoon_share);

  // Use of volunteers: the respondents' share per type overstates the field by
  // the response bias f.
  {
    std::vector<int> stratum(n, -1);
    std::vector<double> share(kSurveyedOrgTypeCount);
    for (int k = 0; k < kSurveyedOrgTypeCount; ++k) {
      const double p = t.share(std::string("R.uses_volunteers.") + kTypeSuffix[k]);
      share[static_cast<std::size_t>(k)] = field_share(p, f);
    }
    for (std::size_t i = 0; i < n; ++i) stratum[i] = surveyed(i) ? type_of(i) : -1;
    const ItemDrawer field_draw(in.key, Purpose::regular_org, std::vector<double>(n, 1.0));
    org.uses_volunteers =
        field_draw.binary_by_stratum("R.uses_volunteers", stratum, share, nullptr);
  }
  // Response weights: by type so that respondents' type shares match, times f
  // for organisations that work with volunteers.
  org.response_weight.assign(n, 0.0);
  {
    std::vector<double> type_total(kSurveyedOrgTypeCount, 0.0);
    for (std::size_t i = 0; i < n; ++i)
      if (surveyed(i))
        type_total[static_cast<std::size_t>(type_of(i))] += org.uses_volunteers[i] ? f : 1.0;
    for (std::size_t i = 0; i < n; ++i) {
      if (!surveyed(i)) continue;
      const double share = t.share(std::string("R.type.") + kTypeSuffix[type_of(i)]);
      const double total = type_total[static_cast<std::size_t>(type_of(i))];
      org.response_weight[i] = share / total * (org.uses_volunteers[i] ? f : 1.0);
    }
  }
  const ItemDrawer draw(in.key, Purpose::regular_org, org.response_weight);
  Asked asked_all(n), users(n);
  for (std::size_t i = 0; i < n; ++i) {
    asked_all[i] = surveyed(i);
    users[i] = surveyed(i) && org.uses_volunteers[i];
  }
  {
    const auto role =
        draw.nominal("R.resp", with_remainder(t, items::org_respondent), nullptr, asked_all);
    org.respondent_role.resize(n);
    for (std::size_t i = 0; i < n; ++i)
      org.respondent_role[i] = role[i] < 0 ? kNoAnswer : static_cast<std::uint8_t>(role[i]);
  }

  // --- volunteers of the organisation ------------------------------------------
  const auto large = draw.binary(
      "R.size.gt50", t.share("R.size.gt50"),
      [&](std::size_t i) { return org.kindertelefoon[i] ? 2.0 * profile : 0.0; }, users);
  const auto from_target = draw.ordered(
      "R.from_target", item_shares(t, items::org_from_target),
      [&](std::size_t i) {
        // Helplines do not recruit callers; clinics and CJGs recruit parents.
        if (is(i, OrgType::bjz)) return -kInf;
        return is(i, OrgType::cb) || is(i, OrgType::cjg) ? profile : 0.0;
      },
      users);
  std::vector<int> vmix(n, -1);
  for (int k = 0; k < kSurveyedOrgTypeCount; ++k) {
    const ItemSpec spec{std::string("R.vmix_") + kVmixSuffix[k], items::org_vmix.categories};
    double rest = 0.0;
    auto shares = item_shares(t, spec, &rest);
    shares[3] += rest;  // answers outside the three kinds: unclassified
    Asked stratum(n);
    for (std::size_t i = 0; i < n; ++i) stratum[i] = users[i] && type_of(i) == k;
    const auto drawn = draw.nominal("R.vmix", shares, nullptr, stratum);
    for (std::size_t i = 0; i < n; ++i)
      if (stratum[i]) vmix[i] = drawn[i];
  }
  std::vector<std::uint32_t> vtypes(n, 0);
  {
    const auto& vt = items::org_vtypes;
    const auto all = item_shares(t, vt);
    auto only = [&](std::uint32_t group) {
      std::vector<double> s(all.size(), 0.0);
      for (std::size_t k = 0; k < all.size(); ++k)
        if (has(group, k)) s[k] = all[k];
      return s;
    };
    const bool has_org[] = {true, true, false, false};
    const bool has_ind[] = {false, true, true, false};
    const std::uint32_t organised = kOrganisedTypes, individual = kIndividualTypes,
                        other = kOtherTypes;
    auto org_ok = [&](std::size_t i) { return users[i] && has_org[vmix[i]]; };
    auto ind_ok = [&](std::size_t i) { return users[i] && has_ind[vmix[i]]; };
    const auto o = draw.multi(
        vt, only(organised), [&](std::size_t i, std::size_t) { return org_ok(i) ? 0.0 : -kInf; },
        {users, nullptr, [&](std::size_t i) { return org_ok(i) ? organised : 0u; }, -1});
    const auto d = draw.multi(
        vt, only(individual), [&](std::size_t i, std::size_t) { return ind_ok(i) ? 0.0 : -kInf; },
        {users, nullptr, [&](std::size_t i) { return ind_ok(i) ? individual : 0u; }, -1});
    const auto x = draw.multi(
        vt, only(other), nullptr,
        {users, [&](std::size_t i) { return users[i] && vmix[i] == 3 ? other : 0u; }, nullptr, -1});
    for (std::size_t i = 0; i < n; ++i)
      vtypes[i] = users[i] && vmix[i] == 3 ? other : (o[i] | d[i] | x[i]);
  }
  const double small_median = in.params.org.small_volunteer_median;
  const double large_median = in.params.org.large_volunteer_median;
  const std::size_t volunteers_before = field.volunteers.size();
  org.first_volunteer.assign(n, static_cast<std::uint32_t>(volunteers_before));
  org.volunteer_count.assign(n, 0);
  for (std::size_t i = 0; i < n; ++i) {
    org.first_volunteer[i] = static_cast<std::uint32_t>(field.volunteers.size());
    if (!users[i]) continue;
    Stream s = draw.stream(i, "volunteers");
    // Log-normal within the band the organisation reported (<= 50 or > 50).
    const double z = s.normal();
    std::uint32_t count = large[i] ? static_cast<std::uint32_t>(std::max(
                                         51.0, std::round(large_median * std::exp(0.5 * z))))
                                   : static_cast<std::uint32_t>(std::clamp(
                                         std::round(small_median * std::exp(0.7 * z)), 1.0, 50.0));
    const VolunteerDraft draft = draft_roles(
        in, s, {HostRef::regular_org, static_cast<std::uint32_t>(i), {}, {}, false, false},
        vtypes[i], count, static_cast<TargetOrigin>(from_target[i]));
    count = static_cast<std::uint32_t>(draft.types.size());
    org.volunteer_count[i] = count;
    append_volunteers(in, field, draft);
  }

  // --- what volunteers do there ----------------------------------------------------------
  auto parents_orgs = [&](std::size_t i) { return is(i, OrgType::cb) || is(i, OrgType::cjg); };
  org.fields =
      draw.multi(items::org_fields, item_shares(t, items::org_fields),
                 [&](std::size_t i, std::size_t) { return parents_orgs(i) ? profile : 0.0; },
                 {users, nullptr, nullptr, -1});
  {
    const auto& tg = items::org_targets;
    org.targets = draw.multi(tg, item_shares(t, tg),
                             [&](std::size_t i, std::size_t k) {
                               const std::string& c = tg.categories[k];
                               if (c == "child_0_6") return is(i, OrgType::cb) ? profile : 0.0;
                               if (c == "child_6_12")
                                 return is(i, OrgType::education) ? profile : 0.0;
                               if (c == "youth_12_18") return is(i, OrgType::bjz) ? profile : 0.0;
                               return parents_orgs(i) ? profile : 0.0;
                             },
                             {users, nullptr, nullptr, -1});
  }
  org.tasks = draw.multi(items::org_tasks, item_shares(t, items::org_tasks), nullptr,
                         {users, nullptr, nullptr, -1});
  org.values = draw.multi(
      items::org_values, item_shares(t, items::org_values),
      [&](std::size_t i, std::size_t k) {
        return items::org_values.categories[k] == "empowerment" && from_target[i] > 0 ? profile
                                                                                      : 0.0;
      },
      {users, nullptr, nullptr, -1});

  // --- internal cooperation --------------------------------------------------------------
  {
    double rest = 0.0;
    auto freq_shares = item_shares(t, items::org_int_freq, &rest);
    // Some respondents left the question unanswered.
    const auto answered = draw.binary("R.int.freq.answered", 1.0 - rest, nullptr, users);
    Asked asked(n);
    for (std::size_t i = 0; i < n; ++i) asked[i] = answered[i];
    const auto freq = draw.ordered("R.int.freq", freq_shares, nullptr, asked);
    const auto division = draw.ordered(
        "R.int.division", item_shares(t, items::org_int_division),
        [&](std::size_t i) { return effects.internal_division(std::max(0, freq[i]), false); },
        users);
    const auto& ob = items::org_obstacles;
    org.obstacles.assign(n, 0);
    double clear = 0.0, total = 0.0;
    const std::string listed[] = {"underestimated", "boundaries", "not_appreciated"};
    std::vector<std::vector<std::uint8_t>> drawn;
    for (const auto& c : listed)
      drawn.push_back(
          draw.binary("R.int.obstacle." + c, t.share("R.int.obstacle." + c), nullptr, users));
    for (std::size_t i = 0; i < n; ++i) {
      if (!users[i]) continue;
      for (std::size_t c = 0; c < 3; ++c)
        if (drawn[c][i]) org.obstacles[i] |= ob.bit(listed[c]);
      if (org.obstacles[i] == 0) clear += org.response_weight[i];
      total += org.response_weight[i];
    }
    const double unlisted =
        std::clamp(1.0 - t.share("R.int.obstacle.none") * total / std::max(clear, 1e-12), 0.0, 1.0);
    for (std::size_t i = 0; i < n; ++i)
      if (users[i] && draw.stream(i, "R.int.obstacle.unlisted").bernoulli(unlisted))
        org.obstacles[i] |= ob.bit("unlisted");
    const auto pmf = grade_distribution({{1, 5, t.share("R.int.grade.fail")},
                                         {6, 7, t.share("R.int.grade.6_7")},
                                         {8, 9, t.share("R.int.grade.8_9")}},
                                        t.value("R.int.grade.mean"));
    const auto grade = draw.ordered(
        "R.int.grade", pmf,
        [&](std::size_t i) {
          return effects.internal_grade(std::max(0, freq[i]), std::max(0, division[i]),
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

  // --- cooperation with volunteer organisations ---------------------------------------------
  {
    std::vector<int> stratum(n, -1);
    std::vector<double> shares(kSurveyedOrgTypeCount);
    for (int k = 0; k < kSurveyedOrgTypeCount; ++k)
      shares[static_cast<std::size_t>(k)] = t.share(std::string("R.vo.") + kTypeSuffix[k]);
    for (std::size_t i = 0; i < n; ++i) stratum[i] = surveyed(i) ? type_of(i) : -1;
    const auto coop = draw.binary_by_stratum("R.vo.any", stratum, shares, nullptr);
    Asked cooperating(n), not_cooperating(n);
    for (std::size_t i = 0; i < n; ++i) {
      cooperating[i] = coop[i];
      not_cooperating[i] = surveyed(i) && !coop[i];
    }
    const auto freq =
        draw.ordered("R.vo.freq", item_shares(t, items::org_vo_freq), nullptr, cooperating);
    const auto main = draw.nominal(
        "R.vo_main",
        [&] {
          double rest = 0.0;
          auto s = item_shares(t, items::org_vo_main, &rest);
          s[static_cast<std::size_t>(VoKind::other)] += rest;
          return s;
        }(),
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
    auto& ties = field.ties;
    const ItemDrawer td(in.key, Purpose::tie, weight);
    const auto& fm = items::org_vo_forms;
    const auto forms = td.multi(
        fm, item_shares(t, fm),
        [&](std::size_t j, std::size_t k) {
          // Only CJGs named sharing facilities.
          return fm.categories[k] == "facilities" && !is(ties.from[list[j]], OrgType::cjg) ? -kInf
                                                                                           : 0.0;
        },
        {});
    const double clear = t.share("R.vo.division.clear");
    // The report: two thirds of the clear divisions oral, one third written.
    const double oral_of_clear = in.params.org.vo_oral_share_of_clear;
    const double cfd = in.params.project.chain_form_division;
    const auto division = td.ordered(
        "R.vo.division",
        {t.share("R.vo.division.none"), clear * oral_of_clear, clear * (1 - oral_of_clear)},
        [&](std::size_t j) { return has(forms[j], fm.index("task_division")) ? cfd : 0.0; });
    const double gd = in.params.project.grade_division;
    const auto pmf = grade_distribution({{1, 5, t.share("R.vo.grade.fail")},
                                         {6, 7, t.share("R.vo.grade.6_7")},
                                         {8, 10, t.share("R.vo.grade.ge8")}},
                                        t.value("R.vo.grade.mean"));
    const auto grade =
        td.ordered("R.vo.grade", pmf, [&](std::size_t j) { return gd * division[j]; });
    for (std::size_t j = 0; j < list.size(); ++j) {
      ties.forms[list[j]] = forms[j];
      ties.division[list[j]] = static_cast<std::uint8_t>(division[j]);
      ties.grade[list[j]] = static_cast<std::uint8_t>(grade[j] + 1);
    }
  }

  // --- support of volunteering ----------------------------------------------------------------
  {
    std::vector<int> stratum(n, -1);
    std::vector<double> shares(kSurveyedOrgTypeCount);
    for (int k = 0; k < kSurveyedOrgTypeCount; ++k)
      shares[static_cast<std::size_t>(k)] =
          t.share(std::string("R.supports_by_type.") + kTypeSuffix[k]);
    for (std::size_t i = 0; i < n; ++i) stratum[i] = surveyed(i) ? type_of(i) : -1;
    org.supports_volunteers = draw.binary_by_stratum("R.supports_any", stratum, shares, nullptr);
    const auto& sp = items::org_supports;
    // Only schools and CJGs support individual citizens.
    auto individual_ok = [&](std::size_t i) {
      return is(i, OrgType::education) || is(i, OrgType::cjg);
    };
    org.supports =
        draw.multi(sp, item_shares(t, sp),
                   [&](std::size_t i, std::size_t k) {
                     if (!org.supports_volunteers[i]) return -kInf;
                     return k < 2 && !individual_ok(i) ? -kInf : 0.0;
                   },
                   {asked_all, nullptr,
                    [&](std::size_t i) { return org.supports_volunteers[i] ? 0xFu : 0u; }, -1});

    const double cjg_more = t.share("R.should_support_more.cjg");
    const double all_more = t.share("R.should_support_more.all");
    const auto& all_fig = t.at("R.should_support_more.all");
    const auto& cjg_fig = t.at("R.should_support_more.cjg");
    // Others: the respondents who are not CJGs.
    const double other_more =
        (all_more * all_fig.n - cjg_more * cjg_fig.n) / (all_fig.n - cjg_fig.n);
    for (std::size_t i = 0; i < n; ++i)
      stratum[i] = surveyed(i) ? (is(i, OrgType::cjg) ? 0 : 1) : -1;
    org.should_support_more =
        draw.binary_by_stratum("R.should_support_more", stratum, {cjg_more, other_more}, nullptr);

    const auto& co = items::org_could_offer;
    auto shares_offer = item_shares(t, co);
    shares_offer[co.index("knowledge")] = 0.0;  // drawn per stratum below
    org.could_offer = draw.multi(co, shares_offer, nullptr, {asked_all, nullptr, nullptr, -1});
    const double cjg_knowledge = t.share("R.could_offer_cjg.knowledge");
    const auto& all_k = t.at("R.could_offer.knowledge");
    const auto& cjg_k = t.at("R.could_offer_cjg.knowledge");
    const double other_knowledge = (all_k.value - cjg_k.value) / (all_k.n - cjg_k.n);
    const auto knowledge = draw.binary_by_stratum("R.could_offer.knowledge", stratum,
                                                  {cjg_knowledge, other_knowledge}, nullptr);
    for (std::size_t i = 0; i < n; ++i)
      if (knowledge[i]) org.could_offer[i] |= co.bit("knowledge");
  }
}

}  // namespace samen::detail

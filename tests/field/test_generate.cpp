// Tests of the field generator (include/samen/field/generate.hpp): a pure
// function of (config, seed, replicate) whatever the thread count, structurally
// consistent, and calibrated so that respondents answer like the survey while
// the named mechanisms shape who answers what.
#include <tbb/global_control.h>
#include <catch2/catch.hpp>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include "samen/core/build_info.hpp"
#include "samen/core/config.hpp"
#include "samen/field/generate.hpp"
#include "samen/model/scenario.hpp"
#include "samen/model/scenario_inputs.hpp"
#include "samen/survey/virtual_survey.hpp"

using namespace samen;

namespace {

// A scenario with its survey targets, loaded from scenarios/ of the source tree.
struct Inputs {
  ModelScenario scenario;
  SurveyTargets targets;
};

Inputs load_inputs(const std::string& file, const std::vector<std::string>& overrides = {}) {
  auto sc = load_model_scenario(samen::build::source_dir() + "/scenarios/" + file, overrides);
  auto targets = load_scenario_targets(sc);
  return {std::move(sc), std::move(targets)};
}

Field generate(const Inputs& in, std::uint32_t seed, std::uint32_t replicate = 0) {
  return generate_field(in.scenario.params, in.targets, {seed, replicate});
}

// The baseline region at a reduced size: quick to generate.
const Inputs& small_inputs() {
  static const Inputs inputs = load_inputs("baseline.ini", {"field.families=20000"});
  return inputs;
}

// The whole country (1.9 million families, about 5,700 projects, 400 CJGs):
// large enough for marginals and cross-tabulations. Generated once per process.
struct National {
  Inputs inputs;
  Field field;
  SurveyReport report;
};
const National& national() {
  static const National n = [] {
    Inputs in = load_inputs("national.ini");
    Field f = generate(in, 20111, 0);
    SurveyReport r = run_virtual_survey(f, in.targets, in.scenario.params.survey.grade_sd);
    return National{std::move(in), std::move(f), std::move(r)};
  }();
  return n;
}

const FigureComparison& row(const SurveyReport& report, const std::string& id) {
  for (const auto& r : report.rows)
    if (r.id == id) return r;
  FAIL("no report row " << id);
  throw std::logic_error("unreachable");
}

// Compares every member of two fields bit for bit (for_each_column lists them
// all), reporting the first that differs.
void check_identical(const Field& a, const Field& b) {
  const std::string difference = first_difference(a, b);
  INFO("first difference: " << difference);
  CHECK(difference.empty());
}

// Counts how many of several random attributes differ between two fields.
int differing_attributes(const Field& a, const Field& b) {
  return int(a.families.need != b.families.need) +
         int(a.families.trust_formal != b.families.trust_formal) +
         int(a.projects.host_type != b.projects.host_type) +
         int(a.projects.internal_grade != b.projects.internal_grade) +
         int(a.volunteers.knowledge != b.volunteers.knowledge) +
         int(a.ties.division != b.ties.division) +
         int(a.orgs.uses_volunteers != b.orgs.uses_volunteers);
}

// Collects violations of an invariant: counts them and remembers the first few.
class Violations {
 public:
  void operator()(bool ok, const std::string& what, std::size_t index) {
    if (ok) return;
    if (count_++ < 5) text_ << what << " at " << index << "; ";
  }
  std::size_t count() const { return count_; }
  std::string text() const { return text_.str(); }

 private:
  std::size_t count_ = 0;
  std::ostringstream text_;
};

bool graded(std::uint8_t grade) { return grade >= 1 && grade <= 10; }

HostKind expected_kind(HostType type) {
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
  return HostKind::unknown;
}

// Checks every structural invariant of a field; `families` is the configured total.
void check_structure(const Field& f, std::size_t families, std::uint32_t per_province) {
  const auto& mun = f.municipalities;
  const auto& fam = f.families;
  const auto& pr = f.projects;
  const auto& vol = f.volunteers;
  const auto& co = f.coordinators;
  const auto& org = f.orgs;
  const auto& vos = f.vos;
  const auto& t = f.ties;
  const std::size_t M = mun.size();
  REQUIRE(M > 0);

  SECTION("array lengths agree within each kind") {
    for (const std::size_t s :
         {mun.first_family.size(), mun.family_count.size(), mun.cjg.size(), mun.first_org.size(),
          mun.org_count.size(), mun.first_vo.size(), mun.vo_count.size()})
      CHECK(s == M);
    for (const std::size_t s :
         {fam.migrant.size(), fam.child_age.size(), fam.need.size(), fam.trust_formal.size(),
          fam.informal_network.size(), fam.helper.size(), fam.weeks_waiting.size()})
      CHECK(s == fam.size());
    for (const std::size_t s :
         {pr.host_kind.size(), pr.host_type.size(), pr.host_vo.size(), pr.home_start.size(),
          pr.response_weight.size(), pr.first_volunteer.size(), pr.volunteer_count.size(),
          pr.first_coordinator.size(), pr.coordinator_count.size(), pr.internal_grade.size(),
          pr.chain_main_tie.size(), pr.cjg_tie.size(), pr.vo_main_tie.size(), pr.vo_why_not.size(),
          pr.obstacles.size(), pr.values.size(), pr.support_on.size(), pr.grade_noise.size()})
      CHECK(s == pr.size());
    for (const std::size_t s :
         {vol.host_ref.size(), vol.type.size(), vol.from_target.size(), vol.knowledge.size(),
          vol.skills.size(), vol.capacity.size(), vol.tenure_weeks.size()})
      CHECK(s == vol.size());
    for (const std::size_t s :
         {org.municipality.size(), org.response_weight.size(), org.uses_volunteers.size(),
          org.first_volunteer.size(), org.volunteer_count.size(), org.internal_grade.size(),
          org.vo_main_tie.size(), org.could_offer.size(), org.kindertelefoon.size()})
      CHECK(s == org.size());
    for (const std::size_t s :
         {t.from.size(), t.to.size(), t.partner_kind.size(), t.is_main.size(), t.cooperates.size(),
          t.contact.size(), t.awareness.size(), t.division.size(), t.grade.size(), t.forms.size(),
          t.grade_noise.size(), t.meeting_rate.size(), t.last_meeting.size(), t.events.size(),
          t.experience.size()})
      CHECK(s == t.size());
    CHECK(co.guidance_hours.size() == co.size());
    CHECK(co.judgement.size() == co.size());
  }

  SECTION("municipalities partition the families") {
    CHECK(fam.size() == families);
    std::size_t total = 0;
    Violations bad;
    for (std::size_t m = 0; m < M; ++m) {
      bad(mun.first_family[m] == total, "first_family not contiguous", m);
      total += mun.family_count[m];
      bad(mun.province[m] == m / per_province, "province", m);
      for (std::uint32_t i = mun.first_family[m]; i < mun.first_family[m] + mun.family_count[m];
           ++i)
        bad(fam.municipality[i] == m, "family outside its municipality's range", i);
    }
    CHECK(total == families);
    CHECK(f.province_count == (M + per_province - 1) / per_province);
    INFO(bad.text());
    CHECK(bad.count() == 0);
  }

  SECTION("families hold valid attributes") {
    Violations bad;
    for (std::size_t i = 0; i < fam.size(); ++i) {
      bad(fam.municipality[i] < M, "municipality", i);
      bad(fam.migrant[i] <= 1, "migrant flag", i);
      bad(fam.trust_formal[i] >= 0.0f && fam.trust_formal[i] <= 1.0f, "trust", i);
      bad(fam.informal_network[i] >= 0.0f && fam.informal_network[i] <= 1.0f, "network", i);
      bad(fam.need[i] <= Need::serious, "need", i);
      bad(fam.child_age[i] <= ChildAge::age_12_18, "child age", i);
      bad(fam.helper[i] == Helper::nobody && fam.weeks_waiting[i] == 0, "week-0 help", i);
    }
    INFO(bad.text());
    CHECK(bad.count() == 0);
  }

  SECTION("every municipality has exactly one CJG, and each province one Bureau Jeugdzorg") {
    std::vector<int> cjgs(M, 0), bjz(f.province_count, 0);
    std::size_t next = 0;
    Violations bad;
    for (std::size_t m = 0; m < M; ++m) {
      bad(mun.first_org[m] == next, "first_org not contiguous", m);
      next += mun.org_count[m];
      for (std::uint32_t j = mun.first_org[m]; j < mun.first_org[m] + mun.org_count[m]; ++j)
        bad(org.municipality[j] == m && org.province[j] == mun.province[m],
            "organisation outside its municipality's range", j);
      bad(mun.cjg[m] < org.size() && org.type[mun.cjg[m]] == OrgType::cjg &&
              org.municipality[mun.cjg[m]] == m,
          "municipalities.cjg does not point to its CJG", m);
    }
    CHECK(next == org.size());
    for (std::size_t j = 0; j < org.size(); ++j) {
      if (org.type[j] == OrgType::cjg) ++cjgs[org.municipality[j]];
      if (org.type[j] == OrgType::bjz) {
        ++bjz[org.province[j]];
        bad(org.municipality[j] % per_province == 0, "BJZ outside the province's first", j);
      } else {
        bad(org.kindertelefoon[j] == 0, "helpline outside a BJZ", j);
      }
    }
    for (std::size_t m = 0; m < M; ++m) bad(cjgs[m] == 1, "CJG count != 1", m);
    for (std::size_t p = 0; p < bjz.size(); ++p) bad(bjz[p] == 1, "BJZ count != 1", p);
    std::size_t next_vo = 0;
    for (std::size_t m = 0; m < M; ++m) {
      bad(mun.first_vo[m] == next_vo, "first_vo not contiguous", m);
      next_vo += mun.vo_count[m];
      for (std::uint32_t j = mun.first_vo[m]; j < mun.first_vo[m] + mun.vo_count[m]; ++j)
        bad(vos.municipality[j] == m, "VO outside its municipality's range", j);
    }
    CHECK(next_vo == vos.size());
    std::vector<int> staff(M, 0);
    for (std::size_t s = 0; s < f.cjg_staff.size(); ++s) {
      const auto c = f.cjg_staff.cjg[s];
      const bool ok = c < org.size() && org.type[c] == OrgType::cjg;
      bad(ok, "CJG staff not at a CJG", s);
      if (ok) ++staff[org.municipality[c]];
    }
    for (std::size_t m = 0; m < M; ++m) bad(staff[m] >= 1, "CJG without staff", m);
    INFO(bad.text());
    CHECK(bad.count() == 0);
  }

  SECTION("hosts, volunteers and coordinators of projects agree") {
    REQUIRE(pr.size() > 0);
    Violations bad;
    std::vector<int> owned(vol.size(), 0);
    std::size_t next_co = 0;
    for (std::size_t i = 0; i < pr.size(); ++i) {
      bad(pr.municipality[i] < M, "project municipality", i);
      bad(pr.response_weight[i] > 0.0, "response weight", i);
      const HostKind want = expected_kind(pr.host_type[i]);
      bad(pr.host_kind[i] == want ||
              (pr.host_type[i] == HostType::other && pr.host_kind[i] == HostKind::professional),
          "host kind does not fit host type", i);
      if (pr.home_start[i]) bad(pr.host_type[i] == HostType::vo_welfare, "Home-Start host", i);
      if (pr.host_kind[i] == HostKind::volunteer_org)
        bad(pr.host_vo[i] < vos.size() && vos.municipality[pr.host_vo[i]] == pr.municipality[i],
            "VO host missing or elsewhere", i);
      else
        bad(pr.host_vo[i] == kNone, "host VO without a VO host", i);
      bad(pr.volunteer_count[i] >= 1, "project without volunteers", i);
      for (std::uint32_t j = pr.first_volunteer[i];
           j < pr.first_volunteer[i] + pr.volunteer_count[i]; ++j) {
        bad(j < vol.size() && vol.host_ref[j] == HostRef::project && vol.host[j] == i,
            "volunteer not hosted by its project", j);
        if (j < vol.size()) ++owned[j];
      }
      bad(pr.coordinator_count[i] >= 1, "project without coordinator", i);
      bad(pr.first_coordinator[i] == next_co, "first_coordinator not contiguous", i);
      next_co += pr.coordinator_count[i];
      for (std::uint32_t c = pr.first_coordinator[i];
           c < pr.first_coordinator[i] + pr.coordinator_count[i]; ++c)
        bad(c < co.size() && co.project[c] == i, "coordinator of another project", c);
      bad(graded(pr.internal_grade[i]), "internal grade outside 1..10", i);
      bad(pr.internal_frequency[i] <= Frequency::often, "internal frequency", i);
      bad(pr.internal_division[i] <= Division::written, "internal division", i);
    }
    CHECK(next_co == co.size());
    for (std::size_t j = 0; j < org.size(); ++j) {
      if (!org.uses_volunteers[j] || org.response_weight[j] <= 0.0)
        bad(org.volunteer_count[j] == 0, "volunteers at a non-user", j);
      for (std::uint32_t v = org.first_volunteer[j];
           v < org.first_volunteer[j] + org.volunteer_count[j]; ++v) {
        bad(v < vol.size() && vol.host_ref[v] == HostRef::regular_org && vol.host[v] == j,
            "volunteer not hosted by its organisation", v);
        if (v < vol.size()) ++owned[v];
      }
    }
    for (std::size_t v = 0; v < vol.size(); ++v) {
      bad(owned[v] == 1, "volunteer not in exactly one host range", v);
      bad(vol.knowledge[v] >= 0.0f && vol.knowledge[v] <= 1.0f, "knowledge", v);
      bad(vol.skills[v] >= 0.0f && vol.skills[v] <= 1.0f, "skills", v);
      bad(vol.capacity[v] >= 1, "capacity", v);
      bad(vol.from_target[v] <= 1, "from_target flag", v);
    }
    INFO(bad.text());
    CHECK(bad.count() == 0);
  }

  SECTION("every project has a tie to its own CJG; main ties belong to their project") {
    Violations bad;
    std::vector<int> cjg_ties(pr.size(), 0), chain_mains(pr.size(), 0), vo_mains(pr.size(), 0);
    for (std::size_t j = 0; j < t.size(); ++j) {
      const bool from_project = t.kind[j] != TieKind::org_vo;
      bad(t.from[j] < (from_project ? pr.size() : org.size()), "tie origin", j);
      if (t.from[j] >= (from_project ? pr.size() : org.size())) continue;
      const std::uint32_t m =
          from_project ? pr.municipality[t.from[j]] : org.municipality[t.from[j]];
      bad(t.contact[j] <= 2 && t.awareness[j] <= 3 && t.division[j] <= 2, "tie levels", j);
      bad(t.grade[j] == 0 || graded(t.grade[j]), "tie grade", j);
      switch (t.kind[j]) {
        case TieKind::project_cjg:
          ++cjg_ties[t.from[j]];
          bad(t.to[j] == mun.cjg[m] &&
                  t.partner_kind[j] == static_cast<std::uint8_t>(InstitutionKind::cjg),
              "project_cjg tie not to its municipality's CJG", j);
          if (t.cooperates[j]) bad(graded(t.grade[j]), "cooperating CJG tie ungraded", j);
          if (t.is_main[j]) ++chain_mains[t.from[j]];
          break;
        case TieKind::project_institution:
          bad(t.partner_kind[j] < kInstitutionKindCount &&
                  t.partner_kind[j] != static_cast<std::uint8_t>(InstitutionKind::cjg),
              "institution kind", j);
          if (t.partner_kind[j] == static_cast<std::uint8_t>(InstitutionKind::other))
            bad(t.to[j] == kNone, "'other' institution inside the field", j);
          else
            bad(t.to[j] < org.size() &&
                    (org.municipality[t.to[j]] == m || (org.type[t.to[j]] == OrgType::bjz &&
                                                        org.province[t.to[j]] == mun.province[m])),
                "institution outside the project's municipality", j);
          bad(graded(t.grade[j]), "chain tie ungraded", j);
          if (t.is_main[j]) ++chain_mains[t.from[j]];
          break;
        case TieKind::project_vo:
        case TieKind::org_vo:
          bad(t.to[j] < vos.size() && vos.kind[t.to[j]] == t.partner_kind[j] &&
                  vos.municipality[t.to[j]] == m,
              "VO partner of the wrong kind or place", j);
          bad(graded(t.grade[j]), "VO tie ungraded", j);
          if (t.kind[j] == TieKind::project_vo && t.is_main[j]) ++vo_mains[t.from[j]];
          break;
      }
    }
    for (std::size_t i = 0; i < pr.size(); ++i) {
      bad(cjg_ties[i] == 1, "project without exactly one CJG tie", i);
      const auto c = pr.cjg_tie[i];
      bad(c < t.size() && t.kind[c] == TieKind::project_cjg && t.from[c] == i &&
              t.to[c] == mun.cjg[pr.municipality[i]],
          "cjg_tie does not index the project's CJG tie", i);
      const auto main = pr.chain_main_tie[i];
      if (main != kNone) {
        bad(main < t.size() && t.from[main] == i && t.is_main[main] == 1 &&
                (t.kind[main] == TieKind::project_institution ||
                 (t.kind[main] == TieKind::project_cjg && t.cooperates[main])),
            "chain main tie not the project's own main tie", i);
        bad(main < t.size() && graded(t.grade[main]), "chain main tie ungraded", i);
      }
      bad(chain_mains[i] == (main != kNone ? 1 : 0), "number of main chain ties", i);
      const auto vmain = pr.vo_main_tie[i];
      if (vmain != kNone) {
        bad(vmain < t.size() && t.kind[vmain] == TieKind::project_vo && t.from[vmain] == i &&
                t.is_main[vmain] == 1 && graded(t.grade[vmain]),
            "VO main tie not the project's own main tie", i);
        bad(pr.vo_why_not[i] == kNoAnswer, "reason for no VO despite a VO tie", i);
      }
      bad(vo_mains[i] == (vmain != kNone ? 1 : 0), "number of main VO ties", i);
    }
    for (std::size_t j = 0; j < org.size(); ++j) {
      const auto vmain = org.vo_main_tie[j];
      if (vmain != kNone)
        bad(vmain < t.size() && t.kind[vmain] == TieKind::org_vo && t.from[vmain] == j &&
                t.is_main[vmain] == 1,
            "organisation's VO main tie", j);
    }
    INFO(bad.text());
    CHECK(bad.count() == 0);
  }

  SECTION("organisations: respondents, grades and volunteers") {
    Violations bad;
    for (std::size_t j = 0; j < org.size(); ++j) {
      const bool surveyed = static_cast<int>(org.type[j]) < kSurveyedOrgTypeCount;
      bad(surveyed == (org.response_weight[j] > 0.0), "response weight of the asked types", j);
      const bool user = surveyed && org.uses_volunteers[j];
      if (user)
        bad(graded(org.internal_grade[j]) && org.volunteer_count[j] >= 1, "user's grade/volunteers",
            j);
      else
        bad(org.internal_grade[j] == 0, "grade of a non-user", j);
    }
    INFO(bad.text());
    CHECK(bad.count() == 0);
  }
}

// Respondent-weighted share (percent) of projects with `yes` among those `asked`.
template <class Yes, class Asked>
double project_percent(const Field& f, Yes yes, Asked asked) {
  double num = 0.0, den = 0.0;
  for (std::size_t i = 0; i < f.projects.size(); ++i) {
    if (!asked(i)) continue;
    const double w = f.projects.response_weight[i];
    den += w;
    num += yes(i) ? w : 0.0;
  }
  return 100.0 * num / den;
}

}  // namespace

TEST_CASE("the field is a pure function of config, seed and replicate", "[field][generate]") {
  const Inputs& in = small_inputs();
  const Field a = generate(in, 7, 0);
  REQUIRE(a.families.size() == 20000);
  REQUIRE(a.projects.size() > 20);

  SECTION("the same seed and replicate give an identical field") {
    const Field b = generate(in, 7, 0);
    CHECK(b.key.seed == 7);
    CHECK(b.key.replicate == 0);
    check_identical(a, b);
  }
  SECTION("another seed gives a different field") {
    const Field b = generate(in, 8, 0);
    CHECK(first_difference(a, b).rfind("key.seed: 7 vs 8", 0) == 0);
    CHECK(differing_attributes(a, b) == 7);
  }
  SECTION("another replicate gives a different field") {
    const Field b = generate(in, 7, 1);
    CHECK(b.key.replicate == 1);
    CHECK(first_difference(a, b) == "key.replicate: 0 vs 1");
    CHECK(differing_attributes(a, b) == 7);
  }
}

TEST_CASE("the field does not depend on the number of threads", "[field][generate]") {
  // More municipalities than threads so that the parallel stages really split.
  const Inputs in =
      load_inputs("baseline.ini", {"field.municipalities=60", "field.families=200000"});
  auto with_threads = [&](std::size_t threads) {
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
    return generate(in, 20111, 3);
  };
  const Field one = with_threads(1);
  for (const std::size_t threads : {std::size_t{2}, std::size_t{4}}) {
    CAPTURE(threads);
    const Field many = with_threads(threads);
    check_identical(one, many);
  }
}

TEST_CASE("a generated field is structurally consistent", "[field][generate]") {
  const Field f = generate(small_inputs(), 11, 2);
  check_structure(f, 20000, 35);
}

// The national tests take seconds each (minutes under sanitizers): tagged [slow].
TEST_CASE("the generated whole country is structurally consistent",
          "[field][generate][national][slow]") {
  check_structure(national().field, 1900000, 35);
}

TEST_CASE("family attributes follow their parameters on a large field",
          "[field][generate][national][slow]") {
  const auto& nat = national();
  const auto& fam = nat.field.families;
  const FamilyParams& family = nat.inputs.scenario.params.family;
  const auto n = static_cast<double>(fam.size());
  REQUIRE(fam.size() == 1900000);
  double migrant = 0, light = 0, serious = 0, young = 0, middle = 0;
  double trust_migrant = 0, trust_other = 0;
  for (std::size_t i = 0; i < fam.size(); ++i) {
    migrant += fam.migrant[i];
    light += fam.need[i] == Need::light;
    serious += fam.need[i] == Need::serious;
    young += fam.child_age[i] == ChildAge::age_0_4;
    middle += fam.child_age[i] == ChildAge::age_4_12;
    (fam.migrant[i] ? trust_migrant : trust_other) += fam.trust_formal[i];
  }
  // Within 4 standard errors of a binomial share.
  auto check_share = [&](const char* key, double p, double count) {
    const double se = std::sqrt(p * (1.0 - p) / n);
    INFO(key << ": field " << count / n << ", parameter " << p << ", se " << se);
    CHECK(std::fabs(count / n - p) <= 4.0 * se);
  };
  check_share("family.migrant_share", family.migrant_share, migrant);
  check_share("family.light_need_share", family.light_need_share, light);
  check_share("family.serious_need_share", family.serious_need_share, serious);
  check_share("family.child_0_4_share", family.child_0_4_share, young);
  check_share("family.child_4_12_share", family.child_4_12_share, middle);
  // Migrant families trust formal services less, by about the configured gap
  // (clamping to [0, 1] bends the means a little).
  const double gap = trust_other / (n - migrant) - trust_migrant / migrant;
  CHECK(gap == Approx(family.migrant_trust_gap).margin(0.02));
}

TEST_CASE("respondent-weighted project shares match the survey on a large field",
          "[field][generate][national][slow]") {
  const auto& nat = national();
  const Field& f = nat.field;
  const auto& pr = f.projects;
  const auto& t = f.ties;
  auto all = [](std::size_t) { return true; };
  std::vector<std::uint8_t> vo_tie(pr.size(), 0);
  for (std::size_t j = 0; j < t.size(); ++j)
    if (t.kind[j] == TieKind::project_vo) vo_tie[t.from[j]] = 1;

  struct Case {
    const char* id;
    double direct;  // computed here from the field, independent of the virtual survey
  };
  const Case cases[] = {
      {"P.org.vo",
       project_percent(
           f, [&](std::size_t i) { return pr.host_kind[i] == HostKind::volunteer_org; }, all)},
      {"P.int.division.written",
       project_percent(
           f, [&](std::size_t i) { return pr.internal_division[i] == Division::written; }, all)},
      {"P.cjg.contact.none",
       project_percent(
           f, [&](std::size_t i) { return t.contact[pr.cjg_tie[i]] == 0; }, all)},
      {"P.size.lt20", project_percent(
                          f, [&](std::size_t i) { return pr.volunteer_count[i] < 20; }, all)},
      {"P.vo.any", project_percent(
                       f, [&](std::size_t i) { return vo_tie[i] != 0; }, all)},
      {"P.cjg.cooperates",
       project_percent(
           f, [&](std::size_t i) { return t.cooperates[pr.cjg_tie[i]] != 0; }, all)},
  };
  // Tolerance: 2 percentage points between the field's respondents and the
  // survey figure (integerised calibration is far closer on a field this size).
  for (const auto& c : cases) {
    const auto& r = row(nat.report, c.id);
    INFO(c.id << ": survey " << r.survey_value << ", virtual survey " << r.model_value
              << ", direct " << c.direct);
    CHECK(c.direct == Approx(r.model_value).margin(1e-9));
    CHECK(std::fabs(r.model_value - r.survey_value) <= 2.0);
    CHECK(r.within);
  }
  // The whole country answers every figure within its 95% interval but a few.
  const double within =
      static_cast<double>(nat.report.within_count()) / static_cast<double>(nat.report.rows.size());
  INFO(nat.report.within_count() << " of " << nat.report.rows.size() << " within");
  CHECK(within >= 0.95);
}

TEST_CASE("cross-tabulations follow the survey's mechanisms on a large field",
          "[field][generate][national][slow]") {
  const auto& nat = national();
  const Field& f = nat.field;
  const auto& pr = f.projects;
  const auto& vol = f.volunteers;
  const auto& t = f.ties;
  auto pi_host = [&](std::size_t i) { return pr.host_kind[i] == HostKind::professional; };
  auto vo_host = [&](std::size_t i) { return pr.host_kind[i] == HostKind::volunteer_org; };

  SECTION("individual citizens volunteer far more often in projects of professional institutions") {
    const auto& r = nat.report;
    const double pi_ind =
        row(r, "P.vmix_pi.individual_only").model_value + row(r, "P.vmix_pi.both").model_value;
    const double vo_ind =
        row(r, "P.vmix_vo.individual_only").model_value + row(r, "P.vmix_vo.both").model_value;
    INFO("report: PI " << pi_ind << "%, VO " << vo_ind << "%");
    CHECK(pi_ind > vo_ind + 20.0);
    CHECK(row(r, "P.vmix_pi.organised_only").model_value <
          row(r, "P.vmix_vo.organised_only").model_value - 20.0);

    // The same read directly from the volunteers: projects with any individual
    // citizen, and the share of individual citizens among all volunteers.
    auto any_individual = [&](std::size_t i) {
      for (std::uint32_t j = pr.first_volunteer[i];
           j < pr.first_volunteer[i] + pr.volunteer_count[i]; ++j)
        if (is_individual(vol.type[j])) return true;
      return false;
    };
    const double pi_any = project_percent(f, any_individual, pi_host);
    const double vo_any = project_percent(f, any_individual, vo_host);
    CHECK(pi_any == Approx(pi_ind).margin(1e-9));
    CHECK(vo_any == Approx(vo_ind).margin(1e-9));
    double ind[2] = {0, 0}, total[2] = {0, 0};  // [0] VO hosts, [1] PI hosts
    for (std::size_t v = 0; v < vol.size(); ++v) {
      if (vol.host_ref[v] != HostRef::project) continue;
      const auto i = vol.host[v];
      if (!pi_host(i) && !vo_host(i)) continue;
      const int k = pi_host(i) ? 1 : 0;
      total[k] += 1;
      ind[k] += is_individual(vol.type[v]) ? 1 : 0;
    }
    INFO("volunteers: PI " << ind[1] / total[1] << ", VO " << ind[0] / total[0]);
    CHECK(ind[1] / total[1] > 2.0 * ind[0] / total[0]);
  }

  SECTION("knowing what the CJG does follows contact with it") {
    auto contact = [&](std::size_t i) { return t.contact[pr.cjg_tie[i]]; };
    auto unaware = [&](std::size_t i) { return t.awareness[pr.cjg_tie[i]] <= 1; };
    const double never =
        project_percent(f, unaware, [&](std::size_t i) { return contact(i) == 0; });
    const double sometimes =
        project_percent(f, unaware, [&](std::size_t i) { return contact(i) == 1; });
    const double regular =
        project_percent(f, unaware, [&](std::size_t i) { return contact(i) == 2; });
    INFO("unaware: never " << never << "%, sometimes " << sometimes << "%, regular " << regular
                           << "%");
    CHECK(never > sometimes);
    CHECK(sometimes > regular);
    CHECK(never > regular + 15.0);
  }

  SECTION("most projects that do not cooperate with the CJG have no contact with it") {
    auto coop = [&](std::size_t i) { return t.cooperates[pr.cjg_tie[i]] != 0; };
    auto no_contact = [&](std::size_t i) { return t.contact[pr.cjg_tie[i]] == 0; };
    const double without = project_percent(f, no_contact, [&](std::size_t i) { return !coop(i); });
    const double with = project_percent(f, no_contact, coop);
    INFO("no contact: not cooperating " << without << "%, cooperating " << with << "%");
    CHECK(without > 50.0);
    CHECK(with < without);
  }

  SECTION("CJGs could offer background knowledge as in the survey (17 of 22)") {
    const auto& r = row(nat.report, "R.could_offer_cjg.knowledge");
    CHECK(r.survey_value == Approx(100.0 * 17.0 / 22.0));
    CHECK(std::fabs(r.model_value - r.survey_value) <= 1.5);
    CHECK(r.within);
    const auto& org = f.orgs;
    double num = 0.0, den = 0.0;
    for (std::size_t j = 0; j < org.size(); ++j) {
      if (org.type[j] != OrgType::cjg) continue;
      den += org.response_weight[j];
      num += (org.could_offer[j] & 1u) ? org.response_weight[j] : 0.0;
    }
    CHECK(100.0 * num / den == Approx(r.model_value).margin(1e-9));
  }
}

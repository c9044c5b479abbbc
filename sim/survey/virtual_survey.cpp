#include "samen/survey/virtual_survey.hpp"

#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <stdexcept>

#include "samen/survey/host_answers.hpp"
#include "samen/survey/items.hpp"

namespace samen {
namespace {

using Pred = std::function<bool(std::size_t)>;
using Value = std::function<double(std::size_t)>;

// Who answers a question: projects or regular organisations.
enum class Respondents { projects, orgs };

struct Question {
  Respondents who;
  Pred asked;
  Value value;  // 0/1 for shares, the grade for means
  bool mean = false;
};

bool has(std::uint32_t mask, std::size_t k) { return (mask >> k) & 1u; }

class Questionnaire {
 public:
  explicit Questionnaire(const Field& f)
      : f_(f),
        pa_(f.volunteers, f.projects.first_volunteer, f.projects.volunteer_count),
        oa_(f.volunteers, f.orgs.first_volunteer, f.orgs.volunteer_count) {
    derive_ties();
    derive_obstacles();
    add_project_questions();
    add_org_questions();
  }

  const std::map<std::string, Question>& questions() const { return q_; }

  double weight(Respondents who, std::size_t i) const {
    return who == Respondents::projects ? f_.projects.response_weight[i]
                                        : f_.orgs.response_weight[i];
  }
  std::size_t count(Respondents who) const {
    return who == Respondents::projects ? f_.projects.size() : f_.orgs.size();
  }

 private:
  void derive_ties() {
    const auto& t = f_.ties;
    chain_.assign(f_.projects.size(), 0);
    vo_.assign(f_.projects.size(), 0);
    org_vo_.assign(f_.orgs.size(), 0);
    for (std::size_t j = 0; j < t.size(); ++j) {
      const std::uint32_t bit = 1u << t.partner_kind[j];
      switch (t.kind[j]) {
        case TieKind::project_institution:
          chain_[t.from[j]] |= bit;
          break;
        case TieKind::project_cjg:
          if (t.cooperates[j]) chain_[t.from[j]] |= bit;
          break;
        case TieKind::project_vo:
          vo_[t.from[j]] |= bit;
          break;
        case TieKind::org_vo:
          if (t.cooperates[j]) org_vo_[t.from[j]] |= bit;
          break;
      }
    }
  }

  // Misjudgement is read from the coordinators themselves.
  void derive_obstacles() {
    const auto& pr = f_.projects;
    const auto& ob = items::project_obstacles;
    const std::uint32_t judged = ob.bit("underestimated") | ob.bit("overestimated");
    obstacles_.resize(pr.size());
    for (std::size_t i = 0; i < pr.size(); ++i) {
      obstacles_[i] = pr.obstacles[i] & ~judged;
      for (std::uint32_t c = pr.first_coordinator[i];
           c < pr.first_coordinator[i] + pr.coordinator_count[i]; ++c) {
        if (f_.coordinators.judgement[c] == Judgement::underestimates)
          obstacles_[i] |= ob.bit("underestimated");
        if (f_.coordinators.judgement[c] == Judgement::overestimates)
          obstacles_[i] |= ob.bit("overestimated");
      }
    }
  }

  void add(const std::string& id, Respondents who, Pred asked, Value value, bool mean = false) {
    q_[id] = Question{who, std::move(asked), std::move(value), mean};
  }
  void single(const ItemSpec& spec, Respondents who, const Pred& asked,
              std::function<int(std::size_t)> answer) {
    for (std::size_t k = 0; k < spec.categories.size(); ++k)
      add(spec.id(k), who, asked,
          [answer, k](std::size_t i) { return answer(i) == static_cast<int>(k) ? 1.0 : 0.0; });
  }
  void multi(const ItemSpec& spec, Respondents who, const Pred& asked,
             std::function<std::uint32_t(std::size_t)> mask) {
    for (std::size_t k = 0; k < spec.categories.size(); ++k)
      add(spec.id(k), who, asked, [mask, k](std::size_t i) { return has(mask(i), k) ? 1.0 : 0.0; });
  }
  void grades(const std::string& prefix, Respondents who, const Pred& asked,
              std::function<int(std::size_t)> grade) {
    add(
        prefix + ".mean", who, asked,
        [grade](std::size_t i) { return static_cast<double>(grade(i)); }, true);
    add(prefix + ".fail", who, asked, [grade](std::size_t i) { return grade(i) < 6 ? 1.0 : 0.0; });
    add(prefix + ".6_7", who, asked,
        [grade](std::size_t i) { return grade(i) == 6 || grade(i) == 7 ? 1.0 : 0.0; });
    add(prefix + ".ge8", who, asked, [grade](std::size_t i) { return grade(i) >= 8 ? 1.0 : 0.0; });
    add(prefix + ".8_9", who, asked,
        [grade](std::size_t i) { return grade(i) == 8 || grade(i) == 9 ? 1.0 : 0.0; });
  }

  void add_project_questions() {
    const auto& pr = f_.projects;
    const auto& t = f_.ties;
    const auto P = Respondents::projects;
    const Pred all = [](std::size_t) { return true; };
    single(items::project_host_kind, P, all,
           [&](std::size_t i) { return static_cast<int>(pr.host_kind[i]); });
    single(items::project_host_type, P, all,
           [&](std::size_t i) { return static_cast<int>(pr.host_type[i]); });
    single(items::project_respondent, P, all,
           [&](std::size_t i) { return static_cast<int>(pr.respondent_role[i]); });
    multi(items::project_scale, P, all, [&](std::size_t i) { return pr.scale[i]; });
    single(items::project_level, P, all,
           [&](std::size_t i) { return static_cast<int>(pr.level[i]); });
    multi(items::project_targets, P, all, [&](std::size_t i) { return pr.targets[i]; });
    multi(items::project_goals, P, all, [&](std::size_t i) { return pr.goals[i]; });
    multi(items::project_forms, P, all, [&](std::size_t i) { return pr.forms[i]; });
    single(items::project_initiative, P, all,
           [&](std::size_t i) { return static_cast<int>(pr.initiative[i]); });
    single(items::project_steering, P, all,
           [&](std::size_t i) { return static_cast<int>(pr.steering[i]); });
    multi(items::project_tasks, P, all, [&](std::size_t i) { return pr.tasks[i]; });
    add("P.size.lt20", P, all, [&](std::size_t i) { return pa_.size[i] < 20 ? 1.0 : 0.0; });
    add("P.size.ge20", P, all, [&](std::size_t i) { return pa_.size[i] >= 20 ? 1.0 : 0.0; });
    single(items::project_from_target, P, all, [&](std::size_t i) { return pa_.from_target[i]; });
    multi(items::project_values, P, all, [&](std::size_t i) { return pr.values[i]; });
    multi(items::project_vtypes, P, all, [&](std::size_t i) { return pa_.vtypes[i]; });
    single(items::project_vmix, P, all, [&](std::size_t i) { return pa_.vmix[i]; });
    const Pred pi_host = [&](std::size_t i) { return pr.host_kind[i] == HostKind::professional; };
    const Pred vo_host = [&](std::size_t i) { return pr.host_kind[i] == HostKind::volunteer_org; };
    single(ItemSpec{"P.vmix_pi", items::project_vmix.categories}, P, pi_host,
           [&](std::size_t i) { return pa_.vmix[i]; });
    single(ItemSpec{"P.vmix_vo", items::project_vmix.categories}, P, vo_host,
           [&](std::size_t i) { return pa_.vmix[i]; });
    add("P.need_support", P, all,
        [&](std::size_t i) { return static_cast<double>(pr.needs_support[i]); });
    multi(items::project_need_for, P, all, [&](std::size_t i) { return pr.need_for[i]; });
    const Pred needs = [&](std::size_t i) { return pr.needs_support[i] != 0; };
    multi(items::project_supporters, P, needs, [&](std::size_t i) { return pr.supporters[i]; });
    multi(items::project_support_on, P, needs, [&](std::size_t i) { return pr.support_on[i]; });
    single(items::project_int_freq, P, all,
           [&](std::size_t i) { return static_cast<int>(pr.internal_frequency[i]); });
    single(items::project_int_division, P, all,
           [&](std::size_t i) { return static_cast<int>(pr.internal_division[i]); });
    grades("P.int.grade", P, all,
           [&](std::size_t i) { return static_cast<int>(pr.internal_grade[i]); });
    multi(items::project_obstacles, P, all, [&](std::size_t i) { return obstacles_[i]; });
    add("P.int.obstacle.none", P, all,
        [&](std::size_t i) { return obstacles_[i] == 0 ? 1.0 : 0.0; });

    multi(items::project_chain, P, all, [&](std::size_t i) { return chain_[i]; });
    add("P.chain.any", P, all, [&](std::size_t i) { return chain_[i] ? 1.0 : 0.0; });
    add("P.chain.none", P, all, [&](std::size_t i) { return chain_[i] ? 0.0 : 1.0; });
    const Pred chain_main = [&](std::size_t i) { return pr.chain_main_tie[i] != kNone; };
    single(items::project_chain_main, P, chain_main,
           [&](std::size_t i) { return static_cast<int>(t.partner_kind[pr.chain_main_tie[i]]); });
    multi(items::project_chain_forms, P, chain_main,
          [&](std::size_t i) { return t.forms[pr.chain_main_tie[i]]; });
    single(items::project_chain_division, P, chain_main,
           [&](std::size_t i) { return static_cast<int>(t.division[pr.chain_main_tie[i]]); });
    grades("P.chain.grade", P, chain_main,
           [&](std::size_t i) { return static_cast<int>(t.grade[pr.chain_main_tie[i]]); });
    add("P.cjg.cooperates", P, all,
        [&](std::size_t i) { return static_cast<double>(t.cooperates[pr.cjg_tie[i]]); });
    add("P.cjg.unaware", P, all,
        [&](std::size_t i) { return t.awareness[pr.cjg_tie[i]] <= 1 ? 1.0 : 0.0; });
    single(items::project_cjg_contact, P, all,
           [&](std::size_t i) { return static_cast<int>(t.contact[pr.cjg_tie[i]]); });

    multi(items::project_vo, P, all, [&](std::size_t i) { return vo_[i]; });
    add("P.vo.any", P, all, [&](std::size_t i) { return vo_[i] ? 1.0 : 0.0; });
    add("P.vo.none", P, all, [&](std::size_t i) { return vo_[i] ? 0.0 : 1.0; });
    const Pred no_vo = [&](std::size_t i) { return vo_[i] == 0; };
    single(items::project_vo_why_not, P, no_vo,
           [&](std::size_t i) { return pr.vo_why_not[i] == kNoAnswer ? -1 : pr.vo_why_not[i]; });
    const Pred vo_main = [&](std::size_t i) { return pr.vo_main_tie[i] != kNone; };
    single(items::project_vo_main, P, vo_main,
           [&](std::size_t i) { return static_cast<int>(t.partner_kind[pr.vo_main_tie[i]]); });
    multi(items::project_vo_forms, P, vo_main,
          [&](std::size_t i) { return t.forms[pr.vo_main_tie[i]]; });
    single(items::project_vo_division, P, vo_main,
           [&](std::size_t i) { return static_cast<int>(t.division[pr.vo_main_tie[i]]); });
    grades("P.vo.grade", P, vo_main,
           [&](std::size_t i) { return static_cast<int>(t.grade[pr.vo_main_tie[i]]); });
  }

  void add_org_questions() {
    const auto& o = f_.orgs;
    const auto& t = f_.ties;
    const auto R = Respondents::orgs;
    const Pred all = [&](std::size_t i) { return o.response_weight[i] > 0.0; };
    const Pred users = [all, &o](std::size_t i) {
      return all(i) && o.uses_volunteers[i] && o.volunteer_count[i] > 0;
    };
    const char* const suffix[] = {"bjz", "cb", "cjg", "education"};
    const char* const vmix_suffix[] = {"bjz", "cb", "cjg", "edu"};
    single(items::org_type, R, all, [&](std::size_t i) { return static_cast<int>(o.type[i]); });
    single(items::org_respondent, R, all, [&](std::size_t i) {
      return o.respondent_role[i] == kNoAnswer ? -1 : o.respondent_role[i];
    });
    add("R.uses_volunteers.all", R, all,
        [&](std::size_t i) { return static_cast<double>(o.uses_volunteers[i]); });
    for (int k = 0; k < kSurveyedOrgTypeCount; ++k) {
      const auto type = static_cast<OrgType>(k);
      const Pred of_type = [all, &o, type](std::size_t i) { return all(i) && o.type[i] == type; };
      const Pred users_of_type = [users, &o, type](std::size_t i) {
        return users(i) && o.type[i] == type;
      };
      add(std::string("R.uses_volunteers.") + suffix[k], R, of_type,
          [&](std::size_t i) { return static_cast<double>(o.uses_volunteers[i]); });
      add(std::string("R.vo.") + suffix[k], R, of_type,
          [&](std::size_t i) { return org_vo_[i] ? 1.0 : 0.0; });
      add(std::string("R.supports_by_type.") + suffix[k], R, of_type,
          [&](std::size_t i) { return static_cast<double>(o.supports_volunteers[i]); });
      single(ItemSpec{std::string("R.vmix_") + vmix_suffix[k], items::org_vmix.categories}, R,
             users_of_type, [&](std::size_t i) { return oa_.vmix[i]; });
    }
    add("R.size.gt50", R, users, [&](std::size_t i) { return oa_.size[i] > 50 ? 1.0 : 0.0; });
    single(items::org_from_target, R, users, [&](std::size_t i) { return oa_.from_target[i]; });
    multi(items::org_fields, R, users, [&](std::size_t i) { return o.fields[i]; });
    multi(items::org_targets, R, users, [&](std::size_t i) { return o.targets[i]; });
    multi(items::org_tasks, R, users, [&](std::size_t i) { return o.tasks[i]; });
    multi(items::org_values, R, users, [&](std::size_t i) { return o.values[i]; });
    multi(items::org_vtypes, R, users, [&](std::size_t i) { return oa_.vtypes[i]; });
    single(items::org_vmix, R, users, [&](std::size_t i) { return oa_.vmix[i]; });
    single(items::org_int_freq, R, users, [&](std::size_t i) {
      return o.internal_frequency[i] == kNoAnswer ? -1 : o.internal_frequency[i];
    });
    single(items::org_int_division, R, users, [&](std::size_t i) {
      return o.internal_division[i] == kNoAnswer ? -1 : o.internal_division[i];
    });
    grades("R.int.grade", R, users,
           [&](std::size_t i) { return static_cast<int>(o.internal_grade[i]); });
    multi(items::org_obstacles, R, users, [&](std::size_t i) { return o.obstacles[i]; });
    add("R.int.obstacle.none", R, users,
        [&](std::size_t i) { return o.obstacles[i] == 0 ? 1.0 : 0.0; });

    add("R.vo.any", R, all, [&](std::size_t i) { return org_vo_[i] ? 1.0 : 0.0; });
    const Pred coop = [all, this](std::size_t i) { return all(i) && org_vo_[i] != 0; };
    const Pred no_coop = [all, this](std::size_t i) { return all(i) && org_vo_[i] == 0; };
    const Pred has_main = [coop, &o](std::size_t i) {
      return coop(i) && o.vo_main_tie[i] != kNone;
    };
    single(items::org_vo_freq, R, coop,
           [&](std::size_t i) { return static_cast<int>(o.vo_frequency[i]); });
    add("R.vo_why_not.each", R, no_coop,
        [&](std::size_t i) { return __builtin_popcount(o.vo_why_not[i] & 7u) / 3.0; });
    multi(items::org_vo_value, R, coop, [&](std::size_t i) { return o.vo_value[i]; });
    multi(items::org_vo_kind, R, coop, [&](std::size_t i) { return org_vo_[i]; });
    single(items::org_vo_main, R, has_main,
           [&](std::size_t i) { return static_cast<int>(t.partner_kind[o.vo_main_tie[i]]); });
    multi(items::org_vo_forms, R, has_main,
          [&](std::size_t i) { return t.forms[o.vo_main_tie[i]]; });
    add("R.vo.division.clear", R, has_main,
        [&](std::size_t i) { return t.division[o.vo_main_tie[i]] > 0 ? 1.0 : 0.0; });
    add("R.vo.division.none", R, has_main,
        [&](std::size_t i) { return t.division[o.vo_main_tie[i]] == 0 ? 1.0 : 0.0; });
    grades("R.vo.grade", R, has_main,
           [&](std::size_t i) { return static_cast<int>(t.grade[o.vo_main_tie[i]]); });

    multi(items::org_supports, R, all, [&](std::size_t i) { return o.supports[i]; });
    add("R.supports.none", R, all, [&](std::size_t i) { return o.supports[i] == 0 ? 1.0 : 0.0; });
    add("R.should_support_more.all", R, all,
        [&](std::size_t i) { return static_cast<double>(o.should_support_more[i]); });
    const Pred cjg = [all, &o](std::size_t i) { return all(i) && o.type[i] == OrgType::cjg; };
    add("R.should_support_more.cjg", R, cjg,
        [&](std::size_t i) { return static_cast<double>(o.should_support_more[i]); });
    multi(items::org_could_offer, R, all, [&](std::size_t i) { return o.could_offer[i]; });
    add("R.could_offer_cjg.knowledge", R, cjg,
        [&](std::size_t i) { return has(o.could_offer[i], 0) ? 1.0 : 0.0; });
  }

  const Field& f_;
  HostAnswers pa_, oa_;
  std::vector<std::uint32_t> chain_, vo_, org_vo_, obstacles_;
  std::map<std::string, Question> q_;
};

}  // namespace

int SurveyReport::within_count() const {
  int count = 0;
  for (const auto& r : rows) count += r.within ? 1 : 0;
  return count;
}

std::vector<std::string> questionnaire_ids(const Field& field) {
  const Questionnaire q(field);
  std::vector<std::string> ids;
  for (const auto& [id, question] : q.questions()) ids.push_back(id);
  return ids;
}

SurveyReport run_virtual_survey(const Field& field, const SurveyTargets& targets, double grade_sd) {
  const Questionnaire q(field);
  SurveyReport report;
  for (const auto& fig : targets.figures()) {
    const auto it = q.questions().find(fig.id);
    if (it == q.questions().end())
      throw std::logic_error("the virtual questionnaire has no question for survey figure '" +
                             fig.id + "'");
    const Question& question = it->second;
    double num = 0.0, den = 0.0;
    for (std::size_t i = 0; i < q.count(question.who); ++i) {
      const double w = q.weight(question.who, i);
      if (w <= 0.0 || !question.asked(i)) continue;
      num += w * question.value(i);
      den += w;
    }
    FigureComparison row;
    row.id = fig.id;
    row.survey_value = fig.comparable_value();
    const double scale = question.mean ? 1.0 : 100.0;
    row.model_value = den > 0.0 ? scale * num / den : std::numeric_limits<double>::quiet_NaN();
    if (question.mean) {
      row.ci = mean_interval(row.survey_value, grade_sd, fig.n);
    } else {
      const Interval share = wilson_interval(row.survey_value / 100.0, fig.n);
      row.ci = {100.0 * share.low, 100.0 * share.high};
    }
    row.within = !std::isnan(row.model_value) && row.ci.contains(row.model_value);
    report.rows.push_back(row);
  }
  return report;
}

}  // namespace samen

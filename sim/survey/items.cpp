#include "samen/survey/items.hpp"

#include <algorithm>
#include <stdexcept>

namespace samen {

std::size_t ItemSpec::index(const std::string& category) const {
  const auto it = std::find(categories.begin(), categories.end(), category);
  if (it == categories.end())
    throw std::out_of_range("item '" + prefix + "' has no category '" + category + "'");
  return static_cast<std::size_t>(it - categories.begin());
}

std::vector<double> item_shares(const SurveyTargets& targets, const ItemSpec& item,
                                double* remainder) {
  std::vector<double> shares(item.categories.size(), 0.0);
  double sum = 0.0;
  for (std::size_t k = 0; k < shares.size(); ++k) {
    const std::string id = item.id(k);
    if (targets.contains(id)) shares[k] = targets.share(id);
    sum += shares[k];
  }
  if (remainder) *remainder = std::max(0.0, 1.0 - sum);
  return shares;
}

namespace items {
// Category order follows the survey's tables; the enums in field/ rely on it.
const ItemSpec project_host_kind{"P.org", {"vo", "pi"}};
const ItemSpec project_host_type{"P.orgtype",
                                 {"vo_welfare", "welfare_inst", "sport", "migrant_selforg",
                                  "care_inst", "religious", "municipality", "other"}};
const ItemSpec project_respondent{"P.resp", {"professional", "volunteer", "both"}};
const ItemSpec project_scale{"P.scale", {"municipal", "national", "regional", "neighbourhood"}};
const ItemSpec project_level{"P.level",
                             {"municipal", "regional", "national", "neighbourhood", "other"}};
const ItemSpec project_targets{"P.target",
                               {"parents", "child_0_6", "child_6_12", "youth_12_18", "families",
                                "young_adults_18_24", "residents", "new_dutch", "other"}};
const ItemSpec project_goals{
    "P.goal",
    {"parenting_support", "youth_skills", "vulnerable_youth", "integration", "neighbourhood",
     "youth_contacts", "volunteering", "parent_contacts", "civic_involvement", "sport_play",
     "crime_prevention", "culture", "leisure", "school_work", "other"}};
const ItemSpec project_forms{"P.form", {"personal", "group_meetings", "group_activities"}};
const ItemSpec project_initiative{"P.initiative", {"own", "joint", "other"}};
const ItemSpec project_steering{"P.steer", {"pro_led", "joint", "volunteers_only"}};
const ItemSpec project_tasks{
    "P.task",
    {"personal_guidance", "organising", "outreach", "activity_supervision", "buddy", "pr",
     "information", "board", "host", "maintenance", "other"}};
const ItemSpec project_values{
    "P.value",
    {"person_to_person", "informal_networks", "empowerment", "other_view", "trust", "reach",
     "saves_money", "problematise_less", "none", "other"}};
const ItemSpec project_vtypes{
    "P.vtype",
    {"ind_own_incidental", "ind_invited_incidental", "ind_own_regular", "ind_invited_regular",
     "org_fixed_vo", "org_fixed_pi", "org_free_vo", "org_free_pi", "other"}};
const ItemSpec project_vmix{"P.vmix",
                            {"organised_only", "both", "individual_only", "unclassified"}};
const ItemSpec project_from_target{"P.from_target", {"none", "part", "all"}};
const ItemSpec project_need_for{"P.need_for",
                                {"org_vo", "org_pi", "ind_regular", "ind_incidental"}};
const ItemSpec project_supporters{
    "P.supporter",
    {"own_org", "welfare", "cjg", "bjz", "education", "cb", "care", "other", "dont_know"}};
const ItemSpec project_support_on{"P.support_on", {"knowledge", "recruitment", "skills"}};
const ItemSpec project_int_freq{"P.int.freq", {"never", "sometimes", "regular", "often"}};
const ItemSpec project_int_division{"P.int.division", {"none", "oral", "written"}};
const ItemSpec project_obstacles{
    "P.int.obstacle",
    {"none", "boundaries", "underestimated", "overestimated", "pro_tasks", "vision", "unlisted"}};
const ItemSpec project_chain{"P.chain",
                             {"welfare", "education", "cjg", "bjz", "care", "cb", "other"}};
const ItemSpec project_chain_main{"P.chain_main",
                                  {"welfare", "education", "cjg", "bjz", "care", "cb", "other"}};
const ItemSpec project_chain_forms{
    "P.chain_form",
    {"information", "cases", "expertise", "joint_projects", "facilities", "task_division",
     "activating", "sharing_volunteers", "referral", "other"}};
const ItemSpec project_chain_division{"P.chain.division", {"none", "oral", "written"}};
const ItemSpec project_cjg_contact{"P.cjg.contact", {"none", "sometimes", "often_regular"}};
const ItemSpec project_vo{"P.vo",
                          {"welfare", "care", "sport", "migrant_selforg", "religious", "other"}};
const ItemSpec project_vo_why_not{"P.vo_why_not", {"dont_meet", "no_need"}};
const ItemSpec project_vo_main{
    "P.vo_main", {"welfare", "care", "sport", "migrant_selforg", "religious", "other"}};
const ItemSpec project_vo_forms{
    "P.vo_form",
    {"information", "expertise", "joint_projects", "activating", "sharing_volunteers", "cases",
     "facilities", "task_division", "other"}};
const ItemSpec project_vo_division{"P.vo.division", {"none", "oral", "written"}};

const ItemSpec org_type{"R.type", {"bjz", "cb", "cjg", "education"}};
const ItemSpec org_respondent{"R.resp", {"management", "executive", "both"}};
const ItemSpec org_fields{"R.field", {"parenting_support", "parent_contacts"}};
const ItemSpec org_targets{"R.target", {"child_6_12", "child_0_6", "parents", "youth_12_18"}};
const ItemSpec org_tasks{"R.task", {"personal_guidance", "outreach", "organising", "host"}};
const ItemSpec org_values{"R.value",
                          {"informal_networks", "saves_money", "empowerment", "other_view"}};
const ItemSpec org_from_target{"R.from_target", {"none", "part", "all"}};
const ItemSpec org_vtypes{
    "R.vtype",
    {"ind_own_incidental", "ind_invited_incidental", "ind_own_regular", "ind_invited_regular",
     "org_fixed_vo", "org_fixed_pi", "org_free_vo", "org_free_pi", "other"}};
const ItemSpec org_vmix{"R.vmix", {"organised_only", "both", "individual_only", "unclassified"}};
const ItemSpec org_int_freq{"R.int.freq", {"never", "sometimes", "regular", "often"}};
const ItemSpec org_int_division{"R.int.division", {"none", "oral", "written"}};
const ItemSpec org_obstacles{
    "R.int.obstacle", {"none", "underestimated", "boundaries", "not_appreciated", "unlisted"}};
const ItemSpec org_vo_freq{"R.vo.freq", {"never", "sometimes", "regular", "often"}};
const ItemSpec org_vo_why_not{"R.vo_why_not", {"unfamiliar", "dont_meet", "no_need"}};
const ItemSpec org_vo_value{"R.vo_value", {"informal_networks", "reach", "person_to_person"}};
const ItemSpec org_vo_kind{"R.vo_kind",
                           {"welfare", "care", "sport", "migrant_selforg", "religious", "other"}};
const ItemSpec org_vo_main{"R.vo_main",
                           {"welfare", "care", "sport", "migrant_selforg", "religious", "other"}};
const ItemSpec org_vo_forms{
    "R.vo_form", {"information", "joint_projects", "task_division", "facilities", "cases"}};
const ItemSpec org_supports{"R.supports", {"ind_incidental", "ind_regular", "org_vo", "org_pi"}};
const ItemSpec org_could_offer{"R.could_offer",
                               {"knowledge", "skills", "chain_overview", "contact", "coaching",
                                "retention", "recruitment", "matching", "other"}};
}  // namespace items

}  // namespace samen

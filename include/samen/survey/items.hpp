// The questionnaire's vocabulary: each item's id prefix and its answer
// categories, in the order used for category indices and mask bits.
#pragma once

#include <string>
#include <vector>

#include "samen/survey/targets.hpp"

namespace samen {

/// One questionnaire item; figure ids are "<prefix>.<category>".
struct ItemSpec {
  std::string prefix;
  std::vector<std::string> categories;

  /// Returns "<prefix>.<categories[k]>".
  std::string id(std::size_t k) const { return prefix + "." + categories[k]; }
  /// Returns the index of `category`; throws std::out_of_range if absent.
  std::size_t index(const std::string& category) const;
  /// Returns the mask bit of `category`.
  std::uint32_t bit(const std::string& category) const { return 1u << index(category); }
};

/// Returns the survey's shares (0-1) of each category of `item`; categories
/// without a figure get 0. For single-answer items `remainder` receives
/// 1 minus their sum (never negative): answers outside the listed categories.
std::vector<double> item_shares(const SurveyTargets& targets, const ItemSpec& item,
                                double* remainder = nullptr);

namespace items {
// Projects (survey chapter 2).
extern const ItemSpec project_host_kind;       // P.org
extern const ItemSpec project_host_type;       // P.orgtype
extern const ItemSpec project_respondent;      // P.resp
extern const ItemSpec project_scale;           // P.scale (multi)
extern const ItemSpec project_level;           // P.level
extern const ItemSpec project_targets;         // P.target (multi)
extern const ItemSpec project_goals;           // P.goal (multi)
extern const ItemSpec project_forms;           // P.form (multi)
extern const ItemSpec project_initiative;      // P.initiative
extern const ItemSpec project_steering;        // P.steer
extern const ItemSpec project_tasks;           // P.task (multi)
extern const ItemSpec project_values;          // P.value (multi)
extern const ItemSpec project_vtypes;          // P.vtype (multi)
extern const ItemSpec project_vmix;            // P.vmix
extern const ItemSpec project_from_target;     // P.from_target
extern const ItemSpec project_need_for;        // P.need_for (multi)
extern const ItemSpec project_supporters;      // P.supporter (multi)
extern const ItemSpec project_support_on;      // P.support_on (multi)
extern const ItemSpec project_int_freq;        // P.int.freq
extern const ItemSpec project_int_division;    // P.int.division
extern const ItemSpec project_obstacles;       // P.int.obstacle (multi)
extern const ItemSpec project_chain;           // P.chain (multi; "any"/"none" derived)
extern const ItemSpec project_chain_main;      // P.chain_main
extern const ItemSpec project_chain_forms;     // P.chain_form (multi)
extern const ItemSpec project_chain_division;  // P.chain.division
extern const ItemSpec project_cjg_contact;     // P.cjg.contact
extern const ItemSpec project_vo;              // P.vo (multi; "any"/"none" derived)
extern const ItemSpec project_vo_why_not;      // P.vo_why_not
extern const ItemSpec project_vo_main;         // P.vo_main
extern const ItemSpec project_vo_forms;        // P.vo_form (multi)
extern const ItemSpec project_vo_division;     // P.vo.division

// Regular organisations (survey chapter 3).
extern const ItemSpec org_type;          // R.type
extern const ItemSpec org_respondent;    // R.resp
extern const ItemSpec org_fields;        // R.field (multi)
extern const ItemSpec org_targets;       // R.target (multi)
extern const ItemSpec org_tasks;         // R.task (multi)
extern const ItemSpec org_values;        // R.value (multi)
extern const ItemSpec org_from_target;   // R.from_target
extern const ItemSpec org_vtypes;        // R.vtype (multi)
extern const ItemSpec org_vmix;          // R.vmix
extern const ItemSpec org_int_freq;      // R.int.freq
extern const ItemSpec org_int_division;  // R.int.division
extern const ItemSpec org_obstacles;     // R.int.obstacle (multi)
extern const ItemSpec org_vo_freq;       // R.vo.freq
extern const ItemSpec org_vo_why_not;    // R.vo_why_not (multi; one figure "each")
extern const ItemSpec org_vo_value;      // R.vo_value (multi)
extern const ItemSpec org_vo_kind;       // R.vo_kind (multi)
extern const ItemSpec org_vo_main;       // R.vo_main
extern const ItemSpec org_vo_forms;      // R.vo_form (multi)
extern const ItemSpec org_supports;      // R.supports (multi)
extern const ItemSpec org_could_offer;   // R.could_offer (multi)
}  // namespace items

}  // namespace samen

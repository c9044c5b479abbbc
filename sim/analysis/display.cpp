#include "samen/analysis/display.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace samen {

DisplayUnit display_unit(const OutcomeSpec& outcome) {
  if (outcome.unit == "share") return {100.0, "%", "percentage points"};
  return {1.0, outcome.unit, outcome.unit};
}

const OutcomeSpec* find_outcome(const std::string& name) {
  for (const auto& o : outcome_registry())
    if (o.name == name) return &o;
  return nullptr;
}

std::vector<std::string> main_outcome_names() {
  // Reach and care, referrals, the mechanisms the options act on, and cost.
  static const char* const kMain[] = {
      "reach_flow_all",      "reach_flow_migrant",  "reach_flow_serious", "care_flow_serious",
      "weeks_to_first_help", "unmet_need_weeks",    "families_reached",   "referrals_volunteers",
      "referrals_selforgs",  "volunteer_knowledge", "boundary_crossings", "cjg_aware",
      "cjg_contact",         "internal_written",    "chain_clarity",      "grade_chain",
      "org_vo_cooperates",   "volunteers_active",   "cjg_care_capacity",  "professional_hours"};
  std::vector<std::string> out;
  for (const auto& o : outcome_registry())
    for (const char* m : kMain)
      if (o.name == m) out.push_back(o.name);
  return out;
}

std::vector<std::string> all_outcome_names() {
  std::vector<std::string> out;
  for (const auto& o : outcome_registry()) out.push_back(o.name);
  return out;
}

std::string format_significant(double value, int digits, bool sign) {
  if (std::isnan(value)) return "-";
  if (value == 0.0) return "0";  // also -0
  char buffer[64];
  // %g with enough digits, but never an exponent for the magnitudes of outcomes.
  const double magnitude = std::floor(std::log10(std::fabs(value)));
  const int decimals = std::max(0, digits - 1 - static_cast<int>(magnitude));
  std::snprintf(buffer, sizeof buffer, sign ? "%+.*f" : "%.*f", std::min(decimals, 10), value);
  return buffer;
}

}  // namespace samen

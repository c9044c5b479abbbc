// Helpers shared by the stages of field generation (sim/field/generation.hpp).
#include "generation.hpp"

#include <stdexcept>

namespace samen::detail {

std::vector<double> with_remainder(const SurveyTargets& targets, const ItemSpec& spec) {
  double rest = 0.0;
  auto shares = item_shares(targets, spec, &rest);
  shares.push_back(rest);
  return shares;
}

std::vector<double> with_remainder_in(const SurveyTargets& targets, const ItemSpec& spec,
                                      std::size_t k) {
  double rest = 0.0;
  auto shares = item_shares(targets, spec, &rest);
  shares[k] += rest;
  return shares;
}

std::vector<double> shares_within(const std::vector<double>& shares, std::uint32_t mask) {
  std::vector<double> s(shares.size(), 0.0);
  for (std::size_t k = 0; k < shares.size(); ++k)
    if (has(mask, k)) s[k] = shares[k];
  return s;
}

GradePmf survey_grade_pmf(const SurveyTargets& targets, const std::string& prefix,
                          const std::string& top, int top_high) {
  try {
    return grade_distribution({{1, 5, targets.share(prefix + ".fail")},
                               {6, 7, targets.share(prefix + ".6_7")},
                               {8, top_high, targets.share(prefix + "." + top)}},
                              targets.value(prefix + ".mean"));
  } catch (const std::invalid_argument& e) {
    throw ConfigError("survey targets file '" + targets.path() + "': figure '" + prefix +
                      ".mean': " + e.what() + " with figures '" + prefix + ".fail', '" + prefix +
                      ".6_7' and '" + prefix + "." + top + "'");
  }
}

double unlisted_obstacle_share(double none, double clear, double total) {
  return std::clamp(1.0 - none * total / std::max(clear, 1e-12), 0.0, 1.0);
}

std::uint32_t pick_vo(const Field& field, std::uint32_t m, VoKind kind, double u) {
  const auto& mun = field.municipalities;
  std::uint32_t first = kNone, count = 0;
  for (std::uint32_t i = mun.first_vo[m]; i < mun.first_vo[m] + mun.vo_count[m]; ++i) {
    if (field.vos.kind[i] != static_cast<std::uint8_t>(kind)) continue;
    if (first == kNone) first = i;
    ++count;
  }
  if (count == 0) return kNone;
  return first + std::min(count - 1, static_cast<std::uint32_t>(u * count));
}

std::uint32_t pick_org(const Field& field, std::uint32_t m, OrgType type, double u) {
  const auto& mun = field.municipalities;
  std::uint32_t home = m;
  if (type == OrgType::bjz) {
    // The province's Bureau Jeugdzorg sits in its first municipality.
    while (home > 0 && mun.province[home - 1] == mun.province[m]) --home;
  }
  std::uint32_t first = kNone, count = 0;
  for (std::uint32_t i = mun.first_org[home]; i < mun.first_org[home] + mun.org_count[home]; ++i) {
    if (field.orgs.type[i] != type) continue;
    if (first == kNone) first = i;
    ++count;
  }
  if (count == 0) return kNone;
  return first + std::min(count - 1, static_cast<std::uint32_t>(u * count));
}

std::uint32_t add_tie(Field& field, TieKind kind, std::uint32_t from, std::uint32_t to,
                      std::uint8_t partner_kind) {
  return field.ties.add(kind, from, to, partner_kind);
}

}  // namespace samen::detail

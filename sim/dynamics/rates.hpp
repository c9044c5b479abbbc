// Small helpers the dynamics' translation units share: weekly chances from
// durations, logits, scheduling arithmetic and the rules of who serves whom.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

#include "samen/core/random.hpp"
#include "samen/field/organisations.hpp"
#include "samen/field/population.hpp"
#include "samen/field/projects.hpp"
#include "samen/survey/items.hpp"

namespace samen::dynamics {

inline double logistic(double x) { return 1.0 / (1.0 + std::exp(-x)); }

/// Weekly probability of an event with mean waiting time `weeks`.
inline double per_week(double weeks) { return 1.0 - std::exp(-1.0 / weeks); }

/// The logit of p, where p = 0 (1) means never (always) whatever is added to it.
inline double logit_or_sure(double p) {
  if (p <= 0.0) return -std::numeric_limits<double>::infinity();
  if (p >= 1.0) return std::numeric_limits<double>::infinity();
  return std::log(p / (1.0 - p));
}

/// The week `wait` weeks after `week`, or Stream::kForever.
inline std::uint32_t later(std::uint32_t week, std::uint32_t wait) {
  if (wait == Stream::kForever) return Stream::kForever;
  return static_cast<std::uint32_t>(
      std::min<std::uint64_t>(Stream::kForever - 1, static_cast<std::uint64_t>(week) + wait));
}

/// Families are processed in blocks of this many; the split does not affect
/// results since every family only writes itself.
constexpr std::size_t kFamilyGrain = 4096;

/// The sub-stream of a volunteer's training days (Purpose::policy_activity),
/// apart from the projects' activities, which use sub-stream 0.
constexpr std::uint32_t kTrainingStream = 1;

/// The sub-stream of the imputation of regular organisations' answers about
/// cooperation with volunteer organisations (Purpose::org_vo_cooperation, week 0).
constexpr std::uint32_t kImputationStream = 1;

/// Weeks in a year, for rates given per year.
constexpr double kWeeksPerYear = 52.0;

/// The meeting history a tie starts with, as a multiple of the threshold for
/// 'regular' contact: enough to report the contact it reported at week 0
/// (regularly, or sometimes); the burn-in replaces it by its own meetings.
constexpr double kRegularHistory = 1.5;
constexpr double kOccasionalHistory = 0.5;

/// The highest level of a project's knowledge of the CJG (0 unknown, 1 by
/// name, 2 reasonably, 3 well informed).
constexpr std::uint8_t kWellInformed = 3;

/// True for the regular organisations the survey asked about cooperation with
/// volunteer organisations: Bureaus Jeugdzorg, clinics, CJGs and schools.
inline bool works_with_vos(OrgType type) {
  return type == OrgType::bjz || type == OrgType::cb || type == OrgType::cjg ||
         type == OrgType::education;
}

/// True when a project with target groups `targets` serves families whose
/// youngest child is of age `age` (projects for parents or families serve all).
inline bool serves_age(std::uint32_t targets, ChildAge age) {
  const auto& tg = items::project_targets;
  const auto has = [&](const char* name) { return (targets >> tg.index(name)) & 1u; };
  if (has("parents") || has("families")) return true;
  switch (age) {
    case ChildAge::age_0_4:
      return has("child_0_6");
    case ChildAge::age_4_12:
      return has("child_0_6") || has("child_6_12");
    case ChildAge::age_12_18:
      return has("youth_12_18");
  }
  return false;
}

/// The stream word of an adoption key: equal keys, equal draws.
inline std::uint32_t adoption_stream(const std::string& key) {
  std::uint32_t h = 2166136261u;  // FNV-1a
  for (const char c : key) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
  return h & 0xFFFFFFu;  // a stream's sub word has 24 bits
}

}  // namespace samen::dynamics

// Policy options: what each changes in the weekly dynamics, when, where
// (coverage: the share of municipalities that adopt it), how strongly
// (intensity) and at what cost in professional hours.
#pragma once

#include <array>
#include <cstdint>
#include <string>

#include "samen/core/parameters.hpp"

namespace samen {

/// The report's recommendations as options; the order fixes their streams.
enum class PolicyKind : std::uint8_t {
  cjg_knowledge_sharing = 0,  ///< CJGs teach volunteers pedagogical background knowledge
  cjg_outreach,               ///< CJGs inform projects about what they do
  written_agreements,         ///< partners put their task division in writing
  consultation,               ///< more consultation between projects and institutions
  guidance_time,              ///< more coordinator time per volunteer
  skills_training,            ///< training volunteers in dealing with parents and youth
  recruitment_support,        ///< help recruiting, including new (target-group) volunteers
  selforg_partnership,        ///< professionals invest in trust with migrant self-organisations
};
constexpr int kPolicyCount = 8;

/// Returns the option's key, e.g. "cjg_knowledge_sharing" (config section policy.<key>).
const char* policy_key(PolicyKind kind);

/// One option's settings; weeks count from the end of the burn-in.
struct PolicyOption {
  bool enabled = false;
  std::uint32_t start_week = 0;
  std::uint32_t end_week = 0;  ///< exclusive
  double coverage = 0.0;       ///< share of municipalities that adopt it
  double intensity = 0.0;      ///< 1 = the documented standard dose
  double cost_hours = 0.0;     ///< professional hours per unit reached per week, at intensity 1
  double effect = 0.0;         ///< the option's main effect size (see docs/model.md)
  double effect2 = 0.0;        ///< its second effect, where it has one

  /// True when the option acts in `week` (since the burn-in) at all.
  bool acts(std::uint32_t week) const {
    return enabled && coverage > 0.0 && intensity > 0.0 && week >= start_week && week < end_week;
  }
};

/// All options of a scenario.
struct PolicySet {
  std::array<PolicyOption, kPolicyCount> options{};

  static PolicySet from(const ParamValues& values);
  const PolicyOption& operator[](PolicyKind kind) const {
    return options[static_cast<std::size_t>(kind)];
  }
};

/// Declares every policy.* parameter (called when the model registry is built).
void declare_policy_parameters(ParamRegistry& registry);

}  // namespace samen

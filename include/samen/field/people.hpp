// The people of the field who act on families: volunteers, the coordinators
// who guide them, and CJG staff; each kind a structure of arrays.
#pragma once

#include <cstdint>
#include <vector>

namespace samen {

/// Volunteer types of the survey (table 6), in its category order.
enum class VolunteerType : std::uint8_t {
  ind_own_incidental = 0,
  ind_invited_incidental,
  ind_own_regular,
  ind_invited_regular,
  org_fixed_vo,
  org_fixed_pi,
  org_free_vo,
  org_free_pi,
  other,
};
constexpr int kVolunteerTypeCount = 9;

/// Returns true for the four kinds of individual (unorganised) citizen.
constexpr bool is_individual(VolunteerType t) { return t <= VolunteerType::ind_invited_regular; }
/// Returns true for the four kinds of organised volunteer.
constexpr bool is_organised(VolunteerType t) {
  return t >= VolunteerType::org_fixed_vo && t <= VolunteerType::org_free_pi;
}

/// Returns the bit of `t` in a mask over VolunteerType (items "P.vtype", "R.vtype").
constexpr std::uint32_t type_bit(VolunteerType t) { return 1u << static_cast<unsigned>(t); }
/// The four kinds of individual citizen, as a mask over VolunteerType.
constexpr std::uint32_t kIndividualTypes =
    type_bit(VolunteerType::ind_own_incidental) | type_bit(VolunteerType::ind_invited_incidental) |
    type_bit(VolunteerType::ind_own_regular) | type_bit(VolunteerType::ind_invited_regular);
/// The four kinds of organised volunteer, as a mask over VolunteerType.
constexpr std::uint32_t kOrganisedTypes =
    type_bit(VolunteerType::org_fixed_vo) | type_bit(VolunteerType::org_fixed_pi) |
    type_bit(VolunteerType::org_free_vo) | type_bit(VolunteerType::org_free_pi);
/// Volunteers of other kinds, as a mask over VolunteerType.
constexpr std::uint32_t kOtherTypes = type_bit(VolunteerType::other);

/// Which kinds of volunteer a host has: the answers of items "P.vmix" and
/// "R.vmix", in their category order.
enum class VolunteerMix : std::uint8_t {
  organised_only = 0,
  both = 1,
  individual_only = 2,
  unclassified = 3,  ///< only volunteers of other kinds
};
constexpr bool has_organised(VolunteerMix m) {
  return m == VolunteerMix::organised_only || m == VolunteerMix::both;
}
constexpr bool has_individual(VolunteerMix m) {
  return m == VolunteerMix::individual_only || m == VolunteerMix::both;
}
/// Returns the mix of a host whose volunteers' kinds are the mask `types`.
constexpr VolunteerMix volunteer_mix(std::uint32_t types) {
  const bool organised = types & kOrganisedTypes;
  const bool individual = types & kIndividualTypes;
  return organised && individual ? VolunteerMix::both
         : organised             ? VolunteerMix::organised_only
         : individual            ? VolunteerMix::individual_only
                                 : VolunteerMix::unclassified;
}

/// How many of a host's volunteers come from its target group: the answers
/// of items "P.from_target" and "R.from_target", in their category order.
enum class TargetOrigin : std::uint8_t { none = 0, part = 1, all = 2 };

/// Whether a volunteer's host is a project or a regular organisation.
enum class HostRef : std::uint8_t { project = 0, regular_org = 1 };

/// Volunteers, grouped by host (contiguous index ranges per host).
struct Volunteers {
  std::vector<HostRef> host_ref;
  std::vector<std::uint32_t> host;  ///< Projects or RegularOrgs index
  std::vector<VolunteerType> type;
  std::vector<std::uint8_t> from_target;  ///< 0/1: from the project's target group
  std::vector<std::uint8_t> migrant;      ///< 0/1: migrant background
  std::vector<float> knowledge;           ///< 0-1: pedagogical background knowledge
  std::vector<float> skills;              ///< 0-1: skills in dealing with parents and youth
  std::vector<std::uint8_t> capacity;     ///< families the volunteer can support at once
  std::vector<std::uint8_t> caseload;     ///< families supported now
  std::vector<float> burden;              ///< 0-1
  std::vector<float> appreciation;        ///< 0-1: felt appreciation
  std::vector<std::uint32_t> tenure_weeks;
  std::vector<std::uint8_t> active;  ///< 0: a vacant place that keeps its role (type, origin)
  std::size_t size() const { return host.size(); }

  /// Lists every member once, as visit(name, member...) over one or more
  /// instances in lockstep (const or not); Field's for_each_column builds on it.
  /// A member missing here fails tests/field/test_field.cpp.
  template <class Visit, class... Self>
  static void columns(Visit&& visit, Self&... self) {
    visit("host_ref", self.host_ref...);
    visit("host", self.host...);
    visit("type", self.type...);
    visit("from_target", self.from_target...);
    visit("migrant", self.migrant...);
    visit("knowledge", self.knowledge...);
    visit("skills", self.skills...);
    visit("capacity", self.capacity...);
    visit("caseload", self.caseload...);
    visit("burden", self.burden...);
    visit("appreciation", self.appreciation...);
    visit("tenure_weeks", self.tenure_weeks...);
    visit("active", self.active...);
  }
};

/// How a coordinator judges what volunteers can do.
enum class Judgement : std::int8_t { underestimates = -1, accurate = 0, overestimates = 1 };

/// Coordinating professionals of projects, grouped by project.
struct Coordinators {
  std::vector<std::uint32_t> project;
  std::vector<float> guidance_hours;  ///< hours a week per volunteer
  std::vector<Judgement> judgement;
  std::size_t size() const { return project.size(); }

  /// Lists every member once, as visit(name, member...) over one or more
  /// instances in lockstep (const or not); Field's for_each_column builds on it.
  /// A member missing here fails tests/field/test_field.cpp.
  template <class Visit, class... Self>
  static void columns(Visit&& visit, Self&... self) {
    visit("project", self.project...);
    visit("guidance_hours", self.guidance_hours...);
    visit("judgement", self.judgement...);
  }
};

/// Staff of the CJGs, grouped by CJG.
struct CjgStaff {
  std::vector<std::uint32_t> cjg;  ///< RegularOrgs index of the CJG
  std::vector<float> hours;        ///< contract hours a week
  std::vector<float> openness;     ///< 0-1: openness towards volunteers
  std::size_t size() const { return cjg.size(); }

  /// Lists every member once, as visit(name, member...) over one or more
  /// instances in lockstep (const or not); Field's for_each_column builds on it.
  /// A member missing here fails tests/field/test_field.cpp.
  template <class Visit, class... Self>
  static void columns(Visit&& visit, Self&... self) {
    visit("cjg", self.cjg...);
    visit("hours", self.hours...);
    visit("openness", self.openness...);
  }
};

}  // namespace samen

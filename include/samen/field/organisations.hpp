// Organisations of the field: regular (professional) organisations, CJGs
// among them, and volunteer organisations including migrant self-organisations.
#pragma once

#include <cstdint>
#include <vector>

namespace samen {

/// Types of professional organisation; the first four are those the survey's
/// chapter 3 asked (in its order), the last two are partners of projects only.
enum class OrgType : std::uint8_t { bjz = 0, cb, cjg, education, welfare, care };
constexpr int kOrgTypeCount = 6;
constexpr int kSurveyedOrgTypeCount = 4;

/// Professional organisations, ordered by municipality (Bureaus Jeugdzorg
/// sit in the first municipality of their province).
struct RegularOrgs {
  std::vector<OrgType> type;
  std::vector<std::uint32_t> municipality;
  std::vector<std::uint32_t> province;
  std::vector<std::uint8_t> kindertelefoon;   ///< 0/1: runs a child helpline (BJZ only)
  std::vector<double> response_weight;        ///< relative propensity to answer (0: not asked)
  std::vector<std::uint8_t> respondent_role;  ///< item "R.resp"

  std::vector<std::uint8_t> uses_volunteers;  ///< 0/1
  std::vector<std::uint32_t> first_volunteer;
  std::vector<std::uint32_t> volunteer_count;
  std::vector<std::uint32_t> fields;             ///< mask, item "R.field"
  std::vector<std::uint32_t> targets;            ///< mask, item "R.target"
  std::vector<std::uint32_t> tasks;              ///< mask, item "R.task"
  std::vector<std::uint32_t> values;             ///< mask, item "R.value"
  std::vector<std::uint8_t> internal_frequency;  ///< Frequency, or kNoAnswer
  std::vector<std::uint8_t> internal_division;   ///< Division, or kNoAnswer
  std::vector<std::uint8_t> internal_grade;      ///< 1-10
  std::vector<std::uint32_t> obstacles;          ///< mask, item "R.int.obstacle"

  std::vector<std::uint8_t> vo_frequency;   ///< Frequency of cooperation with VOs (never if none)
  std::vector<std::uint8_t> vo_cooperates;  ///< 0/1, prepared and moved by the dynamics
  std::vector<std::uint32_t> vo_main_tie;   ///< Ties index or kNone
  std::vector<std::uint32_t> vo_why_not;    ///< mask, item "R.vo_why_not"
  std::vector<std::uint32_t> vo_value;      ///< mask, item "R.vo_value"

  std::vector<std::uint8_t> supports_volunteers;  ///< 0/1
  std::vector<std::uint32_t> supports;            ///< mask, item "R.supports"
  std::vector<std::uint8_t> should_support_more;  ///< item "R.should_support_more": 1 yes
  std::vector<std::uint32_t> could_offer;         ///< mask, item "R.could_offer"

  std::size_t size() const { return type.size(); }

  /// Lists every member once, as visit(name, member...) over one or more
  /// instances in lockstep (const or not); Field's for_each_column builds on it.
  /// A member missing here fails tests/field/test_field.cpp.
  template <class Visit, class... Self>
  static void columns(Visit&& visit, Self&... self) {
    visit("type", self.type...);
    visit("municipality", self.municipality...);
    visit("province", self.province...);
    visit("kindertelefoon", self.kindertelefoon...);
    visit("response_weight", self.response_weight...);
    visit("respondent_role", self.respondent_role...);
    visit("uses_volunteers", self.uses_volunteers...);
    visit("first_volunteer", self.first_volunteer...);
    visit("volunteer_count", self.volunteer_count...);
    visit("fields", self.fields...);
    visit("targets", self.targets...);
    visit("tasks", self.tasks...);
    visit("values", self.values...);
    visit("internal_frequency", self.internal_frequency...);
    visit("internal_division", self.internal_division...);
    visit("internal_grade", self.internal_grade...);
    visit("obstacles", self.obstacles...);
    visit("vo_frequency", self.vo_frequency...);
    visit("vo_cooperates", self.vo_cooperates...);
    visit("vo_main_tie", self.vo_main_tie...);
    visit("vo_why_not", self.vo_why_not...);
    visit("vo_value", self.vo_value...);
    visit("supports_volunteers", self.supports_volunteers...);
    visit("supports", self.supports...);
    visit("should_support_more", self.should_support_more...);
    visit("could_offer", self.could_offer...);
  }
};

/// Marks an item a respondent left unanswered.
constexpr std::uint8_t kNoAnswer = 0xFF;

/// Volunteer organisations, ordered by municipality.
struct VolunteerOrgs {
  std::vector<std::uint32_t> municipality;
  std::vector<std::uint8_t> kind;              ///< VoKind
  std::vector<std::uint16_t> bridge_builders;  ///< key figures (self-organisations)
  std::vector<float> capacity;                 ///< families a week it can advise or refer
  std::vector<float> load;                     ///< families a week it is asked to help
  std::vector<float> trust;                    ///< 0-1: trust with professionals
  std::size_t size() const { return municipality.size(); }

  /// Lists every member once, as visit(name, member...) over one or more
  /// instances in lockstep (const or not); Field's for_each_column builds on it.
  /// A member missing here fails tests/field/test_field.cpp.
  template <class Visit, class... Self>
  static void columns(Visit&& visit, Self&... self) {
    visit("municipality", self.municipality...);
    visit("kind", self.kind...);
    visit("bridge_builders", self.bridge_builders...);
    visit("capacity", self.capacity...);
    visit("load", self.load...);
    visit("trust", self.trust...);
  }
};

}  // namespace samen

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
};

}  // namespace samen

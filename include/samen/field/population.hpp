// The places and the families of the synthetic field: municipalities,
// provinces and families with children, each kind a structure of arrays.
#pragma once

#include <cstdint>
#include <vector>

namespace samen {

/// Municipalities; families, projects and organisations point into these.
struct Municipalities {
  std::vector<std::uint32_t> province;
  std::vector<std::uint32_t> first_family;  ///< families of m are [first_family, +family_count)
  std::vector<std::uint32_t> family_count;
  std::vector<std::uint32_t> cjg;        ///< index of its CJG in RegularOrgs
  std::vector<std::uint32_t> first_org;  ///< its RegularOrgs are [first_org, +org_count)
  std::vector<std::uint32_t> org_count;
  std::vector<std::uint32_t> first_vo;  ///< its VolunteerOrgs are [first_vo, +vo_count)
  std::vector<std::uint32_t> vo_count;
  std::size_t size() const { return province.size(); }

  /// Lists every member once, as visit(name, member...) over one or more
  /// instances in lockstep (const or not); Field's for_each_column builds on it.
  /// A member missing here fails tests/field/test_field.cpp.
  template <class Visit, class... Self>
  static void columns(Visit&& visit, Self&... self) {
    visit("province", self.province...);
    visit("first_family", self.first_family...);
    visit("family_count", self.family_count...);
    visit("cjg", self.cjg...);
    visit("first_org", self.first_org...);
    visit("org_count", self.org_count...);
    visit("first_vo", self.first_vo...);
    visit("vo_count", self.vo_count...);
  }
};

/// Marks a week that has not happened (no meeting, no help yet).
constexpr std::uint32_t kNever = 0xFFFFFFFFu;
/// Marks a need episode that began before week 0 (its onset is unknown).
constexpr std::uint32_t kNoEpisode = 0xFFFFFFFEu;

/// A family's need for help with raising its children.
enum class Need : std::uint8_t { none = 0, light = 1, serious = 2 };

/// Age band of the youngest child.
enum class ChildAge : std::uint8_t { age_0_4 = 0, age_4_12 = 1, age_12_18 = 2 };

/// Who helps a family now.
enum class Helper : std::uint8_t {
  nobody = 0,
  volunteer = 1,     ///< helper_id: Volunteers index
  self_org = 2,      ///< helper_id: VolunteerOrgs index
  waiting = 3,       ///< on the CJG's waiting list
  professional = 4,  ///< in professional care through the CJG
};

/// Families with children under 18, stored by municipality.
struct Families {
  std::vector<std::uint32_t> municipality;
  std::vector<std::uint8_t> migrant;  ///< 0/1: migrant background
  std::vector<ChildAge> child_age;
  std::vector<Need> need;
  std::vector<float> trust_formal;      ///< 0-1: trust in formal services
  std::vector<float> informal_network;  ///< 0-1: strength of relatives/neighbours network
  std::vector<Helper> helper;
  std::vector<std::uint16_t> weeks_waiting;
  std::vector<std::uint32_t> helper_id;      ///< see Helper
  std::vector<std::uint32_t> serious_since;  ///< week a serious problem arose
  std::vector<std::uint32_t> next_onset;     ///< week a need arises (families without one)
  std::vector<std::uint32_t> next_seek;      ///< week it next seeks help (in need, unhelped)
  // The current need episode, prepared by the dynamics (dynamics/episodes.hpp).
  std::vector<std::uint32_t> episode_start;  ///< onset week, kNoEpisode if before week 0
  std::vector<std::uint32_t> first_help;     ///< week help first came in it, or kNever
  std::vector<std::uint32_t> first_care;     ///< week professional care began in it, or kNever
  std::size_t size() const { return municipality.size(); }

  /// Lists every member once, as visit(name, member...) over one or more
  /// instances in lockstep (const or not); Field's for_each_column builds on it.
  /// A member missing here fails tests/field/test_field.cpp.
  template <class Visit, class... Self>
  static void columns(Visit&& visit, Self&... self) {
    visit("municipality", self.municipality...);
    visit("migrant", self.migrant...);
    visit("child_age", self.child_age...);
    visit("need", self.need...);
    visit("trust_formal", self.trust_formal...);
    visit("informal_network", self.informal_network...);
    visit("helper", self.helper...);
    visit("weeks_waiting", self.weeks_waiting...);
    visit("helper_id", self.helper_id...);
    visit("serious_since", self.serious_since...);
    visit("next_onset", self.next_onset...);
    visit("next_seek", self.next_seek...);
    visit("episode_start", self.episode_start...);
    visit("first_help", self.first_help...);
    visit("first_care", self.first_care...);
  }
};

}  // namespace samen

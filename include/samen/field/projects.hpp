// Projects: cooperation between volunteers and professionals around youth and
// family (survey chapter 2), as a structure of arrays.
#pragma once

#include <cstdint>
#include <vector>

#include "samen/field/population.hpp"

namespace samen {

/// Who hosts a project.
enum class HostKind : std::uint8_t { volunteer_org = 0, professional = 1, unknown = 2 };

/// Kind of host organisation, in the order of the survey's categories.
enum class HostType : std::uint8_t {
  vo_welfare = 0,
  welfare_inst,
  sport,
  migrant_selforg,
  care_inst,
  religious,
  municipality,
  other,
};
constexpr int kHostTypeCount = 8;

/// How often two parties work together or have contact (ordered).
enum class Frequency : std::uint8_t { never = 0, sometimes = 1, regularly = 2, often = 3 };

/// Task division between two parties (ordered by clarity).
enum class Division : std::uint8_t { none = 0, oral = 1, written = 2 };

/// Professional institutions a project can work with, in survey order.
enum class InstitutionKind : std::uint8_t {
  welfare = 0,
  education,
  cjg,
  bjz,
  care,
  cb,
  other,
};
constexpr int kInstitutionKindCount = 7;

/// Kinds of volunteer organisation, in survey order.
enum class VoKind : std::uint8_t { welfare = 0, care, sport, migrant_selforg, religious, other };
constexpr int kVoKindCount = 6;

/// Projects. Multi-answer attributes are bit masks whose bit order is the
/// category order of the matching questionnaire item (survey/items.hpp).
struct Projects {
  std::vector<std::uint32_t> municipality;
  std::vector<HostKind> host_kind;
  std::vector<HostType> host_type;
  std::vector<std::uint32_t> host_vo;    ///< hosting VolunteerOrgs index, or kNone
  std::vector<std::uint8_t> home_start;  ///< 0/1: a Humanitas Home-Start project
  std::vector<double> response_weight;   ///< relative propensity to answer the survey

  // Profile (answers that describe the project).
  std::vector<std::uint8_t> respondent_role;  ///< item "P.resp"
  std::vector<std::uint8_t> level;            ///< item "P.level"
  std::vector<std::uint32_t> scale;           ///< mask, item "P.scale"
  std::vector<std::uint32_t> targets;         ///< mask, item "P.target"
  std::vector<std::uint32_t> goals;           ///< mask, item "P.goal"
  std::vector<std::uint32_t> forms;           ///< mask, item "P.form"
  std::vector<std::uint8_t> initiative;       ///< item "P.initiative"
  std::vector<std::uint8_t> steering;         ///< item "P.steer"
  std::vector<std::uint32_t> tasks;           ///< mask, item "P.task"
  std::vector<std::uint32_t> values;          ///< mask, item "P.value"

  // Volunteers live in Volunteers; these are their project's index ranges.
  std::vector<std::uint32_t> first_volunteer;
  std::vector<std::uint32_t> volunteer_count;
  std::vector<std::uint32_t> first_coordinator;
  std::vector<std::uint32_t> coordinator_count;

  // Support.
  std::vector<std::uint8_t> needs_support;  ///< 0/1
  std::vector<std::uint32_t> need_for;      ///< mask, item "P.need_for"
  std::vector<std::uint32_t> supporters;    ///< mask, item "P.supporter"
  std::vector<std::uint32_t> support_on;    ///< mask, item "P.support_on"

  // Internal cooperation between the project's professionals and volunteers.
  std::vector<Frequency> internal_frequency;
  std::vector<Division> internal_division;
  std::vector<std::uint8_t> internal_grade;  ///< 1-10
  std::vector<std::uint32_t> obstacles;      ///< mask, item "P.int.obstacle" (bits set by draws)
  std::vector<double> grade_noise;  ///< the feel of the cooperation: internal_grade's noise

  // The chain and the CJG; ties live in Ties, these index the main ones.
  std::vector<std::uint32_t> chain_main_tie;  ///< Ties index or kNone
  std::vector<std::uint32_t> cjg_tie;         ///< Ties index of the tie to its CJG (always present)
  std::vector<std::uint32_t> vo_main_tie;     ///< Ties index or kNone
  std::vector<std::uint8_t> vo_why_not;       ///< item "P.vo_why_not" (when no VO tie)

  // Prepared by the dynamics.
  std::vector<std::uint32_t> last_crossing;  ///< week a volunteer last went beyond limits, kNever

  std::size_t size() const { return municipality.size(); }

  /// Lists every member once, as visit(name, member...) over one or more
  /// instances in lockstep (const or not); Field's for_each_column builds on it.
  /// A member missing here fails tests/field/test_field.cpp.
  template <class Visit, class... Self>
  static void columns(Visit&& visit, Self&... self) {
    visit("municipality", self.municipality...);
    visit("host_kind", self.host_kind...);
    visit("host_type", self.host_type...);
    visit("host_vo", self.host_vo...);
    visit("home_start", self.home_start...);
    visit("response_weight", self.response_weight...);
    visit("respondent_role", self.respondent_role...);
    visit("level", self.level...);
    visit("scale", self.scale...);
    visit("targets", self.targets...);
    visit("goals", self.goals...);
    visit("forms", self.forms...);
    visit("initiative", self.initiative...);
    visit("steering", self.steering...);
    visit("tasks", self.tasks...);
    visit("values", self.values...);
    visit("first_volunteer", self.first_volunteer...);
    visit("volunteer_count", self.volunteer_count...);
    visit("first_coordinator", self.first_coordinator...);
    visit("coordinator_count", self.coordinator_count...);
    visit("needs_support", self.needs_support...);
    visit("need_for", self.need_for...);
    visit("supporters", self.supporters...);
    visit("support_on", self.support_on...);
    visit("internal_frequency", self.internal_frequency...);
    visit("internal_division", self.internal_division...);
    visit("internal_grade", self.internal_grade...);
    visit("obstacles", self.obstacles...);
    visit("grade_noise", self.grade_noise...);
    visit("chain_main_tie", self.chain_main_tie...);
    visit("cjg_tie", self.cjg_tie...);
    visit("vo_main_tie", self.vo_main_tie...);
    visit("vo_why_not", self.vo_why_not...);
    visit("last_crossing", self.last_crossing...);
  }
};

/// Marks an absent index.
constexpr std::uint32_t kNone = 0xFFFFFFFFu;

}  // namespace samen

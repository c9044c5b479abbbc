// Ties between organisations: who works with whom, how often, with what
// task division and how well.
#pragma once

#include <cstdint>
#include <vector>

namespace samen {

/// The kind of a tie, named by its two ends.
enum class TieKind : std::uint8_t {
  project_institution = 0,  ///< project -> professional institution (incl. CJG as partner)
  project_vo,               ///< project -> volunteer organisation
  project_cjg,              ///< project -> the CJG of its municipality (always present)
  org_vo,                   ///< regular organisation -> volunteer organisation
};

/// Ties, grouped by their origin (project or organisation).
struct Ties {
  std::vector<TieKind> kind;
  std::vector<std::uint32_t> from;         ///< Projects index, or RegularOrgs index for org_vo
  std::vector<std::uint32_t> to;           ///< RegularOrgs or VolunteerOrgs index
  std::vector<std::uint8_t> partner_kind;  ///< InstitutionKind or VoKind of the partner
  std::vector<std::uint8_t> is_main;       ///< 0/1: the partner cooperated with most
  std::vector<std::uint8_t> cooperates;    ///< 0/1 (project_cjg: whether they cooperate)
  std::vector<std::uint8_t> contact;       ///< 0 never, 1 sometimes, 2 regularly or often
  std::vector<std::uint8_t>
      awareness;  ///< project_cjg: 0 unknown, 1 name only, 2 reasonably, 3 well informed
  std::vector<std::uint8_t> division;  ///< Division
  std::vector<std::uint8_t> grade;     ///< 1-10, 0 when not graded
  std::vector<std::uint32_t> forms;    ///< mask, items "P.chain_form" / "P.vo_form" / "R.vo_form"
  std::vector<double> grade_noise;     ///< the feel of the cooperation: the grade's noise
  // Prepared by the dynamics: what partners have experienced of each other.
  std::vector<float> meeting_rate;          ///< meetings a year, a running average
  std::vector<std::uint32_t> last_meeting;  ///< week of the last meeting, or kNever
  std::vector<std::uint8_t> events;         ///< meetings this week from referrals and options
  std::vector<float> experience;            ///< running average of referrals: 1 landed, -1 stalled
  std::size_t size() const { return kind.size(); }
  /// Appends a cooperating tie with neutral attributes to every column and
  /// returns its index.
  std::uint32_t add(TieKind kind, std::uint32_t from, std::uint32_t to, std::uint8_t partner_kind);

  /// Lists every member once, as visit(name, member...) over one or more
  /// instances in lockstep (const or not); Field's for_each_column builds on it.
  /// A member missing here fails tests/field/test_field.cpp.
  template <class Visit, class... Self>
  static void columns(Visit&& visit, Self&... self) {
    visit("kind", self.kind...);
    visit("from", self.from...);
    visit("to", self.to...);
    visit("partner_kind", self.partner_kind...);
    visit("is_main", self.is_main...);
    visit("cooperates", self.cooperates...);
    visit("contact", self.contact...);
    visit("awareness", self.awareness...);
    visit("division", self.division...);
    visit("grade", self.grade...);
    visit("forms", self.forms...);
    visit("grade_noise", self.grade_noise...);
    visit("meeting_rate", self.meeting_rate...);
    visit("last_meeting", self.last_meeting...);
    visit("events", self.events...);
    visit("experience", self.experience...);
  }
};

}  // namespace samen

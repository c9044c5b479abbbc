// Shared by the generator's translation units: one stage of field generation each.
#pragma once

#include "samen/field/field.hpp"
#include "samen/model/parameters.hpp"
#include "samen/survey/targets.hpp"

namespace samen::detail {

/// What every generation stage reads.
struct GenerationInput {
  const ModelParams& params;
  const SurveyTargets& targets;
  StreamKey key;
};

/// Municipalities, families, organisations, volunteer organisations, CJG staff.
void generate_places(const GenerationInput& in, Field& field);
/// Projects with their volunteers, coordinators and ties.
void generate_projects(const GenerationInput& in, Field& field);
/// The survey answers, volunteers and ties of regular organisations.
void generate_org_answers(const GenerationInput& in, Field& field);

/// Appends `count` volunteers of the given types to field.volunteers.
struct VolunteerDraft {
  HostRef host_ref;
  std::uint32_t host;
  std::vector<VolunteerType> types;       ///< one per volunteer
  std::vector<std::uint8_t> from_target;  ///< one per volunteer
  bool migrant_focus;                     ///< of or for migrants
  bool trained_scheme;                    ///< e.g. Home-Start: extra training
};
void append_volunteers(const GenerationInput& in, Field& field, const VolunteerDraft& draft);

/// Completes `draft` (host and flags set) with one role per volunteer: at
/// least `size` volunteers covering every kind in the mask `vtypes`, and
/// their origin for `from_target` (0 none, 1 part, 2 all).
VolunteerDraft draft_roles(const GenerationInput& in, Stream& s, VolunteerDraft draft,
                           std::uint32_t vtypes, std::uint32_t size, int from_target);

/// Returns the index of a volunteer organisation of `kind` in municipality m
/// chosen by u in [0, 1), or kNone if there is none.
std::uint32_t pick_vo(const Field& field, std::uint32_t m, VoKind kind, double u);
/// Returns the index of a regular organisation of `type` serving municipality
/// m chosen by u in [0, 1), or kNone.
std::uint32_t pick_org(const Field& field, std::uint32_t m, OrgType type, double u);

/// Appends a tie with neutral attributes and returns its index.
std::uint32_t add_tie(Field& field, TieKind kind, std::uint32_t from, std::uint32_t to,
                      std::uint8_t partner_kind);

}  // namespace samen::detail

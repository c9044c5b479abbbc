// Shared by the generator's translation units (one stage of field generation
// each, in the order of generate.cpp) and the helpers they have in common.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "samen/field/calibration.hpp"
#include "samen/field/field.hpp"
#include "samen/model/parameters.hpp"
#include "samen/survey/items.hpp"
#include "samen/survey/targets.hpp"

namespace samen::detail {

/// What every generation stage reads.
struct GenerationInput {
  const ModelParams& params;
  const SurveyTargets& targets;
  StreamKey key;
};

/// Municipalities, families, organisations, volunteer organisations, CJG
/// staff (generate_places.cpp).
void generate_places(const GenerationInput& in, Field& field);
/// Projects with their volunteers, coordinators and ties (generate_projects.cpp).
void generate_projects(const GenerationInput& in, Field& field);
/// The survey answers, volunteers and ties of regular organisations
/// (generate_orgs.cpp).
void generate_org_answers(const GenerationInput& in, Field& field);

// Volunteers of any host (generate_volunteers.cpp).

/// The roles of a host's volunteers, before the people who fill them.
struct VolunteerDraft {
  HostRef host_ref;
  std::uint32_t host;
  std::vector<VolunteerType> types;       ///< one per volunteer
  std::vector<std::uint8_t> from_target;  ///< one per volunteer
  bool migrant_focus;                     ///< of or for migrants
  bool trained_scheme;                    ///< e.g. Home-Start: extra training
};
/// Completes `draft` (host and flags set) with one role per volunteer: at
/// least `size` volunteers covering every kind in the mask `vtypes`, and
/// whether each comes from the target group, as `origin` says for them all.
VolunteerDraft draft_roles(const GenerationInput& in, Stream& s, VolunteerDraft draft,
                           std::uint32_t vtypes, std::uint32_t size, TargetOrigin origin);
/// Appends one volunteer per role of `draft` to field.volunteers, with traits.
void append_volunteers(const GenerationInput& in, Field& field, const VolunteerDraft& draft);

// Partners and ties (generation.cpp).

/// Returns the index of a volunteer organisation of `kind` in municipality m
/// chosen by u in [0, 1), or kNone if there is none.
std::uint32_t pick_vo(const Field& field, std::uint32_t m, VoKind kind, double u);
/// Returns the index of a regular organisation of `type` serving municipality
/// m chosen by u in [0, 1), or kNone.
std::uint32_t pick_org(const Field& field, std::uint32_t m, OrgType type, double u);

/// Appends a tie with neutral attributes and returns its index.
std::uint32_t add_tie(Field& field, TieKind kind, std::uint32_t from, std::uint32_t to,
                      std::uint8_t partner_kind);

// Small helpers every stage uses.

/// A linear predictor that rules an answer out (or, positive, in).
constexpr double kInf = std::numeric_limits<double>::infinity();

/// Returns the bit of category k in a multi-answer mask.
inline std::uint32_t bit(std::size_t k) { return 1u << k; }
/// Returns whether category k is in a multi-answer mask.
inline bool has(std::uint32_t mask, std::size_t k) { return (mask >> k) & 1u; }
/// Returns the category index of an answer code, e.g. idx(VoKind::other).
template <class E>
constexpr std::size_t idx(E e) {
  return static_cast<std::size_t>(e);
}
/// Returns an answer code as the drawers give it, e.g. code(TargetOrigin::part) == 1.
template <class E>
constexpr int code(E e) {
  return static_cast<int>(e);
}

/// Returns x clamped to [0, 1].
inline double clamp01(double x) { return std::min(1.0, std::max(0.0, x)); }

/// Returns the shares of a single-answer item with the remainder (answers
/// outside its categories) appended as a last category.
std::vector<double> with_remainder(const SurveyTargets& targets, const ItemSpec& spec);
/// Returns the shares of a single-answer item with the remainder added to
/// category k (e.g. to "other").
std::vector<double> with_remainder_in(const SurveyTargets& targets, const ItemSpec& spec,
                                      std::size_t k);
/// Returns `shares` with every category outside `mask` set to 0.
std::vector<double> shares_within(const std::vector<double>& shares, std::uint32_t mask);

/// Inverts a response bias: returns the field share h of units with a trait
/// when they answer `factor` times as often as others and make up the share
/// `respondents` of the respondents, i.e. h·f / (h·f + 1 − h) = respondents.
inline double field_share(double respondents, double factor) {
  return respondents / (factor - respondents * (factor - 1.0));
}

/// Returns the grade distribution of item `prefix` from the survey's bands
/// "<prefix>.fail" (1-5), ".6_7" and the top band `top` (".ge8", 8-10, by
/// default) and its mean ".mean"; throws ConfigError naming the targets file
/// and the figures when the mean is impossible with those shares.
GradePmf survey_grade_pmf(const SurveyTargets& targets, const std::string& prefix,
                          const std::string& top = "ge8", int top_high = 10);

/// Returns the chance of an obstacle the survey did not list (e.g. lack of
/// time) that makes the respondents' share without any obstacle `none`, when
/// the units free of listed obstacles weigh `clear` out of `total`.
double unlisted_obstacle_share(double none, double clear, double total);

}  // namespace samen::detail

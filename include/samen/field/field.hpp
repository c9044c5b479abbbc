// The synthetic field: every agent and entity at one moment.
#pragma once

#include <cstddef>
#include <string>
#include <type_traits>
#include <vector>

#include "samen/core/random.hpp"
#include "samen/field/latent_models.hpp"
#include "samen/field/organisations.hpp"
#include "samen/field/people.hpp"
#include "samen/field/population.hpp"
#include "samen/field/projects.hpp"
#include "samen/field/ties.hpp"

namespace samen {

/// Everything the simulation knows at one week.
struct Field {
  StreamKey key;
  std::uint32_t week = 0;
  /// Set once the dynamics have prepared their state (episodes, meeting
  /// histories, experience, dormant ties): a checkpoint keeps it.
  bool dynamics_prepared = false;
  std::uint32_t province_count = 0;
  Municipalities municipalities;
  Families families;
  Projects projects;
  Volunteers volunteers;
  Coordinators coordinators;
  RegularOrgs orgs;
  CjgStaff cjg_staff;
  VolunteerOrgs vos;
  Ties ties;
  LatentCuts cuts;
};

/// True for a column (a std::vector), false for a scalar member.
template <class T>
struct IsColumn : std::false_type {};
template <class E>
struct IsColumn<std::vector<E>> : std::true_type {};
template <class T>
constexpr bool is_column_v = IsColumn<std::remove_const_t<T>>::value;

/// The element type of a column, or the type of a scalar.
template <class T>
struct ColumnElement {
  using type = T;
};
template <class E>
struct ColumnElement<std::vector<E>> {
  using type = E;
};
template <class T>
using column_element_t = typename ColumnElement<std::remove_const_t<T>>::type;

/// The type an element is stored as (e.g. in a checkpoint): enums as their
/// underlying integer type, e.g. stored_t<Helper> is std::uint8_t.
template <class E, bool = std::is_enum_v<E>>
struct Stored {
  using type = E;
};
template <class E>
struct Stored<E, true> {
  using type = std::underlying_type_t<E>;
};
template <class E>
using stored_t = typename Stored<E>::type;

namespace detail {

// Prefixes the names a structure lists with the field member that holds it
// (none when `group` is empty), and checks that every element can be stored
// as a plain number.
template <class Visit>
struct PrefixedVisit {
  const char* group;
  Visit& visit;
  template <class... Member>
  void operator()(const char* name, Member&... member) const {
    (check<Member>(), ...);
    visit(*group ? std::string(group) + "." + name : std::string(name), member...);
  }
  template <class Member>
  static constexpr void check() {
    static_assert(std::is_arithmetic_v<stored_t<column_element_t<Member>>>,
                  "a field column must hold numbers or enums: a checkpoint stores it as such");
  }
};

template <class Visit, class... F>
void visit_field_columns(Visit& visit, F&... field) {
  const auto in = [&visit](const char* group) { return PrefixedVisit<Visit>{group, visit}; };
  in("key")("seed", field.key.seed...);
  in("key")("replicate", field.key.replicate...);
  in("")("week", field.week...);
  in("")("dynamics_prepared", field.dynamics_prepared...);
  in("")("province_count", field.province_count...);
  Municipalities::columns(in("municipalities"), field.municipalities...);
  Families::columns(in("families"), field.families...);
  Projects::columns(in("projects"), field.projects...);
  Volunteers::columns(in("volunteers"), field.volunteers...);
  Coordinators::columns(in("coordinators"), field.coordinators...);
  RegularOrgs::columns(in("orgs"), field.orgs...);
  CjgStaff::columns(in("cjg_staff"), field.cjg_staff...);
  VolunteerOrgs::columns(in("vos"), field.vos...);
  Ties::columns(in("ties"), field.ties...);
  LatentCuts::columns(in("cuts"), field.cuts...);
}

}  // namespace detail

/// Visits every member of the field once, in a fixed order, as
/// visit(name, member): columns (std::vector) and scalars (key, week,
/// province_count, the cuts' intercepts), named by their path, e.g.
/// "families.helper", "key.seed", "cuts.judge_under". Members are mutable
/// references when `field` is, so a reader can fill them; is_column_v,
/// column_element_t and stored_t tell a writer how to store each. E.g.
/// `for_each_column(f, [](const std::string& name, const auto& member) {...})`.
template <class Visit>
void for_each_column(Field& field, Visit&& visit) {
  detail::visit_field_columns(visit, field);
}
template <class Visit>
void for_each_column(const Field& field, Visit&& visit) {
  detail::visit_field_columns(visit, field);
}

/// Visits the same member of two fields together, as visit(name, a's, b's).
template <class Visit, class A, class B>
void for_each_column_pair(A& a, B& b, Visit&& visit) {
  static_assert(std::is_same_v<std::remove_const_t<A>, Field> &&
                    std::is_same_v<std::remove_const_t<B>, Field>,
                "for_each_column_pair visits two fields");
  detail::visit_field_columns(visit, a, b);
}

/// Returns where two fields first differ bit for bit, in for_each_column
/// order, e.g. "families.helper[17]: 0 vs 3 (of 20000)" or
/// "projects.scale: 5712 vs 5713 elements"; "" when they are identical.
std::string first_difference(const Field& a, const Field& b);

}  // namespace samen

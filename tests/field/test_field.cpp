// Tests of the field's column lists (include/samen/field/field.hpp): every
// member of every structure is listed exactly once, so that comparisons and
// checkpoints built on for_each_column cannot miss one.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <set>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "samen/field/field.hpp"

using namespace samen;

namespace {

// Counts the members of an aggregate: the largest N for which S{x1, ..., xN}
// compiles with placeholders that convert to anything. It sees every member,
// whatever its type, even one that hides in alignment padding.
struct AnyMember {
  template <class T>
  operator T() const;  // only named in unevaluated contexts
};

template <class S, class... A>
auto braces(int) -> decltype(void(S{std::declval<A>()...}), std::true_type{});
template <class S, class...>
std::false_type braces(...);

template <class S, std::size_t... I>
constexpr bool initialisable_with(std::index_sequence<I...>) {
  return decltype(braces<S, decltype((void)I, AnyMember{})...>(0))::value;
}

template <class S, std::size_t N = 0>
constexpr std::size_t member_count() {
  if constexpr (initialisable_with<S>(std::make_index_sequence<N + 1>{}))
    return member_count<S, N + 1>();
  else
    return N;
}

static_assert(member_count<StreamKey>() == 2, "the counter counts members");

// Where a visited member lies inside its enclosing object.
struct Extent {
  std::size_t offset;
  std::size_t size;
  std::size_t align;
  std::string name;
};

template <class Outer>
struct ExtentCollector {
  const Outer& outer;
  std::vector<Extent>& extents;
  template <class Member>
  void operator()(const std::string& name, const Member& member) const {
    const auto offset = static_cast<std::size_t>(reinterpret_cast<const char*>(&member) -
                                                 reinterpret_cast<const char*>(&outer));
    extents.push_back({offset, sizeof(Member), alignof(Member), name});
  }
  template <class Member>
  void operator()(const char* name, const Member& member) const {
    (*this)(std::string(name), member);
  }
};

// Returns "" when the extents tile [0, sizeof(Outer)) with no overlap and no
// gap beyond alignment padding; otherwise where they do not.
template <class Outer>
std::string tiling_problem(std::vector<Extent> extents) {
  std::sort(extents.begin(), extents.end(),
            [](const Extent& a, const Extent& b) { return a.offset < b.offset; });
  auto align_up = [](std::size_t x, std::size_t a) { return (x + a - 1) / a * a; };
  std::size_t end = 0;
  std::string previous = "the start";
  for (const auto& e : extents) {
    if (e.offset < end) return e.name + " overlaps " + previous + " (listed twice?)";
    if (e.offset != align_up(end, e.align))
      return "unlisted bytes between " + previous + " and " + e.name;
    end = e.offset + e.size;
    previous = e.name;
  }
  if (align_up(end, alignof(Outer)) != sizeof(Outer))
    return "unlisted bytes after " + previous + " (a member missing from columns()?)";
  return "";
}

// Checks one structure: its columns() lists as many members as it has, and
// they cover the whole structure.
template <class S>
void check_lists_every_member(const char* type) {
  CAPTURE(type);
  const S s{};
  std::vector<Extent> extents;
  S::columns(ExtentCollector<S>{s, extents}, s);
  CHECK(extents.size() == member_count<S>());
  CHECK(tiling_problem<S>(extents) == "");
  std::set<std::string> names;
  for (const auto& e : extents) names.insert(e.name);
  CHECK(names.size() == extents.size());
}

std::vector<std::string> column_names() {
  std::vector<std::string> names;
  const Field f;
  for_each_column(f, [&](const std::string& name, const auto&) { names.push_back(name); });
  return names;
}

// A small field whose every column has a few elements with distinct values.
Field filled_field() {
  Field f;
  for_each_column(f, [](const std::string&, auto& member) {
    using T = std::remove_reference_t<decltype(member)>;
    if constexpr (is_column_v<T>) {
      using E = column_element_t<T>;
      for (int k = 0; k < 3; ++k) member.push_back(static_cast<E>(static_cast<stored_t<E>>(k)));
    } else {
      member = static_cast<T>(7);
    }
  });
  return f;
}

}  // namespace

TEST_CASE("each field structure lists every member exactly once", "[field][columns]") {
  check_lists_every_member<Municipalities>("Municipalities");
  check_lists_every_member<Families>("Families");
  check_lists_every_member<Projects>("Projects");
  check_lists_every_member<Volunteers>("Volunteers");
  check_lists_every_member<Coordinators>("Coordinators");
  check_lists_every_member<RegularOrgs>("RegularOrgs");
  check_lists_every_member<CjgStaff>("CjgStaff");
  check_lists_every_member<VolunteerOrgs>("VolunteerOrgs");
  check_lists_every_member<Ties>("Ties");
  check_lists_every_member<LatentCuts>("LatentCuts");
}

TEST_CASE("for_each_column visits every member of the field once", "[field][columns]") {
  const Field f;
  std::vector<Extent> extents;
  for_each_column(f, ExtentCollector<Field>{f, extents});
  // Every byte of the field belongs to a visited member, none twice.
  CHECK(tiling_problem<Field>(extents) == "");
  // Every top-level member of Field appears (key as key.seed and key.replicate).
  std::set<std::string> top;
  for (const auto& e : extents) top.insert(e.name.substr(0, e.name.find('.')));
  CHECK(top.size() == member_count<Field>());

  const auto names = column_names();
  CHECK(std::set<std::string>(names.begin(), names.end()).size() == names.size());
  // Columns are vectors, the rest scalars (127 columns and 7 scalars when
  // this was written; the lists above keep it complete, not this count).
  std::set<std::string> scalars;
  for_each_column(f, [&](const std::string& name, const auto& member) {
    if (!is_column_v<std::remove_reference_t<decltype(member)>>) scalars.insert(name);
  });
  CHECK(names.size() >= 134);
  CHECK(scalars.count("key.seed") == 1);
  CHECK(scalars.count("dynamics_prepared") == 1);
  CHECK(scalars.count("cuts.judge_under") == 1);
  CHECK(scalars.count("families.helper") == 0);
  CHECK(names.front() == "key.seed");
  CHECK(std::find(names.begin(), names.end(), "families.helper") != names.end());
  CHECK(std::find(names.begin(), names.end(), "volunteers.burden") != names.end());
  CHECK(std::find(names.begin(), names.end(), "cuts.judge_over") != names.end());
}

TEST_CASE("column types tell a serializer how to store each column", "[field][columns]") {
  STATIC_REQUIRE(is_column_v<std::vector<Helper>>);
  STATIC_REQUIRE(!is_column_v<double>);
  STATIC_REQUIRE(std::is_same_v<column_element_t<std::vector<float>>, float>);
  STATIC_REQUIRE(std::is_same_v<column_element_t<const std::vector<Helper>>, Helper>);
  STATIC_REQUIRE(std::is_same_v<stored_t<Helper>, std::uint8_t>);
  STATIC_REQUIRE(std::is_same_v<stored_t<Judgement>, std::int8_t>);
  STATIC_REQUIRE(std::is_same_v<stored_t<std::uint32_t>, std::uint32_t>);
  // A mutable field hands out mutable members: a reader can fill every one.
  const Field f = filled_field();
  CHECK(f.families.helper ==
        std::vector<Helper>{Helper::nobody, Helper::volunteer, Helper::self_org});
  CHECK(f.coordinators.judgement.size() == 3);
  CHECK(f.ties.grade_noise == std::vector<double>{0.0, 1.0, 2.0});
  CHECK(f.key.seed == 7);
  CHECK(f.cuts.judge_over == 7.0);
}

TEST_CASE("first_difference names the first member and index where fields differ",
          "[field][columns]") {
  const Field a = filled_field();
  Field b = a;
  CHECK(first_difference(a, b) == "");

  SECTION("an element of a column") {
    b.volunteers.active[2] = 9;
    b.ties.grade[0] = 5;  // later in visiting order
    CHECK(first_difference(a, b) == "volunteers.active[2]: 2 vs 9 (of 3)");
  }
  SECTION("an enum column, written as its number") {
    b.families.helper[1] = Helper::professional;
    CHECK(first_difference(a, b) == "families.helper[1]: 1 vs 4 (of 3)");
  }
  SECTION("the length of a column") {
    b.orgs.could_offer.push_back(0);
    CHECK(first_difference(a, b) == "orgs.could_offer: 3 vs 4 elements");
  }
  SECTION("a scalar") {
    b.cuts.judge_over = 0.25;
    CHECK(first_difference(a, b) == "cuts.judge_over: 7 vs 0.25");
  }
  SECTION("bits, not values: -0 differs from 0 and a NaN equals itself") {
    b.projects.grade_noise[0] = -0.0;
    CHECK(first_difference(a, b) == "projects.grade_noise[0]: 0 vs -0 (of 3)");
    Field c = a, d = a;
    c.projects.grade_noise[0] = d.projects.grade_noise[0] =
        std::numeric_limits<double>::quiet_NaN();
    CHECK(first_difference(c, d) == "");
  }
}

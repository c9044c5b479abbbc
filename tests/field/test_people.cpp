// Tests of the answer codes of include/samen/field/people.hpp: they follow the
// category order of the questionnaire items whose answers they name.
#include <catch2/catch.hpp>

#include <cstddef>
#include <string>

#include "samen/field/people.hpp"
#include "samen/survey/items.hpp"

using namespace samen;

namespace {

template <class E>
std::size_t code(E e) {
  return static_cast<std::size_t>(e);
}

}  // namespace

TEST_CASE("volunteer type masks hold the individual, organised and other kinds",
          "[field][people]") {
  CHECK(kIndividualTypes == 0x0Fu);
  CHECK(kOrganisedTypes == 0xF0u);
  CHECK(kOtherTypes == 0x100u);
  for (int k = 0; k < kVolunteerTypeCount; ++k) {
    const auto t = static_cast<VolunteerType>(k);
    CAPTURE(k);
    CHECK(((type_bit(t) & kIndividualTypes) != 0) == is_individual(t));
    CHECK(((type_bit(t) & kOrganisedTypes) != 0) == is_organised(t));
    CHECK(items::project_vtypes.bit(items::project_vtypes.categories[code(t)]) == type_bit(t));
  }
}

TEST_CASE("the volunteer mix and target origin follow their items' categories", "[field][people]") {
  for (const auto* mix : {&items::project_vmix, &items::org_vmix}) {
    CHECK(mix->index("organised_only") == code(VolunteerMix::organised_only));
    CHECK(mix->index("both") == code(VolunteerMix::both));
    CHECK(mix->index("individual_only") == code(VolunteerMix::individual_only));
    CHECK(mix->index("unclassified") == code(VolunteerMix::unclassified));
    CHECK(mix->categories.size() == 4);
  }
  for (const auto* origin : {&items::project_from_target, &items::org_from_target}) {
    CHECK(origin->index("none") == code(TargetOrigin::none));
    CHECK(origin->index("part") == code(TargetOrigin::part));
    CHECK(origin->index("all") == code(TargetOrigin::all));
    CHECK(origin->categories.size() == 3);
  }
}

TEST_CASE("a host's volunteer mix follows the kinds it has", "[field][people]") {
  const auto fixed_vo = type_bit(VolunteerType::org_fixed_vo);
  const auto own_regular = type_bit(VolunteerType::ind_own_regular);
  CHECK(volunteer_mix(fixed_vo) == VolunteerMix::organised_only);
  CHECK(volunteer_mix(fixed_vo | own_regular | kOtherTypes) == VolunteerMix::both);
  CHECK(volunteer_mix(own_regular) == VolunteerMix::individual_only);
  CHECK(volunteer_mix(kOtherTypes) == VolunteerMix::unclassified);
  CHECK(volunteer_mix(0) == VolunteerMix::unclassified);
  CHECK(has_organised(VolunteerMix::both));
  CHECK(has_individual(VolunteerMix::both));
  CHECK_FALSE(has_organised(VolunteerMix::individual_only));
  CHECK_FALSE(has_individual(VolunteerMix::organised_only));
  CHECK_FALSE(has_organised(VolunteerMix::unclassified));
  CHECK_FALSE(has_individual(VolunteerMix::unclassified));
}

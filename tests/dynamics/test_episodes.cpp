// Tests of the episode ledger: when an episode is counted and how.
#include <catch2/catch.hpp>

#include "samen/dynamics/episodes.hpp"

namespace {

// Five families of two municipalities, each with a hand-set episode.
samen::Families families() {
  samen::Families f;
  const std::size_t n = 5;
  f.municipality = {0, 0, 1, 1, 1};
  f.migrant = {0, 1, 0, 1, 0};
  f.need = {samen::Need::light, samen::Need::serious, samen::Need::serious, samen::Need::light,
            samen::Need::serious};
  f.serious_since = {0, 3, 11, 0, 20};
  f.episode_start = {2, 3, 10, 5, samen::kNoEpisode};
  f.first_help = {samen::kNever, 4, 15, 6, 21};
  f.first_care = {samen::kNever, 9, samen::kNever, samen::kNever, 22};
  f.helper.assign(n, samen::Helper::nobody);
  return f;
}

}  // namespace

TEST_CASE("the ledger counts each episode under the week its window closes", "[dynamics]") {
  const auto f = families();
  samen::EpisodeLedger ledger(2, 8);
  CHECK(ledger.window() == 8);
  CHECK(ledger.closes(f, 0, 10));  // began week 2, window of 8
  CHECK_FALSE(ledger.closes(f, 0, 9));
  CHECK(ledger.open(f, 0, 9));
  CHECK_FALSE(ledger.open(f, 0, 10));
  CHECK_FALSE(ledger.closes(f, 4, 8));  // began before week 0: never counted
  CHECK_FALSE(ledger.open(f, 4, 8));
  ledger.count(0, f, 0);  // closes week 10: light, not reached
  ledger.count(0, f, 1);  // closes week 11: serious, reached after 1 week, in care
  ledger.count(1, f, 2);  // closes week 18: serious since 11, reached after 5 weeks, no care
  ledger.count(1, f, 3);  // closes week 13: light, migrant, reached after 1 week
  const samen::EpisodeTally at10 = ledger.take(10);
  CHECK(at10.episodes == 1);
  CHECK(at10.reached == 0);
  CHECK(at10.light == 1);
  const samen::EpisodeTally at11 = ledger.take(11);
  CHECK(at11.episodes == 1);
  CHECK(at11.reached == 1);
  CHECK(at11.migrant_reached == 1);
  CHECK(at11.serious_reached == 1);
  CHECK(at11.serious_in_care == 1);
  CHECK(at11.weeks_to_help == 1);
  CHECK(ledger.take(11).episodes == 0);  // taken once
  const samen::EpisodeTally at13 = ledger.take(13);
  CHECK(at13.light_reached == 1);
  CHECK(at13.migrant == 1);
  const samen::EpisodeTally at18 = ledger.take(18);
  CHECK(at18.serious == 1);
  CHECK(at18.serious_in_care == 0);
  CHECK(at18.weeks_to_help == 5);
}

TEST_CASE("help or care after the window closes does not count", "[dynamics]") {
  auto f = families();
  f.first_help[2] = 18;  // the window of the episode begun in week 10 closes in week 18
  f.serious_since[2] = 18;
  samen::EpisodeLedger ledger(2, 8);
  ledger.count(1, f, 2);
  const auto t = ledger.take(18);
  CHECK(t.episodes == 1);
  CHECK(t.reached == 0);
  CHECK(t.light == 1);  // serious only after the window
}

// The work-unit layer in one process (no launcher): every unit computed once,
// in order, each result delivered as it is done.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <stdexcept>

#include "samen/distributed/work_units.hpp"

namespace dist = samen::distributed;

TEST_CASE("without a launcher, units are computed here in order and delivered at once",
          "[distributed]") {
  REQUIRE(std::getenv("OMPI_COMM_WORLD_SIZE") == nullptr);
  const dist::Session session;  // started by hand: no MPI, one rank
  CHECK(dist::rank() == 0);
  CHECK(dist::ranks() == 1);
  CHECK_FALSE(dist::is_worker());
  CHECK_THROWS_AS(dist::Session(), std::logic_error);  // one at a time

  const std::vector<dist::Unit> units = {{3, "a"}, {0, "bb"}, {7, ""}};
  std::vector<std::string> log;
  std::vector<std::size_t> progress;
  const auto stats = dist::run_units(
      units,
      [&](const dist::Unit& u) {
        log.push_back("compute " + std::to_string(u.id));
        return std::to_string(u.id) + ":" + u.request;
      },
      [&](const dist::Unit& u, const std::string& result) {
        log.push_back("deliver " + std::to_string(u.id) + " " + result);
      },
      [&](std::size_t done, std::size_t total) {
        CHECK(total == 3);
        progress.push_back(done);
      });
  CHECK(log == std::vector<std::string>{"compute 3", "deliver 3 3:a", "compute 0", "deliver 0 0:bb",
                                        "compute 7", "deliver 7 7:"});
  CHECK(progress == std::vector<std::size_t>{1, 2, 3});
  CHECK(stats.units == 3);
  CHECK(stats.remote == 0);
  CHECK(stats.handouts == 0);
  dist::release_workers();  // nothing to release: harmless
}

TEST_CASE("an error computing a unit in one process reaches the caller", "[distributed]") {
  std::vector<std::uint64_t> delivered;
  CHECK_THROWS_WITH(
      dist::run_units(
          {{0, ""}, {1, ""}, {2, ""}},
          [](const dist::Unit& u) -> std::string {
            if (u.id == 1) throw std::runtime_error("unit 1 failed");
            return "";
          },
          [&](const dist::Unit& u, const std::string&) { delivered.push_back(u.id); }),
      "unit 1 failed");
  CHECK(delivered == std::vector<std::uint64_t>{0});  // what was done before stays delivered
}

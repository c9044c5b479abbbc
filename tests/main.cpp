// The test runner. Each test process gets a temporary folder of its own (TMPDIR,
// which std::filesystem::temp_directory_path() and the samen processes the tests
// start both read), so that tests run at the same time, by `ctest -j` or from two
// checkouts, never share or remove each other's files.
#define CATCH_CONFIG_RUNNER
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <system_error>

int main(int argc, char* argv[]) {
  namespace fs = std::filesystem;
  const fs::path own = fs::temp_directory_path() / ("samen_tests_" + std::to_string(getpid()));
  fs::create_directories(own);
  setenv("TMPDIR", own.c_str(), 1);
  const int failed = Catch::Session().run(argc, argv);
  // Keep the files of a failed test for a look (an empty folder goes either way;
  // listing the tests also returns non-zero); tidy up after a passing one.
  std::error_code ignored;
  if (failed == 0)
    fs::remove_all(own, ignored);
  else
    fs::remove(own, ignored);
  return failed;
}

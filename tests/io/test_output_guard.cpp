// The output guard: refused paths, the exclusive lock between processes, a
// write that fails for lack of room, and the digest that fingerprints inputs.
#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "samen/core/sha256.hpp"
#include "samen/io/hdf5.hpp"
#include "samen/io/output_guard.hpp"
#include "samen/io/text_output.hpp"

namespace fs = std::filesystem;
using Catch::Contains;

namespace {

fs::path temp_dir(const std::string& name) {
  const auto dir = fs::temp_directory_path() / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::string refusal(const std::string& path, samen::OutputKind kind,
                    const std::vector<std::string>& inputs = {}) {
  try {
    samen::check_output_path(path, kind, inputs, "--out");
  } catch (const samen::OutputError& e) {
    return e.what();
  }
  return "";
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Runs `body` in a child process and returns its exit status (as waitpid gives it).
template <typename Body>
int in_child(Body body) {
  std::fflush(nullptr);  // else the child flushes the parent's buffered output again
  const pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    int code = 99;
    try {
      code = body();
    } catch (...) {
      code = 98;
    }
    std::exit(code);  // exit, not _exit: HDF5's clean-up at exit must not crash
  }
  int status = 0;
  waitpid(child, &status, 0);
  return status;
}

}  // namespace

TEST_CASE("sha256 matches the FIPS 180-4 examples", "[io][digest]") {
  CHECK(samen::sha256_hex("") ==
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(samen::sha256_hex("abc") ==
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(samen::sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  samen::Sha256 parts;  // a million 'a', fed in pieces that straddle blocks
  for (int k = 0; k < 1000; ++k) parts.update(std::string(1000, 'a'));
  CHECK(parts.hex() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("outputs that would replace a link, folder, device or input are refused",
          "[io][output]") {
  const auto dir = temp_dir("samen_test_output_refusals");
  const auto h5 = (dir / "result.h5").string();
  samen::h5::File::create_atomic(h5).commit();
  const auto ini = (dir / "scenario.ini").string();
  std::ofstream(ini) << "base = baseline.ini\n";
  fs::create_symlink(h5, dir / "link.csv");
  fs::create_directories(dir / "folder");
  REQUIRE(mkfifo((dir / "pipe").c_str(), 0600) == 0);

  CHECK(refusal((dir / "new.h5").string(), samen::OutputKind::Hdf5) == "");
  CHECK(refusal(h5, samen::OutputKind::Hdf5) == "");  // a result replaced by a result
  CHECK_THAT(
      refusal((dir / "link.csv").string(), samen::OutputKind::Text),
      Contains("is a symbolic link (to '" + h5 + "')") && Contains("would replace the link"));
  CHECK_THAT(refusal((dir / "folder").string(), samen::OutputKind::Hdf5),
             Contains("--out '" + (dir / "folder").string() + "' is a folder; give a file name"));
  CHECK_THAT(refusal("/dev/null", samen::OutputKind::Hdf5),
             Contains("--out '/dev/null' is a character device, not a regular file"));
  CHECK_THAT(refusal((dir / "pipe").string(), samen::OutputKind::Text),
             Contains("is a named pipe, not a regular file"));
  CHECK_THAT(refusal(h5, samen::OutputKind::Text),
             Contains("holds an HDF5 file; samen will not replace it with text"));
  CHECK_THAT(refusal(ini, samen::OutputKind::Hdf5), Contains("holds something other than HDF5"));
  CHECK_THAT(refusal((dir / "." / "scenario.ini").string(), samen::OutputKind::Hdf5, {ini}),
             Contains("is an input of this command ('" + ini + "')"));
  CHECK_THAT(refusal((dir / "scenario.ini" / "x.h5").string(), samen::OutputKind::Hdf5),
             Contains("is not a folder"));

  // The writers refuse too, and leave what was there untouched.
  CHECK_THROWS_AS(samen::write_text_atomic(h5, "a,b\n"), samen::OutputError);
  CHECK(samen::has_hdf5_signature(h5));
  CHECK_THROWS_AS(samen::h5::File::create_atomic(ini), samen::OutputError);
  CHECK(read_file(ini) == "base = baseline.ini\n");
  CHECK_THROWS_AS(samen::write_text_atomic((dir / "link.csv").string(), "x"), samen::OutputError);
  CHECK(fs::is_symlink(dir / "link.csv"));
  fs::remove_all(dir);
}

TEST_CASE("a second process cannot lock an output this process holds", "[io][output][lock]") {
  const auto dir = temp_dir("samen_test_output_lock");
  const auto out = (dir / "x.h5").string();
  {
    const auto lock = samen::OutputLock::file(out);
    // This process may lock it again (a command locks early, its writer again).
    const auto again = samen::OutputLock::file(out);
    CHECK(fs::exists(out + ".lock"));
    const int status = in_child([&] {
      try {
        samen::OutputLock::file(out);
        return 1;
      } catch (const samen::OutputError& e) {
        const std::string m = e.what();
        const bool named = m.find("'" + out + "' is being written by another samen process (pid " +
                                  std::to_string(getppid()) + ")") != std::string::npos;
        return named ? 0 : 2;
      }
    });
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
    // Nor may it create the HDF5 file, which would truncate the temporary first.
    const int h5_status = in_child([&] {
      try {
        samen::h5::File::create_atomic(out);
        return 1;
      } catch (const samen::OutputError&) {
        return 0;
      }
    });
    CHECK(WEXITSTATUS(h5_status) == 0);
  }
  CHECK_FALSE(fs::exists(out + ".lock"));  // released and removed
  const int free_status = in_child([&] {
    samen::OutputLock::file(out);
    return 0;
  });
  CHECK(WEXITSTATUS(free_status) == 0);
  fs::remove_all(dir);
}

TEST_CASE("a write past the file size limit says so, removes the temporary and exits cleanly",
          "[io][output][disk]") {
  const auto dir = temp_dir("samen_test_output_full");
  const auto csv = (dir / "big.csv").string();
  const auto h5 = (dir / "big.h5").string();
  // In a child with RLIMIT_FSIZE of 64 KiB: writes beyond it fail with EFBIG
  // (SIGXFSZ ignored, as samen's main does), as on a full disk.
  auto limited = [](auto body) {
    return [body] {
      signal(SIGXFSZ, SIG_IGN);
      const rlimit limit{64 * 1024, 64 * 1024};
      setrlimit(RLIMIT_FSIZE, &limit);
      return body();
    };
  };
  const int text_status = in_child(limited([&] {
    try {
      samen::write_text_atomic(csv, std::string(1 << 20, 'x'));
      return 1;
    } catch (const samen::OutputError&) {
      return 2;
    } catch (const std::runtime_error& e) {
      return std::string(e.what()).find("File too large") != std::string::npos ? 0 : 3;
    }
  }));
  CHECK(WIFEXITED(text_status));
  CHECK(WEXITSTATUS(text_status) == 0);
  CHECK_FALSE(fs::exists(csv));
  CHECK_FALSE(fs::exists(csv + ".tmp"));

  const int h5_status = in_child(limited([&] {
    try {
      auto file = samen::h5::File::create_atomic(h5);
      std::vector<double> values(1 << 18);
      for (std::size_t k = 0; k < values.size(); ++k) values[k] = static_cast<double>(k) * 0.37;
      file.write("a", values);
      file.write("b", values);
      file.commit();
      return 1;
    } catch (const samen::h5::Error& e) {
      return std::string(e.what()).find("File too large") != std::string::npos ? 0 : 3;
    }
  }));
  INFO("exit status " << h5_status);
  CHECK(WIFEXITED(h5_status));  // not killed by a signal (e.g. a segfault at exit)
  CHECK(WEXITSTATUS(h5_status) == 0);
  CHECK_FALSE(fs::exists(h5));
  CHECK_FALSE(fs::exists(h5 + ".tmp"));
  CHECK_FALSE(fs::exists(h5 + ".lock"));
  fs::remove_all(dir);
}

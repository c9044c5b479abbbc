// What samen refuses to write, and what it does when writing fails: two
// writers of one output, outputs that would replace an input or something
// that is not a result, a full disk, resumes of other inputs, and command
// lines whose numbers are out of range.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "samen/core/build_info.hpp"
#include "samen/io/hdf5.hpp"
#include "samen/io/run_file.hpp"
#include "support/test_binary.hpp"

namespace {

namespace fs = std::filesystem;
using Catch::Contains;

struct Result {
  int code;
  std::string output;  // stdout and stderr together
};

std::string quote(const std::string& text) {
  std::string out = "'";
  for (const char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// Runs `prefix` (shell text, e.g. "ulimit -f 20;") then samen with `args`.
Result run_samen(const std::vector<std::string>& args, const std::string& prefix = "") {
  std::string command = prefix + " exec " + quote(samen_binary());
  for (const auto& a : args) command += " " + quote(a);
  command = "sh -c " + quote(command) + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::string output;
  std::array<char, 4096> buffer{};
  while (std::fgets(buffer.data(), buffer.size(), pipe)) output += buffer.data();
  const int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status), output};
}

// Starts samen with `args` in the background; returns its pid.
pid_t spawn_samen(std::vector<std::string> args) {
  args.insert(args.begin(), samen_binary());
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::fflush(nullptr);  // else the child flushes the parent's buffered output again
  const pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    const int null = ::open("/dev/null", O_WRONLY);
    dup2(null, 1);
    dup2(null, 2);
    execv(samen_binary().c_str(), argv.data());
    _exit(127);
  }
  return child;
}

int wait_for(pid_t child) {
  int status = 0;
  waitpid(child, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

// Waits until the lock file `path` holds its owner's pid (written once the lock is held).
bool wait_until_locked(const fs::path& path) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  std::error_code ec;
  while (std::chrono::steady_clock::now() < deadline) {
    if (fs::exists(path, ec) && fs::file_size(path, ec) > 0) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return false;
}

std::string source(const std::string& relative) {
  return samen::build::source_dir() + "/" + relative;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

fs::path temp_dir(const std::string& name) {
  const auto dir = fs::temp_directory_path() / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::vector<std::string> with_small(std::vector<std::string> args) {
  for (const char* s : {"field.families=5000", "field.municipalities=4", "run.burn_in_weeks=10",
                        "outcome.reach_window_weeks=4"}) {
    args.push_back("--set");
    args.push_back(s);
  }
  return args;
}

// A batch of the baseline and one option with `extra` lines.
fs::path write_batch(const fs::path& dir, const std::string& extra = "") {
  std::ofstream(dir / "ks.ini") << "base = " << source("scenarios/baseline.ini") << "\n"
                                << "policy.cjg_knowledge_sharing.enabled = true\n";
  std::ofstream(dir / "batch.ini")
      << "name = small\nbaseline = " << source("scenarios/baseline.ini") << "\nscenario = ks.ini\n"
      << extra;
  return dir / "batch.ini";
}

}  // namespace

TEST_CASE("a second writer of the same output is refused while the first runs",
          "[cli][output][lock]") {
  const auto dir = temp_dir("samen_test_two_writers");
  const auto out = dir / "c.h5";
  const auto args = with_small({"run", source("scenarios/baseline.ini"), "--out", out.string(),
                                "--threads", "1", "--weeks", "20", "--survey-every", "1"});
  const pid_t first = spawn_samen(args);
  REQUIRE(wait_until_locked(fs::path(out.string() + ".lock")));
  kill(first, SIGSTOP);  // hold it mid-run, whatever the machine's speed
  const auto second = run_samen(args);
  kill(first, SIGCONT);
  INFO(second.output);
  CHECK(second.code == 2);
  CHECK_THAT(second.output,
             Contains("'" + out.string() + "' is being written by another samen process (pid " +
                      std::to_string(first) + ")"));
  REQUIRE(wait_for(first) == 0);
  // The first's result is whole: every outcome and every weekly snapshot.
  const auto run = samen::read_run_file(out.string());
  CHECK(run.header.weeks == 20);
  const auto survey = run_samen({"survey", out.string(), "--week", "20", "-q"});
  CHECK(survey.code == 0);
  CHECK_THAT(survey.output, Contains("of 322 figures within their 95% interval"));
  CHECK_FALSE(fs::exists(out.string() + ".lock"));
  CHECK_FALSE(fs::exists(out.string() + ".tmp"));

  // Two batches on one folder: the second is refused, the first completes.
  const auto batch = write_batch(dir);
  const auto batch_args =
      with_small({"batch", batch.string(), "--out", (dir / "b").string(), "--replicates", "2",
                  "--threads", "1", "--set", "run.weeks=10"});
  const pid_t first_batch = spawn_samen(batch_args);
  REQUIRE(wait_until_locked(dir / "b" / ".samen.lock"));
  kill(first_batch, SIGSTOP);
  const auto second_batch = run_samen(batch_args);
  kill(first_batch, SIGCONT);
  INFO(second_batch.output);
  CHECK(second_batch.code == 2);
  CHECK_THAT(second_batch.output, Contains("'" + (dir / "b").string() +
                                           "' is being written by another samen process (pid " +
                                           std::to_string(first_batch) + ")"));
  CHECK(wait_for(first_batch) == 0);
  CHECK(samen::read_run_file((dir / "b" / "ks.h5").string()).header.replicates == 2);
  fs::remove_all(dir);
}

TEST_CASE("outputs that would replace an input, a folder or a result of another kind are refused",
          "[cli][output]") {
  const auto dir = temp_dir("samen_test_output_refusals_cli");
  const auto scenario = dir / "s.ini";
  const std::string text = "base = " + source("scenarios/baseline.ini") +
                           "\nsurvey.targets = " + source("scenarios/survey_targets.csv") + "\n";
  std::ofstream(scenario) << text;

  const auto same = run_samen({"run", scenario.string(), "--out", scenario.string()});
  CHECK(same.code == 2);
  CHECK_THAT(same.output,
             Contains("--out '" + scenario.string() + "' is an input of this command"));
  CHECK(read_file(scenario) == text);

  // A folder as --out fails at once, not after the simulation.
  const auto start = std::chrono::steady_clock::now();
  const auto folder = run_samen({"run", scenario.string(), "--out", dir.string()});
  CHECK(folder.code == 2);
  CHECK_THAT(folder.output, Contains("--out '" + dir.string() + "' is a folder; give a file name"));
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(10));

  const auto device = run_samen({"run", scenario.string(), "--out", "/dev/null"});
  CHECK(device.code == 2);
  CHECK_THAT(device.output, Contains("'/dev/null' is a character device, not a regular file"));

  // compare --csv onto an input, onto another HDF5 result and through a link.
  const auto a = (dir / "a.h5").string(), b = (dir / "b.h5").string();
  for (const auto& path : {a, b}) {
    const auto r = run_samen(
        with_small({"run", scenario.string(), "--out", path, "--weeks", "4", "--replicates", "2"}));
    INFO(r.output);
    REQUIRE(r.code == 0);
  }
  const auto before = read_file(a);
  const auto onto_input = run_samen({"compare", a, b, "--csv", a});
  CHECK(onto_input.code == 2);
  CHECK_THAT(onto_input.output, Contains("--csv '" + a + "' is an input of this command"));
  const auto other = (dir / "other.h5").string();
  fs::copy_file(a, other);
  const auto onto_result = run_samen({"compare", a, b, "--csv", other, "--window", "0:4"});
  CHECK(onto_result.code == 2);
  CHECK_THAT(onto_result.output,
             Contains("--csv '" + other + "' holds an HDF5 file; samen will not replace it"));
  fs::create_symlink(dir / "target.csv", dir / "link.csv");
  const auto link = run_samen({"compare", a, b, "--csv", (dir / "link.csv").string()});
  CHECK(link.code == 2);
  CHECK_THAT(link.output, Contains("is a symbolic link"));
  CHECK(fs::is_symlink(dir / "link.csv"));
  CHECK(read_file(a) == before);
  fs::remove_all(dir);
}

TEST_CASE("a full disk gives a clear message, exit code 1 and no temporary file",
          "[cli][output][disk]") {
  const auto dir = temp_dir("samen_test_full_disk");
  const auto out = dir / "full.h5";
  // ulimit -f: files of this process may not grow past 20 blocks, so the
  // result's writes fail with EFBIG, as they would with ENOSPC on a full disk.
  const auto r = run_samen(with_small({"run", source("scenarios/baseline.ini"), "--out",
                                       out.string(), "--weeks", "10", "--threads", "1"}),
                           "ulimit -f 20;");
  INFO(r.output);
  CHECK(r.code == 1);  // not 139 (a segfault at exit) nor 153 (SIGXFSZ)
  CHECK_THAT(r.output, Contains("HDF5 file '" + out.string() + "'") &&
                           Contains("File too large (the file reached the size limit"));
  CHECK_FALSE(fs::exists(out));
  CHECK_FALSE(fs::exists(out.string() + ".tmp"));
  CHECK_FALSE(fs::exists(out.string() + ".lock"));

  const auto batch = write_batch(dir);
  const auto b = run_samen(with_small({"batch", batch.string(), "--out", (dir / "b").string(),
                                       "--replicates", "1", "--set", "run.weeks=10"}),
                           "ulimit -f 8;");
  INFO(b.output);
  CHECK(b.code == 1);
  CHECK_THAT(b.output, Contains("File too large"));
  for (const auto& entry : fs::recursive_directory_iterator(dir / "b"))
    CHECK(entry.path().extension() != ".tmp");
  fs::remove_all(dir);
}

TEST_CASE("numbers on the command line are whole, in range and do not conflict with --set",
          "[cli][options]") {
  const auto base = source("scenarios/baseline.ini");
  const auto seed = run_samen({"run", base, "--seed", "-1"});
  CHECK(seed.code == 2);
  CHECK_THAT(seed.output, Contains("--seed must be a whole number from 0 to 4294967295; got '-1'"));
  const auto replicates = run_samen({"run", base, "--replicates", "-1"});
  CHECK(replicates.code == 2);
  CHECK_THAT(replicates.output,
             Contains("--replicates must be a whole number from 1 to 10000; got '-1'"));
  const auto replicate = run_samen({"run", base, "--replicate", "-1"});
  CHECK(replicate.code == 2);
  CHECK_THAT(replicate.output,
             Contains("--replicate must be a whole number from 0 to 9999; got '-1'"));
  const auto weeks = run_samen({"run", base, "--weeks", "52x"});
  CHECK(weeks.code == 2);
  CHECK_THAT(weeks.output, Contains("--weeks must be a whole number from 0 to 5200; got '52x'"));
  const auto conflict = run_samen({"run", base, "--weeks", "1", "--set", "run.weeks=2"});
  CHECK(conflict.code == 2);
  CHECK_THAT(conflict.output,
             Contains("--weeks 1 and --set run.weeks=2 both set run.weeks; give one of them"));

  const auto dir = temp_dir("samen_test_options_cli");
  const auto batch = write_batch(dir);
  const auto negative = run_samen({"batch", batch.string(), "--replicates", "-1"});
  CHECK(negative.code == 2);
  CHECK_THAT(negative.output,
             Contains("--replicates must be a whole number from 1 to 10000; got '-1'"));
  // 2 scenarios x (5000 replicates + 1 merged) = 10002 files: too many without --yes.
  const auto absurd =
      run_samen({"batch", batch.string(), "--replicates", "5000", "--out", (dir / "o").string()});
  CHECK(absurd.code == 2);
  CHECK_THAT(absurd.output, Contains("this batch writes 10002 files") && Contains("--yes"));
  CHECK_FALSE(fs::exists(dir / "o"));
  fs::remove_all(dir);
}

TEST_CASE("a resumed batch refuses outputs of other inputs and says why", "[cli][batch][resume]") {
  const auto dir = temp_dir("samen_test_resume_digest");
  fs::copy_file(source("scenarios/survey_targets.csv"), dir / "targets.csv");
  std::ofstream(dir / "base.ini") << "base = " << source("scenarios/baseline.ini") << "\n"
                                  << "survey.targets = targets.csv\n";
  std::ofstream(dir / "ks.ini") << "base = base.ini\n"
                                << "policy.cjg_knowledge_sharing.enabled = true\n";
  std::ofstream(dir / "batch.ini") << "name = small\nbaseline = base.ini\nscenario = ks.ini\n"
                                   << "run.weeks = 6\n";
  const auto out = (dir / "out").string();
  const auto args = with_small({"batch", (dir / "batch.ini").string(), "--out", out, "--replicates",
                                "2", "--set", "refer.base=0.05"});
  const auto first = run_samen(args);
  INFO(first.output);
  REQUIRE(first.code == 0);
  CHECK_THAT(first.output, Contains("4 scenario-replicates computed"));
  // The batch file's run.weeks took effect, and the command line is stored whole.
  const auto header = samen::read_run_header(out + "/ks.h5");
  CHECK(header.weeks == 6);
  CHECK_THAT(header.command_line, Contains("--set refer.base=0.05") && Contains("--replicates 2"));
  CHECK(header.inputs_sha256.size() == 64);
  CHECK(header.targets_sha256 == samen::file_sha256((dir / "targets.csv").string()));
  CHECK(samen::read_run_header(out + "/ks/replicate_0001.h5").inputs_sha256.size() == 64);

  const auto again = run_samen(args);
  CHECK(again.code == 0);
  CHECK_THAT(again.output, Contains("0 scenario-replicates computed, 4 already finished"));

  // Edit the targets: the finished outputs no longer match their inputs.
  std::string targets = read_file(dir / "targets.csv");
  targets += "\n";
  std::ofstream(dir / "targets.csv", std::ios::trunc) << targets;
  const auto changed = run_samen(args);
  INFO(changed.output);
  CHECK(changed.code == 2);
  CHECK_THAT(changed.output, Contains("were made from other inputs than this run's") &&
                                 Contains("ks/replicate_0001.h5': survey targets file changed") &&
                                 Contains("--overwrite"));
  // Asking for more replicates must not merge old and new ones either.
  auto more = args;
  more[5] = "3";
  CHECK(run_samen(more).code == 2);
  auto overwrite = more;
  overwrite.push_back("--overwrite");
  const auto redone = run_samen(overwrite);
  CHECK(redone.code == 0);
  CHECK_THAT(redone.output, Contains("6 scenario-replicates computed"));
  CHECK(samen::read_run_header(out + "/ks/replicate_0000.h5").targets_sha256 ==
        samen::file_sha256((dir / "targets.csv").string()));
  fs::remove_all(dir);
}

TEST_CASE("survey reads a result by its content, and bad snapshots and targets are named",
          "[cli][survey]") {
  const auto dir = temp_dir("samen_test_survey_content");
  const auto h5 = dir / "r.h5";
  const auto r = run_samen(with_small({"run", source("scenarios/baseline.ini"), "--out",
                                       h5.string(), "--weeks", "2", "--replicates", "1"}));
  INFO(r.output);
  REQUIRE(r.code == 0);
  for (const char* name : {"r.H5", "r.hdf5", "result"}) {
    fs::copy_file(h5, dir / name);
    const auto s = run_samen({"survey", (dir / name).string(), "-q"});
    INFO(name << ": " << s.output);
    CHECK(s.code == 0);
    CHECK_THAT(s.output, Contains("of 322 figures within their 95% interval"));
  }
  // A snapshot whose 'within' column is short names the file and the column.
  {
    auto file = samen::h5::File::open_rw((dir / "result").string());
    auto figures = file.open_group("/survey/week_0000/figures");
    H5Ldelete(figures.id(), "within", H5P_DEFAULT);
    figures.write("within", std::vector<std::uint8_t>{1, 0, 1});
  }
  const auto short_within = run_samen({"survey", (dir / "result").string(), "-q"});
  CHECK(short_within.code == 1);
  CHECK_THAT(short_within.output, Contains("column 'within' has 3 values but 'id' has 322"));
  CHECK(short_within.output.find("_M_range_check") == std::string::npos);

  // A grade mean the bands cannot give names the file and the figures.
  std::string targets = read_file(source("scenarios/survey_targets.csv"));
  const auto at = targets.find("\nP.int.grade.mean,");
  REQUIRE(at != std::string::npos);
  const auto value_at = [&] {
    std::size_t p = at + 1;
    for (int comma = 0; comma < 5; ++comma) p = targets.find(',', p) + 1;
    return p;
  }();
  targets.replace(value_at, targets.find(',', value_at) - value_at, "9.9");
  std::ofstream(dir / "bad.csv") << targets;
  const auto bad = run_samen(with_small({"survey", source("scenarios/baseline.ini"), "-q", "--set",
                                         "survey.targets=" + (dir / "bad.csv").string()}));
  CHECK(bad.code == 2);
  CHECK_THAT(bad.output, Contains("survey targets file '" + (dir / "bad.csv").string() +
                                  "': figure 'P.int.grade.mean': the mean grade 9.9 is outside"));
  fs::remove_all(dir);
}

// `mpirun -np N samen batch` (and `samen sweep`) against the same batch (or
// sweep) in one process: built only when CMake found MPI and mpirun
// (SAMEN_MPIEXEC).
#ifdef SAMEN_MPIEXEC

#include <hdf5.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>

#include "calibration/posterior_file.hpp"
#include "samen/batch/batch_file.hpp"
#include "samen/core/build_info.hpp"
#include "samen/io/hdf5.hpp"
#include "support/test_binary.hpp"

namespace fs = std::filesystem;

namespace {

std::string source(const std::string& relative) {
  return samen::build::source_dir() + "/" + relative;
}

const std::string kBatch = source("tests/distributed/policy_options_small.ini");
const std::vector<std::string> kSmall = {"field.municipalities=4", "field.families=5000",
                                         "run.burn_in_weeks=15", "run.weeks=25"};

fs::path temp_dir(const std::string& name) {
  const auto dir = fs::temp_directory_path() / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

// The arguments of `samen batch` on the small batch into `out`.
std::vector<std::string> batch_args(const fs::path& out, const std::string& threads) {
  std::vector<std::string> args = {samen_binary(), "batch",     kBatch, "--out",
                                   out.string(),   "--threads", threads};
  for (const auto& s : kSmall) {
    args.push_back("--set");
    args.push_back(s);
  }
  return args;
}

std::vector<std::string> mpirun(int ranks, const std::vector<std::string>& command) {
  std::vector<std::string> args = {SAMEN_MPIEXEC, "-np", std::to_string(ranks), "--oversubscribe"};
  // Under AddressSanitizer (tools/check.sh asan), Open MPI's runtime leaks by
  // design at exit, from plug-ins it has unloaded by then, so LeakSanitizer can
  // neither name nor suppress those reports. The ranks still stop at any memory
  // error; leaks in samen's own code are checked by the one-process runs of the
  // same batch and sweep in these tests.
  if (const char* asan = std::getenv("ASAN_OPTIONS")) {
    args.push_back("-x");
    args.push_back(std::string("ASAN_OPTIONS=") + asan + ":detect_leaks=0");
  }
  args.insert(args.end(), command.begin(), command.end());
  return args;
}

// Starts a program with stdout and stderr into `log`; returns its pid.
pid_t start(const std::vector<std::string>& args, const fs::path& log) {
  // Open MPI refuses to run as root (as in CI containers) without these.
  setenv("OMPI_ALLOW_RUN_AS_ROOT", "1", 1);
  setenv("OMPI_ALLOW_RUN_AS_ROOT_CONFIRM", "1", 1);
  std::vector<std::string> copy = args;
  std::vector<char*> argv;
  for (auto& a : copy) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::fflush(nullptr);  // else the child writes out what is buffered here too
  const pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    std::FILE* out = std::freopen(log.c_str(), "w", stdout);
    if (out == nullptr || dup2(fileno(stdout), STDERR_FILENO) < 0) _exit(126);
    setpgid(0, 0);  // its own group, so a hung job can be ended as a whole
    execv(argv[0], argv.data());
    _exit(127);
  }
  return child;
}

std::string read_text(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Waits for `child` at most `seconds`; its exit code, or 128 + signal. A job
// still running then is killed (with its group) and fails the test.
int finish(pid_t child, int seconds) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  int status = 0;
  while (waitpid(child, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      kill(-child, SIGKILL);
      waitpid(child, &status, 0);
      FAIL("the job did not end within " << seconds << " s");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

int run(const std::vector<std::string>& args, const fs::path& log, int seconds = 300) {
  const int code = finish(start(args, log), seconds);
  INFO(read_text(log));
  CHECK(code == 0);
  return code;
}

// Every object, dataset value and attribute of an HDF5 file, as bytes by
// path, except the attributes that record when and by which command line.
class Contents {
 public:
  explicit Contents(const std::string& path) : file_(samen::h5::File::open_read(path)) {
    add_attributes(file_, "/");
    H5Lvisit(file_.id(), H5_INDEX_NAME, H5_ITER_INC, &Contents::visit, this);
  }
  std::map<std::string, std::string> items;

 private:
  static herr_t visit(hid_t root, const char* name, const H5L_info_t*, void* self) {
    auto& me = *static_cast<Contents*>(self);
    const hid_t object = H5Oopen(root, name, H5P_DEFAULT);
    if (object < 0) return -1;
    const std::string path = std::string("/") + name;
    const bool dataset = H5Iget_type(object) == H5I_DATASET;
    H5Oclose(object);
    if (dataset) {
      me.items[path] = me.dataset(path);
      me.add_attributes(me.file_.open_dataset(path), path);
    } else {
      me.items[path] = "group";
      me.add_attributes(me.file_.open_group(path), path);
    }
    return 0;
  }

  std::string dataset(const std::string& path) {
    const auto shape = file_.shape(path);
    std::string text = "shape";
    for (const auto d : shape) text += " " + std::to_string(d);
    const hid_t ds = H5Dopen2(file_.id(), path.c_str(), H5P_DEFAULT);
    const hid_t type = H5Dget_type(ds);
    const bool strings = H5Tget_class(type) == H5T_STRING;
    if (strings) {
      for (const auto& s : file_.read_strings(path)) text += "\n" + s;
    } else {
      // The stored bytes themselves: equal values mean equal bits.
      const hid_t native = H5Tget_native_type(type, H5T_DIR_ASCEND);
      hsize_t n = 1;
      for (const auto d : shape) n *= d;
      std::string bytes(n * H5Tget_size(native), '\0');
      H5Dread(ds, native, H5S_ALL, H5S_ALL, H5P_DEFAULT, bytes.data());
      text += "\n" + bytes;
      H5Tclose(native);
    }
    H5Tclose(type);
    H5Dclose(ds);
    return text;
  }

  void add_attributes(const samen::h5::Object& object, const std::string& path) {
    const std::string at = path == "/" ? "/@" : path + "@";
    for (const auto& name : object.attr_names()) {
      // When it was written, and the command that wrote it (--out, --threads differ).
      if (name == "creation_time" || name == "command_line") continue;
      const hid_t attr = H5Aopen(object.id(), name.c_str(), H5P_DEFAULT);
      const hid_t type = H5Aget_type(attr);
      std::string value;
      if (H5Tget_class(type) == H5T_STRING) {
        value = object.get_attr_string(name);
      } else {
        // The stored bytes themselves: equal values mean equal bits.
        const hid_t native = H5Tget_native_type(type, H5T_DIR_ASCEND);
        const hid_t space = H5Aget_space(attr);
        const auto n = static_cast<std::size_t>(H5Sget_simple_extent_npoints(space));
        value.assign(n * H5Tget_size(native), '\0');
        H5Aread(attr, native, value.data());
        H5Sclose(space);
        H5Tclose(native);
      }
      items[at + name] = value;
      H5Tclose(type);
      H5Aclose(attr);
    }
  }

  samen::h5::File file_;
};

// Every .h5 file under `a` has an equal twin under `b` and the other way round.
void check_same_outputs(const fs::path& a, const fs::path& b) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(a))
    if (entry.path().extension() == ".h5") files.push_back(fs::relative(entry.path(), a));
  std::size_t in_b = 0;
  for (const auto& entry : fs::recursive_directory_iterator(b))
    if (entry.path().extension() == ".h5") ++in_b;
  CHECK(files.size() == in_b);
  CHECK(files.size() == 10 * 9);  // 10 scenarios: 8 replicate files and the merged one
  for (const auto& file : files) {
    INFO(file);
    REQUIRE(fs::exists(b / file));
    const Contents x((a / file).string()), y((b / file).string());
    CHECK(x.items.size() > 40);  // the header and every outcome
    for (const auto& [path, value] : x.items) {
      INFO(path);
      const auto twin = y.items.find(path);
      REQUIRE(twin != y.items.end());
      CHECK(value == twin->second);
    }
    CHECK(x.items.size() == y.items.size());
  }
  for (const auto& entry : fs::recursive_directory_iterator(b))
    CHECK(entry.path().extension() != ".tmp");
}

// The batch in one process, computed once for every test here (per process:
// CTest may run these tests side by side) and removed at exit.
const fs::path& reference() {
  struct Reference {
    fs::path dir = temp_dir("samen_test_mpi_reference_" + std::to_string(getpid()));
    fs::path out = dir / "out";
    Reference() { run(batch_args(out, "2"), dir / "log.txt"); }
    ~Reference() {
      std::error_code ec;
      fs::remove_all(dir, ec);
    }
  };
  static const Reference reference;
  return reference.out;
}

// The pids of the processes whose parent is `parent`.
std::vector<pid_t> children_of(pid_t parent) {
  std::vector<pid_t> found;
  for (const auto& entry : fs::directory_iterator("/proc")) {
    const std::string name = entry.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream stat(entry.path() / "stat");
    std::string text;
    std::getline(stat, text);
    // pid (comm) state ppid ...: comm may hold spaces, so read after the last ')'.
    const auto close = text.rfind(')');
    if (close == std::string::npos) continue;
    std::istringstream rest(text.substr(close + 1));
    std::string state;
    pid_t ppid = 0;
    rest >> state >> ppid;
    if (ppid == parent) found.push_back(static_cast<pid_t>(std::stol(name)));
  }
  return found;
}

// The MPI rank of a process started by mpirun (-1 when unknown).
int rank_of(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/environ");
  std::string var;
  while (std::getline(in, var, '\0'))
    if (var.rfind("OMPI_COMM_WORLD_RANK=", 0) == 0) return std::stoi(var.substr(21));
  return -1;
}

// The inode of every replicate file under `out`, by path.
std::map<fs::path, ino_t> replicate_files(const fs::path& out) {
  std::map<fs::path, ino_t> files;
  for (const auto& entry : fs::recursive_directory_iterator(out)) {
    struct stat st {};
    if (entry.path().extension() == ".h5" && stat(entry.path().c_str(), &st) == 0)
      files[entry.path()] = st.st_ino;
  }
  return files;
}

// The pid of rank `rank` of the job mpirun `job` started (-1 if not found in 60 s).
pid_t find_rank(pid_t job, int rank) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline) {
    for (const pid_t child : children_of(job))
      if (rank_of(child) == rank) return child;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return -1;
}

bool wait_for(const fs::path& file, int seconds) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  while (!fs::exists(file) && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  return fs::exists(file);
}

}  // namespace

TEST_CASE("the small batch of the MPI tests is the default batch's scenarios", "[mpi]") {
  const auto small = samen::BatchFile::load(kBatch);
  const auto full = samen::BatchFile::load(source("scenarios/policy_options.ini"));
  CHECK(fs::path(small.baseline) == fs::path(full.baseline));
  REQUIRE(small.scenarios.size() == full.scenarios.size());
  for (std::size_t s = 0; s < full.scenarios.size(); ++s)
    CHECK(fs::path(small.scenarios[s]) == fs::path(full.scenarios[s]));
}

TEST_CASE("mpirun -np 3 samen batch equals the batch in one process bit for bit", "[mpi]") {
  const auto dir = temp_dir("samen_test_mpi_batch");
  run(mpirun(3, batch_args(dir / "out", "1")), dir / "log.txt");
  const std::string log = read_text(dir / "log.txt");
  INFO(log);
  // Rank 0 alone prints the summary, and the other ranks did compute.
  CHECK_THAT(log, Catch::Contains("samen batch: 3 MPI ranks; 8 replicates computed"));
  CHECK_THAT(log, !Catch::Contains(", 0 on other ranks"));
  CHECK_THAT(log, Catch::Contains("80 scenario-replicates computed, 0 already finished"));
  check_same_outputs(reference(), dir / "out");
  fs::remove_all(dir);
}

TEST_CASE("mpirun -np 3 samen batch --posterior equals the batch in one process bit for bit",
          "[mpi][posterior]") {
  const auto dir = temp_dir("samen_test_mpi_batch_posterior");
  const auto post = (dir / "post.h5").string();
  test_posterior::write_default(post);
  auto args = [&](const fs::path& out, const std::string& threads) {
    auto a = batch_args(out, threads);
    for (const char* extra : {"--posterior", post.c_str(), "--draws", "3"}) a.push_back(extra);
    return a;
  };
  run(args(dir / "one", "2"), dir / "one.txt");
  run(mpirun(3, args(dir / "mpi", "1")), dir / "mpi.txt");
  const std::string log = read_text(dir / "mpi.txt");
  INFO(log);
  CHECK_THAT(log, Catch::Contains("samen batch: 3 MPI ranks; 8 replicates computed"));
  CHECK_THAT(log, !Catch::Contains(", 0 on other ranks"));
  check_same_outputs(dir / "one", dir / "mpi");
  // Each file records the draws (and the file) the replicates ran under.
  const auto merged = samen::h5::File::open_read((dir / "mpi" / "baseline.h5").string());
  CHECK(merged.get_attr_string("posterior_path") == post);
  CHECK(merged.read_int32("posterior/draw") == std::vector<std::int32_t>{0, 1, 2, 0, 1, 2, 0, 1});
  fs::remove_all(dir);
}

TEST_CASE("a worker rank that dies makes mpirun end the whole job", "[mpi][resume]") {
  const auto dir = temp_dir("samen_test_mpi_worker_dies");
  const auto out = dir / "out";
  const pid_t job = start(mpirun(3, batch_args(out, "1")), dir / "killed.txt");
  // Rank 1 is still there after the first file: it waits for rank 0's stop
  // even when the units are all done. Rank 0 is ended by mpirun, or waits
  // for rank 1's result for ever (and finish() fails the test).
  const pid_t victim = find_rank(job, 1);
  INFO(read_text(dir / "killed.txt"));
  REQUIRE(victim > 0);
  REQUIRE(wait_for(out / "baseline" / "replicate_0000.h5", 120));
  kill(victim, SIGKILL);
  CHECK(finish(job, 60) != 0);
  CHECK_THAT(read_text(dir / "killed.txt"), Catch::Contains("signal 9"));
  fs::remove_all(dir);
}

TEST_CASE("an MPI batch killed part-way is finished by a plain samen batch, unchanged",
          "[mpi][resume]") {
  const auto dir = temp_dir("samen_test_mpi_kill");
  const auto out = dir / "out";
  const pid_t job = start(mpirun(3, batch_args(out, "1")), dir / "killed.txt");
  // Rank 0, the one that writes, dies once the first replicate file is on
  // disk (killing a worker would leave rank 0 writing until mpirun ends it,
  // which on a busy machine may be after the last unit).
  const pid_t victim = find_rank(job, 0);
  INFO(read_text(dir / "killed.txt"));
  REQUIRE(victim > 0);
  const bool started = wait_for(out / "baseline" / "replicate_0000.h5", 120);
  kill(victim, SIGKILL);
  REQUIRE(started);
  CHECK(finish(job, 60) != 0);
  const auto kept = replicate_files(out);
  INFO(kept.size() << " replicate files kept");
  CHECK(kept.size() >= 1);
  CHECK(kept.size() < 80);
  CHECK_FALSE(fs::exists(out / "baseline.h5"));  // killed before the merge

  // The plain run computes only what is missing: the files kept stay as they were.
  run(batch_args(out, "2"), dir / "resumed.txt");
  const std::string log = read_text(dir / "resumed.txt");
  INFO(log);
  CHECK_THAT(log,
             Catch::Contains(std::to_string(80 - kept.size()) + " scenario-replicates computed, " +
                             std::to_string(kept.size()) + " already finished"));
  const auto after = replicate_files(out);
  for (const auto& [path, inode] : kept) {
    INFO(path);
    CHECK(after.at(path) == inode);
  }
  check_same_outputs(reference(), out);
  fs::remove_all(dir);
}

TEST_CASE("a plain samen batch killed part-way is finished under MPI, unchanged", "[mpi][resume]") {
  const auto dir = temp_dir("samen_test_mpi_resume");
  const auto out = dir / "out";
  const pid_t job = start(batch_args(out, "1"), dir / "killed.txt");
  const bool started = wait_for(out / "regular_vo_cooperation" / "replicate_0001.h5", 120);
  kill(job, SIGKILL);
  finish(job, 60);
  REQUIRE(started);
  const auto kept = replicate_files(out);
  CHECK(kept.size() >= 20);
  CHECK_FALSE(fs::exists(out / "baseline.h5"));

  run(mpirun(2, batch_args(out, "1")), dir / "resumed.txt");
  const std::string log = read_text(dir / "resumed.txt");
  INFO(log);
  CHECK_THAT(log,
             Catch::Contains(std::to_string(80 - kept.size()) + " scenario-replicates computed, " +
                             std::to_string(kept.size()) + " already finished"));
  const auto after = replicate_files(out);
  for (const auto& [path, inode] : kept) CHECK(after.at(path) == inode);
  check_same_outputs(reference(), out);
  fs::remove_all(dir);
}

// A tiny Morris sweep: 2 parameters x 2 trajectories = 6 points, 2 replicates.
void write_small_sweep(const fs::path& ini) {
  std::ofstream(ini) << "baseline = " << source("scenarios/baseline.ini") << "\n"
                     << "scenario = " << source("scenarios/cjg_knowledge_sharing.ini") << "\n"
                     << "set = field.municipalities=4\nset = field.families=5000\n"
                     << "set = run.burn_in_weeks=15\nset = run.weeks=20\nblock_weeks = 10\n"
                     << "replicates = 2\ndesign = morris\ntrajectories = 2\n"
                     << "parameter = refer.base\nparameter = volunteer.quit_weeks log\n";
}

// The small sweep in one process and under mpirun -np 3, with `extra`
// arguments; every file alike bit for bit.
void check_mpi_sweep(const fs::path& dir, const std::vector<std::string>& extra) {
  const auto ini = dir / "small.ini";
  write_small_sweep(ini);
  const auto sweep_args = [&](const fs::path& out) {
    std::vector<std::string> args{samen_binary(), "sweep",     ini.string(), "--out",
                                  out.string(),   "--threads", "1"};
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
  };
  run(sweep_args(dir / "one"), dir / "one.txt");
  run(mpirun(3, sweep_args(dir / "three")), dir / "three.txt");
  const std::string log = read_text(dir / "three.txt");
  INFO(log);
  // Rank 0 alone prints the summary, and the other ranks did compute.
  CHECK_THAT(log, Catch::Contains("6 points x 2 replicates; 12 units computed"));
  CHECK_THAT(log, Catch::Contains("3 MPI ranks; "));
  CHECK_THAT(log, !Catch::Contains("; 0 units computed on other ranks"));
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(dir / "one"))
    if (entry.path().extension() == ".h5") files.push_back(fs::relative(entry.path(), dir / "one"));
  CHECK(files.size() == 12 + 1);  // every unit and sweep.h5
  std::size_t in_three = 0;
  for (const auto& entry : fs::recursive_directory_iterator(dir / "three")) {
    CHECK(entry.path().extension() != ".tmp");
    if (entry.path().extension() == ".h5") ++in_three;
  }
  CHECK(in_three == files.size());
  for (const auto& file : files) {
    INFO(file);
    REQUIRE(fs::exists(dir / "three" / file));
    const Contents x((dir / "one" / file).string()), y((dir / "three" / file).string());
    CHECK(x.items.size() > 10);  // the attributes and every outcome
    for (const auto& [path, value] : x.items) {
      INFO(path);
      const auto twin = y.items.find(path);
      REQUIRE(twin != y.items.end());
      CHECK(value == twin->second);
    }
    CHECK(x.items.size() == y.items.size());
  }
}

TEST_CASE("mpirun -np 3 samen sweep equals the sweep in one process bit for bit", "[mpi][sweep]") {
  const auto dir = temp_dir("samen_test_mpi_sweep");
  check_mpi_sweep(dir, {});
  fs::remove_all(dir);
}

TEST_CASE("mpirun -np 3 samen sweep --posterior equals the sweep in one process bit for bit",
          "[mpi][sweep][posterior]") {
  const auto dir = temp_dir("samen_test_mpi_sweep_posterior");
  const auto post = (dir / "post.h5").string();
  test_posterior::write_default(post);
  check_mpi_sweep(dir, {"--posterior", post, "--draws", "2"});
  const auto sweep = samen::h5::File::open_read((dir / "three" / "sweep.h5").string());
  CHECK(sweep.get_attr_string("posterior_path") == post);
  CHECK(sweep.read_int32("posterior/draw") == std::vector<std::int32_t>{0, 1});
  fs::remove_all(dir);
}

#endif  // SAMEN_MPIEXEC

#include "samen/distributed/work_units.hpp"

#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <exception>
#include <iostream>
#include <limits>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>

#ifdef SAMEN_WITH_MPI
// The C API only: the deprecated C++ bindings would need libmpi_cxx.
#define OMPI_SKIP_MPICXX 1
#define MPICH_SKIP_MPICXX 1
#include <mpi.h>
#endif

namespace samen::distributed {
namespace {

int g_rank = 0;
int g_ranks = 1;
bool g_session = false;   // a Session exists
bool g_mpi = false;       // ... and it started MPI
bool g_released = false;  // rank 0 has told every worker to stop

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

#ifdef SAMEN_WITH_MPI

// The environment variables MPI launchers set in the processes they start:
// Open MPI's mpirun, PMIx (Open MPI 5, srun --mpi=pmix) and PMI/PMI2 (MPICH,
// Intel MPI, srun --mpi=pmi2). Without one of them samen was started by hand
// and must not start MPI (Open MPI's singleton start is slow and may fail).
bool launched_by_mpi() {
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK", "PMI_SIZE"})
    if (std::getenv(name) != nullptr) return true;
  return false;
}

constexpr int kTagUnit = 1;    // rank 0 -> worker: id, request
constexpr int kTagStop = 2;    // rank 0 -> worker: no more units
constexpr int kTagResult = 3;  // worker -> rank 0: id, compute s, hand-out s, result

// How long a waiting rank sleeps between looks for a message. Open MPI's
// blocking receive spins at full speed, which would take a core from the
// threads computing on the same node; a unit takes seconds, so a look every
// half millisecond costs well below 1% of it.
constexpr auto kPoll = std::chrono::microseconds(500);

[[noreturn]] void abort_all(const std::string& what) {
  std::cerr << "samen (rank " << g_rank << " of " << g_ranks << "): " << what
            << "\nsamen: ending every rank; finished outputs are kept, run the same command "
               "again to compute the rest\n"
            << std::flush;
  MPI_Abort(MPI_COMM_WORLD, 1);
  std::abort();  // MPI_Abort does not return
}

std::string describe(const std::exception_ptr& error) {
  try {
    std::rethrow_exception(error);
  } catch (const std::exception& e) {
    return e.what();
  } catch (...) {
    return "unknown error";
  }
}

void append(std::string& out, const void* data, std::size_t size) {
  out.append(static_cast<const char*>(data), size);
}

template <class T>
T take(const std::string& in, std::size_t& at) {
  if (at + sizeof(T) > in.size()) throw std::runtime_error("MPI: a message is too short");
  T value;
  std::memcpy(&value, in.data() + at, sizeof(T));
  at += sizeof(T);
  return value;
}

int message_size(std::size_t bytes) {
  if (bytes > static_cast<std::size_t>(std::numeric_limits<int>::max()))
    throw std::runtime_error("MPI: a unit's result of " + std::to_string(bytes) +
                             " bytes is larger than one message can carry (2 GiB)");
  return static_cast<int>(bytes);
}

void send(const std::string& message, int to, int tag) {
  MPI_Send(message.data(), message_size(message.size()), MPI_BYTE, to, tag, MPI_COMM_WORLD);
}

// Receives the message `status` describes (found by a probe).
std::string receive(const MPI_Status& status) {
  int count = 0;
  MPI_Get_count(&status, MPI_BYTE, &count);
  std::string message(static_cast<std::size_t>(count), '\0');
  MPI_Status done;
  MPI_Recv(message.data(), count, MPI_BYTE, status.MPI_SOURCE, status.MPI_TAG, MPI_COMM_WORLD,
           &done);
  return message;
}

// Waits, without spinning, for a message from `source` with any tag.
MPI_Status wait_for_message(int source) {
  MPI_Status status;
  for (;;) {
    int flag = 0;
    MPI_Iprobe(source, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &status);
    if (flag) return status;
    std::this_thread::sleep_for(kPoll);
  }
}

void send_unit(const Unit& unit, int to) {
  std::string message;
  append(message, &unit.id, sizeof unit.id);
  message += unit.request;
  send(message, to, kTagUnit);
}

UnitStats run_distributed(const std::vector<Unit>& units, const Compute& compute,
                          const Deliver& deliver, const UnitProgress& progress) {
  UnitStats stats;
  const std::size_t total = units.size();
  std::size_t done = 0;

  // Units are handed out in order to whichever rank asks first; rank 0's own
  // computing thread takes them from the same queue.
  std::mutex mutex;
  std::condition_variable wake;
  std::size_t next = 0;
  struct Finished {
    std::size_t index;
    std::string result;
    double seconds;
    std::exception_ptr error;
  };
  std::deque<Finished> local_done;
  bool local_running = true;
  auto next_unit = [&]() -> std::optional<std::size_t> {
    std::lock_guard lock(mutex);
    if (next == total) return std::nullopt;
    return next++;
  };

  std::vector<std::optional<std::size_t>> busy(static_cast<std::size_t>(g_ranks));
  std::size_t outstanding = 0;
  for (int w = 1; w < g_ranks; ++w) {
    if (const auto i = next_unit()) {
      send_unit(units[*i], w);
      busy[static_cast<std::size_t>(w)] = *i;
      ++outstanding;
    } else {
      MPI_Send(nullptr, 0, MPI_BYTE, w, kTagStop, MPI_COMM_WORLD);
    }
  }

  std::thread local([&] {
    while (const auto i = next_unit()) {
      Finished f{*i, {}, 0.0, nullptr};
      const auto start = Clock::now();
      try {
        f.result = compute(units[*i]);
      } catch (...) {
        f.error = std::current_exception();
      }
      f.seconds = seconds_since(start);
      const bool failed = f.error != nullptr;
      {
        std::lock_guard lock(mutex);
        local_done.push_back(std::move(f));
      }
      wake.notify_one();
      if (failed) break;
    }
    {
      std::lock_guard lock(mutex);
      local_running = false;
    }
    wake.notify_one();
  });

  try {
    for (;;) {
      bool any = false;
      int flag = 0;
      MPI_Status status;
      MPI_Iprobe(MPI_ANY_SOURCE, kTagResult, MPI_COMM_WORLD, &flag, &status);
      if (flag) {
        any = true;
        const std::string message = receive(status);
        const int w = status.MPI_SOURCE;
        auto& slot = busy[static_cast<std::size_t>(w)];
        std::size_t at = 0;
        const auto id = take<std::uint64_t>(message, at);
        if (!slot || units[*slot].id != id)
          throw std::runtime_error("MPI: rank " + std::to_string(w) +
                                   " sent a result for a unit it was not given");
        const Unit& unit = units[*slot];
        stats.compute_seconds += take<double>(message, at);
        if (const double handout = take<double>(message, at); handout >= 0.0) {
          stats.handout_seconds += handout;
          ++stats.handouts;
        }
        ++stats.remote;
        --outstanding;
        slot.reset();
        // Hand out the next unit before writing, so the worker is not kept waiting.
        if (const auto i = next_unit()) {
          send_unit(units[*i], w);
          slot = *i;
          ++outstanding;
        } else {
          MPI_Send(nullptr, 0, MPI_BYTE, w, kTagStop, MPI_COMM_WORLD);
        }
        deliver(unit, message.substr(at));
        ++stats.units;
        if (progress) progress(++done, total);
      }
      std::optional<Finished> mine;
      bool local_over = false;
      {
        std::unique_lock lock(mutex);
        if (!local_done.empty()) {
          mine = std::move(local_done.front());
          local_done.pop_front();
        }
        local_over = !local_running && local_done.empty();
        if (!any && !mine && !(local_over && outstanding == 0)) wake.wait_for(lock, kPoll);
      }
      if (mine) {
        if (mine->error) std::rethrow_exception(mine->error);
        stats.compute_seconds += mine->seconds;
        deliver(units[mine->index], mine->result);
        ++stats.units;
        if (progress) progress(++done, total);
      }
      if (local_over && !mine && outstanding == 0) break;
    }
  } catch (...) {
    abort_all(describe(std::current_exception()));
  }
  local.join();
  g_released = true;
  return stats;
}

#endif  // SAMEN_WITH_MPI

}  // namespace

Session::Session() {
  if (g_session) throw std::logic_error("samen: a second distributed::Session");
  g_session = true;
#ifdef SAMEN_WITH_MPI
  if (!launched_by_mpi()) return;
  int provided = 0;
  // Only the thread that made the session calls MPI; others compute.
  MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided);
  g_mpi = true;
  MPI_Comm_rank(MPI_COMM_WORLD, &g_rank);
  MPI_Comm_size(MPI_COMM_WORLD, &g_ranks);
#endif
}

Session::~Session() {
#ifdef SAMEN_WITH_MPI
  if (g_mpi) {
    if (g_rank == 0) release_workers();
    // Finalizing waits for every rank; wait here without spinning, so ranks
    // that are done leave the cores to the ones still computing.
    MPI_Request request;
    MPI_Ibarrier(MPI_COMM_WORLD, &request);
    for (int flag = 0;;) {
      MPI_Test(&request, &flag, MPI_STATUS_IGNORE);
      if (flag) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    MPI_Finalize();
  }
#endif
  g_rank = 0;
  g_ranks = 1;
  g_session = g_mpi = g_released = false;
}

int rank() { return g_rank; }
int ranks() { return g_ranks; }

bool built_with_mpi() {
#ifdef SAMEN_WITH_MPI
  return true;
#else
  return false;
#endif
}

UnitStats run_units(const std::vector<Unit>& units, const Compute& compute, const Deliver& deliver,
                    const UnitProgress& progress) {
  if (g_rank != 0) throw std::logic_error("samen: run_units on a worker rank");
#ifdef SAMEN_WITH_MPI
  if (g_ranks > 1) return run_distributed(units, compute, deliver, progress);
#endif
  UnitStats stats;
  for (const Unit& unit : units) {
    const auto start = Clock::now();
    const std::string result = compute(unit);
    stats.compute_seconds += seconds_since(start);
    deliver(unit, result);
    ++stats.units;
    if (progress) progress(stats.units, units.size());
  }
  return stats;
}

void serve_units([[maybe_unused]] const std::function<Compute()>& make_compute) {
#ifdef SAMEN_WITH_MPI
  if (g_rank == 0) throw std::logic_error("samen: serve_units on rank 0");
  Compute compute;
  std::optional<Clock::time_point> sent;  // when the last result left
  try {
    for (;;) {
      const MPI_Status status = wait_for_message(0);
      const std::string message = receive(status);
      if (status.MPI_TAG == kTagStop) break;
      const double handout = sent ? seconds_since(*sent) : -1.0;  // -1: the first
      Unit unit;
      std::size_t at = 0;
      unit.id = take<std::uint64_t>(message, at);
      unit.request = message.substr(at);
      if (!compute) compute = make_compute();
      const auto start = Clock::now();
      const std::string result = compute(unit);
      const double seconds = seconds_since(start);
      std::string reply;
      append(reply, &unit.id, sizeof unit.id);
      append(reply, &seconds, sizeof seconds);
      append(reply, &handout, sizeof handout);
      reply += result;
      sent = Clock::now();
      send(reply, 0, kTagResult);
    }
  } catch (...) {
    abort_all(describe(std::current_exception()));
  }
#endif
}

void release_workers() {
#ifdef SAMEN_WITH_MPI
  if (!g_mpi || g_rank != 0 || g_released) return;
  for (int w = 1; w < g_ranks; ++w) MPI_Send(nullptr, 0, MPI_BYTE, w, kTagStop, MPI_COMM_WORLD);
  g_released = true;
#endif
}

}  // namespace samen::distributed

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

// Sends without spinning: Open MPI's blocking send of a large message spins
// until the receiver takes it, taking a core from rank 0 when they share a
// node, just when rank 0 needs one to take it.
void send_waiting(const std::string& message, int to, int tag) {
  MPI_Request request;
  MPI_Isend(message.data(), message_size(message.size()), MPI_BYTE, to, tag, MPI_COMM_WORLD,
            &request);
  for (int done = 0;;) {
    MPI_Test(&request, &done, MPI_STATUS_IGNORE);
    if (done) return;
    std::this_thread::sleep_for(kPoll);
  }
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

// A queue between threads of rank 0, closed when nothing more will come.
template <class T>
class Channel {
 public:
  void push(T item) {
    {
      std::lock_guard lock(mutex_);
      items_.push_back(std::move(item));
    }
    ready_.notify_all();
  }
  void close() {
    {
      std::lock_guard lock(mutex_);
      closed_ = true;
    }
    ready_.notify_all();
  }
  /// The next item; nothing once closed and empty.
  std::optional<T> pop() {
    std::unique_lock lock(mutex_);
    ready_.wait(lock, [&] { return !items_.empty() || closed_; });
    return take_front();
  }
  /// The next item if one comes within `wait`.
  template <class Duration>
  std::optional<T> pop_for(Duration wait) {
    std::unique_lock lock(mutex_);
    ready_.wait_for(lock, wait, [&] { return !items_.empty() || closed_; });
    return take_front();
  }
  bool closed_and_empty() {
    std::lock_guard lock(mutex_);
    return closed_ && items_.empty();
  }

 private:
  std::optional<T> take_front() {
    if (items_.empty()) return std::nullopt;
    T item = std::move(items_.front());
    items_.pop_front();
    return item;
  }
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<T> items_;
  bool closed_ = false;
};

// A result on its way from a computing thread or a worker rank to the writer.
struct Finished {
  std::size_t index = 0;
  std::string result;
  std::exception_ptr error;
};

// Rank 0 runs three threads: this one (the only one calling MPI) hands units
// out and receives results, one computes units, one delivers results (writes
// files). Writing never delays a hand-out, and a hand-out never waits for a
// unit computed here.
UnitStats run_distributed(const std::vector<Unit>& units, const Compute& compute,
                          const Deliver& deliver, const UnitProgress& progress) {
  UnitStats stats;
  const std::size_t total = units.size();

  std::mutex mutex;
  std::size_t next = 0;  // units are handed out in order to whoever asks first
  auto next_unit = [&]() -> std::optional<std::size_t> {
    std::lock_guard lock(mutex);
    if (next == total) return std::nullopt;
    return next++;
  };

  std::vector<std::optional<std::size_t>> busy(static_cast<std::size_t>(g_ranks));
  std::size_t outstanding = 0;
  auto hand_out = [&](int w) {
    if (const auto i = next_unit()) {
      send_unit(units[*i], w);
      busy[static_cast<std::size_t>(w)] = *i;
      ++outstanding;
    } else {
      MPI_Send(nullptr, 0, MPI_BYTE, w, kTagStop, MPI_COMM_WORLD);
    }
  };
  for (int w = 1; w < g_ranks; ++w) hand_out(w);

  Channel<Finished> computed_here;  // from the computing thread
  Channel<Finished> to_write;       // to the writing thread
  double local_seconds = 0.0;
  std::thread local([&] {
    while (const auto i = next_unit()) {
      Finished f{*i, {}, nullptr};
      const auto start = Clock::now();
      try {
        f.result = compute(units[*i]);
      } catch (...) {
        f.error = std::current_exception();
      }
      local_seconds += seconds_since(start);
      const bool failed = f.error != nullptr;
      computed_here.push(std::move(f));
      if (failed) break;
    }
    computed_here.close();
  });
  std::exception_ptr write_error;
  bool writing = true;  // guarded by `mutex`
  std::thread writer([&] {
    std::size_t done = 0;
    try {
      while (auto f = to_write.pop()) {
        deliver(units[f->index], f->result);
        if (progress) progress(++done, total);
      }
    } catch (...) {
      write_error = std::current_exception();
    }
    std::lock_guard lock(mutex);
    writing = false;
  });

  try {
    for (;;) {
      {
        std::lock_guard lock(mutex);
        if (!writing) {
          if (write_error) std::rethrow_exception(write_error);
          throw std::logic_error("samen: the writing thread ended early");
        }
      }
      int flag = 0;
      MPI_Status status;
      MPI_Iprobe(MPI_ANY_SOURCE, kTagResult, MPI_COMM_WORLD, &flag, &status);
      if (flag) {
        const std::string message = receive(status);
        const int w = status.MPI_SOURCE;
        auto& slot = busy[static_cast<std::size_t>(w)];
        std::size_t at = 0;
        const auto id = take<std::uint64_t>(message, at);
        if (!slot || units[*slot].id != id)
          throw std::runtime_error("MPI: rank " + std::to_string(w) +
                                   " sent a result for a unit it was not given");
        const std::size_t index = *slot;
        stats.compute_seconds += take<double>(message, at);
        if (const double handout = take<double>(message, at); handout >= 0.0) {
          stats.handout_seconds += handout;
          ++stats.handouts;
        }
        ++stats.remote;
        --outstanding;
        slot.reset();
        hand_out(w);  // before anything else, so the worker is not kept waiting
        to_write.push({index, message.substr(at), nullptr});
        continue;  // more results may be waiting
      }
      // Nothing from the workers: wait a little for a unit computed here.
      if (auto mine = computed_here.pop_for(kPoll)) {
        if (mine->error) std::rethrow_exception(mine->error);
        to_write.push(std::move(*mine));
      } else if (computed_here.closed_and_empty()) {
        if (outstanding == 0) break;
        std::this_thread::sleep_for(kPoll);  // pop_for no longer waits
      }
    }
    local.join();
    to_write.close();
    writer.join();
    if (write_error) std::rethrow_exception(write_error);
  } catch (...) {
    abort_all(describe(std::current_exception()));
  }
  stats.compute_seconds += local_seconds;
  stats.units = total;
  g_released = true;
  return stats;
}

#endif  // SAMEN_WITH_MPI

}  // namespace

Session::Session() {
  if (g_session) throw std::logic_error("samen: a second distributed::Session");
#ifndef SAMEN_WITH_MPI
  // Every rank would run the whole batch on its own, all writing the same files.
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE"}) {
    const char* size = std::getenv(name);
    if (size != nullptr && std::atoi(size) > 1)
      throw std::runtime_error(std::string("started by an MPI launcher with ") + size +
                               " ranks, but this samen was built without MPI; rebuild it with "
                               "MPI found (docs/cluster.md) or run it without mpirun");
  }
#endif
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
      send_waiting(reply, 0, kTagResult);
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

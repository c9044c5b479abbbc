// Work units spread over MPI ranks: rank 0 hands units out to whichever rank
// is free, computes some itself, and is the only rank that sees the results;
// without MPI (or alone) every unit is computed here, in order.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace samen::distributed {

/// The MPI session of this process. MPI is started only when the process was
/// launched by an MPI launcher (mpirun, mpiexec, srun with PMI/PMIx), so a
/// plain `samen` never touches MPI; and only in builds with SAMEN_WITH_MPI.
/// Construct one at the start of a command that distributes work; it ends
/// MPI when destroyed. At most one exists at a time.
class Session {
 public:
  Session();
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;
};

/// This process's rank (0 without a session or without MPI).
int rank();
/// The number of ranks (1 without a session or without MPI).
int ranks();
/// True on ranks other than 0: they compute units and never touch outputs.
inline bool is_worker() { return rank() != 0; }
/// True when this build can distribute (SAMEN_WITH_MPI).
bool built_with_mpi();

/// A unit of work: its number in [0, n) and what rank 0 tells the rank that
/// computes it (opaque bytes, e.g. which outputs are still missing).
struct Unit {
  std::uint64_t id = 0;
  std::string request;
};

/// Computes a unit into bytes. It must depend on the unit alone (not on the
/// rank, the order or the number of ranks), so results are the same anywhere.
using Compute = std::function<std::string(const Unit&)>;
/// Takes a finished unit's result on rank 0. Calls never overlap; when
/// distributed they come from a thread of their own, so writing a result
/// never keeps a worker waiting for its next unit.
using Deliver = std::function<void(const Unit&, const std::string& result)>;
/// Called on rank 0 after each delivered unit with (units done, units in all).
using UnitProgress = std::function<void(std::size_t, std::size_t)>;

/// What run_units measured (on rank 0).
struct UnitStats {
  std::size_t units = 0;         ///< units computed
  std::size_t remote = 0;        ///< of which on other ranks
  double compute_seconds = 0.0;  ///< summed over units, wherever computed
  /// Summed over the `handouts` remote units that followed another on the
  /// same worker: from the worker sending a result until it holds its next
  /// unit (the price of handing units out one at a time).
  double handout_seconds = 0.0;
  std::size_t handouts = 0;
};

/// Rank 0 (or a single process): computes every unit, on this process and on
/// every worker rank, and passes each result to `deliver` as it arrives, in
/// any order when distributed (in the order given otherwise). On rank 0 one
/// thread computes units, one delivers, and the calling thread hands units
/// out and receives results. Ends the workers' serve_units when done. An exception from
/// `compute` or `deliver` when distributed is printed and aborts every rank
/// (MPI_Abort), so mpirun ends the job; results delivered so far stay.
UnitStats run_units(const std::vector<Unit>& units, const Compute& compute, const Deliver& deliver,
                    const UnitProgress& progress = {});

/// Other ranks: computes the units rank 0 hands out until it says stop.
/// `make_compute` is called once, before the first unit, so a worker reads
/// its inputs only once rank 0 has checked them. An exception is printed and
/// aborts every rank.
void serve_units(const std::function<Compute()>& make_compute);

/// Rank 0: ends the workers' serve_units without work (e.g. when checking the
/// inputs failed before run_units). Harmless when not distributed or when
/// already released.
void release_workers();

}  // namespace samen::distributed

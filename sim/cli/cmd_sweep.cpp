// `samen sweep`: a baseline and policy options at every point of a design over
// declared parameters, with common random numbers, resumable.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>

#include "commands.hpp"
#include "options.hpp"
#include "samen/distributed/work_units.hpp"
#include "samen/sweep/sweep_runner.hpp"

namespace samen::cli {
namespace {

// "unit u/U  p%  ETA s" on a terminal, at most five times a second.
class UnitProgress {
 public:
  UnitProgress() : enabled_(isatty(STDERR_FILENO) != 0), start_(clock::now()), last_(start_) {}
  void update(std::size_t done, std::size_t total) {
    if (!enabled_) return;
    const auto now = clock::now();
    if (done < total && now - last_ < std::chrono::milliseconds(200)) return;
    last_ = now;
    const double elapsed = std::chrono::duration<double>(now - start_).count();
    const double share = static_cast<double>(done) / static_cast<double>(total);
    const double eta = elapsed * (1.0 - share) / share;
    std::fprintf(stderr, "\rsweep unit %zu/%zu  %5.1f%%  %.1f s a unit  ETA %5.0f s   ", done,
                 total, 100.0 * share, elapsed / static_cast<double>(done), eta);
    std::fflush(stderr);
  }
  void finish() {
    if (enabled_) std::fprintf(stderr, "\r%72s\r", "");
  }

 private:
  using clock = std::chrono::steady_clock;
  bool enabled_;
  clock::time_point start_, last_;
};

}  // namespace

int sweep_command(const std::vector<std::string>& args) {
  namespace po = boost::program_options;
  po::options_description options("samen sweep SWEEP.ini [options]");
  options.add_options()("help,h", "show this help")("sweep", po::value<std::string>(),
                                                    "sweep file")(
      "threads", po::value<int>()->default_value(0), "worker threads (0: all cores)")(
      "out", po::value<std::string>(), "output folder (default: results/<sweep name>)")(
      "overwrite", "discard results of another configuration in the folder and start afresh")(
      "posterior", po::value<std::string>(),
      "run replicate r under posterior draw r mod K of this 'samen calibrate' output")(
      "draws", po::value<std::string>(),
      "K, the number of posterior draws (default: the replicates)")(
      "from", po::value<std::string>(),
      "continue each replicate from this checkpoint of the baseline ('samen burnin'); the "
      "design may vary policy.* keys only");
  po::positional_options_description positional;
  positional.add("sweep", 1);
  const auto vm = parse(args, options, positional);
  if (vm.count("help")) {
    std::cout
        << options
        << "\nRuns the baseline and options of SWEEP.ini at every point of its design "
           "(grid, lhs, sobol, morris or saltelli over declared parameters), each replicate "
           "with one burn-in shared by the scenarios and the same random streams at every "
           "point. Finished units (a point's replicate) are kept in OUT/units; run it again "
           "after an interruption to complete the rest. The results go to OUT/sweep.h5 for "
           "samen sensitivity and samen robustness (docs/uncertainty.md).\n\nWith --posterior "
           "POST.h5 replicate r runs under draw r mod K of the calibrated posterior at every "
           "point and in every scenario (chosen as samen batch --posterior does); a design "
           "or set line that names a calibrated key is refused.\n\nWith --from CHECKPOINT.h5 "
           "(samen burnin of the baseline) every unit continues from the checkpoint's replicate "
           "instead of burning in, with the same results; only a design over policy.* keys can "
           "share one burn-in.\n";
    return 0;
  }
  if (!vm.count("sweep")) throw UsageError{"missing the SWEEP.ini file"};
  const auto limit = limit_threads(vm["threads"].as<int>());
  const SweepFile sweep = SweepFile::load(vm["sweep"].as<std::string>());
  SweepOptions opts;
  if (vm.count("out")) opts.out_dir = vm["out"].as<std::string>();
  opts.overwrite = vm.count("overwrite") != 0;
  if (vm.count("draws") && !vm.count("posterior"))
    throw UsageError{"--draws applies to --posterior POST.h5; give --posterior too"};
  if (vm.count("posterior")) opts.posterior = vm["posterior"].as<std::string>();
  if (vm.count("from")) opts.from = vm["from"].as<std::string>();
  if (vm.count("draws"))
    opts.draws = parse_whole("--draws", vm["draws"].as<std::string>(), 1, 1000000);
  // Under mpirun/srun every rank runs this command: rank 0 hands the units
  // out and writes, the others compute (--threads each). MPI starts only now,
  // so a bad command line or sweep file ends every rank alike before it.
  distributed::Session mpi;
  UnitProgress progress;
  opts.progress = [&](std::size_t done, std::size_t total) { progress.update(done, total); };
  const auto start = std::chrono::steady_clock::now();
  const SweepSummary summary = run_sweep(sweep, opts);
  if (distributed::is_worker()) return 0;
  progress.finish();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf(
      "samen sweep: %zu points x %zu replicates; %zu units computed in %.0f s, %zu already "
      "finished\n  %s\n",
      summary.points, summary.units / summary.points, summary.computed, seconds, summary.reused,
      summary.output.c_str());
  if (summary.ranks > 1)
    std::printf("  %d MPI ranks; %zu units computed on other ranks than 0\n", summary.ranks,
                summary.stats.remote);
  return 0;
}

}  // namespace samen::cli

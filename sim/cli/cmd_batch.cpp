// `samen batch`: every scenario of a batch file x replicate, with common
// random numbers, resumable.
#include <tbb/global_control.h>
#include <tbb/task_arena.h>

#include <chrono>
#include <cstdio>
#include <iostream>

#include "commands.hpp"
#include "options.hpp"
#include "progress.hpp"
#include "samen/batch/batch_runner.hpp"
#include "samen/distributed/work_units.hpp"
#include "samen/model/parameters.hpp"

namespace samen::cli {
namespace {

// What the ranks did, and what handing units out one at a time cost.
void print_distribution(const BatchSummary& summary) {
  const auto& u = summary.units;
  std::cout << "samen batch: " << summary.ranks << " MPI ranks; " << u.units
            << " replicates computed, " << u.remote << " on other ranks than 0";
  if (u.handouts > 0 && u.units > 0) {
    const double handout = u.handout_seconds / static_cast<double>(u.handouts);
    const double unit = u.compute_seconds / static_cast<double>(u.units);
    char text[160];
    std::snprintf(text, sizeof text,
                  "; hand-out %.1f ms a replicate (%.2f%% of the %.2f s one takes)",
                  handout * 1000.0, 100.0 * handout / unit, unit);
    std::cout << text;
  }
  std::cout << "\n";
}

// Under mpirun or srun rank 0's stderr is a pipe to the launcher, not a
// terminal, so Progress stays silent: print a plain line now and then instead.
class RankProgress {
 public:
  void update(unsigned done, unsigned total) {
    const auto now = std::chrono::steady_clock::now();
    if (done < total && now - last_ < std::chrono::seconds(10)) return;
    last_ = now;
    const double share = static_cast<double>(done) / total;
    const double elapsed = std::chrono::duration<double>(now - start_).count();
    std::cerr << "samen batch: " << done << "/" << total << " replicates done ("
              << static_cast<int>(100.0 * share) << "%) on " << distributed::ranks() << " ranks, "
              << static_cast<long>(elapsed) << " s";
    if (done < total && share > 0.0)
      std::cerr << ", ETA " << static_cast<long>(elapsed * (1.0 - share) / share) << " s";
    std::cerr << std::endl;
  }

 private:
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now(), last_ = start_;
};

}  // namespace

int batch_command(const std::vector<std::string>& args) {
  namespace po = boost::program_options;
  po::options_description options("samen batch BATCH.ini [options]");
  options.add_options()("help,h", "show this help")("batch", po::value<std::string>(),
                                                    "batch file")(
      "replicates", po::value<std::string>(),
      "replicates per scenario (default: the batch file's)")(
      "threads", po::value<int>()->default_value(0), "worker threads (0: all cores)")(
      "out", po::value<std::string>(), "output folder (default: results/<batch name>)")(
      "overwrite", "recompute and replace outputs that are already finished")(
      "yes", "run even when the batch writes more than 10000 files")(
      "from", po::value<std::string>(),
      "continue each replicate from this checkpoint of the baseline ('samen burnin')")(
      "set", po::value<std::vector<std::string>>()->composing(),
      "override a parameter in every scenario: --set key=value")(
      "posterior", po::value<std::string>(),
      "run replicate r under posterior draw r mod K of this 'samen calibrate' output")(
      "draws", po::value<std::string>(),
      "K, the number of posterior draws (default: the replicates)");
  po::positional_options_description positional;
  positional.add("batch", 1);
  const auto vm = parse(args, options, positional);
  if (vm.count("help")) {
    std::cout
        << options
        << "\nRuns every scenario of BATCH.ini for every replicate with common random numbers "
           "(one burn-in per replicate, shared by all scenarios). Finished replicates are kept "
           "on disk; run it again after an interruption to complete the rest.\n\nWith "
           "--posterior POST.h5 each replicate runs under a draw from the calibrated posterior "
           "(every scenario of a replicate, and its burn-in, under the same draw), so that "
           "samen compare's intervals include parameter uncertainty as well as stochastic "
           "noise. The K draws are chosen from the weighted particles by systematic "
           "resampling with a stream of the seed (docs/uncertainty.md); K above the number "
           "of particles repeats particles, K above the replicates leaves draws unused.\n";
    return 0;
  }
  if (!vm.count("batch")) throw UsageError{"missing the BATCH.ini file"};
  const auto limit = limit_threads(vm["threads"].as<int>());
  const BatchFile batch = BatchFile::load(vm["batch"].as<std::string>());
  BatchOptions opts;
  if (vm.count("replicates")) {
    const ParamSpec* spec = model_parameters().find("run.replicates");
    opts.replicates =
        parse_whole("--replicates", vm["replicates"].as<std::string>(),
                    static_cast<std::uint32_t>(spec->min), static_cast<std::uint32_t>(spec->max));
  }
  opts.command_line = command_line("batch", args);
  if (vm.count("out")) opts.out_dir = vm["out"].as<std::string>();
  opts.overwrite = vm.count("overwrite") != 0;
  if (vm.count("from")) opts.from = vm["from"].as<std::string>();
  if (vm.count("set")) opts.overrides = vm["set"].as<std::vector<std::string>>();
  if (vm.count("draws") && !vm.count("posterior"))
    throw UsageError{"--draws applies to --posterior POST.h5; give --posterior too"};
  if (vm.count("posterior")) opts.posterior = vm["posterior"].as<std::string>();
  if (vm.count("draws"))
    opts.draws = parse_whole("--draws", vm["draws"].as<std::string>(), 1, 1000000);
  const unsigned total = opts.replicates ? opts.replicates : batch.replicates;
  // Each scenario writes a file per replicate and one merged file.
  const std::uint64_t files =
      std::uint64_t{batch.scenarios.size() + 1} * (std::uint64_t{total} + 1);
  if (files > kMaxUnitsWithoutYes && !vm.count("yes"))
    throw UsageError{"this batch writes " + std::to_string(files) + " files (" +
                     std::to_string(batch.scenarios.size() + 1) + " scenarios x (" +
                     std::to_string(total) + " replicates + 1 merged)), more than " +
                     std::to_string(kMaxUnitsWithoutYes) +
                     "; check --replicates and the batch file, and add --yes if you mean it"};
  // Under mpirun/srun every rank runs this command: rank 0 hands the
  // replicates out and writes, the others compute (--threads each). MPI starts
  // only now, so a bad command line or file ends every rank alike before it.
  distributed::Session mpi;
  Progress progress(total, 1);
  RankProgress rank_progress;
  opts.progress = [&](unsigned done, unsigned) {
    if (distributed::ranks() > 1)
      rank_progress.update(done, total);
    else
      progress.update(done - 1, 1);
  };
  const BatchSummary summary = run_batch(batch, opts);
  if (distributed::is_worker()) return 0;
  progress.finish();
  if (summary.ranks > 1) print_distribution(summary);
  std::cout << "samen batch: " << summary.computed << " scenario-replicates computed, "
            << summary.reused << " already finished; outputs in " << summary.out_dir << "/\n";
  for (const auto& out : summary.outputs) std::cout << "  " << out << "\n";
  return 0;
}

}  // namespace samen::cli

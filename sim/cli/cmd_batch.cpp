// `samen batch`: every scenario of a batch file x replicate, with common
// random numbers, resumable.
#include <tbb/global_control.h>
#include <tbb/task_arena.h>

#include <iostream>

#include "commands.hpp"
#include "options.hpp"
#include "progress.hpp"
#include "samen/batch/batch_runner.hpp"

namespace samen::cli {

int batch_command(const std::vector<std::string>& args) {
  namespace po = boost::program_options;
  po::options_description options("samen batch BATCH.ini [options]");
  options.add_options()("help,h", "show this help")("batch", po::value<std::string>(),
                                                    "batch file")(
      "replicates", po::value<unsigned>(), "replicates per scenario (default: the batch file's)")(
      "threads", po::value<int>()->default_value(0), "worker threads (0: all cores)")(
      "out", po::value<std::string>(), "output folder (default: results/<batch name>)")(
      "overwrite", "recompute and replace outputs that are already finished")(
      "set", po::value<std::vector<std::string>>()->composing(),
      "override a parameter in every scenario: --set key=value");
  po::positional_options_description positional;
  positional.add("batch", 1);
  const auto vm = parse(args, options, positional);
  if (vm.count("help")) {
    std::cout
        << options
        << "\nRuns every scenario of BATCH.ini for every replicate with common random numbers "
           "(one burn-in per replicate, shared by all scenarios). Finished replicates are kept "
           "on disk; run it again after an interruption to complete the rest.\n";
    return 0;
  }
  if (!vm.count("batch")) throw UsageError{"missing the BATCH.ini file"};
  const auto limit = limit_threads(vm["threads"].as<int>());
  const BatchFile batch = BatchFile::load(vm["batch"].as<std::string>());
  BatchOptions opts;
  if (vm.count("replicates")) {
    opts.replicates = vm["replicates"].as<unsigned>();
    if (opts.replicates < 1) throw UsageError{"--replicates must be at least 1"};
  }
  if (vm.count("out")) opts.out_dir = vm["out"].as<std::string>();
  opts.overwrite = vm.count("overwrite") != 0;
  if (vm.count("set")) opts.overrides = vm["set"].as<std::vector<std::string>>();
  const unsigned total = opts.replicates ? opts.replicates : batch.replicates;
  Progress progress(total, 1);
  opts.progress = [&](unsigned done, unsigned) { progress.update(done - 1, 1); };
  const BatchSummary summary = run_batch(batch, opts);
  progress.finish();
  std::cout << "samen batch: " << summary.computed << " scenario-replicates computed, "
            << summary.reused << " already finished; outputs in " << summary.out_dir << "/\n";
  for (const auto& out : summary.outputs) std::cout << "  " << out << "\n";
  return 0;
}

}  // namespace samen::cli

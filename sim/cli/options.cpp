#include "options.hpp"

#include <tbb/task_arena.h>

#include "commands.hpp"

namespace samen::cli {

boost::program_options::variables_map parse(
    const std::vector<std::string>& args,
    const boost::program_options::options_description& options,
    const boost::program_options::positional_options_description& positional) {
  namespace po = boost::program_options;
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(options).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    throw UsageError{e.what()};
  }
  return vm;
}

std::unique_ptr<tbb::global_control> limit_threads(int threads) {
  if (threads < 0) throw UsageError{"--threads must be 0 (all cores) or more"};
  const auto n = threads > 0 ? static_cast<std::size_t>(threads)
                             : static_cast<std::size_t>(tbb::this_task_arena::max_concurrency());
  return std::make_unique<tbb::global_control>(tbb::global_control::max_allowed_parallelism, n);
}

}  // namespace samen::cli

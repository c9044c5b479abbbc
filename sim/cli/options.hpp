// Command-line parsing shared by the subcommands (Boost.Program_options).
#pragma once

#include <tbb/global_control.h>

#include <boost/program_options.hpp>
#include <memory>
#include <string>
#include <vector>

namespace samen::cli {

/// Parses `args` against `options` (and positional names); rethrows parse
/// errors as UsageError. Returns the variables map.
boost::program_options::variables_map parse(
    const std::vector<std::string>& args,
    const boost::program_options::options_description& options,
    const boost::program_options::positional_options_description& positional = {});

/// Limits TBB to `threads` workers for the rest of the command (0: all
/// cores); throws UsageError for a negative count.
std::unique_ptr<tbb::global_control> limit_threads(int threads);

}  // namespace samen::cli

// Command-line parsing shared by the subcommands (Boost.Program_options).
#pragma once

#include <tbb/global_control.h>

#include <boost/program_options.hpp>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "samen/analysis/compare.hpp"

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

/// Parses `text` of `option` as "A:B", whole weeks with 0 <= A <= B <= `weeks`,
/// e.g. "1:52"; throws UsageError naming the option, the text and what is allowed.
WeekWindow parse_window(const std::string& option, const std::string& text, std::uint32_t weeks);

/// Throws UsageError naming `option`, the unknown name and the nearest
/// outcome of the registry when a name is not an outcome.
void check_outcome_names(const std::string& option, const std::vector<std::string>& names);

}  // namespace samen::cli

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

/// Parses `text` of `option` as a whole number (digits only: no sign, space or
/// suffix) from `min` to `max`; throws UsageError naming the option, the
/// allowed range and the text, e.g. "--seed must be a whole number from 0 to
/// 4294967295; got '-1'".
std::uint32_t parse_whole(const std::string& option, const std::string& text, std::uint32_t min,
                          std::uint32_t max);

/// Parses the value of `option` (a string option of `vm`, if given) within the
/// declared range of the run setting `key` (e.g. --weeks and run.weeks) and
/// appends "key=value" to `overrides`; throws UsageError when `overrides`
/// already sets `key` (--weeks 1 --set run.weeks=2), naming both.
void add_run_setting(const boost::program_options::variables_map& vm, const std::string& option,
                     const std::string& key, std::vector<std::string>& overrides);

/// "samen COMMAND ARG..." with every argument (--set included), each quoted
/// for a shell when it holds anything but plain characters: the
/// `command_line` attribute of outputs.
std::string command_line(const std::string& command, const std::vector<std::string>& args);

/// The highest replicate number of --replicate: run.replicates allows at most
/// 10000 replicates, numbered from 0.
constexpr std::uint32_t kMaxReplicate = 9999;

/// The most output files (or scenario-replicates) a command writes without
/// --yes: a request beyond it is more likely a typo than a plan.
constexpr std::uint64_t kMaxUnitsWithoutYes = 10000;

/// Parses `text` of `option` as "A:B", whole weeks with 0 <= A <= B <= `weeks`,
/// e.g. "1:52"; throws UsageError naming the option, the text and what is allowed.
WeekWindow parse_window(const std::string& option, const std::string& text, std::uint32_t weeks);

/// Throws UsageError naming `option`, the unknown name and the nearest
/// outcome of the registry when a name is not an outcome.
void check_outcome_names(const std::string& option, const std::vector<std::string>& names);

}  // namespace samen::cli

// Runs another program with an argument vector, never through a shell, so
// file names with quotes, spaces or `$(...)` reach it as they are.
#pragma once

#include <string>
#include <vector>

namespace samen::cli {

/// Runs `argv[0]` (a path) with the arguments `argv[1..]`, inheriting standard
/// input, output and error, waits for it and returns its exit status. Throws
/// std::runtime_error naming the program when it cannot be started or is
/// ended by a signal.
int run_program(const std::vector<std::string>& argv);

}  // namespace samen::cli

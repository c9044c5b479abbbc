// The subcommands of the `samen` command line, one function each.
#pragma once

#include <string>
#include <vector>

namespace samen::cli {

/// Each takes the arguments after the subcommand name and returns an exit code.
int survey_command(const std::vector<std::string>& args);
int run_command(const std::vector<std::string>& args);
int batch_command(const std::vector<std::string>& args);
int burnin_command(const std::vector<std::string>& args);
int compare_command(const std::vector<std::string>& args);
int export_command(const std::vector<std::string>& args);
int report_command(const std::vector<std::string>& args);
int outcomes_command(const std::vector<std::string>& args);
int params_command(const std::vector<std::string>& args);
int bench_command(const std::vector<std::string>& args);
int tune_command(const std::vector<std::string>& args);
int sweep_command(const std::vector<std::string>& args);
int sensitivity_command(const std::vector<std::string>& args);
int robustness_command(const std::vector<std::string>& args);
int calibrate_command(const std::vector<std::string>& args);

/// Thrown for a bad command line; main prints it with a hint to --help.
struct UsageError {
  std::string message;
};

}  // namespace samen::cli

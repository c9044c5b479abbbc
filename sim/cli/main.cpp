// samen: agent-based simulation of cooperation between volunteers and
// professionals around youth and family, calibrated to a 2011 survey.
#include <csignal>
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "commands.hpp"
#include "samen/core/build_info.hpp"
#include "samen/core/parameters.hpp"
#include "samen/io/output_guard.hpp"

namespace {

const char* const kUsage =
    "usage: samen <command> [options]\n"
    "\n"
    "commands:\n"
    "  run CONFIG      simulate a scenario week by week and write outcomes to HDF5\n"
    "  batch BATCH     run a baseline and policy options with common random numbers\n"
    "  burnin CONFIG --out CHECKPOINT.h5   burn replicates in once, for run/batch/sweep --from\n"
    "  compare BASE.h5 OPTION.h5...   paired differences of options against the baseline\n"
    "  sweep SWEEP     the baseline and options at every point of a design over parameters\n"
    "  sensitivity SWEEP.h5   Morris or Sobol indices of outcomes and policy contrasts\n"
    "  robustness SWEEP.h5    how often each option improves an outcome across a sweep\n"
    "  calibrate CALIB.ini    ABC-SMC posterior of dynamic rates given the survey figures\n"
    "  export RESULT.h5... --csv FILE   outcomes as a tidy CSV (pandas, R, spreadsheets)\n"
    "  report RESULT_DIR --html FILE    one self-contained HTML page on a batch\n"
    "  survey CONFIG   build the calibrated field and compare it with the 2011 survey\n"
    "  survey RESULT.h5 --week W   the survey of a stored snapshot\n"
    "  params          list every parameter (--markdown: docs/scenarios.md)\n"
    "  outcomes        list every recorded outcome (--markdown: the table of docs/outputs.md)\n"
    "  bench           measure generation time and memory at region and national scale\n"
    "  tune TUNING.ini tune the rates of the dynamics to the survey's steady state\n"
    "\n"
    "Run 'samen <command> --help' for a command's options.\n";

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << kUsage;
    return 2;
  }
  // Past a file size limit (ulimit -f) a write fails with EFBIG and gets a clear
  // message, instead of the signal killing the process mid-write.
  std::signal(SIGXFSZ, SIG_IGN);
  const std::string command = argv[1];
  const std::vector<std::string> args(argv + 2, argv + argc);
  try {
    if (command == "survey") return samen::cli::survey_command(args);
    if (command == "run") return samen::cli::run_command(args);
    if (command == "batch") return samen::cli::batch_command(args);
    if (command == "burnin") return samen::cli::burnin_command(args);
    if (command == "compare") return samen::cli::compare_command(args);
    if (command == "export") return samen::cli::export_command(args);
    if (command == "report") return samen::cli::report_command(args);
    if (command == "outcomes") return samen::cli::outcomes_command(args);
    if (command == "params") return samen::cli::params_command(args);
    if (command == "bench") return samen::cli::bench_command(args);
    if (command == "tune") return samen::cli::tune_command(args);
    if (command == "sweep") return samen::cli::sweep_command(args);
    if (command == "sensitivity") return samen::cli::sensitivity_command(args);
    if (command == "robustness") return samen::cli::robustness_command(args);
    if (command == "calibrate") return samen::cli::calibrate_command(args);
    if (command == "--help" || command == "-h" || command == "help") {
      std::cout << kUsage;
      return 0;
    }
    if (command == "--version") {
      std::cout << "samen " << samen::build::version() << " (" << samen::build::revision() << ")\n";
      return 0;
    }
    std::cerr << "samen: unknown command '" << command << "'\n\n" << kUsage;
    return 2;
  } catch (const samen::cli::UsageError& e) {
    std::cerr << "samen " << command << ": " << e.message << "\n(see 'samen " << command
              << " --help')\n";
    return 2;
  } catch (const samen::OutputError& e) {
    std::cerr << "samen " << command << ": " << e.what() << "\n";
    return 2;
  } catch (const samen::ConfigError& e) {
    std::cerr << "samen " << command << ": " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "samen " << command << ": " << e.what() << "\n";
    return 1;
  }
}

// `samen export`: run files as a tidy CSV for pandas, R and spreadsheets.
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <set>

#include "commands.hpp"
#include "options.hpp"
#include "samen/analysis/display.hpp"
#include "samen/analysis/export.hpp"
#include "samen/io/text_output.hpp"

namespace samen::cli {

int export_command(const std::vector<std::string>& args) {
  namespace po = boost::program_options;
  po::options_description options("samen export RESULT.h5... --csv FILE [options]");
  options.add_options()("help,h", "show this help")("files", po::value<std::vector<std::string>>(),
                                                    "run files of samen run or samen batch")(
      "csv", po::value<std::string>(), "the CSV file to write")(
      "outcome", po::value<std::vector<std::string>>()->composing(),
      "export this outcome (repeatable; default: every outcome)")(
      "window", po::value<std::string>(),
      "weeks A:B (default: every recorded week; with --summary the last 52)")(
      "summary", "per scenario and outcome the mean over the window and its 95% interval");
  po::positional_options_description positional;
  positional.add("files", -1);
  const auto vm = parse(args, options, positional);
  if (vm.count("help")) {
    std::cout << options
              << "\nWrites one row per scenario, replicate, week and outcome with the columns "
                 "scenario, replicate, week, outcome, value, unit (with --summary: scenario, "
                 "outcome, unit, first_week, last_week, replicates, mean, ci_low, ci_high). A "
                 "missing value (NaN) is an empty field. See docs/outputs.md.\n";
    return 0;
  }
  if (!vm.count("files")) throw UsageError{"give one or more run files (RESULT.h5)"};
  if (!vm.count("csv")) throw UsageError{"give the output file with --csv FILE"};
  std::vector<std::string> outcomes = all_outcome_names();
  if (vm.count("outcome")) {
    outcomes = vm["outcome"].as<std::vector<std::string>>();
    check_outcome_names("--outcome", outcomes);
  }
  const auto files = vm["files"].as<std::vector<std::string>>();
  const std::string csv = vm["csv"].as<std::string>();
  std::vector<RunFile> runs;
  std::set<std::string> scenarios;
  std::uint32_t weeks = 0;
  for (const auto& f : files) {
    std::error_code ec;
    if (std::filesystem::equivalent(f, csv, ec))
      throw UsageError{"--csv '" + csv + "' is one of the input files; choose another name"};
    runs.push_back(read_run_file(f));
    const auto& h = runs.back().header;
    if (!scenarios.insert(h.scenario).second)
      throw UsageError{"two files hold scenario '" + h.scenario + "' (the second is '" + f +
                       "'); their rows could not be told apart, so export them separately"};
    weeks = runs.size() == 1 ? h.weeks : std::min(weeks, h.weeks);
  }
  const bool summary = vm.count("summary") != 0;
  WeekWindow window{0, weeks};
  if (summary) window.first = weeks >= 51 ? weeks - 51 : 0;
  if (vm.count("window")) window = parse_window("--window", vm["window"].as<std::string>(), weeks);

  write_text_atomic(
      csv, summary ? summary_csv(runs, outcomes, window) : tidy_csv(runs, outcomes, window));
  std::size_t rows = 0;
  for (const auto& run : runs)
    rows += summary ? outcomes.size()
                    : std::size_t{run.header.replicates} * (window.last - window.first + 1) *
                          outcomes.size();
  std::cout << "samen export: wrote " << csv << " (" << rows << " rows: " << runs.size()
            << " scenario" << (runs.size() == 1 ? "" : "s") << ", weeks " << window.first << "-"
            << window.last << ", " << outcomes.size() << " outcome"
            << (outcomes.size() == 1 ? "" : "s") << (summary ? ", summary" : "") << ")\n";
  return 0;
}

}  // namespace samen::cli

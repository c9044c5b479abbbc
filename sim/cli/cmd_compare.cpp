// `samen compare`: paired differences of policy options against a baseline.
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "commands.hpp"
#include "options.hpp"
#include "samen/analysis/compare.hpp"
#include "samen/io/text_output.hpp"

namespace samen::cli {
namespace {

// The outcomes shown on screen unless --all; the CSV always has every one.
const char* const kMain[] = {
    "reach_flow_all",      "reach_flow_migrant",  "reach_flow_serious", "care_flow_serious",
    "weeks_to_first_help", "unmet_need_weeks",    "families_reached",   "referrals_volunteers",
    "referrals_selforgs",  "volunteer_knowledge", "boundary_crossings", "cjg_aware",
    "cjg_contact",         "internal_written",    "chain_clarity",      "grade_chain",
    "org_vo_cooperates",   "volunteers_active",   "cjg_care_capacity",  "professional_hours"};

bool is_main(const std::string& name) {
  for (const char* m : kMain)
    if (name == m) return true;
  return false;
}

WeekWindow parse_window(const std::string& text, std::uint32_t weeks) {
  const auto colon = text.find(':');
  try {
    if (colon == std::string::npos) throw std::invalid_argument(text);
    const auto a = std::stoul(text.substr(0, colon)), b = std::stoul(text.substr(colon + 1));
    if (a > b || b > weeks) throw std::out_of_range(text);
    return {static_cast<std::uint32_t>(a), static_cast<std::uint32_t>(b)};
  } catch (const std::exception&) {
    throw UsageError{"--window must be A:B with 0 <= A <= B <= " + std::to_string(weeks) +
                     ", got '" + text + "'"};
  }
}

}  // namespace

int compare_command(const std::vector<std::string>& args) {
  namespace po = boost::program_options;
  po::options_description options("samen compare BASELINE.h5 OPTION.h5... [options]");
  options.add_options()("help,h", "show this help")("files", po::value<std::vector<std::string>>(),
                                                    "run files")("week", po::value<std::uint32_t>(),
                                                                 "compare one week")(
      "window", po::value<std::string>(),
      "compare the mean over weeks A:B (default: the last 52 weeks)")(
      "csv", po::value<std::string>(), "write every outcome's comparison to this CSV file")(
      "plot", po::value<std::string>(), "write time-series and forest plots (PNG) to this folder")(
      "precision", po::value<double>()->default_value(0.05),
      "wanted 95% half-width as a share of the baseline mean (for the 'imprecise' warning)")(
      "all", "show every outcome, not only the main ones");
  po::positional_options_description positional;
  positional.add("files", -1);
  const auto vm = parse(args, options, positional);
  if (vm.count("help")) {
    std::cout
        << options
        << "\nFor each option and outcome: baseline mean, option mean, the paired difference over "
           "replicates with its 95% interval (Student t), relative change, paired effect size "
           "(mean/sd of differences) and the difference per 1000 extra professional hours a "
           "week.\n";
    return 0;
  }
  if (!vm.count("files") || vm["files"].as<std::vector<std::string>>().size() < 2)
    throw UsageError{"give the baseline's run file and at least one option's run file"};
  if (vm.count("week") && vm.count("window")) throw UsageError{"give --week or --window, not both"};
  const auto files = vm["files"].as<std::vector<std::string>>();
  const RunFile baseline = read_run_file(files[0]);
  const std::uint32_t weeks = baseline.header.weeks;
  WeekWindow window{weeks >= 51 ? weeks - 51 : 0, weeks};
  if (vm.count("week")) {
    const auto w = vm["week"].as<std::uint32_t>();
    if (w > weeks) throw UsageError{"--week must be at most " + std::to_string(weeks)};
    window = {w, w};
  }
  if (vm.count("window")) window = parse_window(vm["window"].as<std::string>(), weeks);

  std::vector<ComparisonRow> rows;
  for (std::size_t k = 1; k < files.size(); ++k) {
    const RunFile option = read_run_file(files[k]);
    const auto part = compare_runs(baseline, option, window, vm["precision"].as<double>());
    rows.insert(rows.end(), part.begin(), part.end());
  }
  std::printf("paired differences over replicates, weeks %u-%u, against '%s' (%u replicates)\n\n",
              window.first, window.last, baseline.header.scenario.c_str(),
              baseline.header.replicates);
  std::printf("%-24s %-21s %11s %11s %11s %23s %8s %8s %11s  %s\n", "option", "outcome", "baseline",
              "option", "diff", "95% interval", "rel.", "effect", "per 1000 h", "note");
  std::string last;
  for (const auto& r : rows) {
    if (!vm.count("all") && !is_main(r.outcome)) continue;
    if (r.option != last && !last.empty()) std::printf("\n");
    last = r.option;
    std::printf("%-24s %-21s %11.4g %11.4g %+11.4g [%+10.4g,%+10.4g] %+7.1f%% %+8.2f %11.4g  %s\n",
                r.option.c_str(), r.outcome.c_str(), r.baseline_mean, r.option_mean, r.diff.mean,
                r.diff.ci_low, r.diff.ci_high, 100.0 * r.relative_change, r.diff.effect_size,
                r.per_1000_hours, r.note.c_str());
  }
  std::string csv = vm.count("csv") ? vm["csv"].as<std::string>() : "";
  if (vm.count("plot")) {
    const std::string dir = vm["plot"].as<std::string>();
    std::filesystem::create_directories(dir);
    if (csv.empty()) csv = (std::filesystem::path(dir) / "comparison.csv").string();
  }
  if (!csv.empty()) {
    write_text_atomic(csv, comparison_csv(rows));
    std::cout << "\nwrote " << csv << "\n";
  }
  if (vm.count("plot")) {
    // Plots are drawn by Debian's Python (matplotlib, h5py), see analysis/plots.py.
    std::string command = "/usr/bin/python3 '" + std::string(SAMEN_SOURCE_DIR) +
                          "/analysis/plots.py' --csv '" + csv + "' --out '" +
                          vm["plot"].as<std::string>() + "'";
    for (const auto& f : files) command += " '" + f + "'";
    std::fflush(stdout);
    if (std::system(command.c_str()) != 0)
      throw std::runtime_error("plotting failed: " + command +
                               " (needs Debian's python3-matplotlib and python3-h5py)");
    std::cout << "wrote plots to " << vm["plot"].as<std::string>() << "/\n";
  }
  return 0;
}

}  // namespace samen::cli

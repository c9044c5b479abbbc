// `samen compare`: paired differences of policy options against a baseline.
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <set>

#include "commands.hpp"
#include "options.hpp"
#include "plotting.hpp"
#include "samen/analysis/compare.hpp"
#include "samen/analysis/display.hpp"
#include "samen/analysis/ranking.hpp"
#include "samen/core/parameters.hpp"
#include "samen/io/output_guard.hpp"
#include "samen/io/text_output.hpp"

namespace samen::cli {
namespace {

// Reads the run files, baseline first, refusing a file given twice: a file
// compared with itself differs by exactly zero, which says nothing.
std::vector<RunFile> read_files(const std::vector<std::string>& files) {
  namespace fs = std::filesystem;
  std::vector<RunFile> runs;
  for (std::size_t k = 0; k < files.size(); ++k) {
    runs.push_back(read_run_file(files[k]));
    for (std::size_t j = 0; j < k; ++j) {
      std::error_code ec;
      if (!fs::equivalent(files[j], files[k], ec)) continue;
      if (j == 0)
        throw UsageError{"'" + files[k] + "' is the baseline file '" + files[0] +
                         "' itself; a file compared with itself differs by nothing. Give the "
                         "baseline once, then the options' files"};
      throw UsageError{"'" + files[k] + "' is given twice (also as '" + files[j] +
                       "'); give each option's file once"};
    }
  }
  return runs;
}

void print_table(const std::vector<ComparisonRow>& rows, const std::vector<std::string>& shown) {
  const std::set<std::string> wanted(shown.begin(), shown.end());
  std::printf("%-24s %-21s %11s %11s %11s %23s %8s %8s %11s  %s\n", "option", "outcome", "baseline",
              "option", "diff", "95% interval", "rel.", "effect", "per 1000 h", "note");
  std::string last;
  for (const auto& r : rows) {
    if (!wanted.count(r.outcome)) continue;
    if (r.option != last && !last.empty()) std::printf("\n");
    last = r.option;
    std::printf("%-24s %-21s %11.4g %11.4g %+11.4g [%+10.4g,%+10.4g] %+7.1f%% %+8.2f %11.4g  %s\n",
                r.option.c_str(), r.outcome.c_str(), r.baseline_mean, r.option_mean, r.diff.mean,
                r.diff.ci_low, r.diff.ci_high, 100.0 * r.relative_change, r.diff.effect_size,
                r.per_1000_hours, r.note.c_str());
  }
  std::vector<std::string> hidden;
  for (const auto& o : outcome_registry())
    if (!wanted.count(o.name)) hidden.push_back(o.name);
  if (!hidden.empty()) {
    std::printf("\nnot shown (%zu of %zu outcomes):", hidden.size(), outcome_registry().size());
    for (std::size_t k = 0; k < hidden.size(); ++k)
      std::printf("%s %s", k ? "," : "", hidden[k].c_str());
    std::printf(
        "\n--all shows every outcome, --outcome NAME the ones you name; --csv FILE "
        "writes them all\n");
  }
}

void print_ranking(const std::vector<ComparisonRow>& rows, const OutcomeSpec& outcome,
                   WeekWindow window) {
  const auto ranked = rank_options(rows, outcome.name, outcome.better);
  std::printf("\noptions ranked by %s (%s, %s), weeks %u-%u:\n", outcome.name.c_str(),
              outcome.label.c_str(), outcome.unit.c_str(), window.first, window.last);
  std::printf("%4s  %-24s %11s %23s %12s %12s  %s\n", "rank", "option", "change", "95% interval",
              "extra h/week", "per 1000 h", "group");
  for (const auto& r : ranked)
    std::printf("%4u  %-24s %+11.4g [%+10.4g,%+10.4g] %+12.1f %12s  %s\n", r.rank, r.option.c_str(),
                r.change, r.ci_low, r.ci_high, r.extra_hours,
                format_significant(r.per_1000_hours, 4, true).c_str(), to_string(r.group));
  std::printf("\n%s\n", ranking_rule(outcome.better).c_str());
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
      "plot", po::value<std::string>(), "write figures to this folder (analysis/plots.py)")(
      "format", po::value<std::vector<std::string>>()->composing(),
      "figure formats for --plot: png, svg, pdf (repeat or separate by commas; default png)")(
      "outcome", po::value<std::vector<std::string>>()->composing(),
      "show and plot this outcome (repeatable; default: the main outcomes)")(
      "rank-by", po::value<std::string>(),
      "rank the options by their effect on this outcome per 1000 extra professional hours")(
      "precision", po::value<double>()->default_value(0.05, "0.05"),
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
  const double precision = vm["precision"].as<double>();
  if (!std::isfinite(precision) || precision <= 0.0)
    throw UsageError{
        "--precision must be a number above 0, the wanted half-width as a share of "
        "the baseline mean (e.g. 0.05 for 5%); got " +
        format_number(precision)};
  std::vector<std::string> shown;
  if (vm.count("outcome")) shown = vm["outcome"].as<std::vector<std::string>>();
  check_outcome_names("--outcome", shown);
  const OutcomeSpec* rank_by = nullptr;
  if (vm.count("rank-by")) {
    check_outcome_names("--rank-by", {vm["rank-by"].as<std::string>()});
    rank_by = find_outcome(vm["rank-by"].as<std::string>());
  }
  const auto formats =
      parse_formats("--format", vm.count("format") ? vm["format"].as<std::vector<std::string>>()
                                                   : std::vector<std::string>{});
  if (vm.count("format") && !vm.count("plot"))
    throw UsageError{"--format applies to --plot DIR; give --plot too"};

  const auto files = vm["files"].as<std::vector<std::string>>();
  // Checked before anything is read or written: --csv must not replace an input.
  if (vm.count("csv"))
    check_output_path(vm["csv"].as<std::string>(), OutputKind::Text, files, "--csv");
  if (vm.count("plot")) check_output_folder(vm["plot"].as<std::string>(), "--plot");
  const auto runs = read_files(files);
  const RunFile& baseline = runs.front();
  const std::uint32_t weeks = baseline.header.weeks;
  WeekWindow window{weeks >= 51 ? weeks - 51 : 0, weeks};
  if (vm.count("week")) {
    const auto w = vm["week"].as<std::uint32_t>();
    if (w > weeks)
      throw UsageError{"--week must be a recorded week, 0 to " + std::to_string(weeks) + "; got " +
                       std::to_string(w)};
    window = {w, w};
  }
  if (vm.count("window")) window = parse_window("--window", vm["window"].as<std::string>(), weeks);

  std::vector<ComparisonRow> rows;
  for (std::size_t k = 1; k < runs.size(); ++k) {
    const auto part = compare_runs(baseline, runs[k], window, precision);
    rows.insert(rows.end(), part.begin(), part.end());
  }
  std::printf("paired differences over replicates, weeks %u-%u, against '%s' (%u replicates)\n\n",
              window.first, window.last, baseline.header.scenario.c_str(),
              baseline.header.replicates);
  if (const std::string caption = posterior_caption(baseline.header); !caption.empty())
    std::printf("%s\n\n", caption.c_str());
  if (shown.empty()) shown = vm.count("all") ? all_outcome_names() : main_outcome_names();
  print_table(rows, shown);
  if (rank_by) print_ranking(rows, *rank_by, window);

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
    std::vector<std::string> plotted =
        vm.count("outcome") ? vm["outcome"].as<std::vector<std::string>>() : main_outcome_names();
    draw_plots({files, csv, vm["plot"].as<std::string>(), window, plotted, formats, {}, ""});
    std::cout << "wrote plots to " << vm["plot"].as<std::string>() << "/\n";
  }
  return 0;
}

}  // namespace samen::cli

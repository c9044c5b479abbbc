// `samen sensitivity`: Morris or Sobol indices of outcomes (or of a policy
// contrast) from a sweep's results.
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "commands.hpp"
#include "options.hpp"
#include "samen/analysis/display.hpp"
#include "samen/core/build_info.hpp"
#include "samen/io/text_output.hpp"
#include "samen/sweep/sweep_analysis.hpp"
#include "spawn.hpp"

namespace samen::cli {
namespace {

void print_rows(const std::vector<SensitivityRow>& rows, uncertainty::DesignKind kind) {
  if (rows.empty()) return;
  std::printf("\n%s (%s)\n", rows.front().outcome.c_str(), rows.front().of.c_str());
  if (kind == uncertainty::DesignKind::morris) {
    std::printf("  %-44s %11s %25s %11s %11s\n", "parameter", "mu*", "95% interval of mu*", "mu",
                "sigma");
    for (const auto& r : rows)
      std::printf("  %-44s %11.4g [%11.4g,%11.4g] %+11.4g %11.4g\n", r.parameter.c_str(), r.mu_star,
                  r.mu_star_ci_low, r.mu_star_ci_high, r.mu, r.sigma);
  } else {
    std::printf("  %-44s %7s %17s %7s %17s\n", "parameter", "S1", "95% interval", "ST",
                "95% interval");
    for (const auto& r : rows)
      std::printf("  %-44s %+7.3f [%+7.3f,%+7.3f] %+7.3f [%+7.3f,%+7.3f]\n", r.parameter.c_str(),
                  r.s1, r.s1_ci_low, r.s1_ci_high, r.st, r.st_ci_low, r.st_ci_high);
  }
}

}  // namespace

int sensitivity_command(const std::vector<std::string>& args) {
  namespace po = boost::program_options;
  po::options_description options("samen sensitivity SWEEP.h5 [options]");
  options.add_options()("help,h", "show this help")("file", po::value<std::string>(),
                                                    "sweep file (OUT/sweep.h5 of samen sweep)")(
      "outcome", po::value<std::vector<std::string>>()->composing(),
      "outcome to analyse (repeatable; default: the main outcomes)")(
      "contrast", po::value<std::string>(),
      "analyse OPTION - baseline, paired by replicate at each point (default: the level)")(
      "scenario", po::value<std::string>(),
      "analyse the level of this scenario (default: the baseline)")(
      "window", po::value<std::string>(),
      "weeks A:B to average, whole blocks of the sweep (default: the last block)")(
      "resamples", po::value<unsigned>()->default_value(1000), "bootstrap resamples")(
      "csv", po::value<std::string>(), "write every row to this CSV file")(
      "plot", po::value<std::string>(),
      "write a sorted bar chart per outcome to this folder (analysis/sensitivity_plot.py)");
  po::positional_options_description positional;
  positional.add("file", 1);
  const auto vm = parse(args, options, positional);
  if (vm.count("help")) {
    std::cout << options
              << "\nMorris design: mu* (mean absolute elementary effect, with a bootstrap 95% "
                 "interval), mu and sigma per parameter, as the outcome's change per whole range "
                 "of the parameter. Saltelli design: Sobol first-order S1 (Saltelli 2010) and "
                 "total ST (Jansen 1999) with bootstrap 95% intervals. Of an outcome's level or "
                 "of a policy contrast (docs/uncertainty.md).\n";
    return 0;
  }
  if (!vm.count("file")) throw UsageError{"missing the sweep's SWEEP.h5 file"};
  if (vm.count("contrast") && vm.count("scenario"))
    throw UsageError{"give --contrast OPTION or --scenario NAME, not both"};
  std::vector<std::string> outcomes =
      vm.count("outcome") ? vm["outcome"].as<std::vector<std::string>>() : main_outcome_names();
  check_outcome_names("--outcome", outcomes);
  const SweepData data = read_sweep_data(vm["file"].as<std::string>());
  const WeekWindow window =
      vm.count("window") ? parse_window("--window", vm["window"].as<std::string>(), data.weeks)
                         : data.last_block();
  data.check_window(window);
  SensitivityTarget target;
  target.scenario = data.scenarios.front();
  if (vm.count("scenario")) target.scenario = vm["scenario"].as<std::string>();
  if (vm.count("contrast")) {
    target.contrast = true;
    target.scenario = vm["contrast"].as<std::string>();
  }
  data.scenario_index(target.scenario);  // a clear error for an unknown name
  uncertainty::BootstrapOptions bootstrap;
  bootstrap.resamples = vm["resamples"].as<unsigned>();

  std::printf("%s: %s design, %zu points x %u replicates, %zu parameters; weeks %u-%u\n",
              data.path.c_str(), uncertainty::kind_name(data.design.kind).c_str(), data.points(),
              data.replicates, data.design.parameters.size(), window.first, window.last);
  std::vector<SensitivityRow> all;
  std::vector<std::string> skipped;
  for (const auto& o : outcomes) {
    target.outcome = o;
    std::vector<SensitivityRow> rows;
    try {
      rows = sensitivity(data, target, window, bootstrap);
    } catch (const ConfigError& e) {
      // An outcome that does not move at all (e.g. an option's contrast on an
      // outcome it cannot touch) has no indices; say so and go on.
      if (outcomes.size() == 1) throw;
      skipped.push_back(o);
      continue;
    }
    print_rows(rows, data.design.kind);
    all.insert(all.end(), rows.begin(), rows.end());
  }
  if (!skipped.empty()) {
    std::printf("\nno indices (the values do not vary or are not numbers):");
    for (const auto& s : skipped) std::printf(" %s", s.c_str());
    std::printf("\n");
  }
  std::string csv = vm.count("csv") ? vm["csv"].as<std::string>() : "";
  if (vm.count("plot")) {
    std::filesystem::create_directories(vm["plot"].as<std::string>());
    if (csv.empty())
      csv = (std::filesystem::path(vm["plot"].as<std::string>()) / "sensitivity.csv").string();
  }
  if (!csv.empty()) {
    write_text_atomic(csv, sensitivity_csv(all, data.design.kind));
    std::printf("\nwrote %s\n", csv.c_str());
  }
  if (vm.count("plot")) {
    std::cout.flush();
    std::fflush(stdout);
    const int status = run_program({"/usr/bin/python3",
                                    samen::build::source_dir() + "/analysis/sensitivity_plot.py",
                                    "--csv", csv, "--out", vm["plot"].as<std::string>()});
    if (status != 0)
      throw std::runtime_error("plotting failed: analysis/sensitivity_plot.py exited with status " +
                               std::to_string(status) +
                               " (it needs Debian's python3-matplotlib; its message is above)");
    std::printf("wrote plots to %s/\n", vm["plot"].as<std::string>().c_str());
  }
  return 0;
}

}  // namespace samen::cli

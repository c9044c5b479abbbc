// `samen tune`: tunes the rates of the dynamic mechanisms to the survey's
// steady state (calibration/steady_state.hpp) and prints the fit.
#include <cmath>
#include <cstdio>
#include <iostream>
#include <sstream>

#include "commands.hpp"
#include "options.hpp"
#include "samen/calibration/steady_state.hpp"
#include "samen/core/parameters.hpp"
#include "samen/io/output_guard.hpp"
#include "samen/io/text_output.hpp"

namespace samen::cli {

int tune_command(const std::vector<std::string>& args) {
  namespace po = boost::program_options;
  po::options_description options("samen tune TUNING.ini [options]");
  options.add_options()("help,h", "show this help")("plan", po::value<std::string>(),
                                                    "tuning file")(
      "threads", po::value<int>()->default_value(0), "worker threads (0: all cores)")(
      "out", po::value<std::string>(), "write the tuned rates as INI lines to this file");
  po::positional_options_description positional;
  positional.add("plan", 1);
  const auto vm = parse(args, options, positional);
  if (vm.count("help")) {
    std::cout << options
              << "\nRuns the scenario of TUNING.ini to its steady state and moves each paired "
                 "rate until its survey figure is met (secant steps on the log of the rate, all "
                 "rates at once, one run per round). Prints every round and the rates of the "
                 "best one; see tools/tune_dynamics.ini and docs/model.md.\n";
    return 0;
  }
  if (!vm.count("plan")) throw UsageError{"missing the TUNING.ini file"};
  const auto limit = limit_threads(vm["threads"].as<int>());
  const TuningPlan plan = TuningPlan::load(vm["plan"].as<std::string>());
  if (vm.count("out"))
    check_output_path(vm["out"].as<std::string>(), OutputKind::Text, {plan.path}, "--out");
  int number = 0;
  const auto rounds = tune_steady_state(plan, [&](const TuningRound& r) {
    std::printf("round %d: %d of %d figures within their 95%% interval\n", ++number,
                r.figures_within, r.figures);
    std::printf("  %-36s %12s %-30s %8s %8s %7s\n", "parameter", "value", "figure", "survey",
                "model", "z");
    for (std::size_t i = 0; i < plan.pairs.size(); ++i)
      std::printf("  %-36s %12.6g %-30s %8.2f %8.2f %7.2f\n", plan.pairs[i].parameter.c_str(),
                  r.values[i], plan.pairs[i].figure.c_str(), r.survey[i], r.model[i], r.z[i]);
    std::fflush(stdout);
  });
  // The best round: the smallest largest miss.
  std::size_t best = 0;
  double best_worst = INFINITY;
  for (std::size_t r = 0; r < rounds.size(); ++r) {
    double worst = 0.0;
    for (const double z : rounds[r].z) worst = std::max(worst, std::fabs(z));
    if (worst < best_worst) {
      best_worst = worst;
      best = r;
    }
  }
  std::ostringstream ini;
  ini << "# Tuned by samen tune " << plan.path << " (round " << best + 1 << " of " << rounds.size()
      << ", largest |z| " << format_number(best_worst) << ")\n";
  for (std::size_t i = 0; i < plan.pairs.size(); ++i)
    ini << plan.pairs[i].parameter << " = " << format_number(rounds[best].values[i]) << "\n";
  std::cout << "\nbest round " << best + 1 << " (largest |z| " << format_number(best_worst)
            << "):\n"
            << ini.str();
  if (vm.count("out")) write_text_atomic(vm["out"].as<std::string>(), ini.str());
  return 0;
}

}  // namespace samen::cli

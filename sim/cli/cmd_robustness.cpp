// `samen robustness`: how often each option improves an outcome across a
// sweep's design points, its ranks and regret, and where it fails (PRIM).
#include <cstdio>
#include <iostream>

#include "commands.hpp"
#include "options.hpp"
#include "samen/analysis/display.hpp"
#include "samen/sweep/sweep_analysis.hpp"

namespace samen::cli {
namespace {

void print_robustness(const SweepData& data, const Robustness& rob) {
  const OutcomeSpec* spec = find_outcome(rob.outcome);
  const DisplayUnit unit = display_unit(*spec);
  std::printf("\n%s (%s; %s is better), weeks %u-%u, %zu points x %u replicates\n",
              rob.outcome.c_str(), spec->label.c_str(), to_string(rob.better), rob.window.first,
              rob.window.last, rob.points, data.replicates);
  std::printf("  %-26s %9s %9s %7s  %-22s %12s %12s\n", "option", "improves", "worsens", "best",
              "points at rank 1,2,...", "mean regret", "max regret");
  for (const auto& o : rob.options) {
    std::string ranks;
    for (std::size_t k = 0; k < o.ranks.size(); ++k)
      ranks += (k ? "," : "") + std::to_string(o.ranks[k]);
    const bool base = &o == &rob.options.front();
    const std::string improves = base ? "-" : format_significant(100.0 * o.improves, 3) + "%";
    const std::string worsens = base ? "-" : format_significant(100.0 * o.worsens, 3) + "%";
    std::printf("  %-26s %9s %9s %6.1f%%  %-22s %12.4g %12.4g\n", o.option.c_str(),
                improves.c_str(), worsens.c_str(), 100.0 * o.best, ranks.c_str(),
                unit.scale * o.mean_regret, unit.scale * o.max_regret);
  }
  std::printf(
      "  improves: its paired 95%% interval over replicates lies on the better side of 0; regret "
      "in %s: the best scenario's gain at a point minus this one's\n",
      unit.change_unit.c_str());
  for (std::size_t s = 1; s < rob.options.size(); ++s) {
    const auto& o = rob.options[s];
    if (o.failures == 0) {
      std::printf("\n  %s improves %s at every point.\n", o.option.c_str(), rob.outcome.c_str());
      continue;
    }
    if (!o.has_box) {
      std::printf("\n  %s fails to improve %s at every point.\n", o.option.c_str(),
                  rob.outcome.c_str());
      continue;
    }
    const auto& box = o.box.box;
    std::printf(
        "\n  where %s fails to improve %s (%zu of %zu points): PRIM box with coverage %.2f, "
        "density %.2f, mass %.2f (%zu points)\n",
        o.option.c_str(), rob.outcome.c_str(), o.failures, rob.points, box.coverage, box.density,
        box.mass, box.points);
    if (o.box.restricted.empty()) std::printf("    no parameter restricted\n");
    for (const auto& r : o.box.restricted) {
      const auto& p = data.design.parameters[r.dimension];
      std::printf(
          "    %-44s %s %-12s %s %s\n", p.name.c_str(), r.low_restricted ? ">=" : "  ",
          r.low_restricted ? format_significant(uncertainty::to_value(p, r.low), 4).c_str() : "",
          r.high_restricted ? "<=" : "  ",
          r.high_restricted ? format_significant(uncertainty::to_value(p, r.high), 4).c_str() : "");
    }
  }
}

}  // namespace

int robustness_command(const std::vector<std::string>& args) {
  namespace po = boost::program_options;
  po::options_description options("samen robustness SWEEP.h5 [options]");
  options.add_options()("help,h", "show this help")("file", po::value<std::string>(),
                                                    "sweep file (OUT/sweep.h5 of samen sweep)")(
      "outcome", po::value<std::vector<std::string>>()->composing(),
      "outcome to judge (repeatable; default: reach_flow_all)")(
      "window", po::value<std::string>(),
      "weeks A:B to average, whole blocks of the sweep (default: the last block)");
  po::positional_options_description positional;
  positional.add("file", 1);
  const auto vm = parse(args, options, positional);
  if (vm.count("help")) {
    std::cout << options
              << "\nFor each option: the share of design points where it improves the outcome "
                 "over the baseline (paired 95% interval over replicates excluding 0), its rank "
                 "among all scenarios at each point and how often it is best, its regret (loss "
                 "against the best scenario at each point), and a PRIM box (Friedman & Fisher "
                 "1999) of the assumptions under which it fails to improve.\n";
    return 0;
  }
  if (!vm.count("file")) throw UsageError{"missing the sweep's SWEEP.h5 file"};
  const std::vector<std::string> outcomes = vm.count("outcome")
                                                ? vm["outcome"].as<std::vector<std::string>>()
                                                : std::vector<std::string>{"reach_flow_all"};
  check_outcome_names("--outcome", outcomes);
  const SweepData data = read_sweep_data(vm["file"].as<std::string>());
  const WeekWindow window =
      vm.count("window") ? parse_window("--window", vm["window"].as<std::string>(), data.weeks)
                         : data.last_block();
  data.check_window(window);
  std::printf("%s: %s design over %zu parameters\n", data.path.c_str(),
              uncertainty::kind_name(data.design.kind).c_str(), data.design.parameters.size());
  for (const auto& o : outcomes) print_robustness(data, robustness(data, o, window));
  return 0;
}

}  // namespace samen::cli

// `samen bench`: times generation and the weekly dynamics at region and
// national scale. Each figure comes from a fresh child process, so that its
// peak memory is its own; times are medians of repeated runs.
#include <sys/resource.h>
#include <tbb/global_control.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "options.hpp"
#include "samen/core/config.hpp"
#include "samen/dynamics/outcomes.hpp"
#include "samen/dynamics/simulation.hpp"
#include "samen/field/generate.hpp"
#include "samen/model/scenario.hpp"
#include "samen/model/scenario_inputs.hpp"

namespace samen::cli {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

double peak_rss_mib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // Linux reports KiB
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

struct Measurement {
  double generate = 0.0;  // seconds
  double step = 0.0;      // seconds for all weeks (with outcomes recorded each week)
  double rss = 0.0;       // MiB
  double agents = 0.0;
};

// Measures in this process and prints one machine-readable line.
int measure(const std::string& config, const std::vector<std::string>& overrides, int repeats,
            int threads, std::uint32_t weeks) {
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism,
                            static_cast<std::size_t>(threads));
  const ModelScenario scenario = load_model_scenario(config, overrides);
  const SurveyTargets targets = load_scenario_targets(scenario);
  std::vector<double> generate, step;
  double agents = 0.0;
  for (int r = 0; r < repeats; ++r) {
    auto start = Clock::now();
    Field field = generate_field(scenario.params, targets, {1, static_cast<std::uint32_t>(r)});
    generate.push_back(seconds_since(start));
    agents = static_cast<double>(field.families.size() + field.volunteers.size() +
                                 field.projects.size() + field.coordinators.size() +
                                 field.cjg_staff.size() + field.vos.size() + field.ties.size());
    Simulation sim(std::move(field), scenario.params);
    start = Clock::now();
    for (std::uint32_t w = 0; w < weeks; ++w) {
      sim.step();
      compute_outcomes(sim);
    }
    step.push_back(seconds_since(start));
  }
  std::printf("generate=%.6f step=%.6f rss=%.1f agents=%.0f\n", median(generate), median(step),
              peak_rss_mib(), agents);
  return 0;
}

Measurement run_child(const std::string& self, const std::string& config, int repeats, int threads,
                      std::uint32_t weeks, const std::string& set = "") {
  const std::string command = "'" + self + "' bench --measure '" + config + "' --repeats " +
                              std::to_string(repeats) + " --threads " + std::to_string(threads) +
                              " --weeks " + std::to_string(weeks) +
                              (set.empty() ? "" : " --set " + set);
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
  if (!pipe) throw std::runtime_error("cannot start '" + command + "'");
  char line[512] = {};
  Measurement m;
  while (std::fgets(line, sizeof line, pipe.get()))
    if (std::sscanf(line, "generate=%lf step=%lf rss=%lf agents=%lf", &m.generate, &m.step, &m.rss,
                    &m.agents) == 4)
      return m;
  throw std::runtime_error("benchmark child failed: " + command);
}

}  // namespace

int bench_command(const std::vector<std::string>& args) {
  namespace po = boost::program_options;
  po::options_description options("samen bench [options]");
  const std::string scenarios = std::string(SAMEN_SOURCE_DIR) + "/scenarios/";
  options.add_options()("help,h", "show this help")(
      "region", po::value<std::string>()->default_value(scenarios + "baseline.ini"),
      "region scenario")("national",
                         po::value<std::string>()->default_value(scenarios + "national.ini"),
                         "national scenario")("repeats", po::value<int>()->default_value(3),
                                              "runs per figure (the median is printed)")(
      "weeks", po::value<std::uint32_t>()->default_value(52), "weeks stepped per timing run")(
      "full", "also time one full national run: burn-in plus run.weeks (about a minute)")(
      "measure", po::value<std::string>(), "internal: measure one scenario in this process")(
      "threads", po::value<int>()->default_value(2), "internal: worker threads for --measure")(
      "set", po::value<std::vector<std::string>>()->composing(),
      "internal: override for --measure");
  const auto vm = parse(args, options);
  if (vm.count("help")) {
    std::cout
        << options
        << "\nPrints generation time, weeks per second, agent-updates per second, peak memory, "
           "the speedup of 2 threads over 1, and the cost of doubling the families.\n";
    return 0;
  }
  const int repeats = vm["repeats"].as<int>();
  const auto weeks = vm["weeks"].as<std::uint32_t>();
  if (repeats < 1) throw UsageError{"--repeats must be at least 1"};
  if (weeks < 1) throw UsageError{"--weeks must be at least 1"};
  if (vm.count("measure")) {
    std::vector<std::string> overrides;
    if (vm.count("set")) overrides = vm["set"].as<std::vector<std::string>>();
    return measure(vm["measure"].as<std::string>(), overrides, repeats, vm["threads"].as<int>(),
                   weeks);
  }

  char self[4096] = {};
  const ssize_t len = readlink("/proc/self/exe", self, sizeof self - 1);
  if (len <= 0) throw std::runtime_error("cannot find the samen executable (/proc/self/exe)");
  const std::string region = vm["region"].as<std::string>(),
                    national = vm["national"].as<std::string>();

  std::printf("samen bench: median of %d runs, %u weeks each\n\n", repeats, weeks);
  std::printf("%-9s %7s %12s %11s %16s %14s %10s\n", "scale", "threads", "generate [s]", "weeks/s",
              "agent-updates/s", "peak RSS [MiB]", "agents");
  Measurement by_threads[2][2];
  for (int s = 0; s < 2; ++s)
    for (int t = 1; t <= 2; ++t) {
      const auto m = run_child(self, s == 0 ? region : national, repeats, t, weeks);
      by_threads[s][t - 1] = m;
      std::printf("%-9s %7d %12.3f %11.1f %16.3g %14.1f %10.0f\n", s == 0 ? "region" : "national",
                  t, m.generate, weeks / m.step, m.agents * weeks / m.step, m.rss, m.agents);
    }
  std::printf(
      "\nspeedup of 2 threads over 1 (weekly steps): region %.2fx, national %.2fx (target >= "
      "1.8x)\n",
      by_threads[0][0].step / by_threads[0][1].step, by_threads[1][0].step / by_threads[1][1].step);
  const auto half = run_child(self, national, repeats, 2, weeks, "field.families=950000");
  std::printf(
      "doubling the families (0.95M -> 1.9M, national, 2 threads): weekly steps cost %.2fx (target "
      "<= 2.1x)\n",
      by_threads[1][1].step / half.step);
  const double national_week = by_threads[1][1].step / weeks;
  std::printf("national generation: %.2f s, %.0f MiB peak (target <= 10 s, <= 2048 MiB)\n",
              by_threads[1][1].generate, by_threads[1][1].rss);
  std::printf(
      "national, 2 threads: 520 weeks take about %.1f s; with the 520-week burn-in about %.1f s "
      "(target <= 30 s)\n",
      by_threads[1][1].generate + 520 * national_week,
      by_threads[1][1].generate + 1040 * national_week);
  if (vm.count("full")) {
    const auto full = run_child(self, national, 1, 2, 1040);
    std::printf(
        "full national run measured (generation + 1040 weeks, 2 threads): %.1f s, %.0f MiB peak\n",
        full.generate + full.step, full.rss);
  }
  return 0;
}

}  // namespace samen::cli

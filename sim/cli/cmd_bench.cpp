// `samen bench`: times field generation at region and national scale, each in
// a fresh child process so that its peak memory is its own.
#include <sys/resource.h>
#include <tbb/global_control.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>
#include <sstream>

#include "commands.hpp"
#include "options.hpp"
#include "samen/core/config.hpp"
#include "samen/field/generate.hpp"
#include "samen/model/parameters.hpp"
#include "samen/model/scenario_inputs.hpp"

namespace samen::cli {
namespace {

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

// Measures in this process and prints one machine-readable line.
int measure(const std::string& config, int repeats, int threads) {
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism,
                            static_cast<std::size_t>(threads));
  const Scenario scenario = load_scenario(config, model_parameters());
  const SurveyTargets targets = load_scenario_targets(scenario);
  std::vector<double> seconds;
  std::size_t agents = 0;
  for (int r = 0; r < repeats; ++r) {
    const auto start = std::chrono::steady_clock::now();
    const Field field =
        generate_field(scenario.values, targets, {1, static_cast<std::uint32_t>(r)});
    seconds.push_back(
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    agents = field.families.size() + field.volunteers.size() + field.projects.size() +
             field.coordinators.size() + field.orgs.size() + field.vos.size() +
             field.cjg_staff.size();
  }
  std::printf("generate_seconds=%.4f peak_rss_mib=%.1f agents=%zu\n", median(seconds),
              peak_rss_mib(), agents);
  return 0;
}

struct Measurement {
  double seconds = 0.0;
  double rss = 0.0;
  std::size_t agents = 0;
};

Measurement run_child(const std::string& self, const std::string& config, int repeats,
                      int threads) {
  const std::string command = "'" + self + "' bench --measure '" + config + "' --repeats " +
                              std::to_string(repeats) + " --threads " + std::to_string(threads);
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
  if (!pipe) throw std::runtime_error("cannot start '" + command + "'");
  char line[512] = {};
  Measurement m;
  while (std::fgets(line, sizeof line, pipe.get()))
    if (std::sscanf(line, "generate_seconds=%lf peak_rss_mib=%lf agents=%zu", &m.seconds, &m.rss,
                    &m.agents) == 3)
      return m;
  throw std::runtime_error("benchmark child failed: " + command);
}

}  // namespace

int bench_command(const std::vector<std::string>& args) {
  namespace po = boost::program_options;
  po::options_description options("samen bench [options]");
  options.add_options()("help,h", "show this help")(
      "region",
      po::value<std::string>()->default_value(std::string(SAMEN_SOURCE_DIR) +
                                              "/scenarios/baseline.ini"),
      "region scenario")("national",
                         po::value<std::string>()->default_value(std::string(SAMEN_SOURCE_DIR) +
                                                                 "/scenarios/national.ini"),
                         "national scenario")("repeats", po::value<int>()->default_value(3),
                                              "runs per figure (median)")(
      "threads", po::value<int>()->default_value(2), "worker threads")(
      "measure", po::value<std::string>(), "internal: measure one scenario in this process");
  const auto vm = parse(args, options);
  if (vm.count("help")) {
    std::cout << options << "\nPrints median generation time and peak memory per scale.\n";
    return 0;
  }
  const int repeats = vm["repeats"].as<int>();
  const int threads = vm["threads"].as<int>();
  if (repeats < 1) throw UsageError{"--repeats must be at least 1"};
  if (threads < 1) throw UsageError{"--threads must be at least 1"};
  if (vm.count("measure")) return measure(vm["measure"].as<std::string>(), repeats, threads);

  char self[4096] = {};
  const ssize_t len = readlink("/proc/self/exe", self, sizeof self - 1);
  if (len <= 0) throw std::runtime_error("cannot find the samen executable (/proc/self/exe)");
  std::printf("%-10s %8s %14s %14s %12s\n", "scale", "threads", "generate [s]", "peak RSS [MiB]",
              "agents");
  for (const auto& [name, key] :
       {std::pair<std::string, std::string>{"region", "region"}, {"national", "national"}}) {
    const auto m = run_child(self, vm[key].as<std::string>(), repeats, threads);
    std::printf("%-10s %8d %14.3f %14.1f %12zu\n", name.c_str(), threads, m.seconds, m.rss,
                m.agents);
  }
  std::printf("(median of %d runs; targets for the national field: <= 10 s and <= 2048 MiB)\n",
              repeats);
  return 0;
}

}  // namespace samen::cli

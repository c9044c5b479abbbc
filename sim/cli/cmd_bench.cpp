// `samen bench`: times generation and the weekly dynamics at region and
// national scale. Each figure comes from a fresh child process, so that its
// peak memory is its own; times are medians of repeated runs.
#include <sys/resource.h>
#include <tbb/global_control.h>
#include <unistd.h>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <Random123/philox.h>
#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <optional>

#include "commands.hpp"
#include "layout_probe.hpp"
#include "options.hpp"
#include "samen/core/build_info.hpp"
#include "samen/core/config.hpp"
#include "samen/dynamics/outcomes.hpp"
#include "samen/dynamics/simulation.hpp"
#include "samen/field/generate.hpp"
#include "samen/io/checkpoint.hpp"
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
  double step = 0.0;      // seconds for all weeks (burn-in, then weeks with outcomes recorded)
  double rss = 0.0;       // MiB
  double agents = 0.0;
  double bound = 0.0;     // seconds of the bound sweep for as many weeks, in the same process
  double outcomes = 0.0;  // seconds of the outcomes, included in `step`
  double start = 0.0;     // seconds to load the checkpoint (--from), else 0
  std::array<double, Simulation::kPhaseCount> phases{};  // seconds per phase, included in `step`
  double weeks = 0.0;                                    // weeks stepped per run
};

// The machine's bound for a week of the model: one pass over as many 64-byte
// records as the field has agents, one counter-based Philox block each, on
// the same threads. Any agent-based week must at least load each agent's
// state once and draw for it, so the ratio to this pass says how far the
// model is from what the machine allows, whatever the machine.
struct alignas(64) BoundRecord {
  std::uint32_t word[16];
};

double bound_seconds(std::size_t records, std::uint32_t weeks) {
  std::vector<BoundRecord> state(records, BoundRecord{});
  const r123::Philox4x32::key_type key = {{1, 0}};
  const auto start = Clock::now();
  for (std::uint32_t w = 1; w <= weeks; ++w)
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, records, 4096), [&](const auto& r) {
      r123::Philox4x32 philox;
      for (std::size_t i = r.begin(); i != r.end(); ++i) {
        const r123::Philox4x32::ctr_type counter = {
            {static_cast<std::uint32_t>(i), 1u << 24, w, 0}};
        const auto x = philox(counter, key);
        auto& a = state[i].word;
        // A decision that reads the record and writes it back, like an agent's.
        if (x[0] < a[1]) a[2] += x[1];
        a[0] += x[2];
        a[15] ^= x[3];
      }
    });
  const double seconds = seconds_since(start);
  std::uint64_t checksum = 0;  // keeps the sweep from being optimised away
  for (const auto& a : state) checksum += a.word[0] ^ a.word[15];
  if (checksum == 42)
    std::fprintf(stderr, "checksum %llu\n", static_cast<unsigned long long>(checksum));
  return seconds;
}

// Measures in this process and prints one machine-readable line. A run is
// generation (or loading `from`), `burn_in` weeks without outcomes, then
// `weeks` weeks with every outcome computed, as in `samen run`.
int measure(const std::string& config, const std::vector<std::string>& overrides, int repeats,
            int threads, std::uint32_t weeks, std::uint32_t burn_in, const std::string& from) {
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism,
                            static_cast<std::size_t>(threads));
  const ModelScenario scenario = load_model_scenario(config, overrides);
  const SurveyTargets targets = load_scenario_targets(scenario);
  std::vector<double> generate, step, bound, outcomes, start;
  std::array<double, Simulation::kPhaseCount> phases{};
  double agents = 0.0;
  for (int r = 0; r < repeats; ++r) {
    auto t0 = Clock::now();
    std::optional<Simulation> sim;
    if (from.empty()) {
      Field field = generate_field(scenario.params, targets, {1, static_cast<std::uint32_t>(r)});
      generate.push_back(seconds_since(t0));
      sim.emplace(std::move(field), scenario.params);
      start.push_back(0.0);
    } else {
      generate.push_back(0.0);
      sim.emplace(load_checkpoint(from, scenario, 0));
      start.push_back(seconds_since(t0));
    }
    const Field& field = sim->field();
    agents = static_cast<double>(field.families.size() + field.volunteers.size() +
                                 field.projects.size() + field.coordinators.size() +
                                 field.cjg_staff.size() + field.vos.size() + field.ties.size());
    t0 = Clock::now();
    double outcome_seconds = 0.0;
    for (std::uint32_t w = 0; w < burn_in; ++w) sim->step();
    sim->set_policies(scenario.params.policy, sim->steps());
    for (std::uint32_t w = 0; w < weeks; ++w) {
      sim->step();
      const auto t1 = Clock::now();
      compute_outcomes(*sim);
      outcome_seconds += seconds_since(t1);
    }
    step.push_back(seconds_since(t0));
    outcomes.push_back(outcome_seconds);
    for (std::size_t k = 0; k < phases.size(); ++k) phases[k] += sim->phase_seconds()[k] / repeats;
    // The bound, for as many weeks, right after the model in the same process.
    bound.push_back(bound_seconds(static_cast<std::size_t>(agents), burn_in + weeks));
  }
  std::printf(
      "generate=%.6f step=%.6f rss=%.1f agents=%.0f bound=%.6f outcomes=%.6f start=%.6f "
      "weeks=%u phases=",
      median(generate), median(step), peak_rss_mib(), agents, median(bound), median(outcomes),
      median(start), burn_in + weeks);
  for (std::size_t k = 0; k < phases.size(); ++k) std::printf("%s%.6f", k ? "," : "", phases[k]);
  std::printf("\n");
  return 0;
}

Measurement run_child(const std::string& self, const std::string& config, int repeats, int threads,
                      std::uint32_t weeks, const std::string& set = "", std::uint32_t burn_in = 0,
                      const std::string& from = "") {
  const std::string command = "'" + self + "' bench --measure '" + config + "' --repeats " +
                              std::to_string(repeats) + " --threads " + std::to_string(threads) +
                              " --weeks " + std::to_string(weeks) + " --burn-in " +
                              std::to_string(burn_in) + (set.empty() ? "" : " --set " + set) +
                              (from.empty() ? "" : " --from '" + from + "'");
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
  if (!pipe) throw std::runtime_error("cannot start '" + command + "'");
  char line[2048] = {};
  Measurement m;
  int consumed = 0;
  while (std::fgets(line, sizeof line, pipe.get()))
    if (std::sscanf(line,
                    "generate=%lf step=%lf rss=%lf agents=%lf bound=%lf outcomes=%lf start=%lf "
                    "weeks=%lf phases=%n",
                    &m.generate, &m.step, &m.rss, &m.agents, &m.bound, &m.outcomes, &m.start,
                    &m.weeks, &consumed) == 8) {
      const char* p = line + consumed;
      for (auto& phase : m.phases) {
        char* end = nullptr;
        phase = std::strtod(p, &end);
        p = *end == ',' ? end + 1 : end;
      }
      return m;
    }
  throw std::runtime_error("benchmark child failed: " + command);
}

// Prints the model's week beside the bound's, and where the week's time goes.
void print_against_bound(const char* what, const Measurement& m) {
  const double model_week = m.step / m.weeks, bound_week = m.bound / m.weeks;
  std::printf(
      "%s: model %.2f ms/week, bound %.2f ms/week (%.0f records of 64 bytes), ratio %.2fx\n", what,
      1e3 * model_week, 1e3 * bound_week, m.agents, model_week / bound_week);
  double total = 0.0;
  for (const double p : m.phases) total += p;
  total += m.outcomes;
  std::printf("  per phase of a week [ms] (share of the run):\n");
  for (std::size_t k = 0; k < m.phases.size(); ++k)
    std::printf("    %2zu %-28s %7.3f  %4.1f%%\n", k + 1, Simulation::phase_names()[k],
                1e3 * m.phases[k] / m.weeks, 100.0 * m.phases[k] / total);
  std::printf("       %-28s %7.3f  %4.1f%%\n", "outcomes (recorded weeks)",
              1e3 * m.outcomes / m.weeks, 100.0 * m.outcomes / total);
}

// The share of families in need in the default national field after its
// burn-in (samen burnin scenarios/national.ini: 15.1%), for the layout probe.
constexpr double kNationalNeedShare = 0.151;
// Passes of each layout in the probe; a pass takes milliseconds, so many.
constexpr int kLayoutPasses = 21;

int layout_probe(const std::string& national) {
  const ModelScenario scenario = load_model_scenario(national, {});
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, 2);
  const std::size_t families = scenario.params.field.families;
  const LayoutTimes t = probe_family_layout(families, kNationalNeedShare, kLayoutPasses);
  std::printf(
      "family layout probe (%zu families, %.1f%% in need, in index order, 2 threads, median of "
      "%d passes):\n  one array per field (the field's layout) %.3f ms, one 28-byte record per "
      "family %.3f ms: records take %.2fx the time of arrays\n",
      families, 100.0 * kNationalNeedShare, kLayoutPasses, t.columns_ms, t.records_ms,
      t.records_ms / t.columns_ms);
  return 0;
}

}  // namespace

int bench_command(const std::vector<std::string>& args) {
  namespace po = boost::program_options;
  po::options_description options("samen bench [options]");
  const std::string scenarios = samen::build::source_dir() + "/scenarios/";
  options.add_options()("help,h", "show this help")(
      "region", po::value<std::string>()->default_value(scenarios + "baseline.ini"),
      "region scenario")("national",
                         po::value<std::string>()->default_value(scenarios + "national.ini"),
                         "national scenario")("repeats", po::value<int>()->default_value(3),
                                              "runs per figure (the median is printed)")(
      "weeks", po::value<std::uint32_t>()->default_value(52), "weeks stepped per timing run")(
      "full",
      "also time full national runs (burn-in plus run.weeks, median of --repeats) against the "
      "bound (a few minutes)")(
      "from", po::value<std::string>(),
      "also time run.weeks from this national checkpoint (samen burnin) against the bound")(
      "layout",
      "only time the weekly pass over the families in need with the family fields as arrays "
      "and as one record per family (seconds)")(
      "burn-in", po::value<std::uint32_t>()->default_value(0),
      "internal: weeks stepped without outcomes before --weeks")(
      "measure", po::value<std::string>(), "internal: measure one scenario in this process")(
      "threads", po::value<int>()->default_value(2), "internal: worker threads for --measure")(
      "set", po::value<std::vector<std::string>>()->composing(),
      "internal: override for --measure");
  const auto vm = parse(args, options);
  if (vm.count("help")) {
    std::cout
        << options
        << "\nPrints generation time, weeks per second, agent-updates per second, peak memory, "
           "the speedup of 2 threads over 1, the cost of doubling the families, and the "
           "national week beside the machine's bound: one pass over as many 64-byte records as "
           "the field has agents, one Philox block each, on the same threads, timed in the same "
           "process; their ratio means the same on any machine. The time of each phase of the "
           "week is shown too.\n";
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
                   weeks, vm["burn-in"].as<std::uint32_t>(),
                   vm.count("from") ? vm["from"].as<std::string>() : "");
  }
  if (vm.count("layout")) return layout_probe(vm["national"].as<std::string>());

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
  // The bound's own speedup says how far two threads can go on this machine:
  // on a VM whose cores share little memory bandwidth it stays below 2x.
  std::printf(
      "\nspeedup of 2 threads over 1 (weekly steps): region %.2fx, national %.2fx (target >= "
      "1.9x); the national bound's %.2fx\n",
      by_threads[0][0].step / by_threads[0][1].step, by_threads[1][0].step / by_threads[1][1].step,
      by_threads[1][0].bound / by_threads[1][1].bound);
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
  print_against_bound("\nnational, 2 threads, weekly steps with outcomes", by_threads[1][1]);
  const ModelScenario national_scenario = load_model_scenario(national, {});
  const std::uint32_t run_weeks = national_scenario.params.run.weeks;
  const std::uint32_t burn_weeks = national_scenario.params.run.burn_in_weeks;
  if (vm.count("full")) {
    const auto full = run_child(self, national, repeats, 2, run_weeks, "", burn_weeks);
    std::printf(
        "\nfull national run (generation, %u burn-in weeks, %u recorded weeks, 2 threads, median "
        "of %d): %.1f s, %.0f MiB peak (target <= 1024 MiB)\n",
        burn_weeks, run_weeks, repeats, full.generate + full.step, full.rss);
    std::printf(
        "  weeks %.2f s against the bound's %.2f s for %u weeks: ratio %.2fx (target <= "
        "3x); with generation %.2fx\n",
        full.step, full.bound, burn_weeks + run_weeks, full.step / full.bound,
        (full.generate + full.step) / full.bound);
    print_against_bound("  full run", full);
  }
  if (vm.count("from")) {
    const auto from =
        run_child(self, national, repeats, 2, run_weeks, "", 0, vm["from"].as<std::string>());
    std::printf(
        "\nnational run from checkpoint (%u recorded weeks, 2 threads, median of %d): loading "
        "%.2f s, weeks %.2f s, %.0f MiB peak\n",
        run_weeks, repeats, from.start, from.step, from.rss);
    std::printf(
        "  against the bound's %.2f s for %u weeks: ratio %.2fx (target <= 1.6x); with "
        "loading %.2fx\n",
        from.bound, run_weeks, from.step / from.bound, (from.start + from.step) / from.bound);
  }
  return 0;
}

}  // namespace samen::cli

// `samen calibrate`: ABC-SMC of dynamic rates against the survey's steady
// state (calibration/calibration.hpp); prints the posterior and the
// posterior-predictive check, writes the particles to HDF5.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "commands.hpp"
#include "options.hpp"
#include "samen/calibration/calibration.hpp"
#include "samen/io/output_guard.hpp"

namespace samen::cli {
namespace {

// The median and range of whole counts, e.g. of figures within their interval.
void print_counts(const char* what, std::vector<int> counts, std::size_t of) {
  std::sort(counts.begin(), counts.end());
  const std::size_t n = counts.size();
  const double median = n % 2 ? counts[n / 2] : 0.5 * (counts[n / 2 - 1] + counts[n / 2]);
  std::printf("  %-22s median %.1f of %zu (range %d-%d over %zu draws)\n", what, median, of,
              counts.front(), counts.back(), n);
}

double quantile(std::vector<double> v, double q) {
  v.erase(std::remove_if(v.begin(), v.end(), [](double x) { return std::isnan(x); }), v.end());
  if (v.empty()) return NAN;
  std::sort(v.begin(), v.end());
  const double at = q * static_cast<double>(v.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(at));
  const auto hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (at - static_cast<double>(lo)) * (v[hi] - v[lo]);
}

}  // namespace

int calibrate_command(const std::vector<std::string>& args) {
  namespace po = boost::program_options;
  po::options_description options("samen calibrate CALIB.ini [options]");
  options.add_options()("help,h", "show this help")("file", po::value<std::string>(),
                                                    "calibration file")(
      "threads", po::value<int>()->default_value(0), "worker threads (0: all cores)")(
      "out", po::value<std::string>(), "output HDF5 file (default: results/<name>.h5)");
  po::positional_options_description positional;
  positional.add("file", 1);
  const auto vm = parse(args, options, positional);
  if (vm.count("help")) {
    std::cout << options
              << "\nCalibrates the rates of CALIB.ini (default: the dynamic rates declared "
                 "'tuned to' a survey figure) by approximate Bayesian computation with sequential "
                 "Monte Carlo: uniform priors over their plausible ranges, one region simulation "
                 "per particle (burn-in, then virtual surveys of the steady state), distance the "
                 "sum of squared z-scores against the survey's sampling error. Writes the "
                 "weighted particles of every generation to OUT and prints the posterior and a "
                 "posterior-predictive check (docs/uncertainty.md, \"How to calibrate\").\n";
    return 0;
  }
  if (!vm.count("file")) throw UsageError{"missing the CALIB.ini file"};
  const auto limit = limit_threads(vm["threads"].as<int>());
  const CalibrationFile file = CalibrationFile::load(vm["file"].as<std::string>());
  const std::string out =
      vm.count("out") ? vm["out"].as<std::string>() : "results/" + file.name + ".h5";
  check_output_path(out, OutputKind::Hdf5, {file.path, file.scenario}, "--out");
  const OutputLock lock = OutputLock::file(out);
  if (const auto dir = std::filesystem::path(out).parent_path(); !dir.empty())
    std::filesystem::create_directories(dir);

  std::printf("samen calibrate: %zu parameters, %zu figures, population %zu, seed %u\n",
              file.parameters.size(), file.figures.size(), file.abc.population, file.abc.seed);
  std::fflush(stdout);
  const auto start = std::chrono::steady_clock::now();
  const Calibration c = run_calibration(
      file, [](const std::string& line) { std::fprintf(stderr, "  %s\n", line.c_str()); });
  write_calibration(out, c);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  std::printf("\n%-10s %12s %12s %12s\n", "generation", "epsilon", "acceptance", "simulations");
  for (std::size_t t = 0; t < c.abc.generations.size(); ++t) {
    const auto& g = c.abc.generations[t];
    std::printf("%-10zu %12.4g %12.3f %12zu\n", t, g.epsilon, g.acceptance_rate, g.simulations);
  }
  if (!c.abc.stop_reason.empty()) std::printf("stopped early: %s\n", c.abc.stop_reason.c_str());

  const auto& last = c.abc.generations.back();
  std::printf("\nposterior (last generation, weighted): median and 90%% interval\n");
  std::printf("  %-36s %-22s %12s %12s %12s\n", "parameter", "prior", "median", "5%", "95%");
  for (std::size_t k = 0; k < c.abc.parameters.size(); ++k) {
    const auto& p = c.abc.parameters[k];
    const auto s = uncertainty::summarise(last, k, 0.9);
    char prior[64];
    std::snprintf(prior, sizeof prior, "[%.4g, %.4g]%s", p.low, p.high,
                  p.scale == uncertainty::Scale::log ? " log" : "");
    std::printf("  %-36s %-22s %12.4g %12.4g %12.4g\n", p.name.c_str(), prior, s.median,
                s.interval.low, s.interval.high);
  }

  const PredictiveCheck& pc = c.check;
  std::size_t calibrated = 0;
  for (const bool b : pc.calibrated) calibrated += b;
  std::printf(
      "\nposterior-predictive check (%zu draws by weight, fresh streams): figures inside "
      "their survey 95%% interval\n",
      pc.draws.rows);
  print_counts("calibrated figures:", pc.within_calibrated, calibrated);
  print_counts("all survey figures:", pc.within_all, pc.figures.size());
  std::printf("  %-30s %9s %19s %9s %19s %8s\n", "figure", "survey", "95% interval", "model",
              "90% of draws", "inside");
  for (std::size_t f = 0; f < pc.figures.size(); ++f) {
    if (!pc.calibrated[f]) continue;
    std::vector<double> v(pc.draws.rows);
    int inside = 0;
    for (std::size_t d = 0; d < pc.draws.rows; ++d) {
      v[d] = pc.model(d, f);
      inside += v[d] >= pc.low[f] && v[d] <= pc.high[f];
    }
    std::printf("  %-30s %9.2f [%8.2f, %8.2f] %9.2f [%8.2f, %8.2f] %5d/%zu\n",
                pc.figures[f].c_str(), pc.survey[f], pc.low[f], pc.high[f], quantile(v, 0.5),
                quantile(v, 0.05), quantile(v, 0.95), inside, pc.draws.rows);
  }
  std::printf(
      "\n%zu simulations in %.0f s\n  %s\n",
      [&] {
        std::size_t n = pc.draws.rows;
        for (const auto& g : c.abc.generations) n += g.simulations;
        return n;
      }(),
      seconds, out.c_str());
  return 0;
}

}  // namespace samen::cli

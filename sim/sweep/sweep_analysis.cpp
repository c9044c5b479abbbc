#include "samen/sweep/sweep_analysis.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <sstream>
#include <stdexcept>

#include "samen/analysis/display.hpp"
#include "samen/core/numbers.hpp"
#include "samen/core/parameters.hpp"

namespace samen {
namespace {

std::string csv_number(double value) {
  if (std::isnan(value)) return "";
  std::ostringstream out;
  out.precision(10);
  out << value;
  return out.str();
}

std::string csv_text(const std::string& text) {
  if (text.find_first_of(",\"\n") == std::string::npos) return text;
  std::string out = "\"";
  for (const char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace

std::string SensitivityTarget::describe(const SweepData& data) const {
  return contrast ? scenario + " - " + data.scenarios.front() : "level of " + scenario;
}

std::vector<double> target_values(const SweepData& data, const SensitivityTarget& target,
                                  WeekWindow window) {
  const auto cube = data.window_means(target.outcome, window);
  const std::size_t s = data.scenario_index(target.scenario);
  if (!target.contrast) return cube.mean(s);
  if (s == 0)
    throw ConfigError("the contrast of the baseline '" + target.scenario +
                      "' with itself is 0 everywhere; name an option");
  return cube.contrast(s, 0);
}

std::vector<SensitivityRow> sensitivity(const SweepData& data, const SensitivityTarget& target,
                                        WeekWindow window,
                                        const uncertainty::BootstrapOptions& bootstrap) {
  const auto y = target_values(data, target, window);
  std::vector<SensitivityRow> rows;
  const std::string of = target.describe(data);
  try {
    if (data.design.kind == uncertainty::DesignKind::morris) {
      for (const auto& m : uncertainty::morris_indices(data.design, y, bootstrap))
        rows.push_back({target.outcome, of, m.name, m.mu_star, m.mu_star_ci.low, m.mu_star_ci.high,
                        m.mu, m.sigma, kNaN, kNaN, kNaN, kNaN, kNaN, kNaN});
      std::stable_sort(rows.begin(), rows.end(),
                       [](const auto& a, const auto& b) { return a.mu_star > b.mu_star; });
    } else if (data.design.kind == uncertainty::DesignKind::saltelli) {
      for (const auto& s : uncertainty::sobol_indices(data.design, y, bootstrap))
        rows.push_back({target.outcome, of, s.name, kNaN, kNaN, kNaN, kNaN, kNaN, s.first,
                        s.first_ci.low, s.first_ci.high, s.total, s.total_ci.low, s.total_ci.high});
      std::stable_sort(rows.begin(), rows.end(),
                       [](const auto& a, const auto& b) { return a.st > b.st; });
    } else {
      throw ConfigError("'" + data.path + "' holds a " + uncertainty::kind_name(data.design.kind) +
                        " design; sensitivity indices need design = morris (mu*, mu, sigma) or "
                        "design = saltelli (Sobol S1, ST). samen robustness reads any design");
    }
  } catch (const std::invalid_argument& e) {
    throw ConfigError("'" + data.path + "', " + target.outcome + " (" + of + "): " + e.what());
  }
  return rows;
}

std::string sensitivity_csv(const std::vector<SensitivityRow>& rows, uncertainty::DesignKind kind) {
  const bool morris = kind == uncertainty::DesignKind::morris;
  std::string out = morris
                        ? "outcome,parameter,mu_star,mu_star_ci_low,mu_star_ci_high,mu,sigma,of\n"
                        : "outcome,parameter,S1,S1_ci_low,S1_ci_high,ST,ST_ci_low,ST_ci_high,of\n";
  for (const auto& r : rows) {
    std::vector<double> v =
        morris
            ? std::vector<double>{r.mu_star, r.mu_star_ci_low, r.mu_star_ci_high, r.mu, r.sigma}
            : std::vector<double>{r.s1, r.s1_ci_low, r.s1_ci_high, r.st, r.st_ci_low, r.st_ci_high};
    out += csv_text(r.outcome) + "," + csv_text(r.parameter);
    for (const double x : v) out += "," + csv_number(x);
    out += "," + csv_text(r.of) + "\n";
  }
  return out;
}

Robustness robustness(const SweepData& data, const std::string& outcome, WeekWindow window,
                      const uncertainty::PrimOptions& prim) {
  const OutcomeSpec* spec = find_outcome(outcome);
  if (!spec || spec->better == Better::neither)
    throw ConfigError("outcome '" + outcome +
                      "' has no better direction (neither higher nor lower is better), so no "
                      "option improves it; choose an outcome whose 'better' is higher or lower "
                      "('samen outcomes' lists them)");
  if (data.scenarios.size() < 2)
    throw ConfigError("'" + data.path + "' holds the baseline only; robustness compares options");
  const auto cube = data.window_means(outcome, window);
  const double sign = spec->better == Better::higher ? 1.0 : -1.0;
  const std::size_t n = data.points(), count = data.scenarios.size(), reps = data.replicates;
  Robustness out;
  out.outcome = outcome;
  out.better = spec->better;
  out.window = window;
  out.points = n;
  out.options.resize(count);
  // gain[s][p]: the oriented mean paired difference with the baseline.
  std::vector<std::vector<double>> gain(count, std::vector<double>(n, 0.0));
  std::vector<std::vector<int>> fails(count, std::vector<int>(n, 0));
  for (std::size_t s = 0; s < count; ++s) {
    auto& o = out.options[s];
    o.option = data.scenarios[s];
    o.ranks.assign(count, 0);
    if (s == 0) continue;
    for (std::size_t p = 0; p < n; ++p) {
      std::vector<double> diffs(reps);
      for (std::size_t r = 0; r < reps; ++r)
        diffs[r] = sign * (cube.at(p, s, r) - cube.at(p, 0, r));
      const PairedStats stats = paired_stats(diffs);
      gain[s][p] = stats.mean;
      // With one replicate there is no interval: the sign decides.
      const double low = reps > 1 ? stats.ci_low : stats.mean;
      const double high = reps > 1 ? stats.ci_high : stats.mean;
      const bool better = low > 0.0, worse = high < 0.0;
      o.improves += better ? 1.0 : 0.0;
      o.worsens += worse ? 1.0 : 0.0;
      fails[s][p] = better ? 0 : 1;
    }
    o.improves /= static_cast<double>(n);
    o.worsens /= static_cast<double>(n);
  }
  for (std::size_t p = 0; p < n; ++p) {
    std::vector<std::size_t> order(count);
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return gain[a][p] > gain[b][p]; });
    const double top = gain[order[0]][p];
    for (std::size_t k = 0; k < count; ++k) {
      auto& o = out.options[order[k]];
      ++o.ranks[k];
      const double regret = top - gain[order[k]][p];
      o.mean_regret += regret / static_cast<double>(n);
      o.max_regret = std::max(o.max_regret, regret);
    }
    out.options[order[0]].best += 1.0 / static_cast<double>(n);
  }
  for (std::size_t s = 1; s < count; ++s) {
    auto& o = out.options[s];
    o.failures = static_cast<std::size_t>(std::count(fails[s].begin(), fails[s].end(), 1));
    if (o.failures > 0 && o.failures < n) {
      o.box = uncertainty::prim(data.design.unit, fails[s], prim);
      o.has_box = true;
    }
  }
  return out;
}

}  // namespace samen

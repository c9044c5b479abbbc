#include "samen/uncertainty/sensitivity.hpp"
#include "samen/core/numbers.hpp"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "draws.hpp"

namespace samen::uncertainty {
namespace {

// Consecutive Morris points differ by Delta >= 1/2 in one coordinate; anything
// above this is a real step, anything below is rounding.
constexpr double kStepTolerance = 1e-9;

void check_outcomes(const Design& design, const std::vector<double>& y, const char* who) {
  if (y.size() != design.points())
    throw std::invalid_argument(std::string(who) + ": expected one outcome per design point (" +
                                std::to_string(design.points()) + "), got " +
                                std::to_string(y.size()));
  for (std::size_t i = 0; i < y.size(); ++i)
    if (!std::isfinite(y[i]))
      throw std::invalid_argument(std::string(who) + ": the outcome of point " + std::to_string(i) +
                                  " is not a finite number");
}

// A design read back from a file may not hold the rows its structure promises.
void check_shape(const Design& d, std::size_t groups, std::size_t rows_per_group, const char* what,
                 const char* who) {
  if (groups < 2 || d.points() != groups * rows_per_group || d.parameters.size() != d.unit.cols)
    throw std::invalid_argument(std::string(who) + ": the design has " +
                                std::to_string(d.points()) + " points and " +
                                std::to_string(d.parameters.size()) + " parameters for " +
                                std::to_string(d.unit.cols) + " columns; expected " + what +
                                " (at least 2) x " + std::to_string(rows_per_group) + " points");
}

void check_bootstrap(const BootstrapOptions& b, const char* who) {
  detail::check_level(b.level, who);
  detail::entity(b.resamples, who);
}

// Elementary effects, effects[t * k + i] for trajectory t and parameter i.
std::vector<double> elementary_effects(const Design& d, const std::vector<double>& y) {
  const std::size_t k = d.unit.cols;
  const std::size_t rows = k + 1;
  std::vector<double> effects(d.trajectories * k, kNaN);
  for (std::size_t t = 0; t < d.trajectories; ++t)
    for (std::size_t s = 0; s < k; ++s) {
      const std::size_t a = t * rows + s;
      std::size_t moved = k, count = 0;
      for (std::size_t i = 0; i < k; ++i)
        if (std::abs(d.unit(a + 1, i) - d.unit(a, i)) > kStepTolerance) moved = i, ++count;
      if (count != 1)
        throw std::invalid_argument("morris_indices: points " + std::to_string(a) + " and " +
                                    std::to_string(a + 1) + " differ in " + std::to_string(count) +
                                    " parameters; a Morris step moves exactly one");
      double& e = effects[t * k + moved];
      if (!std::isnan(e))
        throw std::invalid_argument("morris_indices: trajectory " + std::to_string(t) +
                                    " moves parameter '" + d.parameters[moved].name + "' twice");
      e = (y[a + 1] - y[a]) / (d.unit(a + 1, moved) - d.unit(a, moved));
    }
  return effects;
}

// mu* of each parameter over the trajectories listed in `rows` (with repeats).
std::vector<double> mu_star(const std::vector<double>& effects, std::size_t k,
                            const std::vector<std::size_t>& trajectories) {
  std::vector<double> m(k, 0.0);
  for (const std::size_t t : trajectories)
    for (std::size_t i = 0; i < k; ++i) m[i] += std::abs(effects[t * k + i]);
  for (double& x : m) x /= static_cast<double>(trajectories.size());
  return m;
}

// S1 and ST of every parameter from the base samples listed in `rows`.
struct SobolEstimate {
  std::vector<double> first, total;
};

SobolEstimate sobol_estimate(const std::vector<double>& y, std::size_t k,
                             const std::vector<std::size_t>& rows) {
  const std::size_t block = k + 2;
  const double n = static_cast<double>(rows.size());
  double sum = 0.0;
  for (const std::size_t j : rows) sum += y[j * block] + y[j * block + k + 1];
  // Centring changes no expectation but keeps large outcome levels from
  // swamping the products in the estimators.
  const double mean = sum / (2.0 * n);
  double ss = 0.0;
  for (const std::size_t j : rows) {
    const double a = y[j * block] - mean, b = y[j * block + k + 1] - mean;
    ss += a * a + b * b;
  }
  const double variance = ss / (2.0 * n);
  SobolEstimate e{std::vector<double>(k, 0.0), std::vector<double>(k, 0.0)};
  for (const std::size_t j : rows) {
    const double a = y[j * block] - mean, b = y[j * block + k + 1] - mean;
    for (std::size_t i = 0; i < k; ++i) {
      const double ab = y[j * block + 1 + i] - mean;
      e.first[i] += b * (ab - a);
      e.total[i] += (a - ab) * (a - ab);
    }
  }
  for (std::size_t i = 0; i < k; ++i) {
    // A resample of identical rows has no variance: no estimate.
    e.first[i] = variance > 0.0 ? e.first[i] / (n * variance) : kNaN;
    e.total[i] = variance > 0.0 ? e.total[i] / (2.0 * n * variance) : kNaN;
  }
  return e;
}

// Draws n indices below n with replacement from resample b's stream.
std::vector<std::size_t> resample(std::uint32_t seed, detail::Draw what, std::size_t b,
                                  std::size_t n) {
  Stream stream = detail::stream(seed, what, static_cast<std::uint32_t>(b));
  std::vector<std::size_t> rows(n);
  for (std::size_t& r : rows) r = stream.below(static_cast<std::uint32_t>(n));
  return rows;
}

std::vector<std::size_t> all_rows(std::size_t n) {
  std::vector<std::size_t> rows(n);
  for (std::size_t i = 0; i < n; ++i) rows[i] = i;
  return rows;
}

// Returns, per parameter, the percentile interval of column i of `draws`
// (resamples x k, row-major), leaving out resamples without an estimate.
std::vector<Interval> intervals(const std::vector<double>& draws, std::size_t k, double level) {
  const std::size_t resamples = draws.size() / k;
  std::vector<Interval> out(k, Interval{kNaN, kNaN});
  if (resamples == 0) return out;
  for (std::size_t i = 0; i < k; ++i) {
    std::vector<double> column;
    column.reserve(resamples);
    for (std::size_t b = 0; b < resamples; ++b)
      if (!std::isnan(draws[b * k + i])) column.push_back(draws[b * k + i]);
    out[i] = detail::percentile_interval(std::move(column), level);
  }
  return out;
}

}  // namespace

std::vector<MorrisIndex> morris_indices(const Design& design, const std::vector<double>& y,
                                        const BootstrapOptions& bootstrap) {
  if (design.kind != DesignKind::morris)
    throw std::invalid_argument("morris_indices: needs a morris design (got " +
                                kind_name(design.kind) + ")");
  check_shape(design, design.trajectories, design.unit.cols + 1, "trajectories", "morris_indices");
  check_outcomes(design, y, "morris_indices");
  check_bootstrap(bootstrap, "morris_indices");
  const std::size_t k = design.unit.cols;
  const std::size_t r = design.trajectories;
  const std::vector<double> effects = elementary_effects(design, y);

  std::vector<MorrisIndex> out(k);
  const std::vector<double> star = mu_star(effects, k, all_rows(r));
  for (std::size_t i = 0; i < k; ++i) {
    double sum = 0.0;
    for (std::size_t t = 0; t < r; ++t) sum += effects[t * k + i];
    const double mu = sum / static_cast<double>(r);
    double ss = 0.0;
    for (std::size_t t = 0; t < r; ++t) ss += (effects[t * k + i] - mu) * (effects[t * k + i] - mu);
    out[i].name = design.parameters[i].name;
    out[i].mu = mu;
    out[i].mu_star = star[i];
    out[i].sigma = std::sqrt(ss / static_cast<double>(r - 1));
  }

  std::vector<double> draws(bootstrap.resamples * k);
  tbb::parallel_for(std::size_t{0}, bootstrap.resamples, [&](std::size_t b) {
    const std::vector<double> m =
        mu_star(effects, k, resample(bootstrap.seed, detail::Draw::morris_bootstrap, b, r));
    std::copy(m.begin(), m.end(), draws.begin() + static_cast<std::ptrdiff_t>(b * k));
  });
  const std::vector<Interval> ci = intervals(draws, k, bootstrap.level);
  for (std::size_t i = 0; i < k; ++i) out[i].mu_star_ci = ci[i];
  return out;
}

std::vector<SobolIndex> sobol_indices(const Design& design, const std::vector<double>& y,
                                      const BootstrapOptions& bootstrap) {
  if (design.kind != DesignKind::saltelli)
    throw std::invalid_argument("sobol_indices: needs a saltelli design (got " +
                                kind_name(design.kind) + ")");
  check_shape(design, design.base_samples, design.unit.cols + 2, "base_samples", "sobol_indices");
  check_outcomes(design, y, "sobol_indices");
  check_bootstrap(bootstrap, "sobol_indices");
  const std::size_t k = design.unit.cols;
  const std::size_t n = design.base_samples;
  const SobolEstimate e = sobol_estimate(y, k, all_rows(n));
  if (std::isnan(e.first[0]))
    throw std::invalid_argument("sobol_indices: the outcome is the same (" + detail::number(y[0]) +
                                ") at every A and B point, so its variance has no shares");

  std::vector<double> first(bootstrap.resamples * k), total(bootstrap.resamples * k);
  tbb::parallel_for(std::size_t{0}, bootstrap.resamples, [&](std::size_t b) {
    const SobolEstimate s =
        sobol_estimate(y, k, resample(bootstrap.seed, detail::Draw::sobol_bootstrap, b, n));
    for (std::size_t i = 0; i < k; ++i) {
      first[b * k + i] = s.first[i];
      total[b * k + i] = s.total[i];
    }
  });
  const std::vector<Interval> first_ci = intervals(first, k, bootstrap.level);
  const std::vector<Interval> total_ci = intervals(total, k, bootstrap.level);
  std::vector<SobolIndex> out(k);
  for (std::size_t i = 0; i < k; ++i)
    out[i] = {design.parameters[i].name, e.first[i], e.total[i], first_ci[i], total_ci[i]};
  return out;
}

}  // namespace samen::uncertainty

#include "samen/uncertainty/design.hpp"

#include <algorithm>
#include <boost/random/sobol.hpp>
#include <cmath>
#include <numeric>
#include <set>
#include <stdexcept>

#include "draws.hpp"

namespace samen::uncertainty {
namespace {

using detail::number;

// Boost's 64-bit Sobol engine returns integers in [0, 2^64); scaling by 2^-64
// is what boost::random::uniform_01 does with it, and is exact for the first
// 2^53 points because their low bits are zero.
constexpr double kSobolScale = 0x1p-64;

// boost::random::sobol's table covers this many dimensions.
constexpr std::size_t kSobolMaxDimension = 3667;

void check_points(std::size_t points, const char* who) {
  if (points == 0)
    throw std::invalid_argument(std::string(who) + ": points must be at least 1 (got 0)");
}

// Returns n rows of the `dims`-dimensional Sobol sequence after `skip` points.
Matrix sobol_unit(std::size_t n, std::size_t dims, std::size_t skip, const char* who) {
  if (dims > kSobolMaxDimension)
    throw std::invalid_argument(std::string(who) + ": the Sobol sequence has at most " +
                                std::to_string(kSobolMaxDimension) + " dimensions (asked " +
                                std::to_string(dims) + ")");
  boost::random::sobol engine(dims);
  engine.seed(skip);
  Matrix m(n, dims);
  for (double& x : m.values) x = static_cast<double>(engine()) * kSobolScale;
  return m;
}

// Returns a uniformly random permutation of 0..n-1 (Fisher-Yates).
std::vector<std::size_t> permutation(Stream& stream, std::size_t n) {
  std::vector<std::size_t> p(n);
  std::iota(p.begin(), p.end(), std::size_t{0});
  for (std::size_t i = n; i > 1; --i)
    std::swap(p[i - 1], p[stream.below(static_cast<std::uint32_t>(i))]);
  return p;
}

// Returns the k + 1 points of one Morris trajectory drawn from `stream`.
Matrix morris_trajectory(Stream& stream, std::size_t k, std::size_t levels, double delta) {
  const double step = 1.0 / static_cast<double>(levels - 1);
  // Starts x* lie on the lower half of the grid so that x* + Delta <= 1.
  const auto starts = static_cast<std::uint32_t>(levels / 2);
  Matrix t(k + 1, k);
  std::vector<double> direction(k);
  for (std::size_t i = 0; i < k; ++i) {
    const double base = static_cast<double>(stream.below(starts)) * step;
    direction[i] = stream.bernoulli(0.5) ? 1.0 : -1.0;
    // Going down starts Delta higher, so every point stays on the grid in [0, 1].
    t(0, i) = direction[i] > 0 ? base : std::min(1.0, base + delta);
  }
  const std::vector<std::size_t> order = permutation(stream, k);
  for (std::size_t s = 0; s < k; ++s) {
    for (std::size_t i = 0; i < k; ++i) t(s + 1, i) = t(s, i);
    const std::size_t i = order[s];
    t(s + 1, i) = std::clamp(t(s, i) + direction[i] * delta, 0.0, 1.0);
  }
  return t;
}

// Campolongo's distance between trajectories m and l of `rows` x k each.
double trajectory_distance(const Matrix& unit, std::size_t rows, std::size_t m, std::size_t l) {
  double d = 0.0;
  for (std::size_t i = 0; i < rows; ++i)
    for (std::size_t j = 0; j < rows; ++j) {
      double sq = 0.0;
      for (std::size_t c = 0; c < unit.cols; ++c) {
        const double diff = unit(m * rows + i, c) - unit(l * rows + j, c);
        sq += diff * diff;
      }
      d += std::sqrt(sq);
    }
  return d;
}

// Returns `keep` trajectory indices among the candidates that greedily
// maximise the sum of squared pairwise distances, ascending.
std::vector<std::size_t> spread_selection(const Matrix& candidates, std::size_t rows,
                                          std::size_t keep) {
  const std::size_t m = candidates.rows / rows;
  std::vector<double> d2(m * m, 0.0);
  for (std::size_t a = 0; a < m; ++a)
    for (std::size_t b = a + 1; b < m; ++b) {
      const double d = trajectory_distance(candidates, rows, a, b);
      d2[a * m + b] = d2[b * m + a] = d * d;
    }
  // The exhaustive search of Campolongo et al. is combinatorial in m; a greedy
  // forward selection from the farthest pair keeps it quadratic.
  std::size_t first = 0, second = 1;
  for (std::size_t a = 0; a < m; ++a)
    for (std::size_t b = a + 1; b < m; ++b)
      if (d2[a * m + b] > d2[first * m + second]) first = a, second = b;
  std::vector<std::size_t> chosen{first, second};
  std::vector<double> gain(m, 0.0);  // sum of d^2 to the chosen ones
  std::vector<bool> taken(m, false);
  taken[first] = taken[second] = true;
  for (std::size_t c = 0; c < m; ++c) gain[c] = d2[c * m + first] + d2[c * m + second];
  while (chosen.size() < keep) {
    std::size_t best = m;
    for (std::size_t c = 0; c < m; ++c)
      if (!taken[c] && (best == m || gain[c] > gain[best])) best = c;
    chosen.push_back(best);
    taken[best] = true;
    for (std::size_t c = 0; c < m; ++c) gain[c] += d2[c * m + best];
  }
  std::sort(chosen.begin(), chosen.end());
  return chosen;
}

Design make_design(DesignKind kind, const std::vector<Parameter>& parameters, Matrix unit) {
  Design d;
  d.kind = kind;
  d.parameters = parameters;
  d.unit = std::move(unit);
  return d;
}

}  // namespace

void check_parameters(const std::vector<Parameter>& parameters) {
  if (parameters.empty()) throw std::invalid_argument("design: no parameters given");
  std::set<std::string> seen;
  for (const Parameter& p : parameters) {
    const std::string who = "parameter '" + p.name + "': ";
    if (p.name.empty()) throw std::invalid_argument("design: a parameter has an empty name");
    if (!seen.insert(p.name).second) throw std::invalid_argument(who + "named twice");
    if (!std::isfinite(p.low) || !std::isfinite(p.high))
      throw std::invalid_argument(who + "low and high must be finite numbers (got [" +
                                  number(p.low) + ", " + number(p.high) + "])");
    if (!(p.low < p.high))
      throw std::invalid_argument(who + "low must be below high (got [" + number(p.low) + ", " +
                                  number(p.high) + "])");
    if (p.scale == Scale::log && !(p.low > 0.0))
      throw std::invalid_argument(who + "log scale needs low > 0 (got low = " + number(p.low) +
                                  ")");
  }
}

double to_value(const Parameter& p, double u) {
  if (u <= 0.0) return p.low;
  if (u >= 1.0) return p.high;
  if (p.scale == Scale::log) return std::exp(std::log(p.low) + u * std::log(p.high / p.low));
  return p.low + u * (p.high - p.low);
}

double to_unit(const Parameter& p, double value) {
  if (p.scale == Scale::log) return std::log(value / p.low) / std::log(p.high / p.low);
  return (value - p.low) / (p.high - p.low);
}

std::string kind_name(DesignKind kind) {
  switch (kind) {
    case DesignKind::grid:
      return "grid";
    case DesignKind::latin_hypercube:
      return "latin_hypercube";
    case DesignKind::sobol:
      return "sobol";
    case DesignKind::morris:
      return "morris";
    case DesignKind::saltelli:
      return "saltelli";
  }
  return "unknown";
}

Matrix Design::values() const {
  Matrix m(unit.rows, unit.cols);
  for (std::size_t r = 0; r < unit.rows; ++r)
    for (std::size_t c = 0; c < unit.cols; ++c) m(r, c) = to_value(parameters[c], unit(r, c));
  return m;
}

std::vector<double> Design::point_values(std::size_t point) const {
  std::vector<double> v(unit.cols);
  for (std::size_t c = 0; c < unit.cols; ++c) v[c] = to_value(parameters[c], unit(point, c));
  return v;
}

Design grid_design(const std::vector<Parameter>& parameters,
                   const std::vector<std::size_t>& levels) {
  check_parameters(parameters);
  const std::size_t k = parameters.size();
  if (levels.size() != 1 && levels.size() != k)
    throw std::invalid_argument(
        "grid_design: give one number of levels for all parameters or one "
        "per parameter (got " +
        std::to_string(levels.size()) + " for " + std::to_string(k) + " parameters)");
  std::vector<std::size_t> n(k);
  std::size_t points = 1;
  for (std::size_t i = 0; i < k; ++i) {
    n[i] = levels.size() == 1 ? levels[0] : levels[i];
    if (n[i] == 0)
      throw std::invalid_argument("grid_design: parameter '" + parameters[i].name +
                                  "' needs at least 1 level (got 0)");
    if (points > 100000000 / n[i])
      throw std::invalid_argument("grid_design: more than 10^8 points; use fewer levels");
    points *= n[i];
  }
  Matrix unit(points, k);
  for (std::size_t r = 0; r < points; ++r) {
    std::size_t rest = r;
    for (std::size_t i = k; i-- > 0;) {
      const std::size_t level = rest % n[i];
      rest /= n[i];
      unit(r, i) = n[i] == 1 ? 0.5 : static_cast<double>(level) / static_cast<double>(n[i] - 1);
    }
  }
  return make_design(DesignKind::grid, parameters, std::move(unit));
}

Design latin_hypercube_design(const std::vector<Parameter>& parameters, std::size_t points,
                              std::uint32_t seed) {
  check_parameters(parameters);
  check_points(points, "latin_hypercube_design");
  detail::entity(points, "latin_hypercube_design");
  const std::size_t k = parameters.size();
  Matrix unit(points, k);
  const double n = static_cast<double>(points);
  for (std::size_t c = 0; c < k; ++c) {
    Stream stream =
        detail::stream(seed, detail::Draw::latin_hypercube, detail::entity(c, "latin_hypercube"));
    const std::vector<std::size_t> strata = permutation(stream, points);
    for (std::size_t r = 0; r < points; ++r)
      unit(r, c) = (static_cast<double>(strata[r]) + stream.uniform()) / n;
  }
  return make_design(DesignKind::latin_hypercube, parameters, std::move(unit));
}

Design sobol_design(const std::vector<Parameter>& parameters, std::size_t points,
                    std::size_t skip) {
  check_parameters(parameters);
  check_points(points, "sobol_design");
  return make_design(DesignKind::sobol, parameters,
                     sobol_unit(points, parameters.size(), skip, "sobol_design"));
}

Design morris_design(const std::vector<Parameter>& parameters, const MorrisOptions& options) {
  check_parameters(parameters);
  const std::size_t k = parameters.size();
  const std::size_t p = options.levels;
  if (p < 2 || p % 2 != 0)
    throw std::invalid_argument(
        "morris_design: levels must be even and at least 2 (got " + std::to_string(p) +
        "), so that the step Delta = p / (2 (p - 1)) lands on a grid level");
  if (options.trajectories < 2)
    throw std::invalid_argument("morris_design: trajectories must be at least 2 (got " +
                                std::to_string(options.trajectories) + ")");
  if (options.candidates != 0 && options.candidates <= options.trajectories)
    throw std::invalid_argument("morris_design: candidates must exceed trajectories (got " +
                                std::to_string(options.candidates) + " candidates for " +
                                std::to_string(options.trajectories) +
                                " trajectories), or be 0 to keep the first ones drawn");
  const double delta = static_cast<double>(p) / (2.0 * static_cast<double>(p - 1));
  const std::size_t drawn = std::max(options.trajectories, options.candidates);
  detail::entity(drawn, "morris_design");
  const std::size_t rows = k + 1;
  Matrix all(drawn * rows, k);
  for (std::size_t m = 0; m < drawn; ++m) {
    Stream stream =
        detail::stream(options.seed, detail::Draw::morris, static_cast<std::uint32_t>(m));
    const Matrix t = morris_trajectory(stream, k, p, delta);
    std::copy(t.values.begin(), t.values.end(),
              all.values.begin() + static_cast<std::ptrdiff_t>(m * rows * k));
  }
  Matrix unit(options.trajectories * rows, k);
  if (drawn == options.trajectories) {
    unit = std::move(all);
  } else {
    const std::vector<std::size_t> keep = spread_selection(all, rows, options.trajectories);
    for (std::size_t t = 0; t < keep.size(); ++t)
      std::copy(all.values.begin() + static_cast<std::ptrdiff_t>(keep[t] * rows * k),
                all.values.begin() + static_cast<std::ptrdiff_t>((keep[t] + 1) * rows * k),
                unit.values.begin() + static_cast<std::ptrdiff_t>(t * rows * k));
  }
  Design d = make_design(DesignKind::morris, parameters, std::move(unit));
  d.trajectories = options.trajectories;
  d.levels = p;
  d.delta = delta;
  return d;
}

double trajectory_spread(const Design& morris) {
  if (morris.kind != DesignKind::morris)
    throw std::invalid_argument("trajectory_spread: needs a morris design (got " +
                                kind_name(morris.kind) + ")");
  const std::size_t rows = morris.unit.cols + 1;
  double sum = 0.0;
  for (std::size_t a = 0; a < morris.trajectories; ++a)
    for (std::size_t b = a + 1; b < morris.trajectories; ++b) {
      const double d = trajectory_distance(morris.unit, rows, a, b);
      sum += d * d;
    }
  return std::sqrt(sum);
}

Design saltelli_design(const std::vector<Parameter>& parameters, std::size_t base_samples,
                       std::size_t skip) {
  check_parameters(parameters);
  if (base_samples < 2)
    throw std::invalid_argument("saltelli_design: base_samples must be at least 2 (got " +
                                std::to_string(base_samples) + ")");
  const std::size_t k = parameters.size();
  const Matrix ab = sobol_unit(base_samples, 2 * k, skip, "saltelli_design");
  const std::size_t rows = k + 2;
  Matrix unit(base_samples * rows, k);
  for (std::size_t j = 0; j < base_samples; ++j) {
    for (std::size_t r = 0; r < rows; ++r)
      for (std::size_t c = 0; c < k; ++c) {
        // Row 0 is A, row k + 1 is B, row 1 + i is A with column i from B.
        const bool from_b = r == k + 1 || r == c + 1;
        unit(j * rows + r, c) = ab(j, from_b ? k + c : c);
      }
  }
  Design d = make_design(DesignKind::saltelli, parameters, std::move(unit));
  d.base_samples = base_samples;
  return d;
}

}  // namespace samen::uncertainty

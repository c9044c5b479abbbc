#include "samen/uncertainty/abc_smc.hpp"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

#include "draws.hpp"

namespace samen::uncertainty {
namespace {

using detail::number;

constexpr double kInfinity = std::numeric_limits<double>::infinity();

// A proposal whose perturbations keep leaving the prior this often in a row
// means the population has piled up in a corner that the kernel cannot leave.
constexpr std::size_t kMaxPerturbations = 1000000;

// A component whose particles all agree would give a zero-width kernel and a
// degenerate density; this floor (in unit-cube units) keeps the kernel proper.
constexpr double kMinKernelSd = 1e-9;

// Keys given to the distance callback are 32-bit replicate numbers.
constexpr std::size_t kMaxKeys = 0xFFFFFFFFu;

void check_options(const std::vector<Parameter>& parameters, const AbcOptions& o) {
  check_parameters(parameters);
  auto fail = [](const std::string& what) { throw std::invalid_argument("abc_smc: " + what); };
  if (o.population < 2)
    fail("population must be at least 2 (got " + std::to_string(o.population) + ")");
  if (o.batch == 0) fail("batch must be at least 1 (got 0)");
  if (o.max_proposals < o.population || o.max_proposals > kMaxKeys)
    fail("max_proposals must lie between the population (" + std::to_string(o.population) +
         ") and 2^32 - 1 (got " + std::to_string(o.max_proposals) + ")");
  if (o.tolerances.empty()) {
    if (o.generations == 0) fail("generations must be at least 1 (got 0)");
    if (!(o.quantile > 0.0 && o.quantile < 1.0))
      fail("quantile must lie strictly between 0 and 1 (got " + number(o.quantile) + ")");
  }
  for (std::size_t t = 0; t < o.tolerances.size(); ++t) {
    if (!(o.tolerances[t] >= 0.0))
      fail("tolerance " + std::to_string(t) + " must be at least 0 (got " +
           number(o.tolerances[t]) + ")");
    if (t > 0 && !(o.tolerances[t] < o.tolerances[t - 1]))
      fail("tolerances must decrease (tolerance " + std::to_string(t) + " is " +
           number(o.tolerances[t]) + " after " + number(o.tolerances[t - 1]) + ")");
  }
  if (!(o.min_acceptance >= 0.0 && o.min_acceptance <= 1.0))
    fail("min_acceptance must lie in [0, 1] (got " + number(o.min_acceptance) + ")");
}

// The previous population, in unit-cube coordinates, that proposals move from.
struct Population {
  Matrix unit;
  std::vector<double> weights;     // normalised
  std::vector<double> cumulative;  // running sum of weights, last exactly 1
  std::vector<double> sd;          // kernel sd per component
};

Population make_population(Matrix unit, std::vector<double> weights) {
  Population p{std::move(unit), std::move(weights), {}, {}};
  const std::size_t n = p.unit.rows, k = p.unit.cols;
  p.cumulative.resize(n);
  std::partial_sum(p.weights.begin(), p.weights.end(), p.cumulative.begin());
  p.cumulative.back() = 1.0;
  p.sd.assign(k, 0.0);
  for (std::size_t c = 0; c < k; ++c) {
    double mean = 0.0, var = 0.0;
    for (std::size_t j = 0; j < n; ++j) mean += p.weights[j] * p.unit(j, c);
    for (std::size_t j = 0; j < n; ++j) var += p.weights[j] * std::pow(p.unit(j, c) - mean, 2);
    p.sd[c] = std::max(kMinKernelSd, std::sqrt(2.0 * var));
  }
  return p;
}

// Writes proposal `u` (k values) drawn from the prior or from `previous`.
void propose(Stream& stream, const Population* previous, std::size_t generation, double* u,
             std::size_t k) {
  if (!previous) {
    for (std::size_t c = 0; c < k; ++c) u[c] = stream.uniform();
    return;
  }
  for (std::size_t attempt = 0; attempt < kMaxPerturbations; ++attempt) {
    const double pick = stream.uniform();
    const auto it =
        std::upper_bound(previous->cumulative.begin(), previous->cumulative.end(), pick);
    const auto j = std::min<std::size_t>(
        static_cast<std::size_t>(it - previous->cumulative.begin()), previous->unit.rows - 1);
    bool inside = true;
    for (std::size_t c = 0; c < k; ++c) {
      u[c] = previous->unit(j, c) + previous->sd[c] * stream.normal();
      inside = inside && u[c] >= 0.0 && u[c] <= 1.0;
    }
    if (inside) return;
  }
  throw std::runtime_error("abc_smc: generation " + std::to_string(generation) + ": " +
                           std::to_string(kMaxPerturbations) +
                           " perturbed particles in a row fell outside the prior");
}

// Toni et al.'s weights, normalised: prior (constant in the unit cube) over the
// previous population's kernel mixture, computed in logs to avoid underflow.
std::vector<double> importance_weights(const Matrix& unit, const Population& previous) {
  const std::size_t n = unit.rows, m = previous.unit.rows, k = unit.cols;
  std::vector<double> log_w(n);
  tbb::parallel_for(std::size_t{0}, n, [&](std::size_t i) {
    std::vector<double> terms(m);
    double top = -kInfinity;
    for (std::size_t j = 0; j < m; ++j) {
      double s = std::log(previous.weights[j]);
      for (std::size_t c = 0; c < k; ++c) {
        const double z = (unit(i, c) - previous.unit(j, c)) / previous.sd[c];
        s -= 0.5 * z * z;
      }
      terms[j] = s;
      top = std::max(top, s);
    }
    double sum = 0.0;
    for (const double t : terms) sum += std::exp(t - top);
    log_w[i] = -(top + std::log(sum));
  });
  const double top = *std::max_element(log_w.begin(), log_w.end());
  std::vector<double> w(n);
  double total = 0.0;
  for (std::size_t i = 0; i < n; ++i) total += w[i] = std::exp(log_w[i] - top);
  for (double& x : w) x /= total;
  return w;
}

}  // namespace

AbcResult abc_smc(const std::vector<Parameter>& parameters, const AbcDistance& distance,
                  const AbcOptions& o) {
  check_options(parameters, o);
  const std::size_t k = parameters.size();
  const std::size_t n = o.population;
  const bool adaptive = o.tolerances.empty();
  const std::size_t generations = adaptive ? o.generations : o.tolerances.size();

  AbcResult result;
  result.parameters = parameters;
  Population previous;
  std::size_t keys_used = 0;  // proposals of earlier generations
  for (std::size_t t = 0; t < generations; ++t) {
    double epsilon = 0.0;
    if (!adaptive) {
      epsilon = o.tolerances[t];
    } else if (t == 0) {
      epsilon = kInfinity;
    } else {
      const AbcGeneration& last = result.generations.back();
      epsilon = weighted_quantile(last.distances, last.weights, o.quantile);
    }

    Matrix accepted(n, k);
    std::vector<double> accepted_distance(n);
    std::size_t count = 0, examined = 0, evaluated = 0;
    std::vector<double> proposal(o.batch * k), d(o.batch);
    while (count < n) {
      if (evaluated + o.batch > o.max_proposals || keys_used + evaluated + o.batch > kMaxKeys) {
        result.complete = false;
        result.stop_reason = "generation " + std::to_string(t) + " accepted " +
                             std::to_string(count) + " of " + std::to_string(n) +
                             " particles within " + std::to_string(evaluated) +
                             " proposals at epsilon " + number(epsilon);
        return result;
      }
      tbb::parallel_for(std::size_t{0}, o.batch, [&](std::size_t i) {
        const std::size_t index = evaluated + i;
        Stream stream =
            detail::stream(o.seed, detail::Draw::abc_proposal, static_cast<std::uint32_t>(index),
                           static_cast<std::uint32_t>(t));
        double* u = &proposal[i * k];
        propose(stream, t == 0 ? nullptr : &previous, t, u, k);
        std::vector<double> theta(k);
        for (std::size_t c = 0; c < k; ++c) theta[c] = to_value(parameters[c], u[c]);
        d[i] = distance(theta, StreamKey{o.seed, static_cast<std::uint32_t>(keys_used + index)});
      });
      // Accept in index order, so which proposals win never depends on timing.
      for (std::size_t i = 0; i < o.batch && count < n; ++i) {
        if (!(d[i] <= epsilon)) continue;
        std::copy(&proposal[i * k], &proposal[i * k] + k, &accepted.values[count * k]);
        accepted_distance[count++] = d[i];
        examined = evaluated + i + 1;
      }
      evaluated += o.batch;
    }
    keys_used += evaluated;

    std::vector<double> weights = t == 0 ? std::vector<double>(n, 1.0 / static_cast<double>(n))
                                         : importance_weights(accepted, previous);
    AbcGeneration g;
    g.epsilon = epsilon;
    g.particles = Matrix(n, k);
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t c = 0; c < k; ++c)
        g.particles(i, c) = to_value(parameters[c], accepted(i, c));
    g.weights = weights;
    g.distances = std::move(accepted_distance);
    g.acceptance_rate = static_cast<double>(n) / static_cast<double>(examined);
    g.simulations = evaluated;
    result.generations.push_back(std::move(g));
    previous = make_population(std::move(accepted), std::move(weights));

    if (t + 1 < generations && result.generations.back().acceptance_rate < o.min_acceptance) {
      result.stop_reason = "the acceptance rate of generation " + std::to_string(t) + " (" +
                           number(result.generations.back().acceptance_rate) +
                           ") fell below min_acceptance (" + number(o.min_acceptance) + ")";
      break;
    }
  }
  return result;
}

double weighted_quantile(const std::vector<double>& values, const std::vector<double>& weights,
                         double q) {
  if (values.empty() || values.size() != weights.size())
    throw std::invalid_argument("weighted_quantile: needs as many weights as values (got " +
                                std::to_string(values.size()) + " values and " +
                                std::to_string(weights.size()) + " weights), at least one");
  if (!(q >= 0.0 && q <= 1.0))
    throw std::invalid_argument("weighted_quantile: q must lie in [0, 1] (got " + number(q) + ")");
  double total = 0.0;
  for (const double w : weights) {
    if (!(w >= 0.0) || !std::isfinite(w))
      throw std::invalid_argument("weighted_quantile: weights must be finite and >= 0 (got " +
                                  number(w) + ")");
    total += w;
  }
  if (!(total > 0.0)) throw std::invalid_argument("weighted_quantile: all weights are 0");
  std::vector<std::size_t> order(values.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
  // Rounding in the running sum must not step past a quantile the weights hit exactly.
  const double target = q * total * (1.0 - 1e-12);
  double running = 0.0;
  for (const std::size_t i : order) {
    running += weights[i];
    if (running >= target && weights[i] > 0.0) return values[i];
  }
  return values[order.back()];
}

PosteriorSummary summarise(const AbcGeneration& generation, std::size_t parameter, double level) {
  detail::check_level(level, "summarise");
  if (parameter >= generation.particles.cols)
    throw std::out_of_range("summarise: parameter " + std::to_string(parameter) +
                            " does not exist (the population has " +
                            std::to_string(generation.particles.cols) + ")");
  std::vector<double> column(generation.particles.rows);
  for (std::size_t i = 0; i < column.size(); ++i) column[i] = generation.particles(i, parameter);
  return {weighted_quantile(column, generation.weights, 0.5),
          {weighted_quantile(column, generation.weights, (1.0 - level) / 2.0),
           weighted_quantile(column, generation.weights, (1.0 + level) / 2.0)}};
}

}  // namespace samen::uncertainty

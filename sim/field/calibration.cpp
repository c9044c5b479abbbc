#include "samen/field/calibration.hpp"

#include <algorithm>
#include <boost/math/special_functions/erf.hpp>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <string>

#include "samen/core/numbers.hpp"
#include "samen/core/parameters.hpp"

namespace samen {
namespace {

// Latent values beyond +-40 standard deviations are certain either way.
constexpr double kLatentBound = 40.0;
constexpr int kBisectionSteps = 100;
constexpr int kFittingSweeps = 500;

double weighted_share_below(const Calibrand& units, double cut) {
  double num = 0.0, den = 0.0;
  for (std::size_t i = 0; i < units.weight.size(); ++i) {
    const double w = units.weight[i];
    if (w <= 0.0) continue;
    den += w;
    num += w * normal_cdf(cut - units.eta[i]);
  }
  return den > 0.0 ? num / den : 0.0;
}

}  // namespace

double normal_cdf(double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }

double normal_quantile(double p) { return -std::sqrt(2.0) * boost::math::erfc_inv(2.0 * p); }

std::vector<double> solve_cutpoints(const Calibrand& units, const std::vector<double>& shares) {
  std::vector<double> cuts;
  double cumulative = 0.0;
  for (std::size_t k = 0; k + 1 < shares.size(); ++k) {
    cumulative += shares[k];
    if (cumulative <= 0.0) {
      cuts.push_back(-kInf);
      continue;
    }
    if (cumulative >= 1.0) {
      cuts.push_back(kInf);
      continue;
    }
    double lo = -kLatentBound, hi = kLatentBound;
    for (int step = 0; step < kBisectionSteps; ++step) {
      const double mid = 0.5 * (lo + hi);
      (weighted_share_below(units, mid) < cumulative ? lo : hi) = mid;
    }
    cuts.push_back(0.5 * (lo + hi));
  }
  return cuts;
}

int ordered_category(double y, const std::vector<double>& cutpoints) {
  int k = 0;
  while (k < static_cast<int>(cutpoints.size()) && y > cutpoints[static_cast<std::size_t>(k)]) ++k;
  return k;
}

double solve_intercept(const Calibrand& units, double share) {
  if (share <= 0.0) return -kInf;
  if (share >= 1.0) return kInf;
  // P(yes) = Phi(a + eta) = P(eps <= a + eta) = 1 - P(y = eta + eps' <= -a).
  const auto cuts = solve_cutpoints(units, {1.0 - share, share});
  return -cuts[0];
}

std::vector<double> solve_multinomial(const std::vector<double>& weight,
                                      const std::vector<std::vector<double>>& eta,
                                      const std::vector<double>& shares) {
  const std::size_t k_count = shares.size();
  std::vector<double> alpha(k_count, 0.0);
  for (std::size_t k = 0; k < k_count; ++k)
    if (shares[k] <= 0.0) alpha[k] = -kInf;
  std::vector<double> expected(k_count);
  for (int sweep = 0; sweep < kFittingSweeps; ++sweep) {
    std::fill(expected.begin(), expected.end(), 0.0);
    double total = 0.0;
    for (std::size_t i = 0; i < weight.size(); ++i) {
      if (weight[i] <= 0.0) continue;
      double norm = 0.0;
      double top = -kInf;
      for (std::size_t k = 0; k < k_count; ++k) top = std::max(top, alpha[k] + eta[k][i]);
      if (!std::isfinite(top)) continue;
      for (std::size_t k = 0; k < k_count; ++k) norm += std::exp(alpha[k] + eta[k][i] - top);
      for (std::size_t k = 0; k < k_count; ++k)
        expected[k] += weight[i] * std::exp(alpha[k] + eta[k][i] - top) / norm;
      total += weight[i];
    }
    if (total <= 0.0) break;
    double worst = 0.0;
    for (std::size_t k = 0; k < k_count; ++k) {
      if (shares[k] <= 0.0 || expected[k] <= 0.0) continue;
      const double step = std::log(shares[k] * total / expected[k]);
      worst = std::max(worst, std::fabs(step));
      alpha[k] += step;
    }
    if (worst < 1e-10) break;
  }
  return alpha;
}

int multinomial_category(const std::vector<double>& alpha,
                         const std::vector<std::vector<double>>& eta, std::size_t unit, double u) {
  const std::size_t k_count = alpha.size();
  double top = -kInf;
  for (std::size_t k = 0; k < k_count; ++k) top = std::max(top, alpha[k] + eta[k][unit]);
  std::vector<double> p(k_count);
  double norm = 0.0;
  for (std::size_t k = 0; k < k_count; ++k) {
    p[k] = std::isfinite(top) ? std::exp(alpha[k] + eta[k][unit] - top) : 0.0;
    norm += p[k];
  }
  if (norm <= 0.0) return -1;
  double acc = 0.0;
  for (std::size_t k = 0; k < k_count; ++k) {
    acc += p[k] / norm;
    if (u < acc) return static_cast<int>(k);
  }
  for (std::size_t k = k_count; k-- > 0;)
    if (p[k] > 0.0) return static_cast<int>(k);
  return -1;
}

double realised_threshold(const std::vector<double>& weight, const std::vector<double>& score,
                          double share) {
  std::vector<std::size_t> order;
  double total = 0.0;
  for (std::size_t i = 0; i < weight.size(); ++i)
    if (weight[i] > 0.0) {
      order.push_back(i);
      total += weight[i];
    }
  if (order.empty()) return share >= 0.5 ? -kInf : kInf;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return score[a] > score[b]; });
  // Take k units: the k with the highest scores; pick k with the closest share,
  // never taking a unit that can never say yes nor leaving one that must.
  std::size_t best = 0;
  double best_gap = kInf, cumulative = 0.0;
  for (std::size_t k = 0; k <= order.size(); ++k) {
    const bool allowed =
        (k == 0 || score[order[k - 1]] > -kInf) && (k == order.size() || score[order[k]] < kInf);
    const double gap = std::fabs(cumulative / total - share);
    if (allowed && gap < best_gap - 1e-12) {
      best_gap = gap;
      best = k;
    }
    if (k < order.size()) cumulative += weight[order[k]];
  }
  if (best == 0) return std::isfinite(score[order[0]]) ? score[order[0]] + 1.0 : kInf;
  if (best == order.size()) {
    const double last = score[order.back()];
    return std::isfinite(last) ? last - 1.0 : -kInf;
  }
  const double lo = score[order[best]], hi = score[order[best - 1]];
  if (!std::isfinite(lo)) return lo;
  if (!std::isfinite(hi)) return lo;
  return 0.5 * (lo + hi);
}

GradePmf grade_distribution(const std::vector<GradeBand>& bands, double mean) {
  auto build = [&](double theta) {
    GradePmf pmf(10, 0.0);
    for (const auto& band : bands) {
      double norm = 0.0;
      for (int g = band.low; g <= band.high; ++g) norm += std::exp(theta * (g - band.high));
      for (int g = band.low; g <= band.high; ++g)
        pmf[static_cast<std::size_t>(g - 1)] +=
            band.share * std::exp(theta * (g - band.high)) / norm;
    }
    const double total = std::accumulate(pmf.begin(), pmf.end(), 0.0);
    for (auto& p : pmf) p /= total;
    return pmf;
  };
  auto mean_of = [](const GradePmf& pmf) {
    double m = 0.0;
    for (std::size_t g = 0; g < pmf.size(); ++g) m += static_cast<double>(g + 1) * pmf[g];
    return m;
  };
  double lo = -30.0, hi = 30.0;
  const double lowest = mean_of(build(lo)), highest = mean_of(build(hi));
  if (!(mean >= lowest - 1e-9 && mean <= highest + 1e-9))
    throw std::invalid_argument("the mean grade " + format_number(mean) +
                                " is outside what the shares of the grade bands allow (" +
                                format_number(std::round(lowest * 100) / 100) + " to " +
                                format_number(std::round(highest * 100) / 100) + ")");
  for (int step = 0; step < kBisectionSteps; ++step) {
    const double mid = 0.5 * (lo + hi);
    (mean_of(build(mid)) < mean ? lo : hi) = mid;
  }
  return build(0.5 * (lo + hi));
}

}  // namespace samen

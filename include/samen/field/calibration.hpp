// Calibrates random draws of categorical attributes so that the
// respondent-weighted shares of the synthetic field match survey shares,
// while named covariate effects (model assumptions) shape who gets what.
#pragma once

#include <cstddef>
#include <vector>

namespace samen {

/// Returns the standard normal distribution function at x.
double normal_cdf(double x);
/// Returns the standard normal quantile of p in (0, 1).
double normal_quantile(double p);

/// A population of units to calibrate over: each unit's respondent weight
/// (0 for units the survey does not see) and linear predictor eta.
/// eta may be -infinity (never chosen) or +infinity (always chosen).
struct Calibrand {
  std::vector<double> weight;
  std::vector<double> eta;
};

/// Solves K-1 cut points c_k for an ordered probit y = eta + eps, eps ~ N(0,1),
/// category k when c_{k-1} < y <= c_k, so that the weighted expected share of
/// each category equals `shares` (K shares, ascending latent order, summing to
/// 1). E.g. with every eta = 0 and shares {0.5, 0.5} the cut point is 0.
std::vector<double> solve_cutpoints(const Calibrand& units, const std::vector<double>& shares);

/// Returns the ordered category of latent value y given ascending cut points.
int ordered_category(double y, const std::vector<double>& cutpoints);

/// Solves the intercept a of a binary probit P(yes) = Phi(a + eta) so that the
/// weighted expected share of yes equals `share`. Returns -inf for share 0 and
/// +inf for share 1.
double solve_intercept(const Calibrand& units, double share);

/// Solves intercepts of a multinomial logit P(k) ~ exp(alpha_k + eta_k) so
/// that weighted expected shares equal `shares` (one eta vector per category,
/// -inf excludes a category for a unit). Iterates proportional fitting.
std::vector<double> solve_multinomial(const std::vector<double>& weight,
                                      const std::vector<std::vector<double>>& eta,
                                      const std::vector<double>& shares);

/// Returns the category chosen by a multinomial logit for one unit, given the
/// intercepts, that unit's etas (eta[k][unit]) and a uniform u in [0, 1).
int multinomial_category(const std::vector<double>& alpha,
                         const std::vector<std::vector<double>>& eta, std::size_t unit, double u);

/// Chooses, among units sorted by descending `score`, how many say yes so
/// that their weighted share is closest to `share` (integerised calibration:
/// the realised share matches as closely as whole units allow). Units with
/// score +inf always say yes, -inf never; zero-weight units say yes when
/// their score exceeds the threshold between the last yes and first no.
/// Returns the threshold; yes means score > threshold.
double realised_threshold(const std::vector<double>& weight, const std::vector<double>& score,
                          double share);

/// A grade distribution over 1..10 (index 0 is grade 1).
using GradePmf = std::vector<double>;

/// A band of grades with its share, e.g. {1, 5, 0.03} for "below 6".
struct GradeBand {
  int low;
  int high;
  double share;
};

/// Builds a grade distribution whose bands carry the given shares and whose
/// mean equals `mean`, tilting grades within each band by exp(theta * grade)
/// with one theta solved for the mean (the survey gives bands and the mean,
/// not single grades). Throws std::invalid_argument if the mean is unreachable.
GradePmf grade_distribution(const std::vector<GradeBand>& bands, double mean);

}  // namespace samen

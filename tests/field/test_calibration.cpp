// Unit tests of the calibration primitives (include/samen/field/calibration.hpp):
// the normal distribution, probit cut points and intercepts, multinomial logit
// intercepts, integerised thresholds and grade distributions.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstddef>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <vector>

#include "samen/field/calibration.hpp"

using namespace samen;
using Catch::Matchers::WithinAbs;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// Weighted expected share of each ordered category given cut points, recomputed
// independently of the solver: P(k) = Phi(c_k - eta) - Phi(c_{k-1} - eta).
std::vector<double> ordered_shares(const Calibrand& units, const std::vector<double>& cuts) {
  std::vector<double> shares(cuts.size() + 1, 0.0);
  double total = 0.0;
  for (std::size_t i = 0; i < units.weight.size(); ++i) {
    const double w = units.weight[i];
    if (w <= 0.0) continue;
    total += w;
    double below = 0.0;
    for (std::size_t k = 0; k <= cuts.size(); ++k) {
      const double upto = k < cuts.size() ? normal_cdf(cuts[k] - units.eta[i]) : 1.0;
      shares[k] += w * (upto - below);
      below = upto;
    }
  }
  for (auto& s : shares) s /= total;
  return shares;
}

// Weighted expected share of yes of a binary probit P(yes) = Phi(a + eta).
double probit_share(const Calibrand& units, double a) {
  double num = 0.0, den = 0.0;
  for (std::size_t i = 0; i < units.weight.size(); ++i) {
    const double w = units.weight[i];
    if (w <= 0.0) continue;
    den += w;
    num += w * normal_cdf(a + units.eta[i]);
  }
  return num / den;
}

// Weighted expected shares of a multinomial logit P(k) ~ exp(alpha_k + eta_k).
std::vector<double> logit_shares(const std::vector<double>& weight,
                                 const std::vector<std::vector<double>>& eta,
                                 const std::vector<double>& alpha) {
  std::vector<double> shares(alpha.size(), 0.0);
  double total = 0.0;
  for (std::size_t i = 0; i < weight.size(); ++i) {
    if (weight[i] <= 0.0) continue;
    std::vector<double> p(alpha.size());
    double norm = 0.0;
    for (std::size_t k = 0; k < alpha.size(); ++k) {
      p[k] = std::exp(alpha[k] + eta[k][i]);  // small values: no overflow
      norm += p[k];
    }
    for (std::size_t k = 0; k < alpha.size(); ++k) shares[k] += weight[i] * p[k] / norm;
    total += weight[i];
  }
  for (auto& s : shares) s /= total;
  return shares;
}

double pmf_mean(const GradePmf& pmf) {
  double m = 0.0;
  for (std::size_t g = 0; g < pmf.size(); ++g) m += static_cast<double>(g + 1) * pmf[g];
  return m;
}

double band_sum(const GradePmf& pmf, int low, int high) {
  double s = 0.0;
  for (int g = low; g <= high; ++g) s += pmf[static_cast<std::size_t>(g - 1)];
  return s;
}

// Indices of the units that say yes (score > threshold).
std::vector<std::size_t> chosen(const std::vector<double>& score, double threshold) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < score.size(); ++i)
    if (score[i] > threshold) out.push_back(i);
  return out;
}

}  // namespace

TEST_CASE("normal_cdf and normal_quantile give known values", "[field][calibration]") {
  CHECK(normal_cdf(0.0) == Approx(0.5).margin(1e-15));
  CHECK_THAT(normal_cdf(1.959964), WithinAbs(0.975, 1e-6));
  CHECK_THAT(normal_cdf(-1.959964), WithinAbs(0.025, 1e-6));
  CHECK_THAT(normal_cdf(1.0), WithinAbs(0.8413447460685429, 1e-12));
  CHECK_THAT(normal_cdf(-3.0), WithinAbs(0.0013498980316301, 1e-12));
  CHECK(normal_cdf(-kInf) == 0.0);
  CHECK(normal_cdf(kInf) == 1.0);
  // Far tails stay accurate relative to their size (erfc, not 1 - erf).
  CHECK(normal_cdf(-10.0) == Approx(7.61985302416047e-24).epsilon(1e-9));

  CHECK_THAT(normal_quantile(0.5), WithinAbs(0.0, 1e-15));
  CHECK_THAT(normal_quantile(0.975), WithinAbs(1.959963984540054, 1e-9));
  CHECK_THAT(normal_quantile(0.025), WithinAbs(-1.959963984540054, 1e-9));
  CHECK_THAT(normal_quantile(0.8413447460685429), WithinAbs(1.0, 1e-9));
  CHECK_THAT(normal_quantile(1e-10), WithinAbs(-6.361340902404056, 1e-8));

  SECTION("quantile inverts the distribution function") {
    for (const double p : {1e-12, 1e-6, 0.01, 0.1, 0.3, 0.5, 0.7, 0.9, 0.99, 1.0 - 1e-9}) {
      CAPTURE(p);
      CHECK(normal_cdf(normal_quantile(p)) == Approx(p).epsilon(1e-9));
    }
    for (const double x : {-8.0, -2.5, -0.1, 0.0, 0.3, 1.7, 5.0}) {
      CAPTURE(x);
      CHECK_THAT(normal_quantile(normal_cdf(x)), WithinAbs(x, 1e-8));
    }
  }
}

TEST_CASE("solve_cutpoints with all eta = 0 gives normal quantiles of cumulative shares",
          "[field][calibration]") {
  const Calibrand units{std::vector<double>(7, 1.0), std::vector<double>(7, 0.0)};
  SECTION("two equal categories cut at 0") {
    const auto cuts = solve_cutpoints(units, {0.5, 0.5});
    REQUIRE(cuts.size() == 1);
    CHECK_THAT(cuts[0], WithinAbs(0.0, 1e-12));
  }
  SECTION("four categories") {
    const std::vector<double> shares = {0.1, 0.2, 0.3, 0.4};
    const auto cuts = solve_cutpoints(units, shares);
    REQUIRE(cuts.size() == 3);
    CHECK_THAT(cuts[0], WithinAbs(normal_quantile(0.1), 1e-10));
    CHECK_THAT(cuts[1], WithinAbs(normal_quantile(0.3), 1e-10));
    CHECK_THAT(cuts[2], WithinAbs(normal_quantile(0.6), 1e-10));
    CHECK(cuts[0] < cuts[1]);
    CHECK(cuts[1] < cuts[2]);
  }
  SECTION("empty categories give infinite cut points") {
    const auto cuts = solve_cutpoints(units, {0.0, 0.6, 0.4, 0.0});
    REQUIRE(cuts.size() == 3);
    CHECK(cuts[0] == -kInf);
    CHECK_THAT(cuts[1], WithinAbs(normal_quantile(0.6), 1e-10));
    CHECK(cuts[2] == kInf);
  }
  SECTION("weights do not matter when every eta is equal") {
    const Calibrand weighted{{0.5, 3.0, 1.0, 0.0, 2.0}, {0.0, 0.0, 0.0, 0.0, 0.0}};
    const auto cuts = solve_cutpoints(weighted, {0.25, 0.75});
    REQUIRE(cuts.size() == 1);
    CHECK_THAT(cuts[0], WithinAbs(normal_quantile(0.25), 1e-10));
  }
}

TEST_CASE("solve_cutpoints reproduces weighted shares with covariates", "[field][calibration]") {
  const Calibrand units{{1.0, 2.0, 0.5, 1.5, 0.0, 3.0}, {-1.0, 0.3, 2.0, 0.0, 50.0, -0.7}};
  const std::vector<double> shares = {0.2, 0.35, 0.15, 0.3};
  const auto cuts = solve_cutpoints(units, shares);
  REQUIRE(cuts.size() == 3);
  const auto got = ordered_shares(units, cuts);
  for (std::size_t k = 0; k < shares.size(); ++k) {
    CAPTURE(k);
    CHECK_THAT(got[k], WithinAbs(shares[k], 1e-9));
  }
  SECTION("ordered_category reads the categories back: c_{k-1} < y <= c_k") {
    CHECK(ordered_category(cuts[0] - 1.0, cuts) == 0);
    CHECK(ordered_category(cuts[0], cuts) == 0);
    CHECK(ordered_category(std::nextafter(cuts[0], kInf), cuts) == 1);
    CHECK(ordered_category(0.5 * (cuts[1] + cuts[2]), cuts) == 2);
    CHECK(ordered_category(cuts[2] + 1.0, cuts) == 3);
    CHECK(ordered_category(-kInf, cuts) == 0);
    CHECK(ordered_category(kInf, cuts) == 3);
    CHECK(ordered_category(0.0, {}) == 0);
  }
}

TEST_CASE("solve_intercept reproduces the weighted share of yes", "[field][calibration]") {
  SECTION("all eta = 0 gives the normal quantile") {
    const Calibrand units{std::vector<double>(4, 1.0), std::vector<double>(4, 0.0)};
    CHECK_THAT(solve_intercept(units, 0.5), WithinAbs(0.0, 1e-12));
    CHECK_THAT(solve_intercept(units, 0.975), WithinAbs(1.959963984540054, 1e-9));
    CHECK_THAT(solve_intercept(units, 0.1), WithinAbs(normal_quantile(0.1), 1e-10));
  }
  SECTION("eta shifts are taken into account") {
    const Calibrand units{{1.0, 2.0, 0.5, 1.5, 0.0, 3.0}, {-1.0, 0.3, 2.0, 0.0, -9.0, -0.7}};
    for (const double share : {0.01, 0.2, 0.5, 0.63, 0.97}) {
      CAPTURE(share);
      const double a = solve_intercept(units, share);
      CHECK(std::isfinite(a));
      CHECK_THAT(probit_share(units, a), WithinAbs(share, 1e-9));
    }
    // A common shift of every eta moves the intercept by the same amount.
    Calibrand shifted = units;
    for (auto& e : shifted.eta) e += 0.8;
    CHECK_THAT(solve_intercept(shifted, 0.4), WithinAbs(solve_intercept(units, 0.4) - 0.8, 1e-9));
  }
  SECTION("shares 0 and 1 give infinite intercepts") {
    const Calibrand units{{1.0, 1.0}, {0.0, 0.5}};
    CHECK(solve_intercept(units, 0.0) == -kInf);
    CHECK(solve_intercept(units, 1.0) == kInf);
  }
  SECTION("units with eta = +inf always say yes, -inf never") {
    // Unit 0 always says yes, so the other must say yes with probability 0.5.
    CHECK_THAT(solve_intercept({{1.0, 1.0}, {kInf, 0.0}}, 0.75), WithinAbs(0.0, 1e-12));
    CHECK_THAT(solve_intercept({{1.0, 1.0}, {kInf, 0.0}}, 0.6),
               WithinAbs(normal_quantile(0.2), 1e-10));
    // Unit 0 never says yes.
    CHECK_THAT(solve_intercept({{1.0, 1.0}, {-kInf, 0.0}}, 0.25), WithinAbs(0.0, 1e-12));
    CHECK_THAT(solve_intercept({{1.0, 3.0}, {-kInf, 0.0}}, 0.3),
               WithinAbs(normal_quantile(0.4), 1e-10));
    // Both kinds together with a finite one.
    const Calibrand mixed{{1.0, 1.0, 2.0}, {kInf, -kInf, 0.5}};
    const double a = solve_intercept(mixed, 0.5);
    CHECK_THAT(0.25 + 0.5 * normal_cdf(a + 0.5), WithinAbs(0.5, 1e-9));
    CHECK_THAT(a, WithinAbs(-0.5, 1e-9));
  }
  SECTION("zero-weight units are ignored") {
    const Calibrand units{{1.0, 0.0, 1.0}, {0.0, 100.0, 0.0}};
    CHECK_THAT(solve_intercept(units, 0.3), WithinAbs(normal_quantile(0.3), 1e-10));
  }
}

TEST_CASE("solve_multinomial reproduces weighted shares", "[field][calibration]") {
  SECTION("without covariates the intercepts are log shares up to a constant") {
    const std::vector<double> weight(5, 1.0);
    const std::vector<std::vector<double>> eta(3, std::vector<double>(5, 0.0));
    const std::vector<double> shares = {0.2, 0.5, 0.3};
    const auto alpha = solve_multinomial(weight, eta, shares);
    REQUIRE(alpha.size() == 3);
    CHECK_THAT(alpha[1] - alpha[0], WithinAbs(std::log(0.5 / 0.2), 1e-8));
    CHECK_THAT(alpha[2] - alpha[0], WithinAbs(std::log(0.3 / 0.2), 1e-8));
  }
  SECTION("with covariates, weights and excluded categories") {
    const std::vector<double> weight = {1.0, 2.0, 0.5, 1.0, 0.0, 3.0};
    const std::vector<std::vector<double>> eta = {
        {0.0, 0.5, -1.0, 0.2, 7.0, 0.0},
        {1.0, 0.0, 0.3, -kInf, 0.0, -0.4},  // unit 3 cannot choose category 1
        {-0.5, 0.2, 0.0, 0.8, 0.0, -kInf},  // unit 5 cannot choose category 2
        {0.0, -0.3, 0.6, 0.0, 0.0, 0.1},
    };
    const std::vector<double> shares = {0.3, 0.25, 0.15, 0.3};
    const auto alpha = solve_multinomial(weight, eta, shares);
    REQUIRE(alpha.size() == 4);
    const auto got = logit_shares(weight, eta, alpha);
    for (std::size_t k = 0; k < shares.size(); ++k) {
      CAPTURE(k);
      CHECK_THAT(got[k], WithinAbs(shares[k], 1e-8));
    }
  }
  SECTION("a category with share 0 gets intercept -inf") {
    const std::vector<double> weight = {1.0, 1.0, 1.0};
    const std::vector<std::vector<double>> eta = {
        {0.0, 0.3, -0.2}, {0.0, 0.0, 0.0}, {0.1, 0.0, 0.4}};
    const auto alpha = solve_multinomial(weight, eta, {0.6, 0.0, 0.4});
    REQUIRE(alpha.size() == 3);
    CHECK(alpha[1] == -kInf);
    const auto got = logit_shares(weight, eta, alpha);
    CHECK_THAT(got[0], WithinAbs(0.6, 1e-8));
    CHECK(got[1] == 0.0);
    CHECK_THAT(got[2], WithinAbs(0.4, 1e-8));
  }
}

TEST_CASE("multinomial_category follows the cumulative probabilities", "[field][calibration]") {
  const std::vector<double> alpha = {std::log(0.2), std::log(0.3), std::log(0.5)};
  const std::vector<std::vector<double>> eta = {
      {0.0, -kInf, -kInf}, {0.0, 0.0, -kInf}, {0.0, 0.0, -kInf}};
  // Unit 0: probabilities 0.2, 0.3, 0.5.
  CHECK(multinomial_category(alpha, eta, 0, 0.0) == 0);
  CHECK(multinomial_category(alpha, eta, 0, 0.19) == 0);
  CHECK(multinomial_category(alpha, eta, 0, 0.21) == 1);
  CHECK(multinomial_category(alpha, eta, 0, 0.49) == 1);
  CHECK(multinomial_category(alpha, eta, 0, 0.51) == 2);
  CHECK(multinomial_category(alpha, eta, 0, 0.999999) == 2);
  // Unit 1: category 0 excluded; probabilities 0, 0.375, 0.625.
  CHECK(multinomial_category(alpha, eta, 1, 0.0) == 1);
  CHECK(multinomial_category(alpha, eta, 1, 0.37) == 1);
  CHECK(multinomial_category(alpha, eta, 1, 0.38) == 2);
  // Unit 2: every category excluded.
  CHECK(multinomial_category(alpha, eta, 2, 0.5) == -1);
}

TEST_CASE("realised_threshold selects whole units closest to the share", "[field][calibration]") {
  const std::vector<double> weight(10, 1.0);
  const std::vector<double> score = {0.3, -1.2, 2.5, 0.9, -0.4, 1.7, 0.0, -2.2, 1.1, 0.6};

  SECTION("share 0.3 of 10 equal units selects exactly the top 3 scores") {
    const double threshold = realised_threshold(weight, score, 0.3);
    const auto yes = chosen(score, threshold);
    CHECK(yes == std::vector<std::size_t>{2, 5, 8});  // scores 2.5, 1.7, 1.1
  }
  SECTION("every whole number of units is reachable") {
    for (std::size_t k = 0; k <= 10; ++k) {
      CAPTURE(k);
      const double share = static_cast<double>(k) / 10.0;
      CHECK(chosen(score, realised_threshold(weight, score, share)).size() == k);
    }
  }
  SECTION("shares between whole units round to the nearest") {
    CHECK(chosen(score, realised_threshold(weight, score, 0.33)).size() == 3);
    CHECK(chosen(score, realised_threshold(weight, score, 0.37)).size() == 4);
  }
  SECTION("weights count, not units") {
    // Unit 2 (the highest score) alone carries 40% of the weight.
    std::vector<double> w = weight;
    w[2] = 6.0;  // total 15
    CHECK(chosen(score, realised_threshold(w, score, 0.4)) == std::vector<std::size_t>{2});
    CHECK(chosen(score, realised_threshold(w, score, 0.6)).size() == 4);
  }
  SECTION("+inf is always selected, -inf never") {
    std::vector<double> s = score;
    s[7] = kInf;   // lowest finite score becomes certain yes
    s[2] = -kInf;  // highest finite score becomes certain no
    for (const double share : {0.0, 0.05, 0.3, 0.5, 0.95, 1.0}) {
      CAPTURE(share);
      const double threshold = realised_threshold(weight, s, share);
      CHECK(s[7] > threshold);
      CHECK_FALSE(s[2] > threshold);
    }
    CHECK(chosen(s, realised_threshold(weight, s, 0.0)) == std::vector<std::size_t>{7});
    CHECK(chosen(s, realised_threshold(weight, s, 1.0)).size() == 9);
    // With share 0.3 the two highest finite scores join the certain one.
    CHECK(chosen(s, realised_threshold(weight, s, 0.3)) == std::vector<std::size_t>{5, 7, 8});
  }
  SECTION("all certain") {
    const std::vector<double> yes_all(4, kInf), no_all(4, -kInf);
    const std::vector<double> w(4, 1.0);
    CHECK(chosen(yes_all, realised_threshold(w, yes_all, 0.0)).size() == 4);
    CHECK(chosen(no_all, realised_threshold(w, no_all, 1.0)).empty());
  }
  SECTION("zero-weight units follow the threshold between the last yes and the first no") {
    std::vector<double> w = weight;
    std::vector<double> s = score;
    w.push_back(0.0);
    s.push_back(2.0);  // above the cut: yes
    w.push_back(0.0);
    s.push_back(-3.0);  // below: no
    const double threshold = realised_threshold(w, s, 0.3);
    CHECK(threshold < 1.1);
    CHECK(threshold > 0.9);
    const auto yes = chosen(s, threshold);
    CHECK(yes == std::vector<std::size_t>{2, 5, 8, 10});
  }
}

TEST_CASE("grade_distribution reproduces band shares and the mean", "[field][calibration]") {
  const std::vector<GradeBand> bands = {{1, 5, 0.03}, {6, 7, 0.20}, {8, 10, 0.77}};
  const GradePmf pmf = grade_distribution(bands, 7.8);
  REQUIRE(pmf.size() == 10);
  for (std::size_t g = 0; g < pmf.size(); ++g) {
    CAPTURE(g);
    CHECK(pmf[g] >= 0.0);
  }
  CHECK_THAT(std::accumulate(pmf.begin(), pmf.end(), 0.0), WithinAbs(1.0, 1e-12));
  CHECK_THAT(band_sum(pmf, 1, 5), WithinAbs(0.03, 1e-9));
  CHECK_THAT(band_sum(pmf, 6, 7), WithinAbs(0.20, 1e-9));
  CHECK_THAT(band_sum(pmf, 8, 10), WithinAbs(0.77, 1e-9));
  CHECK_THAT(pmf_mean(pmf), WithinAbs(7.8, 1e-6));

  SECTION("one tilt: within every band the grades rise or fall together") {
    // The mean 7.8 lies below the untilted mean, so lower grades are favoured.
    CHECK(pmf[7] > pmf[8]);
    CHECK(pmf[8] > pmf[9]);
    CHECK(pmf[5] > pmf[6]);
    CHECK(pmf[0] > pmf[4]);
    // Same ratio of neighbouring grades in every band: exp(theta).
    CHECK(pmf[8] / pmf[7] == Approx(pmf[6] / pmf[5]).epsilon(1e-9));
    CHECK(pmf[1] / pmf[0] == Approx(pmf[9] / pmf[8]).epsilon(1e-9));
  }
  SECTION("other means and bands") {
    const std::vector<GradeBand> bands2 = {{1, 5, 0.1}, {6, 7, 0.6}, {8, 9, 0.3}};
    for (const double mean : {6.3, 6.8, 7.3}) {
      CAPTURE(mean);
      const auto p = grade_distribution(bands2, mean);
      CHECK_THAT(pmf_mean(p), WithinAbs(mean, 1e-6));
      CHECK_THAT(band_sum(p, 1, 5), WithinAbs(0.1, 1e-9));
      CHECK_THAT(band_sum(p, 8, 9), WithinAbs(0.3, 1e-9));
      CHECK(p[9] == 0.0);  // grade 10 lies in no band
    }
  }
  SECTION("an unreachable mean throws") {
    // Bands pinned at their lowest grades give 7.39, at their highest 9.25.
    CHECK_THROWS_AS(grade_distribution(bands, 7.0), std::invalid_argument);
    CHECK_THROWS_AS(grade_distribution(bands, 9.5), std::invalid_argument);
    CHECK_THROWS_AS(grade_distribution(bands, 1.0), std::invalid_argument);
    CHECK_NOTHROW(grade_distribution(bands, 7.5));
    CHECK_NOTHROW(grade_distribution(bands, 9.2));
  }
}

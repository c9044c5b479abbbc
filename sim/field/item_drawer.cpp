#include "item_drawer.hpp"

#include <cmath>
#include <limits>

#include "samen/core/numbers.hpp"
#include "samen/field/calibration.hpp"

namespace samen::detail {
namespace {
// Rounds of re-solving after "at least one" corrections (converges in a few).
constexpr int kForceRounds = 6;
// Rounds of adjusting nominal intercepts to realised shares.
constexpr int kNominalRounds = 60;
}  // namespace

std::uint32_t item_hash(const std::string& item) {
  std::uint32_t h = 2166136261u;  // FNV-1a
  for (const char c : item) {
    h ^= static_cast<std::uint8_t>(c);
    h *= 16777619u;
  }
  return (h ^ (h >> 24)) & 0xFFFFFFu;
}

ItemDrawer::ItemDrawer(StreamKey key, Purpose purpose, std::vector<double> weight)
    : key_(key), purpose_(purpose), weight_(std::move(weight)) {}

Stream ItemDrawer::stream(std::size_t unit, const std::string& item, std::uint32_t k) const {
  return Stream(key_, purpose_, static_cast<std::uint32_t>(unit), 0,
                (item_hash(item) + k * 7919u) & 0xFFFFFFu);
}

std::vector<double> ItemDrawer::asked_weight(const Asked& asked) const {
  std::vector<double> w = weight_;
  if (!asked.empty())
    for (std::size_t i = 0; i < w.size(); ++i)
      if (!asked[i]) w[i] = 0.0;
  return w;
}

std::vector<std::uint8_t> ItemDrawer::binary(const std::string& item, double share, const Eta& eta,
                                             const Asked& asked, Latent* latent) const {
  const auto w = asked_weight(asked);
  // y = eta + noise; yes above the threshold.
  std::vector<double> score(size()), noise(size());
  for (std::size_t i = 0; i < size(); ++i) {
    noise[i] = -stream(i, item).normal();
    score[i] = (eta ? eta(i) : 0.0) + noise[i];
  }
  const double threshold = realised_threshold(w, score, share);
  if (latent) *latent = {{threshold}, noise};
  std::vector<std::uint8_t> out(size(), 0);
  for (std::size_t i = 0; i < size(); ++i)
    if (asked.empty() || asked[i]) out[i] = score[i] > threshold ? 1 : 0;
  return out;
}

std::vector<std::uint8_t> ItemDrawer::binary_by_stratum(const std::string& item,
                                                        const std::vector<int>& stratum,
                                                        const std::vector<double>& shares,
                                                        const Eta& eta) const {
  std::vector<std::uint8_t> out(size(), 0);
  for (std::size_t s = 0; s < shares.size(); ++s) {
    Asked asked(size(), 0);
    for (std::size_t i = 0; i < size(); ++i) asked[i] = stratum[i] == static_cast<int>(s);
    const auto part = binary(item, shares[s], eta, asked);
    for (std::size_t i = 0; i < size(); ++i)
      if (asked[i]) out[i] = part[i];
  }
  return out;
}

std::vector<int> ItemDrawer::ordered(const std::string& item, const std::vector<double>& shares,
                                     const Eta& eta, const Asked& asked, Latent* latent) const {
  const auto w = asked_weight(asked);
  double total = 0.0;
  for (const double s : shares) total += s;
  // Lower categories take the lowest latent values: y = eta + noise.
  std::vector<double> minus_y(size()), noise(size());
  for (std::size_t i = 0; i < size(); ++i) {
    noise[i] = stream(i, item).normal();
    minus_y[i] = -((eta ? eta(i) : 0.0) + noise[i]);
  }
  std::vector<double> cuts;
  double cumulative = 0.0;
  for (std::size_t k = 0; k + 1 < shares.size(); ++k) {
    cumulative += shares[k] / total;
    cuts.push_back(-realised_threshold(w, minus_y, cumulative));
  }
  if (latent) *latent = {cuts, noise};
  std::vector<int> out(size(), kNotAsked);
  for (std::size_t i = 0; i < size(); ++i) {
    if (!asked.empty() && !asked[i]) continue;
    int k = 0;
    while (k < static_cast<int>(cuts.size()) && -minus_y[i] >= cuts[static_cast<std::size_t>(k)])
      ++k;
    out[i] = k;
  }
  return out;
}

std::vector<int> ItemDrawer::nominal(const std::string& item, const std::vector<double>& shares,
                                     const EtaK& eta, const Asked& asked) const {
  const std::size_t k_count = shares.size();
  const auto w = asked_weight(asked);
  double total_share = 0.0;
  for (const double s : shares) total_share += s;
  // Gumbel-max choice: argmax_k alpha_k + eta_k + g_k is a multinomial logit draw.
  std::vector<std::vector<double>> utility(size(), std::vector<double>(k_count));
  for (std::size_t i = 0; i < size(); ++i) {
    Stream s = stream(i, item);
    for (std::size_t k = 0; k < k_count; ++k) {
      const double u = std::max(s.uniform(), 1e-300);
      utility[i][k] = (shares[k] <= 0.0 ? -kInf : (eta ? eta(i, k) : 0.0)) - std::log(-std::log(u));
    }
  }
  std::vector<double> alpha(k_count, 0.0);
  auto assign = [&](const std::vector<double>& a, std::vector<int>& out) {
    for (std::size_t i = 0; i < size(); ++i) {
      out[i] = kNotAsked;
      if (!asked.empty() && !asked[i]) continue;
      double best = -kInf;
      for (std::size_t k = 0; k < k_count; ++k)
        if (a[k] + utility[i][k] > best) {
          best = a[k] + utility[i][k];
          out[i] = static_cast<int>(k);
        }
    }
  };
  std::vector<int> out(size()), best_out;
  double best_error = kInf;
  // Adjust the intercepts on the realised shares until they match as closely
  // as whole units allow (integerised calibration).
  for (int round = 0; round < kNominalRounds; ++round) {
    assign(alpha, out);
    std::vector<double> realised(k_count, 0.0);
    double total = 0.0;
    for (std::size_t i = 0; i < size(); ++i)
      if (out[i] >= 0 && w[i] > 0.0) {
        realised[static_cast<std::size_t>(out[i])] += w[i];
        total += w[i];
      }
    if (total <= 0.0) break;
    double error = 0.0;
    for (std::size_t k = 0; k < k_count; ++k)
      error += std::fabs(realised[k] / total - shares[k] / total_share);
    if (error < best_error) {
      best_error = error;
      best_out = out;
    }
    if (error < 1e-9) break;
    for (std::size_t k = 0; k < k_count; ++k) {
      if (shares[k] <= 0.0) continue;
      const double target = shares[k] / total_share;
      const double have = realised[k] / total;
      alpha[k] += have > 0.0 ? 0.5 * std::log(target / have) : 1.0;
    }
  }
  return best_out.empty() ? out : best_out;
}

std::vector<std::uint32_t> ItemDrawer::multi(const ItemSpec& spec,
                                             const std::vector<double>& shares, const EtaK& eta,
                                             const MultiOptions& options) const {
  const std::size_t n = size();
  const std::size_t k_count = spec.categories.size();
  std::vector<std::uint32_t> base(n, 0);
  const auto w = asked_weight(options.asked);
  auto is_asked = [&](std::size_t i) { return options.asked.empty() || options.asked[i]; };

  if (options.exclusive >= 0) {
    const auto ex = static_cast<std::size_t>(options.exclusive);
    const auto yes = binary(
        spec.id(ex), shares[ex], [&](std::size_t i) { return eta ? eta(i, ex) : 0.0; },
        options.asked);
    for (std::size_t i = 0; i < n; ++i)
      if (yes[i]) base[i] = 1u << ex;
  }
  // Scores per category; forced answers +inf, excluded ones -inf.
  std::vector<std::vector<double>> score(k_count, std::vector<double>(n, -kInf));
  for (std::size_t k = 0; k < k_count; ++k) {
    if (static_cast<int>(k) == options.exclusive) continue;
    for (std::size_t i = 0; i < n; ++i) {
      const bool excluded = options.exclusive >= 0 && base[i] != 0;
      const bool forced = options.forced && (options.forced(i) >> k & 1u);
      score[k][i] = excluded ? -kInf
                    : forced ? kInf
                             : (eta ? eta(i, k) : 0.0) - stream(i, spec.id(k)).normal();
    }
  }
  std::vector<std::uint32_t> mask;
  std::vector<double> threshold(k_count, kInf);
  for (int round = 0; round < kForceRounds; ++round) {
    for (std::size_t k = 0; k < k_count; ++k)
      if (static_cast<int>(k) != options.exclusive && shares[k] > 0.0)
        threshold[k] = realised_threshold(w, score[k], shares[k]);
    mask = base;
    bool forced_any = false;
    for (std::size_t i = 0; i < n; ++i) {
      if (!is_asked(i)) continue;
      for (std::size_t k = 0; k < k_count; ++k)
        if (static_cast<int>(k) != options.exclusive && score[k][i] > threshold[k])
          mask[i] |= 1u << k;
      const std::uint32_t group = options.need_one ? options.need_one(i) : 0u;
      if (group == 0 || (mask[i] & group) != 0) continue;
      // Give the answer the unit was closest to giving, and hold it in the
      // next round so the thresholds make room for it.
      std::size_t best = k_count;
      double best_margin = -kInf;
      for (std::size_t k = 0; k < k_count; ++k) {
        if (!(group >> k & 1u) || shares[k] <= 0.0 || score[k][i] == -kInf) continue;
        const double margin = score[k][i] - threshold[k];
        if (best == k_count || margin > best_margin) {
          best = k;
          best_margin = margin;
        }
      }
      if (best < k_count) {
        mask[i] |= 1u << best;
        score[best][i] = kInf;
        forced_any = true;
      }
    }
    if (!forced_any) break;
  }
  for (std::size_t i = 0; i < n; ++i)
    if (!is_asked(i)) mask[i] = 0;
  return mask;
}

}  // namespace samen::detail

// Draws survey-calibrated attributes for a set of units (projects or
// organisations): shares match the survey among respondents, covariate
// effects decide which units get which answer. Private to the generator.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "samen/core/random.hpp"
#include "samen/survey/items.hpp"

namespace samen::detail {

/// A unit's linear predictor (probit or logit scale) for one answer.
using Eta = std::function<double(std::size_t unit)>;
/// A unit's linear predictor for answer category k.
using EtaK = std::function<double(std::size_t unit, std::size_t k)>;
/// Which units answer an item; empty means all.
using Asked = std::vector<std::uint8_t>;

constexpr int kNotAsked = -1;

/// The latent model behind an ordered (or yes/no) attribute, kept so that the
/// weekly dynamics can move a unit's latent value and re-read its category:
/// category = number of cuts below eta + noise.
struct Latent {
  std::vector<double> cuts;
  std::vector<double> noise;  ///< one per unit, standard normal
};

/// Calibrated draws over one population of units.
class ItemDrawer {
 public:
  ItemDrawer(StreamKey key, Purpose purpose, std::vector<double> weight);

  std::size_t size() const { return weight_.size(); }
  const std::vector<double>& weight() const { return weight_; }

  /// Returns the unit's own stream for `item` (and category k).
  Stream stream(std::size_t unit, const std::string& item, std::uint32_t k = 0) const;

  /// Yes (1) with weighted share `share` among asked units; 0 otherwise.
  std::vector<std::uint8_t> binary(const std::string& item, double share, const Eta& eta,
                                   const Asked& asked = {}, Latent* latent = nullptr) const;

  /// Yes with a share per stratum (stratum[unit] < 0: not asked).
  std::vector<std::uint8_t> binary_by_stratum(const std::string& item,
                                              const std::vector<int>& stratum,
                                              const std::vector<double>& shares,
                                              const Eta& eta) const;

  /// Ordered categories (shares in ascending latent order); kNotAsked if not asked.
  std::vector<int> ordered(const std::string& item, const std::vector<double>& shares,
                           const Eta& eta, const Asked& asked = {}, Latent* latent = nullptr) const;

  /// Unordered categories; kNotAsked if not asked.
  std::vector<int> nominal(const std::string& item, const std::vector<double>& shares,
                           const EtaK& eta, const Asked& asked = {}) const;

  /// Options of a multi-answer item.
  struct MultiOptions {
    Asked asked;                                         ///< empty: all
    std::function<std::uint32_t(std::size_t)> forced;    ///< bits forced yes
    std::function<std::uint32_t(std::size_t)> need_one;  ///< bits of which at least one
    int exclusive = -1;  ///< category that excludes all others (e.g. "none")
  };

  /// Multi-answer bit masks over the categories of `spec`, bit k = category k.
  std::vector<std::uint32_t> multi(const ItemSpec& spec, const std::vector<double>& shares,
                                   const EtaK& eta, const MultiOptions& options) const;

 private:
  std::vector<double> asked_weight(const Asked& asked) const;

  StreamKey key_;
  Purpose purpose_;
  std::vector<double> weight_;
};

/// Returns a 24-bit hash of an item name, used to separate streams.
std::uint32_t item_hash(const std::string& item);

}  // namespace samen::detail

#include "samen/calibration/posterior_draws.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "../uncertainty/draws.hpp"
#include "samen/calibration/calibration.hpp"
#include "samen/core/numbers.hpp"
#include "samen/core/parameters.hpp"
#include "samen/io/hdf5.hpp"
#include "samen/io/run_file.hpp"
#include "samen/model/parameters.hpp"

namespace samen {

std::vector<std::string> PosteriorDraws::overrides(std::uint32_t draw) const {
  std::vector<std::string> out;
  for (std::size_t k = 0; k < names.size(); ++k) {
    out.push_back(names[k] + "=" + exact_text(values(draw, k)));
  }
  return out;
}

PosteriorDraws draw_posterior(const std::string& path, std::uint32_t draws, std::uint32_t seed) {
  const std::string where = "--posterior '" + path + "': ";
  if (draws == 0) throw ConfigError(where + "--draws must be at least 1");
  Posterior post;
  try {
    post = read_posterior(path);
  } catch (const std::exception& e) {
    throw ConfigError(where + "not a posterior of samen calibrate (" + e.what() + ")");
  }
  const std::size_t n = post.weights.size(), k = post.parameters.size();
  if (n == 0 || k == 0)
    throw ConfigError(where + "the posterior holds no particles or no parameters");
  double total = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    const double w = post.weights[i];
    if (!std::isfinite(w) || w < 0.0)
      throw ConfigError(where + "particle " + std::to_string(i) + " has weight " +
                        uncertainty::detail::number(w) + "; weights must be finite and at least 0");
    total += w;
  }
  if (!(total > 0.0)) throw ConfigError(where + "every particle's weight is 0");
  for (const auto& p : post.parameters)
    if (!model_parameters().find(p.name))
      throw ConfigError(where + "key '" + p.name +
                        "' is not a parameter of this version of samen (samen params lists them); "
                        "calibrate again with this version");

  PosteriorDraws out;
  out.path = path;
  out.sha256 = file_sha256(path);
  for (const auto& p : post.parameters) out.names.push_back(p.name);

  // Systematic resampling: K equally spaced points (offset u / K) on the
  // cumulative weights.
  Stream stream = uncertainty::detail::stream(seed, uncertainty::detail::Draw::batch_posterior, 0);
  const double offset = stream.uniform();
  std::vector<double> cumulative(n);
  double running = 0.0;
  for (std::size_t i = 0; i < n; ++i) cumulative[i] = (running += post.weights[i]) / total;
  cumulative.back() = 1.0;
  out.particle.resize(draws);
  std::size_t i = 0;
  for (std::uint32_t d = 0; d < draws; ++d) {
    const double point = (static_cast<double>(d) + offset) / draws;
    while (i + 1 < n && cumulative[i] <= point) ++i;
    out.particle[d] = static_cast<std::uint32_t>(i);
  }
  // Fisher-Yates, so the draws' order says nothing about the particles'.
  for (std::uint32_t d = draws; d > 1; --d)
    std::swap(out.particle[d - 1], out.particle[stream.below(d)]);

  out.values = uncertainty::Matrix(draws, k);
  for (std::uint32_t d = 0; d < draws; ++d)
    for (std::size_t j = 0; j < k; ++j) {
      const auto& p = post.parameters[j];
      out.values(d, j) = std::clamp(post.particles(out.particle[d], j), p.low, p.high);
    }
  return out;
}

void check_no_overlap(const PosteriorDraws& posterior, const std::vector<std::string>& keys,
                      const std::string& what) {
  for (const auto& line : keys) {
    std::string key = line.substr(0, line.find('='));
    key.erase(key.find_last_not_of(" \t") + 1);
    key.erase(0, key.find_first_not_of(" \t"));
    if (std::find(posterior.names.begin(), posterior.names.end(), key) != posterior.names.end())
      throw ConfigError(what + " sets key '" + key + "', which the posterior '" + posterior.path +
                        "' also sets (each replicate runs under a posterior draw of it); leave "
                        "the key out there, or calibrate without it");
  }
}

}  // namespace samen

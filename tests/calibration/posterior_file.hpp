// A small posterior file in the layout `samen calibrate` writes (the part
// that samen batch/sweep --posterior read: docs/uncertainty.md), for tests
// that need a posterior without running a calibration.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "samen/io/hdf5.hpp"

namespace test_posterior {

struct Key {
  std::string name;
  double low, high;
};

/// Writes `particles` (rows, one value per key) with `weights` to `path`.
inline void write(const std::string& path, const std::vector<Key>& keys,
                  const std::vector<std::vector<double>>& particles,
                  const std::vector<double>& weights) {
  samen::h5::File file = samen::h5::File::create_atomic(path);
  file.set_attr("format", "samen calibration 1");
  std::vector<std::string> names, scales;
  std::vector<double> low, high, values;
  for (const auto& k : keys) {
    names.push_back(k.name);
    low.push_back(k.low);
    high.push_back(k.high);
    scales.push_back("linear");
  }
  samen::h5::Group params = file.create_group("parameters");
  params.write("names", names);
  params.write("low", low);
  params.write("high", high);
  params.write("scale", scales);
  for (const auto& p : particles) values.insert(values.end(), p.begin(), p.end());
  samen::h5::Group post = file.create_group("posterior");
  post.write_matrix("particles", particles.size(), keys.size(), values);
  post.write("weights", weights);
  file.commit();
}

/// Two calibrated rates of the baseline, inside their declared ranges.
inline std::vector<Key> keys() {
  return {{"cjg.cooperation_start", 0.296, 1.0}, {"awareness.fade_weeks", 74.5, 298.0}};
}

/// Four particles far apart, so that each draw moves the dynamics.
inline void write_default(const std::string& path,
                          std::vector<double> weights = {0.1, 0.4, 0.3, 0.2}) {
  write(path, keys(), {{0.30, 80.0}, {0.55, 150.0}, {0.75, 220.0}, {0.98, 290.0}}, weights);
}

}  // namespace test_posterior

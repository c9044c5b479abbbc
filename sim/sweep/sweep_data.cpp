#include "samen/sweep/sweep_data.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include "samen/analysis/display.hpp"
#include "samen/core/build_info.hpp"
#include "samen/core/parameters.hpp"
#include "samen/dynamics/outcomes.hpp"
#include "samen/io/hdf5.hpp"

namespace samen {
namespace {

using uncertainty::DesignKind;
using uncertainty::Scale;

constexpr const char* kFormat = "samen sweep 1";

// The HDF5 wrapper writes 1-D and 2-D datasets; outcome cubes are 4-D, which
// h5py and rhdf5 read as arrays with named axes (attribute `axes`).
void write_cube(h5::Node& node, const std::string& name, const std::vector<hsize_t>& dims,
                const std::vector<double>& values) {
  const std::string where = "HDF5 file '" + node.file_path() + "': ";
  h5::Handle space(H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr));
  h5::Handle plist(H5Pcreate(H5P_DATASET_CREATE));
  if (!space.valid() || !plist.valid())
    throw h5::Error(where + "cannot describe dataset '" + name + "'");
  // Chunks of whole points, about 64 KiB, shuffled and deflated.
  std::vector<hsize_t> chunk = dims;
  hsize_t per_point = 1;
  for (std::size_t d = 1; d < dims.size(); ++d) per_point *= dims[d];
  chunk[0] =
      std::max<hsize_t>(1, std::min<hsize_t>(dims[0], 8192 / std::max<hsize_t>(1, per_point)));
  if (H5Pset_chunk(plist.get(), static_cast<int>(chunk.size()), chunk.data()) < 0 ||
      H5Pset_shuffle(plist.get()) < 0 || H5Pset_deflate(plist.get(), 4) < 0)
    throw h5::Error(where + "cannot set compression of dataset '" + name + "'");
  h5::Handle set(H5Dcreate2(node.id(), name.c_str(), H5T_IEEE_F64LE, space.get(), H5P_DEFAULT,
                            plist.get(), H5P_DEFAULT));
  if (!set.valid()) throw h5::Error(where + "cannot create dataset '" + name + "'");
  if (H5Dwrite(set.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()) < 0)
    throw h5::Error(where + "cannot write dataset '" + name + "'");
}

std::vector<double> read_cube(const h5::Node& node, const std::string& name,
                              const std::vector<hsize_t>& want) {
  const std::string where = "HDF5 file '" + node.file_path() + "': dataset '" + name + "' ";
  h5::Handle set(H5Dopen2(node.id(), name.c_str(), H5P_DEFAULT));
  if (!set.valid()) throw h5::Error(where + "is missing");
  h5::Handle space(H5Dget_space(set.get()));
  std::vector<hsize_t> dims(want.size());
  if (H5Sget_simple_extent_ndims(space.get()) != static_cast<int>(want.size()) ||
      H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr) < 0 || dims != want)
    throw h5::Error(where +
                    "does not have the shape [points][scenarios][replicates][blocks] of "
                    "the file's design");
  hsize_t n = 1;
  for (const auto d : dims) n *= d;
  std::vector<double> values(n);
  if (H5Dread(set.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()) < 0)
    throw h5::Error(where + "cannot be read");
  return values;
}

DesignKind kind_from_name(const std::string& path, const std::string& name) {
  for (const auto k : {DesignKind::grid, DesignKind::latin_hypercube, DesignKind::sobol,
                       DesignKind::morris, DesignKind::saltelli})
    if (uncertainty::kind_name(k) == name) return k;
  throw h5::Error("HDF5 file '" + path + "': unknown design kind '" + name + "'");
}

std::vector<double> column_values(const uncertainty::Matrix& m) { return m.values; }

}  // namespace

std::size_t SweepData::scenario_index(const std::string& scenario) const {
  for (std::size_t s = 0; s < scenarios.size(); ++s)
    if (scenarios[s] == scenario) return s;
  std::string known;
  for (const auto& s : scenarios) known += (known.empty() ? "" : ", ") + s;
  throw ConfigError("'" + path + "' has no scenario '" + scenario + "' (it has: " + known + ")");
}

WeekWindow SweepData::last_block() const { return {weeks - block_weeks + 1, weeks}; }

void SweepData::check_window(WeekWindow window) const {
  if (window.first == 0 || (window.first - 1) % block_weeks != 0 ||
      window.last % block_weeks != 0 || window.last > weeks || window.first > window.last)
    throw ConfigError(
        "the window " + std::to_string(window.first) + ":" + std::to_string(window.last) +
        " does not cover whole blocks of '" + path + "', which keeps means over blocks of " +
        std::to_string(block_weeks) + " weeks: allowed are A:B with A = 1 + a multiple of " +
        std::to_string(block_weeks) + " and B a multiple of it, up to " + std::to_string(weeks) +
        " (e.g. " + std::to_string(last_block().first) + ":" + std::to_string(weeks) + ")");
}

uncertainty::SweepResults SweepData::window_means(const std::string& outcome,
                                                  WeekWindow window) const {
  const auto found = cube.find(outcome);
  if (found == cube.end()) throw ConfigError("'" + path + "' has no outcome '" + outcome + "'");
  check_window(window);
  const std::size_t nb = blocks();
  const std::size_t b0 = (window.first - 1) / block_weeks, b1 = window.last / block_weeks;
  uncertainty::SweepResults out(points(), scenarios.size(), replicates);
  const auto& v = found->second;
  for (std::size_t p = 0; p < points(); ++p)
    for (std::size_t s = 0; s < scenarios.size(); ++s)
      for (std::size_t r = 0; r < replicates; ++r) {
        const std::size_t base = ((p * scenarios.size() + s) * replicates + r) * nb;
        double sum = 0.0;
        for (std::size_t b = b0; b < b1; ++b) sum += v[base + b];
        out.at(p, s, r) = sum / static_cast<double>(b1 - b0);
      }
  return out;
}

void write_sweep_data(const std::string& path, const SweepData& d) {
  h5::File file = h5::File::create_atomic(path);
  file.set_attr("format", kFormat);
  file.set_attr("samen_version", samen::build::version());
  file.set_attr("source_revision", samen::build::revision());
  file.set_attr("name", d.name);
  file.set_attr("sweep_file", d.sweep_text);
  file.set_attr("identity", d.identity);
  file.set_attr("digest", d.digest);
  file.set_attr("seed", d.seed);
  file.set_attr("replicates", d.replicates);
  file.set_attr("weeks", d.weeks);
  file.set_attr("burn_in_weeks", d.burn_in_weeks);
  file.set_attr("block_weeks", d.block_weeks);
  file.set_attr("baseline", d.scenarios.front());
  if (!d.posterior_sha256.empty()) {
    file.set_attr("posterior_path", d.posterior_path);
    file.set_attr("posterior_sha256", d.posterior_sha256);
    file.set_attr("posterior_draws", static_cast<std::int64_t>(d.posterior_draws));
    write_posterior_record(file, d.posterior);
  }

  auto design = file.create_group("design");
  design.set_attr("kind", uncertainty::kind_name(d.design.kind));
  design.set_attr("trajectories", d.design.trajectories);
  design.set_attr("levels", d.design.levels);
  design.set_attr("delta", d.design.delta);
  design.set_attr("base_samples", d.design.base_samples);
  std::vector<std::string> names, scales;
  std::vector<double> low, high;
  std::vector<std::uint8_t> integer;
  for (std::size_t k = 0; k < d.design.parameters.size(); ++k) {
    const auto& p = d.design.parameters[k];
    names.push_back(p.name);
    scales.push_back(p.scale == Scale::log ? "log" : "linear");
    low.push_back(p.low);
    high.push_back(p.high);
    integer.push_back(d.integer[k] ? 1 : 0);
  }
  design.write("parameters", names);
  design.write("low", low);
  design.write("high", high);
  design.write("scale", scales);
  design.write("integer", integer);
  design.write_matrix("unit", d.design.unit.rows, d.design.unit.cols, d.design.unit.values)
      .set_attr("axes", "point, parameter");
  design.write_matrix("values", d.values.rows, d.values.cols, column_values(d.values))
      .set_attr("axes", "point, parameter");

  auto scen = file.create_group("scenarios");
  scen.write("names", d.scenarios);
  scen.write("labels", d.labels);
  scen.write("configs", d.configs);

  auto blocks = file.create_group("blocks");
  std::vector<std::int32_t> first, last;
  for (std::size_t b = 0; b < d.blocks(); ++b) {
    first.push_back(static_cast<std::int32_t>(b * d.block_weeks + 1));
    last.push_back(static_cast<std::int32_t>((b + 1) * d.block_weeks));
  }
  blocks.write("first_week", first);
  blocks.write("last_week", last);

  auto outcomes = file.create_group("outcomes");
  const std::vector<hsize_t> dims = {d.points(), d.scenarios.size(), d.replicates, d.blocks()};
  for (const auto& name : d.outcomes) {
    write_cube(outcomes, name, dims, d.cube.at(name));
    auto set = outcomes.open_dataset(name);
    set.set_attr("axes", "point, scenario, replicate, block");
    if (const auto* spec = find_outcome(name)) {
      set.set_attr("unit", spec->unit);
      set.set_attr("label", spec->label);
      set.set_attr("better", to_string(spec->better));
      set.set_attr("description", spec->description);
    }
  }
  file.commit();
}

SweepData read_sweep_data(const std::string& path) {
  const h5::File file = h5::File::open_read(path);
  if (!file.has_attr("format") || file.get_attr_string("format") != kFormat)
    throw h5::Error("HDF5 file '" + path +
                    "' is not a sweep file of samen sweep (no attribute format = '" + kFormat +
                    "'); give the sweep.h5 that samen sweep writes");
  SweepData d;
  d.path = path;
  d.name = file.get_attr_string("name");
  d.sweep_text = file.get_attr_string("sweep_file");
  d.identity = file.get_attr_string("identity");
  d.digest = file.get_attr_string("digest");
  d.seed = static_cast<std::uint32_t>(file.get_attr_int64("seed"));
  d.replicates = static_cast<std::uint32_t>(file.get_attr_int64("replicates"));
  d.weeks = static_cast<std::uint32_t>(file.get_attr_int64("weeks"));
  d.burn_in_weeks = static_cast<std::uint32_t>(file.get_attr_int64("burn_in_weeks"));
  d.block_weeks = static_cast<std::uint32_t>(file.get_attr_int64("block_weeks"));

  const auto design = file.open_group("design");
  d.design.kind = kind_from_name(path, design.get_attr_string("kind"));
  d.design.trajectories = static_cast<std::size_t>(design.get_attr_int64("trajectories"));
  d.design.levels = static_cast<std::size_t>(design.get_attr_int64("levels"));
  d.design.delta = design.get_attr_double("delta");
  d.design.base_samples = static_cast<std::size_t>(design.get_attr_int64("base_samples"));
  const auto names = design.read_strings("parameters");
  const auto scales = design.read_strings("scale");
  const auto low = design.read_doubles("low"), high = design.read_doubles("high");
  const auto integer = design.read_uint8("integer");
  if (scales.size() != names.size() || low.size() != names.size() || high.size() != names.size() ||
      integer.size() != names.size())
    throw h5::Error("HDF5 file '" + path + "': /design lists of different lengths");
  for (std::size_t k = 0; k < names.size(); ++k) {
    d.design.parameters.push_back(
        {names[k], low[k], high[k], scales[k] == "log" ? Scale::log : Scale::linear});
    d.integer.push_back(integer[k] != 0);
  }
  const auto unit = design.read_matrix("unit"), values = design.read_matrix("values");
  if (unit.cols != names.size() || values.rows != unit.rows || values.cols != unit.cols)
    throw h5::Error("HDF5 file '" + path +
                    "': /design/unit and /design/values do not match "
                    "/design/parameters");
  d.design.unit.rows = unit.rows;
  d.design.unit.cols = unit.cols;
  d.design.unit.values = unit.values;
  d.values.rows = values.rows;
  d.values.cols = values.cols;
  d.values.values = values.values;

  const auto scen = file.open_group("scenarios");
  d.scenarios = scen.read_strings("names");
  d.labels = scen.read_strings("labels");
  d.configs = scen.read_strings("configs");
  if (d.scenarios.empty()) throw h5::Error("HDF5 file '" + path + "': no scenarios");
  if (file.has_attr("posterior_sha256")) {
    d.posterior_path = file.get_attr_string("posterior_path");
    d.posterior_sha256 = file.get_attr_string("posterior_sha256");
    d.posterior_draws = static_cast<std::uint32_t>(file.get_attr_int64("posterior_draws"));
    d.posterior.names = file.read_strings("posterior/names");
    d.posterior.draw = file.read_int32("posterior/draw");
    d.posterior.particle = file.read_int32("posterior/particle");
    d.posterior.values = file.read_matrix("posterior/values").values;
    if (d.posterior.draw.size() != d.replicates ||
        d.posterior.values.size() != d.replicates * d.posterior.names.size())
      throw h5::Error("HDF5 file '" + path + "': /posterior does not hold one row per replicate");
  }

  if (d.block_weeks == 0 || d.weeks % d.block_weeks != 0)
    throw h5::Error("HDF5 file '" + path + "': weeks and block_weeks do not fit");
  const auto outcomes = file.open_group("outcomes");
  const std::vector<hsize_t> dims = {d.points(), d.scenarios.size(), d.replicates, d.blocks()};
  for (const auto& name : outcomes.children()) {
    d.outcomes.push_back(name);
    d.cube[name] = read_cube(outcomes, name, dims);
  }
  return d;
}

}  // namespace samen

// Layout of a checkpoint (docs/outputs.md): root attributes format, revision,
// seed, replicates, burn_in_weeks and scenario; datasets config_keys and
// config_values (every key a burn-in depends on, as text); and per replicate
// a group replicate_NNNN with field/<column> (every member for_each_column
// visits, in its own numeric type, uncompressed so that loading is a read)
// and state/<column> (SimulationState).
#include "samen/io/checkpoint.hpp"

#include <algorithm>
#include <cstdio>
#include <stdexcept>
#include <type_traits>
#include <utility>
#include <vector>

#include "samen/core/build_info.hpp"
#include "samen/model/parameters.hpp"

namespace samen {
namespace {

constexpr const char* kFormat = "samen checkpoint 1";

std::string replicate_group(std::uint32_t r) {
  char name[32];
  std::snprintf(name, sizeof name, "replicate_%04u", r);
  return name;
}

// The HDF5 memory type of an element stored as T (an arithmetic type).
template <class T>
hid_t native_type() {
  static_assert(std::is_arithmetic_v<T> && !std::is_same_v<T, bool>, "bools are stored as bytes");
  if constexpr (std::is_floating_point_v<T>) {
    static_assert(sizeof(T) == 4 || sizeof(T) == 8);
    return sizeof(T) == 4 ? H5T_NATIVE_FLOAT : H5T_NATIVE_DOUBLE;
  } else if constexpr (std::is_signed_v<T>) {
    static_assert(sizeof(T) == 1 || sizeof(T) == 2 || sizeof(T) == 4 || sizeof(T) == 8);
    return sizeof(T) == 1   ? H5T_NATIVE_INT8
           : sizeof(T) == 2 ? H5T_NATIVE_INT16
           : sizeof(T) == 4 ? H5T_NATIVE_INT32
                            : H5T_NATIVE_INT64;
  } else {
    static_assert(sizeof(T) == 1 || sizeof(T) == 2 || sizeof(T) == 4 || sizeof(T) == 8);
    return sizeof(T) == 1   ? H5T_NATIVE_UINT8
           : sizeof(T) == 2 ? H5T_NATIVE_UINT16
           : sizeof(T) == 4 ? H5T_NATIVE_UINT32
                            : H5T_NATIVE_UINT64;
  }
}

// Elements as they are stored: enums as their underlying type, bool as a byte.
template <class E>
using element_t = std::conditional_t<std::is_same_v<stored_t<E>, bool>, std::uint8_t, stored_t<E>>;

std::string where(const std::string& path, const std::string& object) {
  return "checkpoint '" + path + "': " + object;
}

void write_raw(const std::string& path, hid_t group, const std::string& name, hid_t type,
               const void* data, std::size_t n) {
  const hsize_t dims[1] = {n};
  h5::Handle space(H5Screate_simple(1, dims, nullptr));
  h5::Handle set(
      H5Dcreate2(group, name.c_str(), type, space.get(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT));
  if (set.get() < 0 ||
      (n > 0 && H5Dwrite(set.get(), type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data) < 0))
    throw h5::Error(where(path, "cannot write '" + name + "'"));
}

// Opens dataset `name` of `group` and returns its number of elements.
h5::Handle open_raw(const std::string& path, hid_t group, const std::string& group_name,
                    const std::string& name, std::size_t& n) {
  if (H5Lexists(group, name.c_str(), H5P_DEFAULT) <= 0)
    throw h5::Error(where(path, "'" + group_name + "/" + name + "' is missing"));
  h5::Handle set(H5Dopen2(group, name.c_str(), H5P_DEFAULT));
  h5::Handle space(H5Dget_space(set.get()));
  const hssize_t points = set.get() < 0 ? -1 : H5Sget_simple_extent_npoints(space.get());
  if (points < 0) throw h5::Error(where(path, "cannot read '" + group_name + "/" + name + "'"));
  n = static_cast<std::size_t>(points);
  return set;
}

// Writes every member a columns() visitor lists as one dataset of `group`.
struct ColumnWriter {
  const std::string& path;
  hid_t group;
  template <class Member>
  void operator()(const std::string& name, const Member& member) const {
    if constexpr (is_column_v<Member>) {
      using E = column_element_t<Member>;
      if constexpr (std::is_same_v<element_t<E>, stored_t<E>>) {
        write_raw(path, group, name, native_type<element_t<E>>(), member.data(), member.size());
      } else {
        const std::vector<element_t<E>> bytes(member.begin(), member.end());
        write_raw(path, group, name, native_type<element_t<E>>(), bytes.data(), bytes.size());
      }
    } else {
      const auto value = static_cast<element_t<Member>>(member);
      write_raw(path, group, name, native_type<element_t<Member>>(), &value, 1);
    }
  }
};

// Reads every member a columns() visitor lists from the datasets of `group`.
struct ColumnReader {
  const std::string& path;
  hid_t group;
  const std::string& group_name;
  template <class Member>
  void operator()(const std::string& name, Member& member) const {
    std::size_t n = 0;
    const h5::Handle set = open_raw(path, group, group_name, name, n);
    const auto read = [&](hid_t type, void* data) {
      if (n > 0 && H5Dread(set.get(), type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data) < 0)
        throw h5::Error(where(path, "cannot read '" + group_name + "/" + name + "'"));
    };
    if constexpr (is_column_v<Member>) {
      using E = column_element_t<Member>;
      if constexpr (std::is_same_v<element_t<E>, stored_t<E>>) {
        member.resize(n);
        read(native_type<element_t<E>>(), member.data());
      } else {
        std::vector<element_t<E>> bytes(n);
        read(native_type<element_t<E>>(), bytes.data());
        member.assign(bytes.begin(), bytes.end());
      }
    } else {
      if (n != 1)
        throw h5::Error(where(path, "'" + group_name + "/" + name +
                                        "' should hold one value, not " + std::to_string(n)));
      element_t<Member> value{};
      read(native_type<element_t<Member>>(), &value);
      member = static_cast<Member>(value);
    }
  }
};

// The keys a burn-in depends on and their values, in registry order.
std::pair<std::vector<std::string>, std::vector<std::string>> burn_in_config(
    const ModelScenario& scenario) {
  std::vector<std::string> keys, values;
  for (const auto& spec : model_parameters().all()) {
    if (checkpoint_ignores(spec.name)) continue;
    keys.push_back(spec.name);
    values.push_back(scenario.values.as_text(spec.name));
  }
  return {keys, values};
}

}  // namespace

ConfigError checkpoint_under_posterior(const std::string& from, const std::string& posterior) {
  return ConfigError("--from '" + from + "' and --posterior '" + posterior +
                     "' cannot be combined: the checkpoint's burn-in ran under the scenario's "
                     "values, not under the posterior's draws; leave out --from");
}

bool checkpoint_ignores(const std::string& key) {
  return key.rfind("policy.", 0) == 0 || key == "scenario.label" || key == "run.weeks" ||
         key == "run.replicates" || key == "run.survey_every";
}

CheckpointWriter::CheckpointWriter(const std::string& path, const ModelScenario& scenario,
                                   std::uint32_t replicates)
    : file_(h5::File::create_atomic(path)),
      replicates_(replicates),
      seed_(scenario.params.run.seed) {
  file_.set_attr("format", kFormat);
  file_.set_attr("revision", samen::build::revision());
  file_.set_attr("seed", seed_);
  file_.set_attr("replicates", replicates);
  file_.set_attr("burn_in_weeks", scenario.params.run.burn_in_weeks);
  file_.set_attr("scenario", scenario.name);
  const auto [keys, values] = burn_in_config(scenario);
  file_.write("config_keys", keys);
  file_.write("config_values", values);
}

void CheckpointWriter::add(const Simulation& sim) {
  if (added_ >= replicates_)
    throw std::logic_error("checkpoint: more replicates added than announced");
  if (sim.field().key.seed != seed_ || sim.field().key.replicate != added_)
    throw std::logic_error("checkpoint: replicates must be added in order, with the run's seed");
  const std::string name = replicate_group(added_);
  h5::Group field_group = file_.create_group(name + "/field");
  for_each_column(sim.field(), ColumnWriter{file_.path(), field_group.id()});
  h5::Group state_group = file_.create_group(name + "/state");
  const SimulationState state = sim.state();
  SimulationState::columns(ColumnWriter{file_.path(), state_group.id()}, state);
  ++added_;
}

void CheckpointWriter::commit() {
  if (added_ != replicates_)
    throw std::logic_error("checkpoint: " + std::to_string(added_) + " of " +
                           std::to_string(replicates_) + " replicates added");
  file_.commit();
}

void check_checkpoint(const std::string& path, const ModelScenario& scenario, std::uint32_t first,
                      std::uint32_t count) {
  const h5::File file = h5::File::open_read(path);
  const auto refuse = [&](const std::string& why) {
    throw ConfigError(where(path, why + "; run 'samen burnin' again for this configuration"));
  };
  if (!file.has_attr("format") || file.get_attr_string("format") != kFormat)
    throw ConfigError(where(path, "not a samen checkpoint (written by 'samen burnin')"));
  const std::string revision = file.get_attr_string("revision");
  if (revision != samen::build::revision())
    refuse("written by samen revision " + revision + ", this is " + samen::build::revision());
  const auto seed = file.get_attr_int64("seed");
  if (seed != scenario.params.run.seed)
    refuse("seed " + std::to_string(seed) +
           " differs from run.seed = " + std::to_string(scenario.params.run.seed));
  const auto keys = file.read_strings("config_keys");
  const auto values = file.read_strings("config_values");
  const auto [now_keys, now_values] = burn_in_config(scenario);
  for (std::size_t k = 0; k < keys.size() && k < values.size(); ++k) {
    std::string now;
    for (std::size_t j = 0; j < now_keys.size(); ++j)
      if (now_keys[j] == keys[k]) now = now_values[j];
    if (now != values[k])
      refuse("key '" + keys[k] + "' = " + values[k] + " differs from " +
             (now.empty() ? std::string("no such key") : now) + " in " + scenario.path);
  }
  for (const auto& key : now_keys)
    if (std::find(keys.begin(), keys.end(), key) == keys.end())
      refuse("key '" + key + "' of " + scenario.path + " is not in the checkpoint");
  const auto replicates = file.get_attr_int64("replicates");
  if (static_cast<std::int64_t>(first) + count > replicates)
    throw ConfigError(where(path, "holds replicates 0.." + std::to_string(replicates - 1) +
                                      ", not " + std::to_string(first) + ".." +
                                      std::to_string(first + count - 1) +
                                      "; run 'samen burnin --replicates N' for more"));
}

Simulation load_checkpoint(const std::string& path, const ModelScenario& scenario,
                           std::uint32_t replicate) {
  check_checkpoint(path, scenario, replicate, 1);
  const h5::File file = h5::File::open_read(path);
  const std::string name = replicate_group(replicate);
  Field field;
  {
    const h5::Group group = file.open_group(name + "/field");
    for_each_column(field, ColumnReader{path, group.id(), name + "/field"});
  }
  SimulationState state;
  {
    const h5::Group group = file.open_group(name + "/state");
    SimulationState::columns(ColumnReader{path, group.id(), name + "/state"}, state);
  }
  if (field.key.seed != scenario.params.run.seed || field.key.replicate != replicate)
    throw ConfigError(where(path, name + " holds replicate " + std::to_string(field.key.replicate) +
                                      " of seed " + std::to_string(field.key.seed)));
  try {
    return Simulation(std::move(field), scenario.params, state);
  } catch (const std::invalid_argument& e) {
    throw h5::Error(where(path, name + ": " + e.what()));
  }
}

Simulation burn_in_or_load(const std::string& from, const ModelScenario& scenario,
                           const SurveyTargets& targets, StreamKey key, const ReplicatePlan& plan,
                           const ProgressSink& on_progress) {
  if (from.empty()) return burn_in(scenario.params, targets, key, plan, on_progress);
  if (key.seed != scenario.params.run.seed)
    throw ConfigError(where(from, "seed " + std::to_string(key.seed) + " differs from run.seed"));
  return load_checkpoint(from, scenario, key.replicate);
}

}  // namespace samen

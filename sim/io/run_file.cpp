#include "samen/io/run_file.hpp"

#include <ctime>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "samen/core/build_info.hpp"
#include "samen/core/sha256.hpp"
#include "samen/dynamics/outcomes.hpp"

namespace samen {
namespace {

std::string utc_now() {
  const std::time_t now = std::time(nullptr);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
  return buffer;
}

}  // namespace

std::string input_digest(const RunHeader& h, const std::string& revision) {
  // Each part is labelled and length-prefixed, so no two inputs run together.
  Sha256 digest;
  auto part = [&](const std::string& name, const std::string& value) {
    digest.update(name + " " + std::to_string(value.size()) + "\n" + value + "\n");
  };
  part("config", h.config);
  part("targets_sha256", h.targets_sha256);
  part("revision", revision);
  part("seed", std::to_string(h.seed));
  part("first_replicate", std::to_string(h.first_replicate));
  part("replicates", std::to_string(h.replicates));
  // Only when set, so the digests of runs without a posterior stay as they were.
  if (!h.posterior_sha256.empty()) {
    part("posterior_sha256", h.posterior_sha256);
    part("posterior_draws", std::to_string(h.posterior_draws));
  }
  return digest.hex();
}

std::string file_sha256(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read '" + path + "'");
  std::ostringstream content;
  content << in.rdbuf();
  return sha256_hex(content.str());
}

namespace {

// Names the first keys whose lines differ between two resolved configurations.
std::string changed_keys(const std::string& a, const std::string& b) {
  std::istringstream in_a(a), in_b(b);
  std::map<std::string, std::string> lines_a, lines_b;
  std::string line;
  auto key_of = [](const std::string& l) { return l.substr(0, l.find(" = ")); };
  while (std::getline(in_a, line)) lines_a[key_of(line)] = line;
  while (std::getline(in_b, line)) lines_b[key_of(line)] = line;
  std::string keys;
  int count = 0;
  for (const auto& [key, text] : lines_b) {
    const auto it = lines_a.find(key);
    if (it != lines_a.end() && it->second == text) continue;
    if (++count <= 3) keys += (keys.empty() ? "" : ", ") + key;
  }
  for (const auto& [key, text] : lines_a)
    if (!lines_b.count(key) && ++count <= 3) keys += (keys.empty() ? "" : ", ") + key;
  if (count > 3) keys += " and " + std::to_string(count - 3) + " more";
  return keys;
}

}  // namespace

std::string why_different(const RunHeader& stored, const RunHeader& now) {
  if (!stored.inputs_sha256.empty() &&
      stored.inputs_sha256 == input_digest(now, samen::build::revision()))
    return "";
  std::string why;
  auto add = [&](const std::string& reason) { why += (why.empty() ? "" : "; ") + reason; };
  if (stored.config != now.config)
    add("configuration changed (" + changed_keys(stored.config, now.config) + ")");
  if (stored.seed != now.seed)
    add("seed changed (" + std::to_string(stored.seed) + ", now " + std::to_string(now.seed) + ")");
  if (stored.source_revision != samen::build::revision())
    add("written by samen revision " +
        (stored.source_revision.empty() ? std::string("unknown") : stored.source_revision) +
        ", this is " + samen::build::revision());
  if (stored.inputs_sha256.empty()) {
    add("written without an input digest (by an older samen)");
  } else if (stored.targets_sha256 != now.targets_sha256) {
    add("survey targets file changed");
  }
  if (stored.posterior_sha256 != now.posterior_sha256) {
    if (now.posterior_sha256.empty())
      add("run under the posterior draws of '" + stored.posterior_path + "', now without");
    else if (stored.posterior_sha256.empty())
      add("run without posterior draws, now under those of '" + now.posterior_path + "'");
    else
      add("run under another posterior ('" + stored.posterior_path + "', now '" +
          now.posterior_path + "', whose content differs)");
  } else if (stored.posterior_draws != now.posterior_draws) {
    add("posterior draws changed (" + std::to_string(stored.posterior_draws) + ", now " +
        std::to_string(now.posterior_draws) + ")");
  }
  if (stored.first_replicate != now.first_replicate || stored.replicates != now.replicates)
    add("holds replicates " + std::to_string(stored.first_replicate) + ".." +
        std::to_string(stored.first_replicate + stored.replicates) + " (excluded), not " +
        std::to_string(now.first_replicate) + ".." +
        std::to_string(now.first_replicate + now.replicates));
  return why.empty() ? "input digest differs" : why;
}

void write_run_header(h5::File& file, const RunHeader& h) {
  file.set_attr("samen_version", samen::build::version());
  file.set_attr("source_revision", samen::build::revision());
  file.set_attr("creation_time", utc_now());
  file.set_attr("command_line", h.command_line);
  file.set_attr("scenario", h.scenario);
  file.set_attr("label", h.label.empty() ? h.scenario : h.label);
  file.set_attr("seed", static_cast<std::int64_t>(h.seed));
  file.set_attr("first_replicate", static_cast<std::int64_t>(h.first_replicate));
  file.set_attr("replicates", static_cast<std::int64_t>(h.replicates));
  file.set_attr("weeks", static_cast<std::int64_t>(h.weeks));
  file.set_attr("burn_in_weeks", static_cast<std::int64_t>(h.burn_in_weeks));
  file.set_attr("config", h.config);
  if (!h.posterior_sha256.empty()) {
    file.set_attr("posterior_path", h.posterior_path);
    file.set_attr("posterior_sha256", h.posterior_sha256);
    file.set_attr("posterior_draws", static_cast<std::int64_t>(h.posterior_draws));
  }
  if (!h.targets_sha256.empty()) {
    file.set_attr("targets_sha256", h.targets_sha256);
    file.set_attr("inputs_sha256", input_digest(h, samen::build::revision()));
  }
}

void write_outcomes(h5::File& file, const std::vector<std::vector<double>>& values,
                    std::uint32_t replicates, std::uint32_t weeks) {
  const auto& registry = outcome_registry();
  h5::Group group = file.create_group("outcomes");
  group.set_attr("description",
                 "One dataset per outcome, shape [replicate][week]; week 0 follows the burn-in");
  for (std::size_t o = 0; o < registry.size(); ++o) {
    auto ds = group.write_matrix(registry[o].name, replicates, weeks + 1, values[o]);
    ds.set_attr("description", registry[o].description);
    ds.set_attr("unit", registry[o].unit);
    ds.set_attr("label", registry[o].label);
    ds.set_attr("better", to_string(registry[o].better));
  }
}

void write_posterior_record(h5::File& file, const PosteriorRecord& record) {
  if (record.empty()) return;
  h5::Group group = file.create_group("posterior");
  group.set_attr("description",
                 "The posterior draw each replicate ran under: draw r mod K of the calibration "
                 "file in the root attribute posterior_path");
  group.write("names", record.names);
  group.write("draw", record.draw);
  group.write("particle", record.particle)
      .set_attr("description", "the particle of the calibration's last generation");
  group.write_matrix("values", record.draw.size(), record.names.size(), record.values)
      .set_attr("axes", "replicate, key (names)");
}

namespace {

RunHeader header_of(const h5::File& file, const std::string& path) {
  RunHeader h;
  for (const char* attr : {"scenario", "config", "seed", "first_replicate", "replicates", "weeks"})
    if (!file.has_attr(attr))
      throw h5::Error("HDF5 file '" + path + "': not a samen run file (no attribute '" + attr +
                      "')");
  h.scenario = file.get_attr_string("scenario");
  h.config = file.get_attr_string("config");
  h.seed = static_cast<std::uint32_t>(file.get_attr_int64("seed"));
  h.first_replicate = static_cast<std::uint32_t>(file.get_attr_int64("first_replicate"));
  h.replicates = static_cast<std::uint32_t>(file.get_attr_int64("replicates"));
  h.weeks = static_cast<std::uint32_t>(file.get_attr_int64("weeks"));
  h.burn_in_weeks = file.has_attr("burn_in_weeks")
                        ? static_cast<std::uint32_t>(file.get_attr_int64("burn_in_weeks"))
                        : 0;
  // Files written before labels existed are named by their scenario.
  h.label = file.has_attr("label") ? file.get_attr_string("label") : h.scenario;
  h.command_line = file.has_attr("command_line") ? file.get_attr_string("command_line") : "";
  h.source_revision =
      file.has_attr("source_revision") ? file.get_attr_string("source_revision") : "";
  h.targets_sha256 = file.has_attr("targets_sha256") ? file.get_attr_string("targets_sha256") : "";
  h.inputs_sha256 = file.has_attr("inputs_sha256") ? file.get_attr_string("inputs_sha256") : "";
  if (file.has_attr("posterior_sha256")) {
    h.posterior_sha256 = file.get_attr_string("posterior_sha256");
    h.posterior_path =
        file.has_attr("posterior_path") ? file.get_attr_string("posterior_path") : "";
    h.posterior_draws = file.has_attr("posterior_draws")
                            ? static_cast<std::uint32_t>(file.get_attr_int64("posterior_draws"))
                            : 0;
  }
  return h;
}

}  // namespace

RunHeader read_run_header(const std::string& path) {
  return header_of(h5::File::open_read(path), path);
}

RunFile read_run_file(const std::string& path) {
  const h5::File file = h5::File::open_read(path);
  RunFile run;
  run.path = path;
  run.header = header_of(file, path);
  const auto& h = run.header;
  if (!file.exists("/outcomes")) throw h5::Error("HDF5 file '" + path + "': no group '/outcomes'");
  const h5::Group group = file.open_group("/outcomes");
  for (const auto& name : group.children()) {
    auto m = group.read_matrix(name);
    if (m.rows != h.replicates || m.cols != h.weeks + 1)
      throw h5::Error("HDF5 file '" + path + "': outcome '" + name + "' has shape [" +
                      std::to_string(m.rows) + "][" + std::to_string(m.cols) +
                      "] but the file "
                      "declares " +
                      std::to_string(h.replicates) + " replicates and " + std::to_string(h.weeks) +
                      " weeks");
    run.outcomes[name] = std::move(m);
  }
  for (const auto& o : outcome_registry())
    if (!run.outcomes.count(o.name))
      throw h5::Error("HDF5 file '" + path + "': outcome '" + o.name + "' is missing");
  if (file.exists("/posterior")) {
    PosteriorRecord& p = run.posterior;
    p.names = file.read_strings("posterior/names");
    p.draw = file.read_int32("posterior/draw");
    p.particle = file.read_int32("posterior/particle");
    const auto values = file.read_matrix("posterior/values");
    p.values = values.values;
    if (p.draw.size() != h.replicates || p.particle.size() != h.replicates ||
        values.rows != h.replicates || values.cols != p.names.size())
      throw h5::Error("HDF5 file '" + path + "': /posterior does not hold one row per replicate");
  }
  return run;
}

}  // namespace samen

#include "samen/io/run_file.hpp"

#include <ctime>

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

void write_run_header(h5::File& file, const RunHeader& h) {
  file.set_attr("samen_version", std::string(SAMEN_VERSION));
  file.set_attr("source_revision", std::string(SAMEN_GIT_REVISION));
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

RunFile read_run_file(const std::string& path) {
  const h5::File file = h5::File::open_read(path);
  RunFile run;
  run.path = path;
  auto& h = run.header;
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
  return run;
}

}  // namespace samen

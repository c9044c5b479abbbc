#include "samen/calibration/calibration.hpp"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <limits>
#include <mutex>

#include "../uncertainty/draws.hpp"
#include "samen/core/build_info.hpp"
#include "samen/core/numbers.hpp"
#include "samen/core/sha256.hpp"
#include "samen/io/hdf5.hpp"
#include "samen/io/run_file.hpp"
#include "samen/model/scenario.hpp"
#include "samen/model/scenario_inputs.hpp"

namespace samen {
namespace {

constexpr const char* kFormat = "samen calibration 1";

std::vector<std::string> value_overrides(const CalibrationFile& file,
                                         const std::vector<double>& theta) {
  std::vector<std::string> overrides = file.overrides;
  for (std::size_t k = 0; k < theta.size(); ++k) {
    const auto& p = file.parameters[k];
    overrides.push_back(p.name + "=" + exact_text(std::clamp(theta[k], p.low, p.high)));
  }
  return overrides;
}

// Everything the result depends on, as text; its digest marks the output.
std::string identity_of(const CalibrationFile& f, const std::string& config,
                        const std::string& targets_sha256) {
  std::string id = "samen calibrate, source revision " + samen::build::revision() + "\n";
  id += "survey targets sha256 = " + targets_sha256 + "\n";
  for (const auto& p : f.parameters)
    id += "parameter = " + p.name + " " + exact_text(p.low) + " " + exact_text(p.high) +
          (p.scale == uncertainty::Scale::log ? " log" : " linear") + "\n";
  for (const auto& fig : f.figures) id += "figure = " + fig + "\n";
  id += "burn_in_weeks = " + std::to_string(f.window.burn_in_weeks) + "\n";
  id += "measure_weeks = " + std::to_string(f.window.measure_weeks) + "\n";
  id += "survey_every = " + std::to_string(f.window.survey_every) + "\n";
  id += "population = " + std::to_string(f.abc.population) + "\n";
  if (f.abc.tolerances.empty()) {
    id += "generations = " + std::to_string(f.abc.generations) + "\n";
    id += "quantile = " + exact_text(f.abc.quantile) + "\n";
  } else {
    id += "tolerances =";
    for (const double e : f.abc.tolerances) id += " " + exact_text(e);
    id += "\n";
  }
  id += "batch = " + std::to_string(f.abc.batch) + "\n";
  id += "max_proposals = " + std::to_string(f.abc.max_proposals) + "\n";
  id += "min_acceptance = " + exact_text(f.abc.min_acceptance) + "\n";
  id += "seed = " + std::to_string(f.abc.seed) + "\n";
  id += "draws = " + std::to_string(f.draws) + "\n";
  id += "[scenario]\n" + config;
  return id;
}

}  // namespace

Calibration run_calibration(const CalibrationFile& file,
                            const std::function<void(const std::string&)>& progress) {
  Calibration c;
  c.file = file;
  c.seed = file.abc.seed;
  const ModelScenario scenario = load_model_scenario(file.scenario, file.overrides);
  const SurveyTargets targets = load_scenario_targets(scenario);
  c.config = scenario.values.to_ini();
  c.identity =
      identity_of(file, c.config, file_sha256(resolve_file_key(scenario, "survey.targets")));
  c.digest = sha256_hex(c.identity);

  // The survey's figures and standard errors, from one run of the scenario
  // as it stands (the intervals do not depend on the model's answers).
  std::vector<FigureComparison> reference;
  std::mutex lock;
  std::atomic<std::size_t> evaluated{0};
  auto simulate = [&](const std::vector<double>& theta, StreamKey key) {
    const ModelScenario s = load_model_scenario(file.scenario, value_overrides(file, theta));
    return measure_steady_state(s.params, targets, file.window, key);
  };
  const uncertainty::AbcDistance distance = [&](const std::vector<double>& theta, StreamKey key) {
    const auto figures = simulate(theta, key);
    double sum = 0.0;
    for (const auto& id : file.figures) {
      const auto it = figures.find(id);
      if (it == figures.end() || std::isnan(it->second.model_value)) return kNaN;
      const double z =
          (it->second.model_value - it->second.survey_value) / survey_standard_error(it->second);
      sum += z * z;
    }
    const std::size_t n = ++evaluated;
    if (progress && n % file.abc.batch == 0) {
      std::lock_guard<std::mutex> guard(lock);
      progress("proposals simulated: " + std::to_string(n));
    }
    return sum;
  };
  c.abc = uncertainty::abc_smc(file.parameters, distance, file.abc);
  if (c.abc.generations.empty())
    throw ConfigError(file.path + ": the first generation was not filled (" + c.abc.stop_reason +
                      "); raise max_proposals or loosen the tolerances");

  // Posterior-predictive check: draws by weight from the last generation,
  // each run with streams that no proposal used.
  const auto& last = c.abc.generations.back();
  std::uint32_t keys_used = 0;
  for (const auto& g : c.abc.generations) keys_used += static_cast<std::uint32_t>(g.simulations);
  std::vector<double> cumulative(last.weights.size());
  double running = 0.0;
  for (std::size_t i = 0; i < cumulative.size(); ++i) cumulative[i] = running += last.weights[i];
  cumulative.back() = 1.0;
  const std::size_t k = file.parameters.size(), draws = file.draws;
  PredictiveCheck& check = c.check;
  check.draws = uncertainty::Matrix(draws, k);
  std::vector<std::map<std::string, FigureComparison>> runs(draws);
  tbb::parallel_for(std::size_t{0}, draws, [&](std::size_t d) {
    Stream stream = uncertainty::detail::stream(c.seed, uncertainty::detail::Draw::posterior_draw,
                                                static_cast<std::uint32_t>(d));
    const double pick = stream.uniform();
    const auto j = std::min<std::size_t>(
        static_cast<std::size_t>(std::upper_bound(cumulative.begin(), cumulative.end(), pick) -
                                 cumulative.begin()),
        cumulative.size() - 1);
    std::vector<double> theta(k);
    for (std::size_t p = 0; p < k; ++p) theta[p] = check.draws(d, p) = last.particles(j, p);
    runs[d] = simulate(theta, {c.seed, keys_used + static_cast<std::uint32_t>(d)});
  });
  for (const auto& f : targets.figures()) {
    const auto it = runs.front().find(f.id);
    if (it == runs.front().end()) continue;
    check.figures.push_back(f.id);
    check.survey.push_back(it->second.survey_value);
    check.low.push_back(it->second.ci.low);
    check.high.push_back(it->second.ci.high);
    check.calibrated.push_back(std::find(file.figures.begin(), file.figures.end(), f.id) !=
                               file.figures.end());
  }
  check.model = uncertainty::Matrix(draws, check.figures.size());
  check.within_calibrated.assign(draws, 0);
  check.within_all.assign(draws, 0);
  for (std::size_t d = 0; d < draws; ++d)
    for (std::size_t f = 0; f < check.figures.size(); ++f) {
      const auto it = runs[d].find(check.figures[f]);
      const double v = it == runs[d].end() ? kNaN : it->second.model_value;
      check.model(d, f) = v;
      const bool within = !std::isnan(v) && v >= check.low[f] && v <= check.high[f];
      check.within_all[d] += within;
      if (check.calibrated[f]) check.within_calibrated[d] += within;
    }
  for (const auto& id : file.figures) {
    const auto it = runs.front().find(id);
    c.survey.push_back(it == runs.front().end() ? kNaN : it->second.survey_value);
    c.se.push_back(it == runs.front().end() ? kNaN : survey_standard_error(it->second));
  }
  return c;
}

void write_calibration(const std::string& path, const Calibration& c) {
  h5::File file = h5::File::create_atomic(path);
  const CalibrationFile& f = c.file;
  file.set_attr("format", kFormat);
  file.set_attr("samen_version", samen::build::version());
  file.set_attr("source_revision", samen::build::revision());
  file.set_attr("name", f.name);
  file.set_attr("calibration_file", f.text);
  file.set_attr("scenario", f.scenario);
  file.set_attr("config", c.config);
  file.set_attr("identity", c.identity);
  file.set_attr("digest", c.digest);
  file.set_attr("seed", c.seed);
  file.set_attr("burn_in_weeks", f.window.burn_in_weeks);
  file.set_attr("measure_weeks", f.window.measure_weeks);
  file.set_attr("survey_every", f.window.survey_every);
  file.set_attr("population", f.abc.population);
  file.set_attr("schedule", f.abc.tolerances.empty() ? "adaptive" : "fixed");
  file.set_attr("quantile", f.abc.quantile);
  file.set_attr("complete", c.abc.complete ? 1 : 0);
  file.set_attr("stop_reason", c.abc.stop_reason);
  file.set_attr("distance", "sum over the figures of ((model - survey) / survey standard error)^2");

  h5::Group params = file.create_group("parameters");
  std::vector<std::string> names, scales;
  std::vector<double> low, high;
  for (const auto& p : c.abc.parameters) {
    names.push_back(p.name);
    low.push_back(p.low);
    high.push_back(p.high);
    scales.push_back(p.scale == uncertainty::Scale::log ? "log" : "linear");
  }
  params.write("names", names);
  params.write("low", low).set_attr("prior", "uniform on [low, high] in the scale");
  params.write("high", high);
  params.write("scale", scales);

  h5::Group figures = file.create_group("figures");
  figures.write("ids", f.figures);
  figures.write("survey", c.survey);
  figures.write("standard_error", c.se);

  h5::Group gens = file.create_group("generations");
  std::vector<double> eps, acceptance;
  std::vector<std::int64_t> simulations;
  for (const auto& g : c.abc.generations) {
    eps.push_back(g.epsilon);
    acceptance.push_back(g.acceptance_rate);
    simulations.push_back(static_cast<std::int64_t>(g.simulations));
  }
  gens.write("epsilon", eps).set_attr("meaning", "the tolerance each generation accepted under");
  gens.write("acceptance_rate", acceptance);
  gens.write("simulations", simulations);
  auto write_population = [&](h5::Node& node, const uncertainty::AbcGeneration& g) {
    node.write_matrix("particles", g.particles.rows, g.particles.cols, g.particles.values)
        .set_attr("axes", "particle, parameter");
    node.write("weights", g.weights);
    node.write("distances", g.distances);
    node.set_attr("epsilon", g.epsilon);
  };
  for (std::size_t t = 0; t < c.abc.generations.size(); ++t) {
    char name[32];
    std::snprintf(name, sizeof name, "g%03zu", t);
    h5::Group g = gens.create_group(name);
    write_population(g, c.abc.generations[t]);
  }
  h5::Group post = file.create_group("posterior");
  write_population(post, c.abc.generations.back());

  const PredictiveCheck& p = c.check;
  h5::Group pred = file.create_group("predictive");
  pred.write("figures", p.figures);
  pred.write("survey", p.survey);
  pred.write("low", p.low);
  pred.write("high", p.high);
  std::vector<std::uint8_t> calibrated(p.calibrated.begin(), p.calibrated.end());
  pred.write("calibrated", calibrated);
  pred.write_matrix("draws", p.draws.rows, p.draws.cols, p.draws.values)
      .set_attr("axes", "draw, parameter");
  pred.write_matrix("model", p.model.rows, p.model.cols, p.model.values)
      .set_attr("axes", "draw, figure");
  pred.write("within_calibrated",
             std::vector<std::int32_t>(p.within_calibrated.begin(), p.within_calibrated.end()));
  pred.write("within_all", std::vector<std::int32_t>(p.within_all.begin(), p.within_all.end()));
  file.commit();
}

Posterior read_posterior(const std::string& path) {
  const h5::File file = h5::File::open_read(path);
  if (!file.has_attr("format") || file.get_attr_string("format") != kFormat)
    throw h5::Error("HDF5 file '" + path +
                    "' is not a calibration file of samen calibrate (no attribute format = '" +
                    kFormat + "')");
  Posterior post;
  post.path = path;
  const auto names = file.read_strings("parameters/names");
  const auto low = file.read_doubles("parameters/low");
  const auto high = file.read_doubles("parameters/high");
  const auto scale = file.read_strings("parameters/scale");
  if (low.size() != names.size() || high.size() != names.size() || scale.size() != names.size())
    throw h5::Error("HDF5 file '" + path + "': /parameters has datasets of different lengths");
  for (std::size_t k = 0; k < names.size(); ++k)
    post.parameters.push_back(
        {names[k], low[k], high[k],
         scale[k] == "log" ? uncertainty::Scale::log : uncertainty::Scale::linear});
  const auto m = file.read_matrix("posterior/particles");
  post.particles = uncertainty::Matrix(m.rows, m.cols);
  post.particles.values = m.values;
  post.weights = file.read_doubles("posterior/weights");
  if (m.cols != names.size() || post.weights.size() != m.rows)
    throw h5::Error("HDF5 file '" + path + "': /posterior has the wrong shape");
  return post;
}

}  // namespace samen

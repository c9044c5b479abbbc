#include <tbb/global_control.h>
#include <tbb/task_arena.h>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <sstream>

#include "commands.hpp"
#include "options.hpp"
#include "samen/core/build_info.hpp"
#include "samen/core/config.hpp"
#include "samen/field/generate.hpp"
#include "samen/io/output_guard.hpp"
#include "samen/io/snapshot.hpp"
#include "samen/io/text_output.hpp"
#include "samen/model/parameters.hpp"
#include "samen/model/scenario.hpp"
#include "samen/model/scenario_inputs.hpp"
#include "samen/survey/virtual_survey.hpp"

namespace samen::cli {
namespace {

std::string fixed(double x, int digits) {
  if (std::isnan(x)) return "nan";
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", digits, x);
  return buffer;
}

std::string report_csv(const SurveyReport& report) {
  std::ostringstream out;
  out << "id,survey_value,model_value,ci_low,ci_high,within\n";
  for (const auto& r : report.rows)
    out << r.id << ',' << fixed(r.survey_value, 4) << ',' << fixed(r.model_value, 4) << ','
        << fixed(r.ci.low, 4) << ',' << fixed(r.ci.high, 4) << ',' << (r.within ? 1 : 0) << '\n';
  return out.str();
}

bool is_mean(const std::string& id) {
  return id.size() > 5 && id.compare(id.size() - 5, 5, ".mean") == 0;
}

void print_report(const SurveyReport& report, std::ostream& out) {
  char line[512];
  std::snprintf(line, sizeof line, "%-34s %8s %8s %17s  %s\n", "figure", "survey", "model",
                "95% interval", "");
  out << line;
  for (const auto& r : report.rows) {
    const bool mean = is_mean(r.id);
    std::snprintf(line, sizeof line, "%-34s %8s %8s  [%6s, %6s]  %s\n", r.id.c_str(),
                  fixed(r.survey_value, mean ? 2 : 1).c_str(),
                  fixed(r.model_value, mean ? 2 : 1).c_str(), fixed(r.ci.low, mean ? 2 : 1).c_str(),
                  fixed(r.ci.high, mean ? 2 : 1).c_str(), r.within ? "ok" : "OUTSIDE");
    out << line;
  }
  out << report.within_count() << " of " << report.rows.size()
      << " figures within their 95% interval\n";
}

// Prints the report (or only its summary with --quiet) and writes --csv.
void show(const SurveyReport& report, const boost::program_options::variables_map& vm) {
  if (vm.count("quiet"))
    std::cout << report.within_count() << " of " << report.rows.size()
              << " figures within their 95% interval\n";
  else
    print_report(report, std::cout);
  if (vm.count("csv")) write_text_atomic(vm["csv"].as<std::string>(), report_csv(report));
}

}  // namespace

int survey_command(const std::vector<std::string>& args) {
  namespace po = boost::program_options;
  po::options_description options("samen survey CONFIG [options]");
  options.add_options()("help,h", "show this help")("config", po::value<std::string>(),
                                                    "scenario INI file")(
      "seed", po::value<std::string>(), "seed of the random streams (default: run.seed)")(
      "replicate", po::value<std::string>()->default_value("0"), "replicate number")(
      "threads", po::value<int>()->default_value(0), "worker threads (0: all cores)")(
      "csv", po::value<std::string>(), "write the comparison table to this CSV file")(
      "h5", po::value<std::string>(), "write the week-0 snapshot to this HDF5 file")(
      "set", po::value<std::vector<std::string>>()->composing(),
      "override a parameter: --set key=value (repeatable)")("quiet,q",
                                                            "print only the summary line")(
      "week", po::value<std::string>(),
      "with a RESULT.h5 of samen run: the week of the stored snapshot");
  po::positional_options_description positional;
  positional.add("config", 1);
  const auto vm = parse(args, options, positional);
  if (vm.count("help")) {
    std::cout << options
              << "\nBuilds the field of CONFIG, asks it the survey's questions and prints each "
                 "figure beside the survey's with its 95% interval.\n";
    return 0;
  }
  if (!vm.count("config")) throw UsageError{"missing the scenario CONFIG file (or a RESULT.h5)"};
  const std::string input = vm["config"].as<std::string>();
  for (const char* option : {"csv", "h5"})
    if (vm.count(option))
      check_output_path(vm[option].as<std::string>(),
                        std::string(option) == "h5" ? OutputKind::Hdf5 : OutputKind::Text, {input},
                        std::string("--") + option);
  // By content, not by name: x.H5, x.hdf5 or a result without an extension.
  if (has_hdf5_signature(input)) {
    // The survey of a snapshot stored by `samen run`.
    for (const char* option : {"seed", "replicate", "h5", "set"})
      if (vm.count(option) && !vm[option].defaulted())
        throw UsageError{std::string("--") + option + " does not apply to a stored RESULT.h5"};
    const std::uint32_t week =
        vm.count("week")
            ? parse_whole("--week", vm["week"].as<std::string>(), 0,
                          static_cast<std::uint32_t>(model_parameters().find("run.weeks")->max))
            : 0;
    const h5::File file = h5::File::open_read(input);
    const SurveyReport report = read_survey_figures(file, week);
    show(report, vm);
    return 0;
  }
  if (vm.count("week")) throw UsageError{"--week applies only to a RESULT.h5 written by samen run"};
  const auto limit = limit_threads(vm["threads"].as<int>());

  std::vector<std::string> overrides;
  if (vm.count("set")) overrides = vm["set"].as<std::vector<std::string>>();
  add_run_setting(vm, "seed", "run.seed", overrides);
  const ModelScenario scenario = load_model_scenario(vm["config"].as<std::string>(), overrides);
  const SurveyTargets targets = load_scenario_targets(scenario);
  const StreamKey key{
      scenario.params.run.seed,
      parse_whole("--replicate", vm["replicate"].as<std::string>(), 0, kMaxReplicate)};
  const Field field = generate_field(scenario.params, targets, key);
  const SurveyReport report = run_virtual_survey(field, targets, scenario.params.survey.grade_sd);

  show(report, vm);
  if (vm.count("h5")) {
    h5::File file = h5::File::create_atomic(vm["h5"].as<std::string>());
    file.set_attr("samen_version", samen::build::version());
    file.set_attr("source_revision", samen::build::revision());
    file.set_attr("scenario", scenario.name);
    file.set_attr("seed", static_cast<std::int64_t>(key.seed));
    file.set_attr("replicate", static_cast<std::int64_t>(key.replicate));
    file.set_attr("config", scenario.values.to_ini());
    write_survey_snapshot(file, 0, field, report);
    file.commit();
  }
  return 0;
}

}  // namespace samen::cli

// `samen report`: one self-contained HTML page on a batch of policy options.
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "commands.hpp"
#include "options.hpp"
#include "plotting.hpp"
#include "samen/analysis/display.hpp"
#include "samen/analysis/report.hpp"
#include "samen/core/build_info.hpp"
#include "samen/core/parameters.hpp"
#include "samen/io/snapshot.hpp"
#include "samen/io/text_output.hpp"
#include "samen/survey/targets.hpp"

namespace samen::cli {
namespace {

namespace fs = std::filesystem;

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read '" + path + "'");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The merged run files of a batch folder (its *.h5 files with a `batch`
// attribute; other HDF5 files there are not part of the batch), baseline
// first: the baseline is named by their `baseline` attribute (samen batch
// writes it), or is the file baseline.h5.
std::vector<std::string> files_of_folder(const std::string& dir) {
  std::vector<std::string> found;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".h5") continue;
    if (h5::File::open_read(entry.path().string()).has_attr("batch"))
      found.push_back(entry.path().string());
  }
  std::sort(found.begin(), found.end());
  if (found.size() < 2)
    throw UsageError{"folder '" + dir + "' holds " + std::to_string(found.size()) +
                     " merged file(s) of samen batch; a report needs the baseline and at least "
                     "one option"};
  std::string baseline;
  for (const auto& f : found) {
    const auto file = h5::File::open_read(f);
    if (!file.has_attr("baseline") || !file.has_attr("scenario")) continue;
    const std::string name = file.get_attr_string("baseline");
    for (const auto& g : found)
      if (fs::path(g).stem().string() == name) baseline = g;
    if (!baseline.empty()) break;
  }
  if (baseline.empty())
    for (const auto& f : found)
      if (fs::path(f).stem() == "baseline") baseline = f;
  if (baseline.empty())
    throw UsageError{"cannot tell which file of '" + dir +
                     "' is the baseline (no 'baseline' attribute, no baseline.h5); give the "
                     "files instead, the baseline first"};
  std::vector<std::string> out = {baseline};
  for (const auto& f : found)
    if (f != baseline) out.push_back(f);
  return out;
}

// Keys that decide the generated field: everything but run settings, policy
// options and the label.
std::string field_difference(const std::string& survey_ini, const std::string& baseline_ini) {
  std::istringstream in(survey_ini);
  std::string line;
  while (std::getline(in, line)) {
    const auto eq = line.find(" = ");
    if (line.empty() || line[0] == '#' || eq == std::string::npos) continue;
    const std::string key = line.substr(0, eq);
    if (key.rfind("run.", 0) == 0 || key.rfind("policy.", 0) == 0 || key == "scenario.label")
      continue;
    const std::string value = line.substr(eq + 3), other = ini_value(baseline_ini, key);
    if (value != other)
      return "key '" + key + "' is " + value + " there but " + (other.empty() ? "absent" : other) +
             " in the baseline";
  }
  return "";
}

void add_survey(ReportInput& in, const RunFile& baseline, const std::string& given) {
  std::string path = given;
  if (path.empty()) {
    const auto file = h5::File::open_read(baseline.path);
    if (file.exists(snapshot_path(0))) path = baseline.path;
  }
  if (path.empty()) {
    in.survey_missing =
        "No survey fit is shown: the batch's files hold no survey snapshots. Write one with "
        "'samen survey BASELINE.ini --h5 FILE' and pass it with --survey FILE (the main job of "
        "the README passes results/baseline_survey.h5).";
    return;
  }
  const auto file = h5::File::open_read(path);
  in.survey.figures = read_survey_figures(file, 0);
  in.survey.source = path;
  const std::string config = file.has_attr("config") ? file.get_attr_string("config") : "";
  const std::string seed =
      file.has_attr("seed") ? std::to_string(file.get_attr_int64("seed")) : "unknown";
  const std::string difference = field_difference(config, baseline.header.config);
  std::string text =
      path == baseline.path
          ? "The baseline's own snapshot at week 0, right after the burn-in."
          : "The field as generated (week 0, before any burn-in), seed " + seed +
                (file.has_attr("replicate")
                     ? ", replicate " + std::to_string(file.get_attr_int64("replicate"))
                     : "") +
                ".";
  if (std::to_string(baseline.header.seed) != seed && path != baseline.path)
    text += " Its seed differs from the batch's (" + std::to_string(baseline.header.seed) + ").";
  text += difference.empty()
              ? " Its configuration equals the baseline's outside run settings."
              : " Caution: its configuration differs from the baseline's: " + difference + ".";
  in.survey.provenance = text;
  // The survey's questions, from the shipped targets, where they are found.
  try {
    const auto targets =
        SurveyTargets::load(samen::build::source_dir() + "/scenarios/survey_targets.csv");
    for (const auto& f : targets.figures())
      in.survey.questions.emplace_back(f.id, f.question + ": " + f.category);
  } catch (const std::exception&) {
    // Without the targets file the table shows the figure ids alone.
  }
  in.has_survey = true;
}

// A folder that removes itself.
struct TempDir {
  fs::path path;
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "samen_report_XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw std::runtime_error("cannot create a temporary folder");
    path = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

}  // namespace

int report_command(const std::vector<std::string>& args) {
  namespace po = boost::program_options;
  po::options_description options("samen report RESULT_DIR | BASELINE.h5 OPTION.h5... --html FILE");
  options.add_options()("help,h", "show this help")("inputs", po::value<std::vector<std::string>>(),
                                                    "batch folder or run files")(
      "html", po::value<std::string>(), "the HTML file to write")(
      "window", po::value<std::string>(), "compare weeks A:B (default: the last 52 weeks)")(
      "rank-by", po::value<std::string>(),
      "rank options by this outcome (default: families_reached if recorded, else reach_flow_all)")(
      "outcome", po::value<std::vector<std::string>>()->composing(),
      "outcome for the forest plot (repeatable; default: the main outcomes)")(
      "survey", po::value<std::string>(),
      "survey snapshot for the baseline's fit (samen survey --h5 FILE); default: the "
      "baseline's own week-0 snapshot, if any")(
      "precision", po::value<double>()->default_value(0.05, "0.05"),
      "wanted 95% half-width as a share of the baseline mean (for the notes)");
  po::positional_options_description positional;
  positional.add("inputs", -1);
  const auto vm = parse(args, options, positional);
  if (vm.count("help")) {
    std::cout << options
              << "\nWrites one self-contained HTML page (figures inlined, nothing fetched): what "
                 "was compared, the options ranked per 1,000 professional hours, the comparison "
                 "table, figures, outcome definitions and the baseline's fit to the survey. A "
                 "folder of samen batch is read whole; loose files are read baseline first.\n";
    return 0;
  }
  if (!vm.count("inputs"))
    throw UsageError{"give a batch folder, or the run files, baseline first"};
  if (!vm.count("html")) throw UsageError{"give the output file with --html FILE"};
  const double precision = vm["precision"].as<double>();
  if (!std::isfinite(precision) || precision <= 0.0)
    throw UsageError{"--precision must be a number above 0 (e.g. 0.05 for 5%); got " +
                     format_number(precision)};
  std::vector<std::string> files;
  for (const auto& input : vm["inputs"].as<std::vector<std::string>>()) {
    if (fs::is_directory(input)) {
      const auto found = files_of_folder(input);
      files.insert(files.end(), found.begin(), found.end());
    } else {
      files.push_back(input);
    }
  }
  if (files.size() < 2) throw UsageError{"a report needs the baseline and at least one option"};
  const std::string html = vm["html"].as<std::string>();
  std::vector<RunFile> runs;
  for (std::size_t k = 0; k < files.size(); ++k) {
    std::error_code ec;
    if (fs::equivalent(files[k], html, ec))
      throw UsageError{"--html '" + html + "' is one of the input files; choose another name"};
    for (std::size_t j = 0; j < k; ++j)
      if (fs::equivalent(files[j], files[k], ec))
        throw UsageError{"'" + files[k] + "' is given twice; give each file once"};
    runs.push_back(read_run_file(files[k]));
  }
  const RunFile& baseline = runs.front();

  std::string rank_by = find_outcome("families_reached") ? "families_reached" : "reach_flow_all";
  if (vm.count("rank-by")) {
    rank_by = vm["rank-by"].as<std::string>();
    check_outcome_names("--rank-by", {rank_by});
  }
  std::vector<std::string> forest_outcomes = main_outcome_names();
  if (vm.count("outcome")) {
    forest_outcomes = vm["outcome"].as<std::vector<std::string>>();
    check_outcome_names("--outcome", forest_outcomes);
  }
  const std::uint32_t weeks = baseline.header.weeks;
  WeekWindow window{weeks >= 51 ? weeks - 51 : 0, weeks};
  if (vm.count("window")) window = parse_window("--window", vm["window"].as<std::string>(), weeks);

  ReportInput in;
  in.header = baseline.header;
  in.window = window;
  in.precision = precision;
  in.rank_outcome = rank_by;
  {
    const auto file = h5::File::open_read(baseline.path);
    in.batch = file.has_attr("batch") ? file.get_attr_string("batch") : "";
    in.samen_version =
        file.has_attr("samen_version") ? file.get_attr_string("samen_version") : "unknown";
    in.source_revision = baseline.header.source_revision.empty() ? std::string("unknown")
                                                                 : baseline.header.source_revision;
  }
  in.baseline = {baseline.header.scenario, baseline.header.label, baseline.path, {}};
  for (std::size_t k = 1; k < runs.size(); ++k) {
    const auto& h = runs[k].header;
    in.options.push_back(
        {h.scenario, h.label, runs[k].path, policy_differences(baseline.header.config, h.config)});
    const auto part = compare_runs(baseline, runs[k], window, precision);
    in.rows.insert(in.rows.end(), part.begin(), part.end());
  }
  in.ranking = rank_options(in.rows, rank_by, find_outcome(rank_by)->better);
  add_survey(in, baseline, vm.count("survey") ? vm["survey"].as<std::string>() : "");

  // Figures: SVG, drawn into a temporary folder and inlined into the page.
  const TempDir temp;
  const std::string csv = (temp.path / "comparison.csv").string();
  write_text_atomic(csv, comparison_csv(in.rows));
  std::vector<std::string> series;
  for (const std::string& name : {rank_by, std::string("reach_flow_migrant"),
                                  std::string("reach_flow_all"), std::string("professional_hours")})
    if (find_outcome(name) && std::find(series.begin(), series.end(), name) == series.end())
      series.push_back(name);
  const std::string captions = (temp.path / "captions.tsv").string();
  draw_plots({files, csv, temp.path.string(), window, forest_outcomes, {"svg"}, series, captions});
  std::istringstream lines(read_text(captions));
  std::string line;
  while (std::getline(lines, line)) {
    const auto a = line.find('\t'), b = line.find('\t', a + 1);
    if (a == std::string::npos || b == std::string::npos) continue;
    in.figures.push_back(
        {line.substr(a + 1, b - a - 1), line.substr(b + 1), read_text(line.substr(0, a))});
  }

  if (const auto dir = fs::path(html).parent_path(); !dir.empty()) fs::create_directories(dir);
  write_text_atomic(html, render_report_html(in));
  std::cout << "samen report: wrote " << html << " (" << in.options.size() << " options, "
            << in.figures.size() << " figures, ranked by " << rank_by << ")\n";
  return 0;
}

}  // namespace samen::cli

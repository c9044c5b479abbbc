// The HTML report on a batch: one self-contained page (figures inlined as
// data URIs, no scripts, nothing fetched) that an analyst can read, print or
// mail as it is.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "samen/analysis/compare.hpp"
#include "samen/analysis/ranking.hpp"
#include "samen/io/run_file.hpp"
#include "samen/survey/virtual_survey.hpp"

namespace samen {

/// One scenario of the report.
struct ReportScenario {
  std::string scenario;  ///< file stem (the `scenario` attribute)
  std::string label;     ///< name for readers (the `label` attribute)
  std::string path;      ///< its run file
  /// policy.* keys whose value differs from the baseline's, as (key, value).
  std::vector<std::pair<std::string, std::string>> policy;
};

/// A figure, as the SVG document analysis/plots.py wrote.
struct ReportFigure {
  std::string title;
  std::string caption;
  std::string svg;
};

/// How the baseline's field fits the 2011 survey.
struct ReportSurvey {
  std::string source;      ///< the file the figures come from
  std::string provenance;  ///< a sentence on how that file relates to the baseline
  SurveyReport figures;
  /// Per figure id, the survey's question and category, where known.
  std::vector<std::pair<std::string, std::string>> questions;
};

/// Everything the page shows.
struct ReportInput {
  std::string batch;  ///< batch name ("" for loose files)
  ReportScenario baseline;
  std::vector<ReportScenario> options;
  RunHeader header;             ///< the baseline's: seed, replicates, weeks, burn-in, config
  std::string samen_version;    ///< of the files
  std::string source_revision;  ///< of the files
  WeekWindow window;
  double precision = 0.05;
  std::vector<ComparisonRow> rows;  ///< every option x outcome (compare_runs)
  std::string rank_outcome;         ///< the ranking's outcome
  std::vector<RankedOption> ranking;
  std::vector<ReportFigure> figures;
  bool has_survey = false;
  ReportSurvey survey;
  std::string survey_missing;  ///< why there is no survey section, when has_survey is false
};

/// Returns the policy.* keys of `option_ini` whose value differs from (or is
/// absent in) `baseline_ini`, both INI texts of `key = value` lines, in the
/// order of `option_ini`.
std::vector<std::pair<std::string, std::string>> policy_differences(const std::string& baseline_ini,
                                                                    const std::string& option_ini);

/// Returns the value of `key` in INI text of `key = value` lines, "" if absent.
std::string ini_value(const std::string& ini, const std::string& key);

/// Returns `text` with &, <, >, " and ' replaced by character references.
std::string html_escape(const std::string& text);

/// Returns `data` in base64 (RFC 4648, with padding), e.g. "Man" -> "TWFu".
std::string base64_encode(const std::string& data);

/// Renders the page: what was compared, the ranking with its rule, the
/// comparison table with plain-language notes, the figures, the outcome
/// definitions and the survey fit. Rows of the tables carry data-option and
/// data-outcome attributes (scenario and outcome names) for checks.
std::string render_report_html(const ReportInput& input);

}  // namespace samen

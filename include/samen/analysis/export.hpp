// Tidy ("long") CSV of run files for pandas, R and spreadsheets: one value
// per row, with the scenario, replicate, week, outcome and unit beside it.
#pragma once

#include <string>
#include <vector>

#include "samen/analysis/compare.hpp"
#include "samen/io/run_file.hpp"

namespace samen {

/// Returns `text` as one CSV field: as it is, or in double quotes with inner
/// quotes doubled when it holds a comma, a quote, a CR or a LF (RFC 4180),
/// e.g. csv_field("it's \"x\", y") = "\"it's \"\"x\"\", y\"".
std::string csv_field(const std::string& text);

/// Returns the shortest decimal text that reads back as exactly `value`
/// (e.g. "0.1", "1e-07"), and "" for NaN so that pandas, R and spreadsheets
/// see a missing value.
std::string csv_number(double value);

/// Renders the columns scenario, replicate, week, outcome, value, unit: one
/// row per run file (in order), replicate, week of `window` and outcome (in
/// the order of `outcomes`). `replicate` is the replicate's number
/// (first_replicate + row). Throws std::invalid_argument when a file has
/// fewer weeks than the window or lacks an outcome.
std::string tidy_csv(const std::vector<RunFile>& runs, const std::vector<std::string>& outcomes,
                     WeekWindow window);

/// Renders per run file and outcome the mean over replicates of each
/// replicate's mean over `window` (NaN weeks skipped) with its 95% interval
/// (Student t): the columns scenario, outcome, unit, first_week, last_week,
/// replicates, mean, ci_low, ci_high. The interval is empty with fewer than 2
/// replicates.
std::string summary_csv(const std::vector<RunFile>& runs, const std::vector<std::string>& outcomes,
                        WeekWindow window);

}  // namespace samen

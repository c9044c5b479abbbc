// Figures of a comparison, drawn by analysis/plots.py with Debian's Python.
#pragma once

#include <string>
#include <vector>

#include "samen/analysis/compare.hpp"

namespace samen::cli {

/// What to draw and where.
struct PlotRequest {
  std::vector<std::string> files;       ///< run files, the baseline first
  std::string csv;                      ///< the comparison CSV of these files
  std::string out_dir;                  ///< folder for the figures
  WeekWindow window;                    ///< the compared weeks
  std::vector<std::string> outcomes;    ///< outcomes to draw, in this order
  std::vector<std::string> formats;     ///< "png", "svg" and/or "pdf"
  std::vector<std::string> timeseries;  ///< outcomes drawn over time; empty: `outcomes`
  std::string captions;                 ///< if set, plots.py writes path, title, caption here
};

/// Splits comma-separated values of `option` into formats and checks each is
/// png, svg or pdf; throws UsageError otherwise. Returns {"png"} for none.
std::vector<std::string> parse_formats(const std::string& option,
                                       const std::vector<std::string>& values);

/// Runs analysis/plots.py on the request with an argument vector (no shell);
/// throws std::runtime_error when it fails.
void draw_plots(const PlotRequest& request);

}  // namespace samen::cli

#include "plotting.hpp"

#include <iostream>
#include <sstream>
#include <stdexcept>

#include "commands.hpp"
#include "samen/core/build_info.hpp"
#include "spawn.hpp"

namespace samen::cli {

std::vector<std::string> parse_formats(const std::string& option,
                                       const std::vector<std::string>& values) {
  std::vector<std::string> formats;
  for (const auto& value : values) {
    std::istringstream parts(value);
    std::string f;
    while (std::getline(parts, f, ',')) {
      if (f != "png" && f != "svg" && f != "pdf")
        throw UsageError{option + ": unknown format '" + f + "' (allowed: png, svg, pdf)"};
      bool seen = false;
      for (const auto& g : formats) seen = seen || g == f;
      if (!seen) formats.push_back(f);
    }
  }
  if (formats.empty()) formats.push_back("png");
  return formats;
}

void draw_plots(const PlotRequest& request) {
  // Debian's interpreter, whatever python3 comes first on PATH: it is the one
  // whose matplotlib and h5py the set-up script installs.
  std::vector<std::string> argv = {
      "/usr/bin/python3",
      samen::build::source_dir() + "/analysis/plots.py",
      "--csv",
      request.csv,
      "--out",
      request.out_dir,
      "--window",
      std::to_string(request.window.first) + ":" + std::to_string(request.window.last)};
  for (const auto& f : request.formats) argv.insert(argv.end(), {"--format", f});
  for (const auto& o : request.outcomes) argv.insert(argv.end(), {"--outcome", o});
  for (const auto& o : request.timeseries) argv.insert(argv.end(), {"--timeseries", o});
  if (!request.captions.empty()) argv.insert(argv.end(), {"--captions", request.captions});
  argv.push_back("--");  // a file named like an option stays a file
  argv.insert(argv.end(), request.files.begin(), request.files.end());
  std::cout.flush();
  const int status = run_program(argv);
  if (status != 0)
    throw std::runtime_error("plotting failed: analysis/plots.py exited with status " +
                             std::to_string(status) +
                             " (it needs Debian's python3-matplotlib, python3-h5py and "
                             "python3-numpy; its message is above)");
}

}  // namespace samen::cli

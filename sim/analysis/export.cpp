#include "samen/analysis/export.hpp"

#include <charconv>
#include <cmath>
#include <sstream>
#include <stdexcept>

#include "samen/dynamics/outcomes.hpp"

namespace samen {
namespace {

const std::string& unit_of(const std::string& outcome) {
  for (const auto& o : outcome_registry())
    if (o.name == outcome) return o.unit;
  throw std::invalid_argument("unknown outcome '" + outcome + "'");
}

const h5::Matrix& matrix_of(const RunFile& run, const std::string& outcome, WeekWindow window) {
  const auto it = run.outcomes.find(outcome);
  if (it == run.outcomes.end())
    throw std::invalid_argument("'" + run.path + "' has no outcome '" + outcome + "'");
  if (window.last > run.header.weeks)
    throw std::invalid_argument("'" + run.path + "' records weeks 0-" +
                                std::to_string(run.header.weeks) + ", not up to week " +
                                std::to_string(window.last));
  return it->second;
}

}  // namespace

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string csv_number(double value) {
  if (std::isnan(value)) return "";
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

std::string tidy_csv(const std::vector<RunFile>& runs, const std::vector<std::string>& outcomes,
                     WeekWindow window) {
  std::ostringstream out;
  out << "scenario,replicate,week,outcome,value,unit\n";
  for (const auto& run : runs) {
    std::vector<const h5::Matrix*> m;
    std::vector<std::string> prefix_outcome;  // ",outcome," and ",unit\n" pieces per outcome
    std::vector<std::string> suffix_unit;
    for (const auto& o : outcomes) {
      m.push_back(&matrix_of(run, o, window));
      prefix_outcome.push_back("," + csv_field(o) + ",");
      suffix_unit.push_back("," + csv_field(unit_of(o)) + "\n");
    }
    const std::string scenario = csv_field(run.header.scenario) + ",";
    for (std::size_t r = 0; r < run.header.replicates; ++r) {
      const std::string replicate = std::to_string(run.header.first_replicate + r) + ",";
      for (std::uint32_t w = window.first; w <= window.last; ++w)
        for (std::size_t k = 0; k < outcomes.size(); ++k)
          out << scenario << replicate << w << prefix_outcome[k]
              << csv_number(m[k]->values[r * m[k]->cols + w]) << suffix_unit[k];
    }
  }
  return out.str();
}

std::string summary_csv(const std::vector<RunFile>& runs, const std::vector<std::string>& outcomes,
                        WeekWindow window) {
  std::ostringstream out;
  out << "scenario,outcome,unit,first_week,last_week,replicates,mean,ci_low,ci_high\n";
  for (const auto& run : runs)
    for (const auto& o : outcomes) {
      const h5::Matrix& m = matrix_of(run, o, window);
      std::vector<double> means(m.rows);
      for (std::size_t r = 0; r < m.rows; ++r) {
        double sum = 0.0;
        int n = 0;
        for (std::uint32_t w = window.first; w <= window.last; ++w) {
          const double x = m.values[r * m.cols + w];
          if (std::isnan(x)) continue;
          sum += x;
          ++n;
        }
        means[r] = n > 0 ? sum / n : std::nan("");
      }
      const PairedStats s = paired_stats(means);  // the same maths for one sample
      out << csv_field(run.header.scenario) << ',' << csv_field(o) << ',' << csv_field(unit_of(o))
          << ',' << window.first << ',' << window.last << ',' << s.n << ',' << csv_number(s.mean)
          << ',' << csv_number(s.ci_low) << ',' << csv_number(s.ci_high) << '\n';
    }
  return out.str();
}

}  // namespace samen

#include "samen/analysis/compare.hpp"

#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <sstream>

#include "samen/analysis/export.hpp"
#include "samen/core/numbers.hpp"
#include "samen/core/parameters.hpp"
#include "samen/dynamics/outcomes.hpp"

namespace samen {
namespace {

// key -> value of INI text, without policy.* keys.
std::map<std::string, std::string> base_config(const std::string& ini) {
  std::map<std::string, std::string> out;
  std::istringstream in(ini);
  std::string line;
  while (std::getline(in, line)) {
    const auto eq = line.find(" = ");
    if (line.empty() || line[0] == '#' || eq == std::string::npos) continue;
    const std::string key = line.substr(0, eq);
    // Policy keys may differ; how many replicates were asked for, when
    // snapshots were taken and the label do not change any replicate's numbers.
    if (key.rfind("policy.", 0) == 0 || key == "run.replicates" || key == "run.survey_every" ||
        key == "scenario.label")
      continue;
    out[key] = line.substr(eq + 3);
  }
  return out;
}

// Per replicate, the mean over the window (NaN weeks skipped).
std::vector<double> window_means(const h5::Matrix& m, WeekWindow w) {
  std::vector<double> out(m.rows, kNaN);
  for (std::size_t r = 0; r < m.rows; ++r) {
    double sum = 0.0;
    int n = 0;
    for (std::uint32_t k = w.first; k <= w.last && k < m.cols; ++k) {
      const double x = m.values[r * m.cols + k];
      if (std::isnan(x)) continue;
      sum += x;
      ++n;
    }
    if (n > 0) out[r] = sum / n;
  }
  return out;
}

double mean_of(const std::vector<double>& v) {
  double sum = 0.0;
  int n = 0;
  for (const double x : v)
    if (!std::isnan(x)) {
      sum += x;
      ++n;
    }
  return n ? sum / n : kNaN;
}

std::string number(double x) {
  if (std::isnan(x)) return "nan";
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.10g", x);
  return buffer;
}

}  // namespace

PairedStats paired_stats(const std::vector<double>& diffs) {
  PairedStats s;
  double sum = 0.0;
  for (const double d : diffs)
    if (!std::isnan(d)) {
      sum += d;
      ++s.n;
    }
  if (s.n == 0) return {0, kNaN, kNaN, kNaN, kNaN, kNaN};
  s.mean = sum / s.n;
  double ss = 0.0;
  for (const double d : diffs)
    if (!std::isnan(d)) ss += (d - s.mean) * (d - s.mean);
  if (s.n < 2) {
    s.sd = s.ci_low = s.ci_high = s.effect_size = kNaN;
    return s;
  }
  s.sd = std::sqrt(ss / (s.n - 1));
  const boost::math::students_t t(static_cast<double>(s.n - 1));
  const double half = boost::math::quantile(t, 0.975) * s.sd / std::sqrt(static_cast<double>(s.n));
  s.ci_low = s.mean - half;
  s.ci_high = s.mean + half;
  s.effect_size = s.sd > 0.0 ? s.mean / s.sd : (s.mean == 0.0 ? 0.0 : kNaN);
  return s;
}

void check_comparable(const RunFile& baseline, const RunFile& option) {
  const auto& a = baseline.header;
  const auto& b = option.header;
  const std::string pair =
      "'" + option.path + "' cannot be compared with the baseline '" + baseline.path + "': ";
  if (a.seed != b.seed)
    throw ConfigError(pair + "seeds differ (" + std::to_string(b.seed) + " vs " +
                      std::to_string(a.seed) + "); paired differences need common random numbers");
  if (a.first_replicate != b.first_replicate || a.replicates != b.replicates)
    throw ConfigError(pair + "replicates differ (" + std::to_string(b.first_replicate) + "+" +
                      std::to_string(b.replicates) + " vs " + std::to_string(a.first_replicate) +
                      "+" + std::to_string(a.replicates) + ")");
  if (a.posterior_sha256 != b.posterior_sha256 || a.posterior_draws != b.posterior_draws) {
    auto under = [](const RunHeader& h) {
      return h.posterior_sha256.empty()
                 ? std::string("without posterior draws")
                 : "under " + std::to_string(h.posterior_draws) + " draws of the posterior '" +
                       h.posterior_path + "' (sha256 " + h.posterior_sha256.substr(0, 12) + ")";
    };
    throw ConfigError(pair + "it was run " + under(b) + ", the baseline " + under(a) +
                      "; paired differences need both run under the same draws");
  }
  if (a.weeks != b.weeks)
    throw ConfigError(pair + "weeks differ (" + std::to_string(b.weeks) + " vs " +
                      std::to_string(a.weeks) + ")");
  const auto ca = base_config(a.config), cb = base_config(b.config);
  for (const auto& [key, value] : ca) {
    const auto it = cb.find(key);
    const std::string other = it == cb.end() ? "(absent)" : it->second;
    if (other != value)
      throw ConfigError(pair + "key '" + key + "' is " + other + " but " + value +
                        " in the baseline; only policy.* keys may differ");
  }
  for (const auto& [key, value] : cb)
    if (!ca.count(key)) throw ConfigError(pair + "key '" + key + "' is absent from the baseline");
}

std::vector<ComparisonRow> compare_runs(const RunFile& baseline, const RunFile& option,
                                        WeekWindow window, double precision) {
  check_comparable(baseline, option);
  const auto base_hours = window_means(baseline.outcomes.at("professional_hours"), window);
  const auto option_hours = window_means(option.outcomes.at("professional_hours"), window);
  std::vector<double> extra(base_hours.size());
  for (std::size_t r = 0; r < extra.size(); ++r) extra[r] = option_hours[r] - base_hours[r];
  const double extra_hours = mean_of(extra);
  std::vector<ComparisonRow> rows;
  for (const auto& spec : outcome_registry()) {
    const auto b = window_means(baseline.outcomes.at(spec.name), window);
    const auto o = window_means(option.outcomes.at(spec.name), window);
    std::vector<double> d(b.size());
    for (std::size_t r = 0; r < d.size(); ++r) d[r] = o[r] - b[r];
    ComparisonRow row;
    row.option = option.header.scenario;
    row.outcome = spec.name;
    row.baseline_mean = mean_of(b);
    row.option_mean = mean_of(o);
    row.diff = paired_stats(d);
    row.relative_change = row.baseline_mean != 0.0 ? row.diff.mean / row.baseline_mean : kNaN;
    row.per_1000_hours = extra_hours > 0.0 ? row.diff.mean / extra_hours * 1000.0 : kNaN;
    std::vector<std::string> notes;
    if (row.diff.n < 2) {
      notes.push_back("fewer than 2 replicates: no interval");
    } else {
      if (row.diff.ci_low <= 0.0 && row.diff.ci_high >= 0.0 &&
          !(row.diff.sd == 0.0 && row.diff.mean == 0.0)) {
        row.spans_zero = true;
        notes.push_back("interval spans zero");
      }
      const double half = 0.5 * (row.diff.ci_high - row.diff.ci_low);
      const double wanted = precision * std::fabs(row.baseline_mean);
      if (wanted > 0.0 && half > wanted) {
        const double z = half / row.diff.sd * std::sqrt(static_cast<double>(row.diff.n));
        const double needed = std::ceil(std::pow(z * row.diff.sd / wanted, 2.0));
        row.replicates_needed = needed;
        notes.push_back("imprecise: +-" + number(half) + "; about " + number(needed) +
                        " replicates for +-" + number(precision * 100) + "% of the baseline");
      }
    }
    for (std::size_t k = 0; k < notes.size(); ++k) row.note += (k ? "; " : "") + notes[k];
    rows.push_back(row);
  }
  return rows;
}

std::string posterior_caption(const RunHeader& header) {
  if (header.posterior_sha256.empty()) return "";
  return "intervals include parameter uncertainty (" + std::to_string(header.posterior_draws) +
         " draws from the posterior '" + header.posterior_path + "') as well as stochastic noise";
}

std::string comparison_csv(const std::vector<ComparisonRow>& rows) {
  std::ostringstream out;
  out << "option,outcome,baseline_mean,option_mean,diff_mean,diff_ci_low,diff_ci_high,relative_"
         "change,"
         "effect_size,per_1000_hours,replicates,note\n";
  for (const auto& r : rows)
    out << csv_field(r.option) << ',' << r.outcome << ',' << number(r.baseline_mean) << ','
        << number(r.option_mean) << ',' << number(r.diff.mean) << ',' << number(r.diff.ci_low)
        << ',' << number(r.diff.ci_high) << ',' << number(r.relative_change) << ','
        << number(r.diff.effect_size) << ',' << number(r.per_1000_hours) << ',' << r.diff.n << ",\""
        << r.note << "\"\n";
  return out.str();
}

}  // namespace samen

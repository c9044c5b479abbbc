#include "samen/analysis/report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <sstream>

#include "samen/analysis/display.hpp"
#include "samen/core/build_info.hpp"
#include "samen/dynamics/outcomes.hpp"

namespace samen {
namespace {

using Html = std::ostringstream;

std::string esc(const std::string& text) { return html_escape(text); }

// `key = value` lines of INI text, in order.
std::vector<std::pair<std::string, std::string>> ini_lines(const std::string& ini) {
  std::vector<std::pair<std::string, std::string>> out;
  std::istringstream in(ini);
  std::string line;
  while (std::getline(in, line)) {
    const auto eq = line.find(" = ");
    if (line.empty() || line[0] == '#' || eq == std::string::npos) continue;
    out.emplace_back(line.substr(0, eq), line.substr(eq + 3));
  }
  return out;
}

// Decimals that show a value with its interval to two significant digits of
// the interval's half-width (or three of the value without one).
int decimals_for(double value, double half) {
  double reference = 0.0;
  int digits = 0;
  if (std::isfinite(half) && half > 0.0) {
    reference = half;
    digits = 2;
  } else if (std::isfinite(value) && value != 0.0) {
    reference = std::fabs(value);
    digits = 3;
  } else {
    return 0;
  }
  const int d = digits - 1 - static_cast<int>(std::floor(std::log10(reference)));
  return std::clamp(d, 0, 8);
}

std::string fixed(double value, int decimals, bool sign = false) {
  if (std::isnan(value)) return "&ndash;";
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, sign ? "%+.*f" : "%.*f", decimals, value);
  std::string text = buffer;
  if (value == 0.0) return "0";  // exactly zero, unlike a small change shown as +0.00
  if (text[0] == '-') text = "&minus;" + text.substr(1);
  return text;
}

std::string level(double value, const OutcomeSpec& o) {
  const DisplayUnit u = display_unit(o);
  const double v = value * u.scale;
  std::string text = fixed(v, decimals_for(v, 0.0));
  return text + (u.level_unit == "%" && !std::isnan(v) ? "%" : "");
}

// "+1.2 [+0.8, +1.6]" in display units.
std::string change_with_interval(const PairedStats& d, const OutcomeSpec& o) {
  const double s = display_unit(o).scale;
  const double half = 0.5 * (d.ci_high - d.ci_low) * s;
  const int k = decimals_for(d.mean * s, half);
  std::string text = fixed(d.mean * s, k, true);
  if (!std::isnan(d.ci_low) && !std::isnan(d.ci_high))
    text += " <span class=\"ci\">[" + fixed(d.ci_low * s, k, true) + ", " +
            fixed(d.ci_high * s, k, true) + "]</span>";
  return text;
}

// Whether the change is an improvement, by the outcome's better direction.
std::string reading(const ComparisonRow& r, const OutcomeSpec& o) {
  const auto& d = r.diff;
  if (d.n >= 2 && d.sd == 0.0 && d.mean == 0.0) return "no change";
  if (d.n < 2 || std::isnan(d.ci_low)) return "no interval";
  if (r.spans_zero) return "no clear change";
  const bool up = d.ci_low > 0.0;
  if (o.better == Better::neither) return up ? "increases" : "decreases";
  return up == (o.better == Better::higher) ? "improves" : "worsens";
}

std::string reading_class(const std::string& text) {
  if (text == "improves") return "good";
  if (text == "worsens") return "bad";
  if (text == "increases" || text == "decreases") return "changed";
  return "none";
}

std::string plain_note(const ComparisonRow& r, double precision) {
  std::vector<std::string> notes;
  if (r.diff.n < 2) notes.push_back("fewer than 2 replicates: no interval");
  if (r.spans_zero) notes.push_back("the 95% interval includes zero");
  if (r.replicates_needed > 0.0) {
    char buffer[160];
    std::snprintf(buffer, sizeof buffer,
                  "imprecise: about %.0f replicates would narrow the interval to &plusmn;%g%% of "
                  "the baseline",
                  r.replicates_needed, precision * 100.0);
    notes.push_back(buffer);
  }
  std::string out;
  for (std::size_t k = 0; k < notes.size(); ++k) out += (k ? "; " : "") + notes[k];
  return out;
}

bool is_flow(const OutcomeSpec& o) {
  const std::string suffix = "/week";
  return o.unit.size() > suffix.size() &&
         o.unit.compare(o.unit.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// What a flow outcome counts, e.g. "families" of "families/week".
std::string flow_noun(const OutcomeSpec& o) { return o.unit.substr(0, o.unit.size() - 5); }

const char* const kStyle = R"(
:root { --ink: #1a1a1a; --muted: #555; --rule: #d0d0d0; --band: #f4f4f4; --good: #00734f;
        --bad: #b34700; --accent: #0072b2; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff;
       font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
main { max-width: 1120px; margin: 0 auto; padding: 24px 28px 64px; }
h1 { font-size: 1.9rem; line-height: 1.25; margin: 0.2em 0 0.4em; }
h2 { font-size: 1.35rem; margin: 2.2em 0 0.6em; padding-top: 0.4em; border-top: 2px solid var(--ink); }
h3 { font-size: 1.1rem; margin: 1.6em 0 0.4em; }
p, li { max-width: 52em; }
.lead { font-size: 1.08rem; }
.muted, .ci { color: var(--muted); }
nav ol { columns: 2; padding-left: 1.2em; }
table { border-collapse: collapse; margin: 0.8em 0 1.2em; width: 100%; font-size: 0.93rem; }
th, td { text-align: left; vertical-align: top; padding: 5px 8px; border-bottom: 1px solid var(--rule); }
thead th { border-bottom: 2px solid var(--ink); background: #fff; }
th.num { text-align: right; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.reading { white-space: nowrap; }
tbody.outcome th[scope=rowgroup] { background: var(--band); font-weight: 600; padding-top: 9px; }
tbody.outcome th .unit { font-weight: 400; color: var(--muted); }
.good { color: var(--good); font-weight: 600; }
.bad { color: var(--bad); font-weight: 600; }
.changed { color: var(--accent); font-weight: 600; }
.none { color: var(--muted); }
code { font-size: 0.9em; background: var(--band); padding: 0 3px; border-radius: 3px; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 18px; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
figure { margin: 1.5em 0 2em; }
figure img { display: block; max-width: 100%; height: auto; border: 1px solid var(--rule); }
figcaption { font-size: 0.92rem; color: var(--muted); margin-top: 0.4em; max-width: 60em; }
.rule { border-left: 4px solid var(--accent); padding: 6px 12px; background: var(--band); }
details { margin: 0.8em 0; }
footer { margin-top: 3em; font-size: 0.9rem; color: var(--muted); }
@media print { main { max-width: none; padding: 0; } h2 { break-after: avoid; }
               figure, tr { break-inside: avoid; } nav { display: none; } }
)";

void write_compared(Html& h, const ReportInput& in) {
  const auto& hd = in.header;
  h << "<section id=\"compared\"><h2>What was compared</h2>\n";
  h << "<table id=\"scenarios\"><thead><tr><th>Scenario</th><th>File</th><th>Policy settings "
       "that differ from the baseline</th></tr></thead><tbody>\n";
  auto row = [&](const ReportScenario& s, bool is_baseline) {
    h << "<tr data-option=\"" << esc(s.scenario) << "\"><td>" << esc(s.label)
      << (is_baseline ? " <span class=\"muted\">(baseline)</span>" : "") << "</td><td><code>"
      << esc(s.path) << "</code></td><td>";
    if (is_baseline)
      h << "none: the reference";
    else if (s.policy.empty())
      h << "none (the same policy settings as the baseline)";
    for (const auto& [key, value] : s.policy)
      h << "<code>" << esc(key) << " = " << esc(value) << "</code><br>";
    h << "</td></tr>\n";
  };
  row(in.baseline, true);
  for (const auto& o : in.options) row(o, false);
  h << "</tbody></table>\n<dl class=\"facts\">\n";
  const std::string municipalities = ini_value(hd.config, "field.municipalities");
  const std::string families = ini_value(hd.config, "field.families");
  if (!municipalities.empty())
    h << "<dt>Field</dt><dd>" << esc(municipalities) << " municipalities, " << esc(families)
      << " families with children</dd>\n";
  h << "<dt>Replicates</dt><dd>" << hd.replicates << " per scenario (replicates "
    << hd.first_replicate << "&ndash;" << hd.first_replicate + hd.replicates - 1
    << "), with common random numbers: replicate <i>r</i> of every scenario shares its random "
       "streams and its burn-in</dd>\n";
  if (!hd.posterior_sha256.empty())
    h << "<dt>Parameters</dt><dd>replicate <i>r</i> ran under draw <i>r</i> mod "
      << hd.posterior_draws << " from the calibrated posterior <code>" << esc(hd.posterior_path)
      << "</code> (every scenario of a replicate under the same draw), so the intervals include "
         "parameter uncertainty as well as stochastic noise</dd>\n";
  h << "<dt>Seed</dt><dd>" << hd.seed << "</dd>\n";
  h << "<dt>Simulated</dt><dd>a burn-in of " << hd.burn_in_weeks << " weeks, then " << hd.weeks
    << " recorded weeks (week 0 follows the burn-in)</dd>\n";
  h << "<dt>Window</dt><dd>weeks " << in.window.first << "&ndash;" << in.window.last
    << ": every figure in the tables is a mean over these weeks</dd>\n";
  h << "<dt>Results made by</dt><dd>samen " << esc(in.samen_version) << " (revision "
    << esc(in.source_revision) << ")</dd>\n";
  h << "<dt>This page made by</dt><dd>samen " << samen::build::version() << " (revision "
    << samen::build::revision() << ")</dd>\n";
  h << "</dl></section>\n";
}

void write_ranking(Html& h, const ReportInput& in) {
  const OutcomeSpec* o = find_outcome(in.rank_outcome);
  if (!o) return;
  const DisplayUnit u = display_unit(*o);
  const double weeks = in.window.last - in.window.first + 1.0;
  const bool flow = is_flow(*o);
  h << "<section id=\"ranking-section\"><h2>Options ranked by " << esc(o->label)
    << " per 1,000 professional hours</h2>\n";
  if (flow)
    h << "<p>For each option: how many more " << esc(flow_noun(*o))
      << " than in the baseline over the " << weeks
      << " weeks of the window, how many more professional hours it took over the same weeks, "
         "and the first divided by the second, per 1,000 hours. The ratio is the same whether "
         "taken over the window or per week.</p>\n";
  else
    h << "<p>For each option: the change in the weekly mean of <i>" << esc(o->label)
      << "</i> over the window (" << esc(u.change_unit)
      << "), the extra professional hours a week it took, and the change per 1,000 extra hours "
         "a week.</p>\n";
  h << "<p class=\"rule\"><b>Ranking rule.</b> " << esc(ranking_rule(o->better)) << "</p>\n";
  h << "<table id=\"ranking\"><thead><tr><th class=\"num\">Rank</th><th>Option</th><th>"
       "Reading</th>";
  if (flow)
    h << "<th class=\"num\">Extra " << esc(flow_noun(*o)) << " over the window [95% interval]</th>"
      << "<th class=\"num\">Extra professional hours over the window</th><th class=\"num\">Extra "
      << esc(flow_noun(*o)) << " per 1,000 extra hours</th>";
  else
    h << "<th class=\"num\">Change (" << esc(u.change_unit)
      << ") [95% interval]</th><th class=\"num\">Extra professional hours a week</th>"
         "<th class=\"num\">Change per 1,000 extra hours a week</th>";
  h << "</tr></thead><tbody>\n";
  std::map<std::string, std::string> labels;
  for (const auto& s : in.options) labels[s.scenario] = s.label;
  for (const auto& r : in.ranking) {
    const double factor = flow ? weeks : 1.0;
    PairedStats d;
    d.mean = r.change * factor;
    d.ci_low = r.ci_low * factor;
    d.ci_high = r.ci_high * factor;
    const std::string group = to_string(r.group);
    const char* css = r.group == RankGroup::dominant || r.group == RankGroup::cost_effective
                          ? "good"
                          : (r.group == RankGroup::worsens ? "bad" : "none");
    const double hours = r.extra_hours * factor;
    const double ratio = r.per_1000_hours * u.scale;
    h << "<tr data-option=\"" << esc(r.option) << "\"><td class=\"num\">" << r.rank << "</td><td>"
      << esc(labels.count(r.option) ? labels[r.option] : r.option) << "</td><td class=\"reading "
      << css << "\">" << esc(group) << "</td><td class=\"num\">" << change_with_interval(d, *o)
      << "</td><td class=\"num\">" << fixed(hours, hours == 0.0 ? 0 : (flow ? 0 : 1), true)
      << "</td><td class=\"num\">"
      << (std::isnan(ratio) ? std::string("not computed")
                            : fixed(ratio, decimals_for(ratio, 0.0), true))
      << "</td></tr>\n";
  }
  h << "</tbody></table></section>\n";
}

void write_comparison(Html& h, const ReportInput& in) {
  std::map<std::string, std::string> labels;
  for (const auto& s : in.options) labels[s.scenario] = s.label;
  h << "<section id=\"comparison-section\"><h2>Comparison table</h2>\n"
    << "<p>Per outcome and option: the baseline's and the option's mean over the window, and "
       "their <b>paired difference</b> (option minus baseline, replicate by replicate) with its "
       "95% interval. Shares are shown as percentages and their differences in percentage "
       "points. <span class=\"good\">Improves</span> and <span class=\"bad\">worsens</span> mean "
       "the 95% interval excludes zero, judged by the direction that is better for the outcome; "
       "<i>no clear change</i> means the interval includes zero, so the simulation cannot tell "
       "the option from the baseline on this outcome; <i>no change</i> means every replicate "
       "gave exactly the baseline's value (the option does not act on it).";
  if (const std::string caption = posterior_caption(in.header); !caption.empty())
    h << " The " << esc(caption) << ".";
  h << "</p>\n";
  h << "<table id=\"comparison\"><thead><tr><th>Option</th><th class=\"num\">Baseline</th>"
       "<th class=\"num\">Option</th><th class=\"num\">Difference [95% interval]</th>"
       "<th class=\"num\">Relative</th><th>Reading</th><th>Notes</th></tr></thead>\n";
  for (const auto& o : outcome_registry()) {
    std::vector<const ComparisonRow*> rows;
    for (const auto& r : in.rows)
      if (r.outcome == o.name) rows.push_back(&r);
    if (rows.empty()) continue;
    const DisplayUnit u = display_unit(o);
    h << "<tbody class=\"outcome\" id=\"outcome-" << esc(o.name)
      << "\"><tr><th scope=\"rowgroup\" colspan=\"7\">" << esc(o.label) << " <span class=\"unit\">("
      << esc(u.level_unit == "%" ? "%" : u.level_unit) << "; <code>" << esc(o.name)
      << "</code>)</span></th></tr>\n";
    for (const ComparisonRow* r : rows) {
      const std::string read = reading(*r, o);
      h << "<tr data-outcome=\"" << esc(o.name) << "\" data-option=\"" << esc(r->option)
        << "\"><td>" << esc(labels.count(r->option) ? labels[r->option] : r->option)
        << "</td><td class=\"num\">" << level(r->baseline_mean, o) << "</td><td class=\"num\">"
        << level(r->option_mean, o) << "</td><td class=\"num\">" << change_with_interval(r->diff, o)
        << "</td><td class=\"num\">"
        << (std::isnan(r->relative_change) ? std::string("&ndash;")
                                           : fixed(100.0 * r->relative_change, 1, true) + "%")
        << "</td><td class=\"reading " << reading_class(read) << "\">" << read << "</td><td>"
        << plain_note(*r, in.precision) << "</td></tr>\n";
    }
    h << "</tbody>\n";
  }
  h << "</table></section>\n";
}

void write_figures(Html& h, const ReportInput& in) {
  h << "<section id=\"figures\"><h2>Figures</h2>\n";
  if (in.figures.empty()) h << "<p>No figures were drawn.</p>\n";
  for (const auto& f : in.figures)
    h << "<figure><img alt=\"" << esc(f.title) << "\" src=\"data:image/svg+xml;base64,"
      << base64_encode(f.svg) << "\"><figcaption><b>" << esc(f.title) << ".</b> " << esc(f.caption)
      << "</figcaption></figure>\n";
  h << "</section>\n";
}

void write_outcome_glossary(Html& h) {
  h << "<section id=\"definitions\"><h2>Outcome definitions</h2>\n"
    << "<p>Every outcome is recorded for every week; the tables use its mean over the "
       "window.</p>\n<table id=\"outcomes\"><thead><tr><th>Outcome</th><th>Name in the "
       "files</th><th>Unit</th><th>Better</th><th>Meaning</th></tr></thead><tbody>\n";
  for (const auto& o : outcome_registry())
    h << "<tr data-outcome=\"" << esc(o.name) << "\"><td>" << esc(o.label) << "</td><td><code>"
      << esc(o.name) << "</code></td><td>" << esc(o.unit) << "</td><td>"
      << (o.better == Better::neither ? "either way" : to_string(o.better)) << "</td><td>"
      << esc(o.description) << "</td></tr>\n";
  h << "</tbody></table></section>\n";
}

void write_survey(Html& h, const ReportInput& in) {
  h << "<section id=\"survey\"><h2>Fit of the baseline to the 2011 survey</h2>\n";
  if (!in.has_survey) {
    h << "<p>" << esc(in.survey_missing) << "</p></section>\n";
    return;
  }
  const auto& rows = in.survey.figures.rows;
  const int within = in.survey.figures.within_count();
  std::map<std::string, std::string> questions(in.survey.questions.begin(),
                                               in.survey.questions.end());
  h << "<p>The virtual survey asks the simulated field the questions of the 2011 survey "
       "<i>Samen werken</i> and sets each answer beside the survey's figure and its 95% "
       "interval (the survey's own sampling uncertainty). <b>"
    << within << " of " << rows.size() << " figures</b> fall within their interval. Source: <code>"
    << esc(in.survey.source) << "</code>. " << esc(in.survey.provenance) << "</p>\n";
  auto table = [&](bool outside_only) {
    h << "<table" << (outside_only ? " id=\"survey-outside\"" : "")
      << "><thead><tr><th>Figure</th><th>Question</th><th class=\"num\">Survey</th>"
         "<th class=\"num\">95% interval</th><th class=\"num\">Model</th><th>Fit</th>"
         "</tr></thead><tbody>\n";
    for (const auto& r : rows) {
      if (outside_only && r.within) continue;
      const int k = 1;  // percentages and grades, as the survey printed them
      h << "<tr><td><code>" << esc(r.id) << "</code></td><td>"
        << esc(questions.count(r.id) ? questions[r.id] : "") << "</td><td class=\"num\">"
        << fixed(r.survey_value, k) << "</td><td class=\"num\">" << fixed(r.ci.low, k) << "&ndash;"
        << fixed(r.ci.high, k) << "</td><td class=\"num\">" << fixed(r.model_value, k)
        << "</td><td class=\"" << (r.within ? "none\">within" : "bad\">outside") << "</td></tr>\n";
    }
    h << "</tbody></table>\n";
  };
  if (within < static_cast<int>(rows.size())) {
    h << "<h3>Figures outside their interval</h3>\n";
    table(true);
  }
  h << "<details><summary>All " << rows.size() << " figures</summary>\n";
  table(false);
  h << "</details></section>\n";
}

}  // namespace

std::vector<std::pair<std::string, std::string>> policy_differences(const std::string& baseline_ini,
                                                                    const std::string& option_ini) {
  std::map<std::string, std::string> base;
  for (const auto& [key, value] : ini_lines(baseline_ini)) base[key] = value;
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [key, value] : ini_lines(option_ini)) {
    if (key.rfind("policy.", 0) != 0) continue;
    const auto it = base.find(key);
    if (it == base.end() || it->second != value) out.emplace_back(key, value);
  }
  return out;
}

std::string ini_value(const std::string& ini, const std::string& key) {
  for (const auto& [k, value] : ini_lines(ini))
    if (k == key) return value;
  return "";
}

std::string html_escape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string base64_encode(const std::string& data) {
  static const char* const kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((data.size() + 2) / 3 * 4);
  std::size_t i = 0;
  for (; i + 2 < data.size(); i += 3) {
    const unsigned v = (static_cast<unsigned char>(data[i]) << 16) |
                       (static_cast<unsigned char>(data[i + 1]) << 8) |
                       static_cast<unsigned char>(data[i + 2]);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += kAlphabet[v & 63];
  }
  if (i < data.size()) {
    unsigned v = static_cast<unsigned char>(data[i]) << 16;
    if (i + 1 < data.size()) v |= static_cast<unsigned char>(data[i + 1]) << 8;
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += i + 1 < data.size() ? kAlphabet[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

std::string render_report_html(const ReportInput& in) {
  Html h;
  const std::string title = "Policy options against " + in.baseline.label;
  h << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
    << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    << "<meta name=\"generator\" content=\"samen " << samen::build::version() << " ("
    << samen::build::revision() << ")\">\n<link rel=\"icon\" href=\"data:,\">\n<title>"
    << esc(title) << (in.batch.empty() ? "" : " (" + esc(in.batch) + ")") << "</title>\n<style>"
    << kStyle << "</style>\n</head>\n<body>\n<main>\n";
  h << "<h1>" << esc(title) << "</h1>\n<p class=\"lead\">";
  if (!in.batch.empty()) h << "Batch <code>" << esc(in.batch) << "</code>: ";
  h << in.options.size() << " option" << (in.options.size() == 1 ? "" : "s") << " set beside "
    << esc(in.baseline.label) << ", " << in.header.replicates
    << " replicates each, compared over weeks " << in.window.first << "&ndash;" << in.window.last
    << " after a burn-in of " << in.header.burn_in_weeks << " weeks.";
  if (!in.ranking.empty()) {
    const OutcomeSpec* o = find_outcome(in.rank_outcome);
    std::map<std::string, std::string> labels;
    for (const auto& s : in.options) labels[s.scenario] = s.label;
    std::vector<std::string> top;
    for (const auto& r : in.ranking)
      if ((r.group == RankGroup::dominant || r.group == RankGroup::cost_effective) &&
          top.size() < 3)
        top.push_back(labels.count(r.option) ? labels[r.option] : r.option);
    if (o && top.empty())
      h << " No option clearly improves <i>" << esc(o->label) << "</i>.";
    else if (o) {
      h << " Best value for professional hours on <i>" << esc(o->label) << "</i>: ";
      for (std::size_t k = 0; k < top.size(); ++k)
        h << (k ? (k + 1 == top.size() ? " and " : ", ") : "") << esc(top[k]);
      h << " (see the ranking and its rule).";
    }
  }
  h << "</p>\n<nav><ol><li><a href=\"#compared\">What was compared</a></li>"
       "<li><a href=\"#ranking-section\">Ranking</a></li>"
       "<li><a href=\"#comparison-section\">Comparison table</a></li>"
       "<li><a href=\"#figures\">Figures</a></li><li><a href=\"#definitions\">Outcome "
       "definitions</a></li><li><a href=\"#survey\">Fit to the 2011 survey</a></li></ol></nav>\n";
  write_compared(h, in);
  write_ranking(h, in);
  write_comparison(h, in);
  write_figures(h, in);
  write_outcome_glossary(h);
  write_survey(h, in);
  h << "<footer>Made by <code>samen report</code>. The model and its assumptions: "
       "<code>docs/model.md</code>; the statistics and files: <code>docs/outputs.md</code>. "
       "Simulated results for a synthetic region, calibrated to a 2011 survey: they compare "
       "options under the model's assumptions and do not forecast.</footer>\n";
  h << "</main>\n</body>\n</html>\n";
  return h.str();
}

}  // namespace samen

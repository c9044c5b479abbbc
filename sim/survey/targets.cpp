#include "samen/survey/targets.hpp"

#include <cmath>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace samen {
namespace {

// Splits one CSV line; fields may be double-quoted with "" as an escaped quote.
std::vector<std::string> split_csv(const std::string& line) {
  std::vector<std::string> out;
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      out.push_back(field);
      field.clear();
    } else if (c != '\r') {
      field += c;
    }
  }
  out.push_back(field);
  return out;
}

}  // namespace

double SurveyFigure::comparable_value() const {
  if (unit == FigureUnit::Count) return n > 0 ? value / n * 100.0 : 0.0;
  return value;
}

SurveyTargets SurveyTargets::load(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read survey targets file '" + path + "'");
  const std::vector<std::string> expected = {"id",    "section", "group", "question", "category",
                                             "value", "unit",    "n",     "multi",    "note"};
  std::string line;
  std::getline(in, line);
  if (split_csv(line) != expected)
    throw std::runtime_error(path +
                             ":1: expected header 'id,section,group,question,category,"
                             "value,unit,n,multi,note'");
  SurveyTargets t;
  t.path_ = path;
  int line_no = 1;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty() || line == "\r") continue;
    const auto cells = split_csv(line);
    const std::string where = path + ":" + std::to_string(line_no) + ": ";
    if (cells.size() != expected.size())
      throw std::runtime_error(where + "expected 10 columns but found " +
                               std::to_string(cells.size()));
    SurveyFigure f;
    f.id = cells[0];
    f.section = cells[1];
    f.group = cells[2];
    f.question = cells[3];
    f.category = cells[4];
    try {
      std::size_t used = 0;
      f.value = std::stod(cells[5], &used);
      if (used != cells[5].size()) throw std::invalid_argument("trailing");
      f.n = std::stoi(cells[7], &used);
      if (used != cells[7].size() || f.n <= 0) throw std::invalid_argument("n");
    } catch (const std::exception&) {
      throw std::runtime_error(where +
                               "column 'value' must be a number and 'n' a positive integer");
    }
    if (cells[6] == "pct") {
      f.unit = FigureUnit::Percent;
    } else if (cells[6] == "count") {
      f.unit = FigureUnit::Count;
    } else if (cells[6] == "mean") {
      f.unit = FigureUnit::Mean;
    } else {
      throw std::runtime_error(where + "column 'unit' is '" + cells[6] +
                               "' but must be one of pct, count, mean");
    }
    if (cells[8] != "yes" && cells[8] != "no")
      throw std::runtime_error(where + "column 'multi' must be yes or no");
    f.multi = cells[8] == "yes";
    if (!std::isfinite(f.value) || f.value < 0.0 ||
        (f.unit == FigureUnit::Percent && f.value > 100.0) ||
        (f.unit == FigureUnit::Count && f.value > f.n))
      throw std::runtime_error(
          where + "column 'value' = " + cells[5] +
          " is outside what its unit allows (pct: 0-100, count: 0-n, mean: >= 0)");
    f.note = cells[9];
    if (t.index_.count(f.id)) throw std::runtime_error(where + "duplicate id '" + f.id + "'");
    t.index_[f.id] = t.figures_.size();
    t.figures_.push_back(std::move(f));
  }
  return t;
}

const SurveyFigure& SurveyTargets::at(const std::string& id) const {
  const auto it = index_.find(id);
  if (it == index_.end()) throw std::out_of_range("no survey figure with id '" + id + "'");
  return figures_[it->second];
}

}  // namespace samen

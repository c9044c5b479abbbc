// The survey's figures as data (scenarios/survey_targets.csv): the calibration target.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace samen {

/// How a survey figure is expressed.
enum class FigureUnit { Percent, Count, Mean };

/// One figure of the 2011 survey, as printed in the report.
struct SurveyFigure {
  std::string id;       ///< stable id, e.g. "P.cjg.unaware"
  std::string section;  ///< report section or table
  std::string group;    ///< "projects" or "regular"
  std::string question;
  std::string category;
  double value = 0.0;  ///< as printed: percent, count, or mean
  FigureUnit unit = FigureUnit::Percent;
  int n = 0;           ///< respondents who answered
  bool multi = false;  ///< several answers allowed
  std::string note;

  /// Returns the figure on the comparison scale: percent for shares and counts
  /// (count / n * 100), the mean itself for means.
  double comparable_value() const;
};

/// All figures, in file order, with lookup by id.
class SurveyTargets {
 public:
  /// Reads the CSV; throws std::runtime_error naming the file, line and column
  /// on malformed rows, unknown units or duplicate ids.
  static SurveyTargets load(const std::string& path);

  const std::vector<SurveyFigure>& figures() const { return figures_; }
  /// The file it was read from ("" when built in code).
  const std::string& path() const { return path_; }
  /// Returns the figure with `id`; throws std::out_of_range naming the id.
  const SurveyFigure& at(const std::string& id) const;
  bool contains(const std::string& id) const { return index_.count(id) != 0; }
  /// Returns the comparable value (percent or mean) of `id`.
  double value(const std::string& id) const { return at(id).comparable_value(); }
  /// Returns the comparable value of `id` as a share in [0, 1].
  double share(const std::string& id) const { return at(id).comparable_value() / 100.0; }

 private:
  std::string path_;
  std::vector<SurveyFigure> figures_;
  std::map<std::string, std::size_t> index_;
};

}  // namespace samen

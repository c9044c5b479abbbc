// The virtual survey: asks the synthetic field the 2011 questionnaires and
// sets every answer beside the survey's figure and its 95% interval.
#pragma once

#include <string>
#include <vector>

#include "samen/field/field.hpp"
#include "samen/survey/intervals.hpp"
#include "samen/survey/targets.hpp"

namespace samen {

/// One survey figure beside the model's answer.
struct FigureComparison {
  std::string id;
  double survey_value = 0.0;  ///< percent (shares and counts) or the mean itself
  double model_value = 0.0;   ///< same scale; NaN when no model unit was asked
  Interval ci;                ///< the survey figure's 95% interval
  bool within = false;
};

/// All comparisons, in the order of the targets file.
struct SurveyReport {
  std::vector<FigureComparison> rows;
  /// Returns how many model values fall within their interval.
  int within_count() const;
};

/// Asks the field every question of `targets`, weighting units by their
/// propensity to respond; `grade_sd` is the assumed spread of single grades
/// for the interval of mean grades. Throws std::logic_error for a figure id
/// the questionnaire does not know.
SurveyReport run_virtual_survey(const Field& field, const SurveyTargets& targets, double grade_sd);

/// Returns the ids of every figure the virtual questionnaire can answer.
std::vector<std::string> questionnaire_ids(const Field& field);

}  // namespace samen

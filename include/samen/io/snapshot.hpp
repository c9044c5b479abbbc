// Survey snapshots in HDF5: the figures table and per-project micro-data of
// one week, under /survey/week_NNNN/ (layout: docs/outputs.md).
#pragma once

#include <cstdint>
#include <string>

#include "samen/field/field.hpp"
#include "samen/io/hdf5.hpp"
#include "samen/survey/virtual_survey.hpp"

namespace samen {

/// Returns the group path of a week's snapshot, e.g. "/survey/week_0000".
std::string snapshot_path(std::uint32_t week);

/// Writes the virtual survey's figures and the per-project table of `field`
/// under snapshot_path(week) of `file`.
void write_survey_snapshot(h5::Node& file, std::uint32_t week, const Field& field,
                           const SurveyReport& report);

/// Reads the figures table of a stored snapshot; throws h5::Error naming the
/// file and the missing group when the week has no snapshot.
SurveyReport read_survey_figures(const h5::Node& file, std::uint32_t week);

}  // namespace samen

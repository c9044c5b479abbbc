// The family layout probe of `samen bench --layout`: does a hot record per
// family beat one array per field for the weekly pass over families in need?
#pragma once

#include <cstddef>

namespace samen::cli {

/// Median milliseconds of one pass over the families in need, with their
/// fields as columns (the field's layout) and as one record per family.
struct LayoutTimes {
  double columns_ms = 0.0;
  double records_ms = 0.0;
};

/// Times the pass that phase 1 makes (read helper, helper's activity, need,
/// episode; resolve some needs and reset their fields) over `families`
/// families of which a share `need_share` is in need, visited in index order,
/// on the current threads; `repeats` passes of each layout, interleaved.
LayoutTimes probe_family_layout(std::size_t families, double need_share, int repeats);

}  // namespace samen::cli

// Writes text files atomically: to a temporary beside the target, then renamed,
// so an existing file is never left half-written.
#pragma once

#include <string>

namespace samen {

/// Writes `content` to `path` via `path + ".tmp"` and a rename; throws
/// std::runtime_error naming the path and the reason (e.g. the disk is full)
/// when it cannot, OutputError when `path` may not be written (check_output_path)
/// or another process holds its lock.
void write_text_atomic(const std::string& path, const std::string& content);

}  // namespace samen

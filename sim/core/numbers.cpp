#include "samen/core/numbers.hpp"

#include <charconv>

namespace samen {

std::string exact_text(double value) {
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

}  // namespace samen

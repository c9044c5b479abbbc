#include "samen/field/field.hpp"

#include <cstring>
#include <sstream>

namespace samen {
namespace {

// Writes one element as a number (bytes as integers, floats to full precision).
template <class E>
void write_element(std::ostringstream& out, const E& e) {
  const auto v = static_cast<stored_t<E>>(e);
  if constexpr (sizeof(v) == 1)
    out << static_cast<int>(v);
  else
    out << v;
}

// Compares bit for bit: -0.0 differs from 0.0, and a NaN equals itself.
template <class E>
bool same_bits(const E& a, const E& b) {
  return std::memcmp(&a, &b, sizeof(E)) == 0;
}

}  // namespace

std::string first_difference(const Field& a, const Field& b) {
  std::string found;
  for_each_column_pair(a, b, [&](const std::string& name, const auto& x, const auto& y) {
    if (!found.empty()) return;
    std::ostringstream out;
    out.precision(17);
    using T = std::remove_const_t<std::remove_reference_t<decltype(x)>>;
    if constexpr (is_column_v<T>) {
      if (x.size() != y.size()) {
        out << name << ": " << x.size() << " vs " << y.size() << " elements";
        found = out.str();
        return;
      }
      for (std::size_t i = 0; i < x.size(); ++i) {
        if (same_bits(x[i], y[i])) continue;
        out << name << "[" << i << "]: ";
        write_element(out, x[i]);
        out << " vs ";
        write_element(out, y[i]);
        out << " (of " << x.size() << ")";
        found = out.str();
        return;
      }
    } else if (!same_bits(x, y)) {
      out << name << ": ";
      write_element(out, x);
      out << " vs ";
      write_element(out, y);
      found = out.str();
    }
  });
  return found;
}

}  // namespace samen

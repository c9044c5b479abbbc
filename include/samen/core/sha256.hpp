// SHA-256 (FIPS 180-4), small and self-contained: it fingerprints the inputs
// of a result so a resumed batch can tell a finished unit of the same inputs
// from one of other inputs.
#pragma once

#include <array>
#include <cstdint>
#include <string>

namespace samen {

/// Incremental SHA-256: update() any number of times, then hex().
class Sha256 {
 public:
  Sha256();
  Sha256& update(const std::string& bytes);
  /// The digest as 64 lower-case hex digits; the object must not be updated after.
  std::string hex();

 private:
  void block(const unsigned char* data);
  std::array<std::uint32_t, 8> state_;
  std::array<unsigned char, 64> buffer_{};
  std::size_t used_ = 0;
  std::uint64_t length_ = 0;  ///< bytes so far
};

/// SHA-256 of `bytes` as 64 hex digits, e.g. sha256_hex("abc") = "ba7816bf...".
std::string sha256_hex(const std::string& bytes);

}  // namespace samen

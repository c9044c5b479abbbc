// Reading users' text files and quoting them in messages; see text_file.hpp.
#include "samen/core/text_file.hpp"

#include <iterator>

#include "samen/core/parameters.hpp"

namespace samen {

namespace {

// Bytes in a well-formed UTF-8 sequence starting at `i`, or 0 when it is not one
// (a stray continuation byte, a truncated sequence, an overlong or surrogate form).
std::size_t utf8_length(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  if (lead < 0x80) return 1;
  std::size_t length = 0;
  unsigned char low = 0x80, high = 0xBF;  // allowed range of the second byte
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  if (byte(i + 1) < low || byte(i + 1) > high) return 0;
  for (std::size_t k = 2; k < length; ++k) {
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
  }
  return length;
}

bool is_control(unsigned char c) { return (c < 0x20 && c != '\t') || c == 0x7F; }

std::string hex_escape(unsigned char c) {
  const char* digits = "0123456789abcdef";
  return std::string("\\x") + digits[c >> 4] + digits[c & 0x0F];
}

}  // namespace

std::string printable(std::string_view text, std::size_t limit) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    const std::size_t length = utf8_length(text, i);
    if (i + std::max<std::size_t>(length, 1) > limit) break;  // never split a character
    if (length > 1) {
      out.append(text.substr(i, length));
      i += length;
      continue;
    }
    if (c == '\t') {
      out += "\\t";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (length == 0 || is_control(c)) {
      out += hex_escape(c);
    } else {
      out += static_cast<char>(c);
    }
    ++i;
  }
  if (i < text.size()) out += "... (" + std::to_string(text.size() - i) + " more bytes)";
  return out;
}

std::vector<TextLine> read_text_lines(std::istream& in, const std::string& path) {
  const std::string content{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  std::vector<TextLine> lines;
  std::size_t start = content.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0;  // UTF-8 byte-order mark
  int number = 1;
  while (start < content.size()) {
    const std::size_t end = std::min(content.find_first_of("\r\n", start), content.size());
    lines.push_back({content.substr(start, end - start), number++});
    // LF, CRLF and a lone CR each end one line.
    start = end + 1;
    if (end < content.size() && content[end] == '\r' && start < content.size() &&
        content[start] == '\n') {
      ++start;
    }
  }
  const auto where = [&](const TextLine& line, std::size_t column) {
    return path + ":" + std::to_string(line.number) + ": column " + std::to_string(column + 1);
  };
  // A NUL anywhere means the file is not text (an HDF5 file, an image, ...): say so
  // before complaining about whichever control byte comes first.
  for (const TextLine& line : lines) {
    const auto nul = line.text.find('\0');
    if (nul == std::string::npos) continue;
    throw ConfigError(where(line, nul) +
                      ": a NUL byte: this is a binary file, not a text file of "
                      "'key = value' lines ('" +
                      printable(line.text) + "')");
  }
  for (const TextLine& line : lines) {
    for (std::size_t i = 0; i < line.text.size(); ++i) {
      const auto c = static_cast<unsigned char>(line.text[i]);
      if (!is_control(c)) continue;
      throw ConfigError(where(line, i) + ": control byte " + hex_escape(c) +
                        "; only text, tabs and line ends are allowed ('" + printable(line.text) +
                        "')");
    }
  }
  return lines;
}

bool is_plain_name(std::string_view name) {
  if (name.empty() || name[0] == '.') return false;
  for (const char c : name)
    if (c == '/' || c == '\\' || static_cast<unsigned char>(c) < 0x20) return false;
  return true;
}

std::string trim(std::string_view text) {
  constexpr std::string_view space = " \t\r\n";
  const auto first = text.find_first_not_of(space);
  if (first == std::string_view::npos) return "";
  const auto last = text.find_last_not_of(space);
  return std::string(text.substr(first, last - first + 1));
}

}  // namespace samen

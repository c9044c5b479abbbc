// Text files a user writes (scenario and batch files): split into lines the way
// every editor does, refused when they are not text, and quoted safely in errors.
#pragma once

#include <cstddef>
#include <istream>
#include <string>
#include <string_view>
#include <vector>

namespace samen {

/// The most bytes of a user's text one error message quotes; a 10 MB line is
/// named by its start and the number of bytes left out, not echoed whole.
inline constexpr std::size_t quoted_text_limit = 120;

/// `text` made fit to stand inside an error message: control bytes and bytes
/// that are not UTF-8 become escapes (\t, \r, \n, \x00 ...), so a NUL cannot cut
/// the message and an escape sequence cannot reach the terminal; after `limit`
/// bytes of `text` the rest is counted, not shown. E.g. printable("a\0b") is
/// "a\x00b" and printable(std::string(500, 'x'), 3) is "xxx... (497 more bytes)".
std::string printable(std::string_view text, std::size_t limit = quoted_text_limit);

/// True when `name` can name an output folder or file as it is: not empty, no
/// '/' or '\\', not starting with '.', no control bytes (so "../x" and ".." are not).
bool is_plain_name(std::string_view name);

/// `text` without the spaces, tabs and line ends around it ("  a b \r" is "a b").
std::string trim(std::string_view text);

/// One line of a text file, without its line end, numbered from 1.
struct TextLine {
  std::string text;
  int number = 0;
};

/// Reads all of `in` (the file `path`) as lines ended by LF, CRLF or a lone CR
/// (old Mac files), dropping a UTF-8 byte-order mark. Throws ConfigError naming
/// `path` and the line when the file holds a NUL byte (a binary file) or
/// another control byte (anything below 0x20 but tab, and DEL).
std::vector<TextLine> read_text_lines(std::istream& in, const std::string& path);

}  // namespace samen

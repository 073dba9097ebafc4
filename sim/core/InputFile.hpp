// Reading an input file whole, with the user's mistakes (a directory, a device, a file that
// cannot be read) reported as InputErrors naming the file, never as internal errors.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace contsim {

/// The file's bytes. InputError when it is missing, not a regular file or unreadable.
std::string read_input_file(const std::string& file);

/// Throws an InputError when `file` cannot be opened for reading as a regular file; `what`
/// says what it is ("arrivals file", "trace"). For inputs that are read as streams.
void check_readable_file(const std::string& file, const std::string& what = "file");

/// InputError at the line and column of the first byte that is not valid UTF-8, or of a
/// control character other than tab, line feed and carriage return.
void check_utf8(std::string_view text, const std::string& file);

struct TextFault {
  int line = 0, column = 0;  // 1-based, within the text
  std::string what;
};
/// The first invalid UTF-8 byte or control character of `text`, if any.
std::optional<TextFault> find_text_fault(std::string_view text);

/// Whether `s` starts as a decimal number does (a sign, then a digit or a point). std::stod and
/// strtod also read hexadecimal ("0x10"), "inf" and "nan", which no contsim input means.
inline bool starts_decimal(std::string_view s)
{
  std::size_t i = !s.empty() && (s[0] == '+' || s[0] == '-') ? 1 : 0;
  if (i >= s.size() || !((s[i] >= '0' && s[i] <= '9') || s[i] == '.'))
    return false;
  return !(s[i] == '0' && i + 1 < s.size() && (s[i + 1] == 'x' || s[i + 1] == 'X'));
}

} // namespace contsim

#include "sim/core/InputFile.hpp"

#include "sim/core/Error.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace contsim {
namespace {

/// Length of the valid UTF-8 sequence starting at `i`, or 0 when it is not one
/// (overlong forms, surrogates and code points above U+10FFFF are invalid).
std::size_t utf8_sequence(std::string_view s, std::size_t i)
{
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = byte(i);
  if (c < 0x80)
    return 1;
  std::size_t n = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
  if (n == 0 || i + n > s.size())
    return 0;
  for (std::size_t k = 1; k < n; ++k)
    if ((byte(i + k) & 0xC0) != 0x80)
      return 0;
  unsigned char c1 = byte(i + 1);
  if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 > 0x9F) || (c == 0xF0 && c1 < 0x90) || (c == 0xF4 && c1 > 0x8F))
    return 0;
  return n;
}

} // namespace

void check_readable_file(const std::string& file, const std::string& what)
{
  std::error_code ec;
  auto status = std::filesystem::status(file, ec);
  if (ec || !std::filesystem::exists(status))
    throw InputError(file, 0, 0, "", "cannot open " + what + ": it does not exist");
  if (std::filesystem::is_directory(status))
    throw InputError(file, 0, 0, "", "cannot read " + what + ": it is a directory, expected a file");
  if (!std::filesystem::is_regular_file(status))
    throw InputError(file, 0, 0, "", "cannot read " + what + ": not a regular file");
  std::ifstream probe(file, std::ios::binary);
  if (!probe)
    throw InputError(file, 0, 0, "", "cannot read " + what + ": " + std::strerror(errno));
}

std::string read_input_file(const std::string& file)
{
  check_readable_file(file);
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad())
    throw InputError(file, 0, 0, "", "cannot read file: " + std::string(std::strerror(errno)));
  return std::move(text).str();
}

std::optional<TextFault> find_text_fault(std::string_view text)
{
  int line = 1, column = 1;
  for (std::size_t i = 0; i < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    std::size_t n = utf8_sequence(text, i);
    char code[8];
    if (n == 0) {
      std::snprintf(code, sizeof code, "0x%02X", c);
      return TextFault{line, column, std::string("invalid UTF-8 (byte ") + code + "): save the file as UTF-8"};
    }
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
      std::snprintf(code, sizeof code, "U+%04X", c);
      return TextFault{line, column, std::string("control character ") + code};
    }
    if (c == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
    i += n;
  }
  return std::nullopt;
}

void check_utf8(std::string_view text, const std::string& file)
{
  if (auto fault = find_text_fault(text))
    throw InputError(file, fault->line, fault->column, "", fault->what);
}

} // namespace contsim

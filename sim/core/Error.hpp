// Bad input is reported before the run as an InputError naming file, line and key.
// The CLI prints it as "file:line:col: error: key: message" and exits with code 2.
#pragma once
#include <stdexcept>
#include <string>

namespace contsim {

/// A part of contsim or a tool it needs is not installed (SimGrid's engine module, libcurl,
/// s3rver): not a bug. The CLI prints the message, which says what to install, and exits 5.
class MissingPrerequisite : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

class InputError : public std::runtime_error {
public:
  InputError(std::string file, int line, int column, std::string key, const std::string& message)
      : std::runtime_error(format(file, line, column, key, message))
      , file_(std::move(file))
      , line_(line)
      , key_(std::move(key))
      , message_(message)
  {
  }
  const std::string& file() const { return file_; }
  int line() const { return line_; }  // 1-based; 0 when unknown
  const std::string& key() const { return key_; }
  const std::string& message() const { return message_; }  // without file, line and key

private:
  static std::string format(const std::string& file, int line, int column, const std::string& key,
                            const std::string& message)
  {
    std::string s = file;
    if (line > 0)
      s += ":" + std::to_string(line) + (column > 0 ? ":" + std::to_string(column) : "");
    s += ": error: ";
    if (!key.empty())
      s += "'" + shorten(key, 120) + "': ";
    return s + shorten(message, 1500);
  }
  /// Messages quote the user's values: a 1 MB value must not make a 1 MB line. Each quoted
  /// value over 120 bytes keeps its first 60, and the whole stays under `max` bytes.
  static std::string shorten(const std::string& text, std::size_t max)
  {
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
      std::size_t close = text[i] == '\'' ? text.find('\'', i + 1) : std::string::npos;
      if (close != std::string::npos && close - i - 1 > 120) {
        std::size_t keep = 60;
        while (keep > 0 && (static_cast<unsigned char>(text[i + 1 + keep]) & 0xC0) == 0x80)
          --keep;  // not inside a UTF-8 character
        out += text.substr(i, 1 + keep) + "...(" + std::to_string(close - i - 1) + " bytes)'";
        i = close + 1;
      } else {
        out += text[i++];
      }
    }
    if (out.size() > max) {
      std::size_t keep = max - 40;
      while (keep > 0 && (static_cast<unsigned char>(out[keep]) & 0xC0) == 0x80)
        --keep;
      out = out.substr(0, keep) + "... (" + std::to_string(out.size() - keep) + " more bytes)";
    }
    return out;
  }
  std::string file_;
  int line_;
  std::string key_;
  std::string message_;
};

} // namespace contsim

// Bad input is reported before the run as an InputError naming file, line and key.
// The CLI prints it as "file:line:col: error: key: message" and exits with code 2.
#pragma once
#include <stdexcept>
#include <string>

namespace contsim {

class InputError : public std::runtime_error {
public:
  InputError(std::string file, int line, int column, std::string key, const std::string& message)
      : std::runtime_error(format(file, line, column, key, message))
      , file_(std::move(file))
      , line_(line)
      , key_(std::move(key))
  {
  }
  const std::string& file() const { return file_; }
  int line() const { return line_; }  // 1-based; 0 when unknown
  const std::string& key() const { return key_; }

private:
  static std::string format(const std::string& file, int line, int column, const std::string& key,
                            const std::string& message)
  {
    std::string s = file;
    if (line > 0)
      s += ":" + std::to_string(line) + (column > 0 ? ":" + std::to_string(column) : "");
    s += ": error: ";
    if (!key.empty())
      s += "'" + key + "': ";
    return s + message;
  }
  std::string file_;
  int line_;
  std::string key_;
};

} // namespace contsim

// A buffered CSV file writer with fast, locale-free number formatting (std::to_chars),
// so writing a million trace rows costs a fraction of the simulation itself.
#pragma once
#include <charconv>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace contsim {

class CsvBuffer {
public:
  explicit CsvBuffer(const std::string& path) : file_(std::fopen(path.c_str(), "wb"))
  {
    if (!file_)
      throw std::runtime_error("cannot write " + path);
    buffer_.reserve(kFlushAt + 4096);
  }
  ~CsvBuffer()
  {
    flush();
    std::fclose(file_);
  }
  CsvBuffer(const CsvBuffer&) = delete;
  CsvBuffer& operator=(const CsvBuffer&) = delete;

  void text(std::string_view s)
  {
    if (s.find_first_of(",\"\n") == std::string_view::npos) {
      buffer_.append(s);
      return;
    }
    buffer_ += '"';
    for (char c : s) {
      if (c == '"')
        buffer_ += '"';
      buffer_ += c;
    }
    buffer_ += '"';
  }
  void raw(std::string_view s) { buffer_.append(s); }
  void fixed(double v, int decimals)
  {
    if (v == 0)
      v = 0;  // no "-0.000"
    char tmp[64];
    auto r = std::to_chars(tmp, tmp + sizeof tmp, v, std::chars_format::fixed, decimals);
    buffer_.append(tmp, r.ptr);
  }
  void integer(long long v)
  {
    char tmp[24];
    auto r = std::to_chars(tmp, tmp + sizeof tmp, v);
    buffer_.append(tmp, r.ptr);
  }
  void sep() { buffer_ += ','; }
  void end_row()
  {
    buffer_ += '\n';
    if (buffer_.size() >= kFlushAt)
      flush();
  }
  void flush()
  {
    if (!buffer_.empty())
      std::fwrite(buffer_.data(), 1, buffer_.size(), file_);
    buffer_.clear();
  }

private:
  static constexpr std::size_t kFlushAt = 1 << 20;
  std::FILE* file_;
  std::string buffer_;
};

} // namespace contsim

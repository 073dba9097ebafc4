// A buffered CSV file writer with fast, locale-free number formatting (std::to_chars),
// so writing a million trace rows costs a fraction of the simulation itself.
#pragma once
#include "sim/core/OutputFile.hpp"

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace contsim {

/// How a CSV output reaches its name.
enum class CsvPublish {
  /// Written as NAME.partial and renamed at close(): NAME exists only when complete (simulations).
  when_complete,
  /// Written under NAME, each row in one write as it ends: after a kill -9 the file is a valid
  /// prefix that can be followed live (real runs, which write few rows).
  row_by_row,
};

class CsvBuffer {
public:
  explicit CsvBuffer(const std::string& path, CsvPublish publish = CsvPublish::when_complete)
      : path_(path), publish_(publish)
  {
    const std::string open_as = publish == CsvPublish::when_complete ? partial_name(path) : path;
    file_ = std::fopen(open_as.c_str(), "wb");
    if (!file_)
      throw WriteError(path, errno_text(errno));
    if (publish == CsvPublish::row_by_row)
      std::setvbuf(file_, nullptr, _IONBF, 0);
    buffer_.reserve(kFlushAt + 4096);
  }
  /// Without close() (an exception unwinding), a complete-only output is removed: it is not
  /// complete. A row-by-row one keeps its whole rows.
  ~CsvBuffer()
  {
    if (file_) {
      if (publish_ == CsvPublish::row_by_row)
        flush();
      std::fclose(file_);
    }
    if (publish_ == CsvPublish::when_complete && !published_)
      std::remove(partial_name(path_).c_str());
  }
  /// finish() then publish().
  void close()
  {
    finish();
    publish();
  }
  /// Gives the finished file its name (several outputs that belong together are all finished
  /// first, then all published: one that failed leaves none of them under its name).
  void publish()
  {
    if (publish_ == CsvPublish::when_complete && !published_)
      publish_partial(path_);
    published_ = true;
  }
  /// Writes what is buffered and closes the file; a short write or a failed close (disk full)
  /// throws a WriteError, and removes what was written.
  void finish()
  {
    if (!file_)
      return;
    flush();
    bool ok = !failed_ && std::fflush(file_) == 0;
    int error = error_ ? error_ : errno;
    ok = std::fclose(file_) == 0 && ok;
    error = error ? error : errno;
    file_ = nullptr;
    if (!ok) {
      std::remove(publish_ == CsvPublish::when_complete ? partial_name(path_).c_str() : path_.c_str());
      published_ = true;  // nothing left to publish or remove
      throw WriteError(path_, errno_text(error));
    }
  }
  CsvBuffer(const CsvBuffer&) = delete;
  CsvBuffer& operator=(const CsvBuffer&) = delete;

  void text(std::string_view s)
  {
    bool plain = true;
    for (char c : s)
      plain &= c != ',' && c != '"' && c != '\n';
    if (plain) {
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
  /// Fixed-point with `decimals` digits (0..12), through integers: several times faster than
  /// to_chars with a precision, and the same digits (round half away from zero).
  void fixed(double v, int decimals)
  {
    static constexpr long long kPow10[] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000,
                                           1000000000, 10000000000LL, 100000000000LL, 1000000000000LL};
    double scaled = v * static_cast<double>(kPow10[decimals]);
    if (decimals >= 0 && decimals <= 12 && scaled > -9e18 && scaled < 9e18) {
      long long n = std::llround(scaled);
      if (n < 0) {
        buffer_ += '-';
        n = -n;
      }
      integer(n / kPow10[decimals]);
      if (decimals > 0) {
        char frac[16];
        long long f = n % kPow10[decimals];
        for (int i = decimals - 1; i >= 0; --i, f /= 10)
          frac[i] = static_cast<char>('0' + f % 10);
        buffer_ += '.';
        buffer_.append(frac, static_cast<std::size_t>(decimals));
      }
      return;
    }
    if (v == 0)
      v = 0;  // no "-0.000"
    char tmp[64];
    auto r = std::to_chars(tmp, tmp + sizeof tmp, v, std::chars_format::fixed, decimals);
    buffer_.append(tmp, r.ptr);
  }
  /// `fixed(v, decimals)` then a separator; a negative v (contsim's "never happened") stays empty.
  void optional_fixed(double v, int decimals)
  {
    if (v >= 0)
      fixed(v, decimals);
    sep();
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
    if (buffer_.size() >= kFlushAt || publish_ == CsvPublish::row_by_row)
      flush();
  }
  void flush()
  {
    errno = 0;
    if (!buffer_.empty() && std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size() && !failed_) {
      failed_ = true;
      error_ = errno;
    }
    buffer_.clear();
  }

private:
  static constexpr std::size_t kFlushAt = 1 << 20;
  std::string path_;
  CsvPublish publish_;
  std::FILE* file_ = nullptr;
  std::string buffer_;
  bool failed_ = false;
  bool published_ = false;
  int error_ = 0;  // errno of the first failed write
};

} // namespace contsim

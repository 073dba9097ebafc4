// A buffered CSV file writer with fast, locale-free number formatting into a flat block that a
// BlockSink takes when full (to the file, through zstd, on a writer thread), so writing a
// million trace rows costs a fraction of the simulation itself.
#pragma once
#include "sim/core/BlockSink.hpp"
#include "sim/core/OutputFile.hpp"

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
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

/// How a CSV output is written: published whole or row by row, compressed or not, on a
/// writer thread or not. The bytes are the same whichever thread writes them.
struct CsvOptions {
  CsvPublish publish = CsvPublish::when_complete;
  Compression compression = Compression::none;
  bool threaded = false;
};

class CsvBuffer {
public:
  /// `path` is the file's final name (give it the `.zst` suffix when compressing).
  explicit CsvBuffer(const std::string& path, CsvOptions options = {}) : path_(path), publish_(options.publish)
  {
    const std::string open_as = publish_ == CsvPublish::when_complete ? partial_name(path) : path;
    bool threaded = options.threaded && publish_ == CsvPublish::when_complete;
    sink_ = open_block_sink(open_as, options.compression, threaded, publish_ == CsvPublish::row_by_row);
    if (!sink_)
      throw WriteError(path, errno_text(errno));
    block_ = Block(kBlockBytes);
    reset_pointers();
  }
  explicit CsvBuffer(const std::string& path, CsvPublish publish) : CsvBuffer(path, CsvOptions{publish}) {}
  /// Without close() (an exception unwinding), a complete-only output is removed: it is not
  /// complete. A row-by-row one keeps its whole rows.
  ~CsvBuffer()
  {
    if (sink_) {
      if (publish_ == CsvPublish::row_by_row)
        flush();
      int error = 0;
      sink_->close(error);
      sink_.reset();
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
    if (!sink_)
      return;
    flush();
    int error = 0;
    bool ok = sink_->close(error);
    sink_.reset();
    if (!ok) {
      remove_written_file(publish_ == CsvPublish::when_complete ? partial_name(path_) : path_);
      published_ = true;  // nothing left to publish or remove
      throw WriteError(path_, errno_text(error));
    }
  }
  CsvBuffer(const CsvBuffer&) = delete;
  CsvBuffer& operator=(const CsvBuffer&) = delete;

  void text(std::string_view s)
  {
    room(2 * s.size() + 2);
    bool plain = true;
    for (char c : s)
      plain &= c != ',' && c != '"' && c != '\n';
    if (plain) {
      if (!s.empty())  // an empty view may hold a null pointer, which memcpy must not get
        std::memcpy(p_, s.data(), s.size());
      p_ += s.size();
      return;
    }
    *p_++ = '"';
    for (char c : s) {
      if (c == '"')
        *p_++ = '"';
      *p_++ = c;
    }
    *p_++ = '"';
  }
  void raw(std::string_view s)
  {
    room(s.size());
    if (!s.empty())
      std::memcpy(p_, s.data(), s.size());
    p_ += s.size();
  }
  /// Fixed-point with `decimals` digits (0..12), through integers: several times faster than
  /// to_chars with a precision, and the same digits (round half away from zero).
  void fixed(double v, int decimals)
  {
    static constexpr long long kPow10[] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000,
                                           1000000000, 10000000000LL, 100000000000LL, 1000000000000LL};
    room(kNumberRoom);
    double scaled = v * static_cast<double>(kPow10[decimals]);
    if (decimals >= 0 && decimals <= 12 && scaled > -9e18 && scaled < 9e18) {
      long long n = round_half_away(scaled);
      if (n < 0) {
        *p_++ = '-';
        n = -n;
      }
      digits(n / kPow10[decimals]);
      if (decimals > 0) {
        long long f = n % kPow10[decimals];
        *p_++ = '.';
        for (int i = decimals - 1; i >= 0; --i, f /= 10)
          p_[i] = static_cast<char>('0' + f % 10);
        p_ += decimals;
      }
      return;
    }
    if (v == 0)
      v = 0;  // no "-0.000"
    room(400);  // up to 1e308 with 12 decimals
    p_ = std::to_chars(p_, p_ + 400, v, std::chars_format::fixed, decimals).ptr;
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
    room(kNumberRoom);
    if (v < 0) {
      p_ = std::to_chars(p_, p_ + kNumberRoom, v).ptr;
      return;
    }
    digits(v);
  }
  void sep()
  {
    room(1);
    *p_++ = ',';
  }
  void end_row()
  {
    room(1);
    *p_++ = '\n';
    if (p_ >= flush_at_ || publish_ == CsvPublish::row_by_row)
      flush();
  }
  void flush()
  {
    block_.size = static_cast<std::size_t>(p_ - block_.data.get());
    if (block_.size)
      sink_->write(block_);
    if (block_.capacity < kBlockBytes)
      block_ = Block(kBlockBytes);
    reset_pointers();
  }

private:
  static constexpr std::size_t kBlockBytes = 1 << 20;
  static constexpr std::size_t kFlushAt = kBlockBytes - 4096;
  static constexpr std::size_t kNumberRoom = 48;

  // x rounded to the nearest integer, halves away from zero, as std::llround, without the libm
  // call: x - trunc(x) is exact in binary floating point for |x| < 2^63.
  static long long round_half_away(double x)
  {
    auto t = static_cast<long long>(x);
    double frac = x - static_cast<double>(t);
    return t + (frac >= 0.5) - (frac <= -0.5);
  }
  // A non-negative integer's decimal digits, two at a time.
  void digits(long long v)
  {
    static constexpr char kPairs[] =
        "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
        "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
        "8081828384858687888990919293949596979899";
    char tmp[24];
    char* end = tmp + sizeof tmp;
    char* q = end;
    auto u = static_cast<unsigned long long>(v);
    while (u >= 100) {
      unsigned r = static_cast<unsigned>(u % 100);
      u /= 100;
      q -= 2;
      q[0] = kPairs[2 * r];
      q[1] = kPairs[2 * r + 1];
    }
    if (u >= 10) {
      q -= 2;
      q[0] = kPairs[2 * u];
      q[1] = kPairs[2 * u + 1];
    } else {
      *--q = static_cast<char>('0' + u);
    }
    auto n = static_cast<std::size_t>(end - q);
    std::memcpy(p_, q, n);
    p_ += n;
  }
  // Makes room for `n` more bytes in the block: a row is never split, so a long one grows it.
  void room(std::size_t n)
  {
    if (static_cast<std::size_t>(end_ - p_) >= n)
      return;
    std::size_t used = static_cast<std::size_t>(p_ - block_.data.get());
    Block bigger(2 * (used + n));
    if (used != 0)
      std::memcpy(bigger.data.get(), block_.data.get(), used);
    block_ = std::move(bigger);
    p_ = block_.data.get() + used;
    end_ = block_.data.get() + block_.capacity;
    flush_at_ = block_.data.get() + kFlushAt;
  }
  void reset_pointers()
  {
    p_ = block_.data.get();
    end_ = p_ + block_.capacity;
    flush_at_ = p_ + kFlushAt;
  }
  std::string path_;
  CsvPublish publish_;
  std::unique_ptr<BlockSink> sink_;
  Block block_;
  char* p_ = nullptr;
  char* end_ = nullptr;
  char* flush_at_ = nullptr;
  bool published_ = false;
};

} // namespace contsim

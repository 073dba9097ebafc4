// A buffered CSV file writer with fast, locale-free number formatting into a flat block that a
// BlockSink takes when full (to the file, through zstd, on a writer thread), so writing a
// million trace rows costs a fraction of the simulation itself.
#pragma once
#include "sim/core/BlockSink.hpp"
#include "sim/core/NumberFormat.hpp"
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
    p_ = put_text(p_, s);
  }
  /// A text field, quoted when it holds a comma, a quote or a newline; it needs 2 * size + 2
  /// bytes of room. Returns the end. Copied eight, four, two and one bytes at a time; the three
  /// bytes all lie below '-' (0x2D), and only a field with a byte below it (a space, say) is
  /// looked at byte by byte.
  static char* put_text(char* p, std::string_view s)
  {
    constexpr std::uint64_t kOnes = 0x0101010101010101ULL, kHighs = 0x8080808080808080ULL;
    // Non-zero when a byte of `w` is below 0x2D (exact for bounds up to 0x80; the upper bytes
    // of a zero-extended shorter piece are never below it: they count as 0 only after ~).
    auto below_dash = [](std::uint64_t w, std::uint64_t width_mask) {
      return (w - kOnes * 0x2D) & ~w & kHighs & width_mask;
    };
    const char* in = s.data();
    std::size_t n = s.size(), i = 0;
    std::uint64_t low = 0;
    for (; i + 8 <= n; i += 8) {
      std::uint64_t w;
      std::memcpy(&w, in + i, 8);
      std::memcpy(p + i, &w, 8);
      low |= below_dash(w, ~0ULL);
    }
    auto piece = [&](auto word, std::uint64_t width_mask) {  // copies and checks sizeof word bytes
      std::memcpy(&word, in + i, sizeof word);
      std::memcpy(p + i, &word, sizeof word);
      low |= below_dash(word, width_mask);
      i += sizeof word;
    };
    if (n - i >= 4)
      piece(std::uint32_t{}, 0xFFFFFFFFULL);
    if (n - i >= 2)
      piece(std::uint16_t{}, 0xFFFFULL);
    if (n - i >= 1) {
      p[i] = in[i];
      low |= static_cast<unsigned char>(in[i]) < 0x2D;
    }
    bool plain = true;
    if (low)
      for (char c : s)
        plain &= c != ',' && c != '"' && c != '\n';
    if (plain)
      return p + n;
    char* q = p;
    *q++ = '"';
    for (char c : s) {
      if (c == '"')
        *q++ = '"';
      *q++ = c;
    }
    *q++ = '"';
    return q;
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
    room(number_format::kMaxChars);
    if (decimals >= 0 && decimals <= 12)
      if (char* end = number_format::put_fixed(p_, v, decimals)) {
        p_ = end;
        return;
      }
    fixed_slow(v, decimals);
  }
  /// The general case of fixed(): values whose scaled digits do not fit in 63 bits.
  void fixed_slow(double v, int decimals)
  {
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
    p_ = number_format::put_unsigned(p_, static_cast<std::uint64_t>(v));
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
  /// A row written in one go: reserve() makes room for at most `n` bytes and returns where the
  /// row continues; the caller writes through number_format and commit()s the end (then
  /// end_row()). Between the two, nothing else may be written to this buffer.
  char* reserve(std::size_t n)
  {
    room(n);
    return p_;
  }
  void commit(char* end) { p_ = end; }
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
  static constexpr std::size_t kNumberRoom = number_format::kMaxChars;

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

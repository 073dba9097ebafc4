// What the framework-free references (lambda_reference.cpp, batch_reference.cpp) share: contsim's
// named random streams, CSV files written a 1 MiB block at a time with contsim's digits, the
// millisecond rounding of billing and an approximate p95. Nothing here comes from contsim's code:
// the references are kept honest by their outputs, compared byte for byte with contsim's.
#pragma once
#include <boost/random/mersenne_twister.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <deque>
#include <string>
#include <vector>

namespace reference {

using Rng = boost::random::mt19937_64;

// contsim's named streams: FNV-1a of the name, xor the seed, a splitmix64 finaliser.
inline Rng named_stream(std::uint64_t seed, const char* name)
{
  std::uint64_t h = 1469598103934665603ULL;
  for (const char* c = name; *c; ++c)
    h = (h ^ static_cast<unsigned char>(*c)) * 1099511628211ULL;
  std::uint64_t z = (seed ^ h) + 0x9e3779b97f4a7c15ULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return Rng(z ^ (z >> 31));
}

// Lambda's warm environments: reused most recently released first, gone `keep_alive_s` after
// their release (expired when one is looked for, and whenever the caller asks).
class WarmPool {
public:
  explicit WarmPool(double keep_alive_s) : keep_alive_s_(keep_alive_s) {}
  void expire(double now)
  {
    while (!idle_.empty() && idle_.front().since + keep_alive_s_ <= now)
      idle_.pop_front();
  }
  /// An environment for a start at `now`: a warm one, or a new one (`cold`).
  std::uint64_t acquire(double now, bool& cold)
  {
    expire(now);
    cold = idle_.empty();
    if (cold) {
      ++created_;
      return next_env_++;
    }
    std::uint64_t env = idle_.back().env;
    idle_.pop_back();
    return env;
  }
  void release(std::uint64_t env, double now) { idle_.push_back(Idle{env, now}); }
  std::uint64_t created() const { return created_; }

private:
  struct Idle {
    std::uint64_t env;
    double since;
  };
  double keep_alive_s_;
  std::deque<Idle> idle_;  // oldest release first
  std::uint64_t next_env_ = 1, created_ = 0;
};

// A recycled slot of `slots`: the last freed one, or a new one at the end.
template <typename T>
std::uint32_t take_slot(std::vector<T>& slots, std::vector<std::uint32_t>& free)
{
  if (free.empty()) {
    slots.emplace_back();
    return static_cast<std::uint32_t>(slots.size() - 1);
  }
  std::uint32_t s = free.back();
  free.pop_back();
  return s;
}

// Billing's milliseconds: rounded to the microsecond, then up to the millisecond.
inline long long billed_ms(double seconds)
{
  return seconds <= 0 ? 0 : (std::llround(seconds * 1e6) + 999) / 1000;
}

// A CSV file's bytes, a 1 MiB block per write (no file: the bytes are formatted, not written).
class CsvFile {
public:
  explicit CsvFile(std::FILE* f) : file_(f), block_(kBlock + 4096), p_(block_.data()) {}
  /// Writes what is left; false if the file could not be written or closed.
  bool close()
  {
    flush();
    bool ok = !file_ || (!failed_ && std::fclose(file_) == 0);
    file_ = nullptr;
    return ok;
  }
  void text(const char* s, std::size_t n)
  {
    std::memcpy(p_, s, n);
    p_ += n;
  }
  void text(const std::string& s) { text(s.data(), s.size()); }
  template <std::size_t N>
  void literal(const char (&s)[N])
  {
    text(s, N - 1);
  }
  void comma() { *p_++ = ','; }
  void integer(std::uint64_t v) { p_ = std::to_chars(p_, p_ + 24, v).ptr; }
  // v with `decimals` digits after the point, halves away from zero (as llround).
  void fixed(double v, int decimals)
  {
    static const double kScale[] = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12};
    long long n = std::llround(v * kScale[decimals]);
    if (n < 0) {
      *p_++ = '-';
      n = -n;
    }
    auto scale = static_cast<long long>(kScale[decimals]);
    integer(static_cast<std::uint64_t>(n / scale));
    *p_++ = '.';
    long long frac = n % scale;
    for (int i = decimals - 1; i >= 0; --i, frac /= 10)
      p_[i] = static_cast<char>('0' + frac % 10);
    p_ += decimals;
  }
  void end_row()
  {
    *p_++ = '\n';
    if (static_cast<std::size_t>(p_ - block_.data()) >= kBlock)
      flush();
  }

private:
  void flush()
  {
    auto n = static_cast<std::size_t>(p_ - block_.data());
    if (file_ && std::fwrite(block_.data(), 1, n, file_) != n)
      failed_ = true;
    p_ = block_.data();
  }
  static constexpr std::size_t kBlock = 1 << 20;
  std::FILE* file_;
  std::vector<char> block_;
  char* p_;
  bool failed_ = false;
};

// A p95 from a histogram of the doubles' top bits (cells 0.1 % wide).
struct Percentiles {
  std::vector<std::uint32_t> cells = std::vector<std::uint32_t>(1 << 16, 0);
  std::uint64_t n = 0;
  void add(double v)
  {
    std::uint64_t bits;
    std::memcpy(&bits, &v, 8);
    std::uint64_t cell = v <= 0 ? 0 : std::min<std::uint64_t>((bits >> 42) - (0x3EBULL << 10), (1 << 16) - 1);
    ++cells[cell];
    ++n;
  }
  double p(double q) const
  {
    auto rank = static_cast<std::uint64_t>(std::ceil(q * static_cast<double>(n)));
    std::uint64_t seen = 0;
    for (std::size_t c = 0; c < cells.size(); ++c)
      if ((seen += cells[c]) >= std::max<std::uint64_t>(rank, 1)) {
        std::uint64_t bits = (c + (0x3EBULL << 10)) << 42;
        double v;
        std::memcpy(&v, &bits, 8);
        return v;
      }
    return 0;
  }
};

} // namespace reference

// Locale-free decimal formatting straight into a buffer the caller has made room in: the digits
// of every number contsim writes to a CSV file. A writer that knows a row's size bound reserves
// it once and formats the whole row through these, with no capacity check per field.
#pragma once
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace contsim::number_format {

/// Room one formatted number may take: a sign, 19 integer digits, a point, 12 decimals.
inline constexpr std::size_t kMaxChars = 48;

inline constexpr std::uint64_t kPow10[] = {1ULL,
                                           10ULL,
                                           100ULL,
                                           1000ULL,
                                           10000ULL,
                                           100000ULL,
                                           1000000ULL,
                                           10000000ULL,
                                           100000000ULL,
                                           1000000000ULL,
                                           10000000000ULL,
                                           100000000000ULL,
                                           1000000000000ULL,
                                           10000000000000ULL,
                                           100000000000000ULL,
                                           1000000000000000ULL,
                                           10000000000000000ULL,
                                           100000000000000000ULL,
                                           1000000000000000000ULL,
                                           10000000000000000000ULL};

inline constexpr char kDigitPairs[] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";

/// How many decimal digits `u` has (1 for 0): from its bit length, no loop.
inline int digit_count(std::uint64_t u)
{
  std::uint64_t v = u | 1;  // powers of ten above 1 are even: v crosses one exactly when u does
  int bits = 64 - __builtin_clzll(v);
  int t = (bits * 1233) >> 12;  // log10(2^bits) rounded down: the digit count, or one more
  return t + 1 - (v < kPow10[t] ? 1 : 0);
}

/// Writes exactly `n` (0..8) digits of `u` < 10^8, zero-padded, ending at `end`: in 32-bit
/// arithmetic, two digits at a time.
inline void put_small_digits_backwards(char* end, std::uint32_t u, int n)
{
  char* q = end;
  while (n >= 2) {
    std::uint32_t r = u % 100;
    u /= 100;
    q -= 2;
    std::memcpy(q, kDigitPairs + 2 * r, 2);
    n -= 2;
  }
  if (n == 1)
    *--q = static_cast<char>('0' + u % 10);
}

/// Writes exactly `n` digits of `u` (zero-padded on the left) ending at `end`: eight digits at
/// a time with one 64-bit division, each eight in 32-bit arithmetic.
inline void put_digits_backwards(char* end, std::uint64_t u, int n)
{
  while (n > 8) {
    auto chunk = static_cast<std::uint32_t>(u % 100000000ULL);
    u /= 100000000ULL;
    put_small_digits_backwards(end, chunk, 8);
    end -= 8;
    n -= 8;
  }
  put_small_digits_backwards(end, static_cast<std::uint32_t>(u), n);
}

/// A non-negative integer's digits; returns the end.
inline char* put_unsigned(char* p, std::uint64_t u)
{
  int n = digit_count(u);
  put_digits_backwards(p + n, u, n);
  return p + n;
}

/// x rounded to the nearest integer, halves away from zero, as std::llround, without the libm
/// call: x - trunc(x) is exact in binary floating point for |x| < 2^63.
inline long long round_half_away(double x)
{
  auto t = static_cast<long long>(x);
  double frac = x - static_cast<double>(t);
  return t + (frac >= 0.5) - (frac <= -0.5);
}

/// `v` with `decimals` (0..12) digits after the point, rounded half away from zero (the digits
/// of std::llround(v * 10^decimals)); returns the end, or nullptr (nothing written) when the
/// scaled value does not fit in 63 bits: the caller formats it the slow way.
inline char* put_fixed(char* p, double v, int decimals)
{
  double scaled = v * static_cast<double>(kPow10[decimals]);
  if (!(scaled > -9e18 && scaled < 9e18))
    return nullptr;
  long long n = round_half_away(scaled);
  if (n < 0) {
    *p++ = '-';
    n = -n;
  }
  auto u = static_cast<std::uint64_t>(n);
  p = put_unsigned(p, u / kPow10[decimals]);
  if (decimals > 0) {
    *p++ = '.';
    put_digits_backwards(p + decimals, u % kPow10[decimals], decimals);
    p += decimals;
  }
  return p;
}

/// `s` = `prefix` and the digits of `u` ("env-42"), written in place: a recycled string of about
/// that length is only resized, with no temporary and no append call per part.
inline void assign_numbered(std::string& s, std::string_view prefix, std::uint64_t u)
{
  int n = digit_count(u);
  s.resize(prefix.size() + static_cast<std::size_t>(n));
  char* p = s.data();
  std::memcpy(p, prefix.data(), prefix.size());
  put_digits_backwards(p + prefix.size() + n, u, n);
}

} // namespace contsim::number_format

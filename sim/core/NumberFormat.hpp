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

/// The eight digits of `u` < 10^8 (zero-padded), most significant first, as the bytes of a
/// little-endian word: computed in registers, lanes of the word dividing in parallel (by 100 in
/// two 32-bit lanes, then by 10 in four 16-bit lanes, each by multiply and shift), and stored
/// with one write.
static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "digits are stored as little-endian words");
inline std::uint64_t eight_digits(std::uint32_t u)
{
  std::uint64_t x = (u / 10000) | static_cast<std::uint64_t>(u % 10000) << 32;  // lanes < 10^4
  std::uint64_t hundreds = ((x * 10486) >> 20) & 0x0000007F0000007FULL;         // x / 100, exact below 10^4
  x = (x - hundreds * 100) << 16 | hundreds;                                    // lanes < 100
  std::uint64_t tens = ((x * 103) >> 10) & 0x000F000F000F000FULL;               // x / 10, exact below 100
  x = (x - tens * 10) << 8 | tens;                                              // lanes < 10
  return x + 0x3030303030303030ULL;
}

/// The digits of `u` < 10^8, `n` of them (its digit count, or more: zero-padded), in exactly
/// `n` bytes: no room beyond them is touched (two overlapping 4-byte writes of one word).
inline char* put_small_unsigned(char* p, std::uint32_t u, int n)
{
  std::uint64_t w = eight_digits(u) >> (8 * (8 - n));
  if (n >= 4) {
    auto head = static_cast<std::uint32_t>(w), tail = static_cast<std::uint32_t>(w >> (8 * (n - 4)));
    std::memcpy(p, &head, 4);
    std::memcpy(p + n - 4, &tail, 4);
  } else {
    for (int k = 0; k < n; ++k)
      p[k] = static_cast<char>(w >> (8 * k));
  }
  return p + n;
}

/// The digits of `u`, `n` of them (its digit count, or more: zero-padded), in exactly `n` bytes;
/// returns the end.
inline char* put_digits_exactly(char* p, std::uint64_t u, int n)
{
  if (u < 100000000)
    return put_small_unsigned(p, static_cast<std::uint32_t>(u), n);
  put_digits_backwards(p + n, u, n);
  return p + n;
}

/// A non-negative integer's digits; returns the end. Below 10^8 they are one word, stored whole:
/// up to 8 bytes are written (the caller has made kMaxChars of room).
inline char* put_unsigned(char* p, std::uint64_t u)
{
  int n = digit_count(u);
  if (u < 100000000) {
    std::uint64_t w = eight_digits(static_cast<std::uint32_t>(u)) >> (8 * (8 - n));
    std::memcpy(p, &w, 8);
  } else {
    put_digits_backwards(p + n, u, n);
  }
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

/// A non-negative value below 9.9e7 with six decimals, as put_fixed(p, v, 6) writes it, in two
/// words: `whole` (the integer part's `whole_digits` digits in its low bytes) and `decimals`
/// (the six decimals in its low bytes). False when `v` is out of that range (NaN included).
/// Writing a field is two 8-byte stores, and a field equal to an earlier one of the row stores
/// the same words again: copying bytes just written two at a time would wait on store forwarding.
inline bool fixed6_words(double v, std::uint64_t& whole, std::uint64_t& decimals, int& whole_digits)
{
  double scaled = v * 1e6;
  if (!(scaled >= 0 && scaled < 9.9e13))
    return false;
  auto n = static_cast<std::uint64_t>(round_half_away(scaled));
  auto integer = static_cast<std::uint32_t>(n / 1000000);
  whole_digits = digit_count(integer);
  whole = eight_digits(integer) >> (8 * (8 - whole_digits));
  decimals = eight_digits(static_cast<std::uint32_t>(n % 1000000)) >> 16;
  return true;
}

/// Writes a field of fixed6_words: 8 + 8 bytes of room, advanced by its length.
inline char* put_fixed6_words(char* p, std::uint64_t whole, std::uint64_t decimals, int whole_digits)
{
  std::memcpy(p, &whole, 8);
  p += whole_digits;
  *p++ = '.';
  std::memcpy(p, &decimals, 8);
  return p + 6;
}

/// `s` = `prefix` and the digits of `u` ("env-42"), written in place: a recycled string of about
/// that length is only resized, with no temporary and no append call per part.
inline void assign_numbered(std::string& s, std::string_view prefix, std::uint64_t u)
{
  int n = digit_count(u);
  s.resize(prefix.size() + static_cast<std::size_t>(n));
  char* p = s.data();
  std::memcpy(p, prefix.data(), prefix.size());
  put_digits_exactly(p + prefix.size(), u, n);
}

} // namespace contsim::number_format

// The hot output path made fast must stay the same output: histogram buckets from a table vs
// their log() definition, name templates parsed once vs expanded from the pattern, CSV numbers
// through integers vs printf, and block sinks (threaded, zstd) vs a plain write.
#include "sim/core/CsvBuffer.hpp"
#include "sim/core/NumberFormat.hpp"
#include "sim/core/Statistics.hpp"
#include "sim/scenario/NameTemplate.hpp"
#include "sim/schema/JobStateWriter.hpp"
#include "sim/schema/TraceWriter.hpp"

#include <gtest/gtest.h>
#include <zstd.h>

#include <sys/resource.h>

#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <limits>
#include <random>
#include <sstream>

namespace contsim {
namespace {

std::string slurp(const std::string& path)
{
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string unzstd(const std::string& frame)
{
  auto size = ZSTD_getFrameContentSize(frame.data(), frame.size());
  std::string out;
  ZSTD_DStream* d = ZSTD_createDStream();
  ZSTD_inBuffer in{frame.data(), frame.size(), 0};
  std::vector<char> buf(1 << 16);
  while (in.pos < in.size) {
    ZSTD_outBuffer o{buf.data(), buf.size(), 0};
    auto r = ZSTD_decompressStream(d, &o, &in);
    if (ZSTD_isError(r))
      break;
    out.append(buf.data(), o.pos);
  }
  ZSTD_freeDStream(d);
  (void)size;
  return out;
}

TEST(OutputPath, HistogramBucketsFromTheTableEqualTheDefinition)
{
  Distribution1D d;
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> exponent(-8, 9);
  for (int i = 0; i < 300000; ++i) {
    double v = std::pow(10.0, exponent(rng));
    ASSERT_EQ(d.bucket_of(v), Distribution1D::bucket_by_definition(v)) << v;
  }
  // Around every 50th bucket boundary, to the ulp.
  for (int k = 1; k < 32000; k += 50) {
    double g = 1e-6 * std::pow(1.001, k);
    for (int step = 0; step < 8; ++step) {
      ASSERT_EQ(d.bucket_of(g), Distribution1D::bucket_by_definition(g)) << g;
      g = std::nextafter(g, 0.0);
    }
  }
  for (double v : {-1.0, 0.0, 1e-6, 1e-9, 1e12, 1e300, std::numeric_limits<double>::infinity()})
    EXPECT_EQ(d.bucket_of(v), Distribution1D::bucket_by_definition(v)) << v;
  // Around every 7th boundary at the scale of the table's 16-bit boundary marks (2^26 ulps):
  // samples decided by the mark and the ones next to it, left to the definition.
  for (int k = 2; k < 32000; k += 7) {
    double g = 1e-6 * std::pow(1.001, k - 1);
    std::uint64_t at;
    std::memcpy(&at, &g, sizeof at);
    for (std::int64_t step : {-3, -2, -1, 0, 1, 2, 3})
      for (std::int64_t ulps : {std::int64_t{1} << 26, (std::int64_t{1} << 26) - 1, std::int64_t{1} << 20}) {
        std::uint64_t b = at + static_cast<std::uint64_t>(step * ulps);
        double x;
        std::memcpy(&x, &b, sizeof x);
        ASSERT_EQ(d.bucket_of(x), Distribution1D::bucket_by_definition(x)) << x;
      }
  }
  // The first double of every cell of the table (2^-10 wide) and the one before it.
  std::uint64_t bits;
  double v = 1e-6;
  std::memcpy(&bits, &v, sizeof bits);
  for (bits = ((bits >> 42) + 1) << 42; v < 1e8; bits += 1ULL << 42) {
    std::memcpy(&v, &bits, sizeof v);
    ASSERT_EQ(d.bucket_of(v), Distribution1D::bucket_by_definition(v)) << v;
    double before = std::nextafter(v, 0.0);
    ASSERT_EQ(d.bucket_of(before), Distribution1D::bucket_by_definition(before)) << before;
  }
}

// 32-bit counters that widen where one overflows: exact past 2^32, by increments and by sums.
TEST(OutputPath, WideCountsStayExactPastTwoToThe32)
{
  WideCounts c;
  c.assign(3);
  c.add(1, 0xFFFFFFFFULL);
  EXPECT_EQ(c[1], 0xFFFFFFFFULL);
  c.increment(1);
  EXPECT_EQ(c[1], 1ULL << 32);
  c.increment(1);
  EXPECT_EQ(c[1], (1ULL << 32) + 1);
  c.add(2, (5ULL << 32) + 7);
  c.add(2, 0xFFFFFFFFULL);
  EXPECT_EQ(c[2], (5ULL << 32) + 7 + 0xFFFFFFFFULL);
  EXPECT_EQ(c[0], 0u);
  c.assign(3);
  EXPECT_EQ(c[1], 0u);
}

// The names as the patterns were once expanded for every file (the specification).
std::string reference_name(const std::string& pattern, const std::string& input, long long index, bool source)
{
  auto dot = input.find_last_of('.');
  std::string stem = dot == std::string::npos ? input : input.substr(0, dot);
  std::string ext = dot == std::string::npos ? "" : input.substr(dot + 1);
  std::string out;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '{') {
      auto close = pattern.find('}', i);
      if (close != std::string::npos) {
        std::string var = pattern.substr(i + 1, close - i - 1);
        if (var == "stem") { out += stem; i = close; continue; }
        if (var == "name") { out += input; i = close; continue; }
        if (var == "ext") { out += ext; i = close; continue; }
        if (var == "i") { out += std::to_string(index); i = close; continue; }
      }
    }
    out += pattern[i];
  }
  if (source) {
    auto pos = out.find("{source}");
    if (pos != std::string::npos)
      out.replace(pos, 8, input);
  }
  return out;
}

TEST(OutputPath, NameTemplatesParsedOnceGiveTheSameNames)
{
  const char* patterns[] = {"{source}-{i}", "{stem}-{i}.jpg", "{name}.{ext}-{i}", "plain", "{i}{i}", "{x{i}}",
                            "{{stem}}", "{source}{source}-{i}", "{unknown}-{i}", "{", "}{", "a{i", "{ext}", ""};
  const char* inputs[] = {"video.mp4", "a.b.c", "noext", ".hidden", "source", "{source}", "cam{1}"};
  std::string out;
  for (const char* p : patterns)
    for (const char* in : inputs)
      for (long long i : {0LL, 1LL, 7LL, 1234567890123LL, -3LL}) {
        NameTemplate(p).expand(out, in, i);
        EXPECT_EQ(out, reference_name(p, in, i, false)) << p << " " << in;
        FixedInputNames(NameTemplate(p), in).expand(out, i);
        EXPECT_EQ(out, reference_name(p, in, i, true)) << p << " " << in;
        // With a key's folder before the name ({source} in the folder is not the name's)
        FixedInputNames keys(NameTemplate(p), in, "bucket/{source}/");
        keys.expand(out, i);
        EXPECT_EQ(out, "bucket/{source}/" + reference_name(p, in, i, true)) << p << " " << in;
        EXPECT_EQ(keys.prefix_size(), 16u);
      }
}

// The reference for fixed point: llround of the scaled value (halves away from zero), as before.
std::string fixed_by_llround(double v, int d)
{
  long long n = std::llround(v * std::pow(10.0, d));
  std::string digits = std::to_string(n < 0 ? -n : n);
  if (d > 0) {
    if (digits.size() <= static_cast<std::size_t>(d))
      digits.insert(0, static_cast<std::size_t>(d) + 1 - digits.size(), '0');
    digits.insert(digits.size() - static_cast<std::size_t>(d), ".");
  }
  return (n < 0 ? "-" : "") + digits;
}

TEST(OutputPath, CsvNumbersEqualPrintfRounding)
{
  const std::string path = testing::TempDir() + "numbers.csv";
  std::vector<std::pair<double, int>> cases = {{0, 6}, {-0.0, 3}, {0.5, 0}, {1.5, 0}, {2.5, 0}, {-2.5, 0},
                                               {1e-7, 6}, {-1e-7, 6}, {123456.0000005, 6}, {0.0000002, 12},
                                               {9.2e17, 0}, {1e19, 2}, {-1e19, 0}, {3.0000000000000004, 12}};
  std::mt19937_64 rng(3);
  std::uniform_real_distribution<double> u(-1e6, 1e6);
  for (int i = 0; i < 20000; ++i)
    cases.push_back({u(rng), static_cast<int>(i % 13)});
  {
    CsvBuffer csv(path);
    for (auto [v, d] : cases) {
      csv.fixed(v, d);
      csv.sep();
      csv.integer(static_cast<long long>(v));
      csv.end_row();
    }
    csv.close();
  }
  std::ifstream in(path);
  std::string line;
  for (auto [v, d] : cases) {
    ASSERT_TRUE(std::getline(in, line));
    std::string expect;
    if (std::fabs(v * std::pow(10.0, d)) < 9e18) {
      expect = fixed_by_llround(v, d);
    } else {
      char buf[512];
      std::snprintf(buf, sizeof buf, "%.*f", d, v);
      expect = buf;
    }
    EXPECT_EQ(line, expect + "," + std::to_string(static_cast<long long>(v))) << v << " " << d;
  }
}

// The digit writers behind every number: each count of digits (1..20) at its edges, and fixed
// point over the whole fast range against llround of the scaled value.
TEST(OutputPath, DigitsOfEveryLengthAndFixedPointAcrossMagnitudes)
{
  std::vector<std::uint64_t> integers = {0, 1, 9, 10, 11, 99, 100, 18446744073709551615ULL};
  for (int k = 1; k < 20; ++k) {
    std::uint64_t p = number_format::kPow10[k];
    integers.insert(integers.end(), {p - 1, p, p + 1, 2 * p - 1});
  }
  std::mt19937_64 rng(11);
  for (int i = 0; i < 100000; ++i)
    integers.push_back(rng() >> (rng() % 64));
  std::string label = "a string much longer than any label";  // shrinks, then grows again
  for (std::uint64_t u : integers) {
    char buf[number_format::kMaxChars];
    char* end = number_format::put_unsigned(buf, u);
    ASSERT_EQ(std::string(buf, end), std::to_string(u));
    number_format::assign_numbered(label, "env-", u);
    ASSERT_EQ(label, "env-" + std::to_string(u));
    if (u < 100000000) {  // exactly its digits' bytes: the byte after them is untouched
      std::memset(buf, 'x', sizeof buf);
      int n = number_format::digit_count(u);
      end = number_format::put_small_unsigned(buf, static_cast<std::uint32_t>(u), n);
      ASSERT_EQ(std::string(buf, end), std::to_string(u));
      ASSERT_EQ(buf[n], 'x') << u;
    }
  }
  for (int i = 0; i < 200000; ++i) {
    double v = std::ldexp(static_cast<double>(rng() >> 11), -static_cast<int>(rng() % 90)) * (rng() % 2 ? -1 : 1);
    int d = static_cast<int>(rng() % 13);
    char buf[number_format::kMaxChars];
    char* end = number_format::put_fixed(buf, v, d);
    double scaled = v * std::pow(10.0, d);
    if (!end) {
      ASSERT_FALSE(std::fabs(scaled) < 9e18) << v;
      continue;
    }
    ASSERT_EQ(std::string(buf, end), fixed_by_llround(v, d)) << v << " " << d;
  }
}

// Times as two words of digits (fixed6_words) write what put_fixed(p, t, 6) writes, for every
// digit count of the integer part, halves, the range's edges; out of range they decline.
TEST(OutputPath, TimesAsWordsOfDigitsEqualFixedPoint)
{
  std::vector<double> values = {0, 1e-7, 4e-7, 5e-7, 0.0000005, 0.9999995, 1, 9.9999995, 12345.678901,
                                98999999.9999994, 9.9e7 - 1e-6, 9.9e7, 1e8, 1e300, -0.0, -1e-9, -1,
                                std::numeric_limits<double>::infinity(), std::numeric_limits<double>::quiet_NaN()};
  for (int k = 0; k < 8; ++k)
    for (double f : {0.0, 0.5e-6, 0.4999999e-6, 0.123456, 0.999999})
      values.push_back(static_cast<double>(number_format::kPow10[k]) - 1 + f);
  std::mt19937_64 rng(13);
  for (int i = 0; i < 300000; ++i)
    values.push_back(std::ldexp(static_cast<double>(rng() >> 11), -53 + static_cast<int>(rng() % 80)));
  for (double v : values) {
    std::uint64_t whole = 0, decimals = 0;
    int digits = 0;
    bool in_words = number_format::fixed6_words(v, whole, decimals, digits);
    ASSERT_EQ(in_words, v * 1e6 >= 0 && v * 1e6 < 9.9e13) << v;
    if (!in_words)
      continue;
    char buf[number_format::kMaxChars + 16];
    char* end = number_format::put_fixed6_words(buf, whole, decimals, digits);
    ASSERT_EQ(std::string(buf, end), fixed_by_llround(v, 6)) << v;
  }
  for (std::uint32_t u : {0u, 1u, 9u, 10u, 99u, 100u, 9999u, 10000u, 12345678u, 99999999u}) {
    std::uint64_t word = number_format::eight_digits(u);
    char text[9];
    std::snprintf(text, sizeof text, "%08u", u);
    EXPECT_EQ(std::string(reinterpret_cast<const char*>(&word), 8), text);
  }
}

// Text fields copied a word at a time are quoted exactly when they hold a comma, a quote or a
// newline, whatever their length and wherever the byte lies (bytes above 0x7F included).
TEST(OutputPath, TextFieldsQuotedByTheirDefinition)
{
  const char unusual[] = {',', '"', '\n', ' ', '\x01', '\x2c', '\x2d', '\x7f', '\x80', '\xff'};
  std::mt19937_64 rng(5);
  for (int i = 0; i < 200000; ++i) {
    std::string s(rng() % 40, 'x');
    for (auto& c : s)
      c = rng() % 4 ? static_cast<char>('a' + rng() % 26) : unusual[rng() % sizeof unusual];
    bool plain = s.find_first_of(",\"\n") == std::string::npos;
    std::string expect = s;
    if (!plain) {
      expect = "\"";
      for (char c : s)
        expect += c == '"' ? std::string("\"\"") : std::string(1, c);
      expect += "\"";
    }
    std::vector<char> buf(2 * s.size() + 2);
    char* end = CsvBuffer::put_text(buf.data(), s);
    ASSERT_EQ(std::string(buf.data(), end), expect);
  }
}

// A run's distribution takes its functions' samples at the end (add_moments as attempts end,
// add_samples_of once): the same figures as adding every sample to it, exact or histogram.
TEST(OutputPath, RunDistributionFromItsFunctionsEqualsAddingEverySample)
{
  for (int per_function : {10, 40000, 70000, 150000}) {
    Distribution1D one_by_one, run, f1, f2;
    std::mt19937_64 rng(per_function);
    std::exponential_distribution<double> e1(0.5), e2(3.0);
    for (int i = 0; i < per_function; ++i)
      for (int f = 0; f < 2; ++f) {
        double v = f ? e2(rng) : e1(rng);
        one_by_one.add(v);
        run.add_moments(v);
        (f ? f2 : f1).add(v);
      }
    run.add_samples_of(f1);
    run.add_samples_of(f2);
    EXPECT_EQ(run.exact(), one_by_one.exact()) << per_function;
    EXPECT_EQ(run.to_json().dump(), one_by_one.to_json().dump()) << per_function;
  }
}

// job_states.csv rows in one go: quoted names, every state, and a time beyond the fast
// formatter's range (written field by field) read as the schema says.
TEST(OutputPath, JobStateRowsInOneGoAndTheSlowWay)
{
  const std::string path = testing::TempDir() + "job_states.csv";
  {
    JobStateWriter w(path);
    w.write(7, "f", "batch", "SUBMITTED", 2.2166904);
    w.write(18446744073709551615ULL, "with,comma", "b", "RUNNING", 0);
    w.write(9, "f", "batch", "SUCCEEDED", 1e13);
    w.finish();
    w.publish();
  }
  EXPECT_EQ(slurp(path), "# schema: contsim-job-states/1\nid,function,service,state,t_s\n"
                         "7,f,batch,SUBMITTED,2.216690\n"
                         "18446744073709551615,\"with,comma\",b,RUNNING,0.000000\n"
                         "9,f,batch,SUCCEEDED,10000000000000.000000\n");
}

// Exact percentiles are found by selection, each within the side of the previous one: asked in
// any order, with values added between questions, and with ties, they are those of the sorted
// values (type 7: between closest ranks).
TEST(OutputPath, ExactPercentilesBySelectionEqualSortedOnes)
{
  auto by_sorting = [](std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    double pos = p / 100.0 * static_cast<double>(v.size() - 1);
    auto lo = static_cast<std::size_t>(std::floor(pos));
    auto hi = std::min(lo + 1, v.size() - 1);
    return v[lo] + (v[hi] - v[lo]) * (pos - static_cast<double>(lo));
  };
  std::mt19937_64 rng(5);
  for (int n : {1, 2, 3, 17, 1000, 60000}) {  // all within exact_cap
    Distribution1D d;
    std::vector<double> all;
    std::uniform_int_distribution<int> few(0, 9);  // ties
    std::exponential_distribution<double> e(1.0);
    auto add = [&](int k) {
      for (int i = 0; i < k; ++i) {
        double v = i % 3 ? e(rng) : few(rng);
        d.add(v);
        all.push_back(v);
      }
    };
    add(n);
    for (double p : {99.0, 50.0, 95.0, 0.0, 90.0, 100.0, 50.0, 25.0, 99.9})
      ASSERT_EQ(d.percentile(p), by_sorting(all, p)) << n << " p" << p;
    add(n / 2 + 1);  // more values after a question: the order found so far no longer holds
    for (double p : {50.0, 90.0, 95.0, 99.0, 10.0})
      ASSERT_EQ(d.percentile(p), by_sorting(all, p)) << n << " then more, p" << p;
  }
}

// trace.csv through the writer thread (records packed, rows formatted there) is byte for byte the
// trace written in place: odd fields (quotes, empty, a 3 MB input name longer than a packed
// block), every status, never-happened times, and with sampling.
TEST(OutputPath, TraceOnItsWriterThreadIsTheSameBytes)
{
  std::vector<std::string> inputs = {"bench/in/a.jpg", "with,comma", "with \"quote\"", "", std::string(3 << 20, 'x'),
                                     "ab", "abc", std::string(16, 'y'), std::string(31, 'z'), std::string(32, 'w'),
                                     std::string(33, 'v')};  // every length class of the packed copy
  auto write = [&](const std::string& path, bool threaded, std::uint64_t every) {
    TraceWriter w(path, CsvOptions{CsvPublish::when_complete, Compression::none, threaded}, every);
    std::mt19937_64 rng(9);
    std::string node;
    for (std::uint64_t i = 1; i <= 30000; ++i) {
      node = "env-" + std::to_string(rng() % 500);
      TraceRecord r;
      r.id = i;
      r.function = "f";
      r.platform = "lambda";
      r.site = "aws";
      r.node = node;
      r.input = i == 386      ? inputs[4]  // 386 = 1 + 55 * 7: sampled too
                : i % 97 == 0 ? inputs[i % 4]
                : i % 13 == 0 ? inputs[5 + i % 6]
                              : inputs[0];
      r.t_trigger = static_cast<double>(i) * 0.01;
      r.t_start = i % 3 ? r.t_trigger : r.t_trigger + 0.5;
      r.t_exec_start = i % 5 ? r.t_start : -1;
      r.t_exec_end = r.t_start + static_cast<double>(rng() % 1000) / 7.0;
      r.t_end = i % 2 ? r.t_exec_end : r.t_exec_end + 1;
      r.t_stage_in = r.t_start;
      r.cold_start = i % 11 == 0;
      r.status = static_cast<InvocationStatus>(i % kInvocationStatuses);
      r.delegated_to = i % 13 ? "" : "oscar";
      r.mechanism = i % 13 ? "" : "rescheduler";
      r.billed_ms = static_cast<long long>(rng() % 100000);
      r.cost_usd = static_cast<double>(r.billed_ms) * 1.67e-8;
      r.parent_id = i % 13 ? 0 : i - 1;
      r.memory_mb = 1024;
      w.write(r);
    }
    w.finish();
    w.publish();
  };
  for (std::uint64_t every : {1, 7}) {
    const std::string in_place = testing::TempDir() + "trace-in-place.csv", threaded = testing::TempDir() + "trace-threaded.csv";
    write(in_place, false, every);
    write(threaded, true, every);
    std::string a = slurp(in_place), b = slurp(threaded);
    EXPECT_GT(a.size(), 3u << 20);
    EXPECT_TRUE(a == b) << "every " << every << ": " << a.size() << " vs " << b.size() << " bytes";
  }
}

void write_rows(const std::string& path, CsvOptions options, int rows)
{
  CsvBuffer csv(path, options);
  for (int i = 0; i < rows; ++i) {
    csv.integer(i);
    csv.sep();
    csv.text(i % 97 == 0 ? std::string("a,\"quoted\" name") : std::string(static_cast<std::size_t>(i % 300), 'x'));
    csv.sep();
    csv.fixed(i * 0.001, 6);
    csv.end_row();
  }
  csv.close();
}

TEST(OutputPath, WriterThreadAndZstdWriteTheSameBytes)
{
  const std::string dir = testing::TempDir();
  const int rows = 200000;  // several 1 MiB blocks
  write_rows(dir + "plain.csv", {}, rows);
  write_rows(dir + "threaded.csv", {CsvPublish::when_complete, Compression::none, true}, rows);
  write_rows(dir + "plain.csv.zst", {CsvPublish::when_complete, Compression::zstd, false}, rows);
  write_rows(dir + "threaded.csv.zst", {CsvPublish::when_complete, Compression::zstd, true}, rows);
  std::string plain = slurp(dir + "plain.csv");
  EXPECT_GT(plain.size(), 4u << 20);
  EXPECT_EQ(slurp(dir + "threaded.csv"), plain);
  std::string z1 = slurp(dir + "plain.csv.zst"), z2 = slurp(dir + "threaded.csv.zst");
  EXPECT_EQ(z1, z2);  // compression is deterministic, whichever thread does it
  EXPECT_LT(z1.size(), plain.size() / 4);
  EXPECT_EQ(unzstd(z1), plain);
  EXPECT_NE(plain.find("\"a,\"\"quoted\"\" name\""), std::string::npos);
}

TEST(OutputPath, AFullDiskIsAWriteErrorEvenOnTheWriterThread)
{
  for (Compression c : {Compression::none, Compression::zstd}) {
    // /dev/full takes the open and fails every write with ENOSPC.
    CsvBuffer csv("/dev/full", CsvOptions{CsvPublish::row_by_row, c, false});
    for (int i = 0; i < 1000; ++i) {
      csv.text("some row text");
      csv.end_row();
    }
    EXPECT_THROW(csv.finish(), WriteError);
  }
  // A file-size limit makes writes past 1 MiB fail (EFBIG) on the writer thread too.
  struct rlimit old;
  getrlimit(RLIMIT_FSIZE, &old);
  auto old_handler = std::signal(SIGXFSZ, SIG_IGN);
  struct rlimit small = old;
  small.rlim_cur = 1 << 20;
  setrlimit(RLIMIT_FSIZE, &small);
  for (bool threaded : {false, true}) {
    const std::string path = testing::TempDir() + "limited.csv";
    EXPECT_THROW(write_rows(path, {CsvPublish::when_complete, Compression::none, threaded}, 300000), WriteError);
    EXPECT_FALSE(std::ifstream(path).good());  // nothing under the name
    EXPECT_FALSE(std::ifstream(path + ".partial").good());
  }
  setrlimit(RLIMIT_FSIZE, &old);
  std::signal(SIGXFSZ, old_handler);
}

} // namespace
} // namespace contsim

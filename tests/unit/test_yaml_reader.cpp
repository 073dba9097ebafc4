// Strict YAML reading: units, ranges, unknown keys with file:line.
#include "sim/core/Error.hpp"
#include "sim/core/YamlReader.hpp"
#include "sim/core/YamlStructure.hpp"

#include <gtest/gtest.h>

using namespace contsim;

namespace {
YamlRef ref(const std::string& text)
{
  return YamlRef{YAML::Load(text), "x.yaml", "k"};
}
} // namespace

TEST(YamlReader, UnitsOfSizeBandwidthAndTime)
{
  EXPECT_DOUBLE_EQ(ref("219MB").as_bytes(), 219e6);
  EXPECT_DOUBLE_EQ(ref("2Gi").as_bytes(), 2147483648.0);
  EXPECT_DOUBLE_EQ(ref("100Mbps").as_bandwidth(), 12.5e6);
  EXPECT_DOUBLE_EQ(ref("10MBps").as_bandwidth(), 10e6);
  EXPECT_DOUBLE_EQ(ref("20ms").as_seconds(), 0.02);
  EXPECT_DOUBLE_EQ(ref("5min").as_seconds(), 300);
  EXPECT_DOUBLE_EQ(ref("'1.0'\t").as_double(), 1.0);  // tab after a value, as in real FDL files
  EXPECT_THROW(ref("-5MB").as_bytes(), InputError);
  EXPECT_THROW(ref("12 parsecs").as_bytes(), InputError);
  EXPECT_THROW(ref("fast").as_double(), InputError);
  EXPECT_THROW(ref("-1").as_non_negative(), InputError);
}

TEST(YamlReader, UnknownKeysFailWithLineAndValidKeys)
{
  YamlRef r{YAML::Load("a: 1\nb: 2\nseeed: 3\n"), "s.yaml", ""};
  MapReader m(r);
  m.optional("a");
  m.optional("b");
  m.optional("seed");
  try {
    m.finish();
    FAIL();
  } catch (const InputError& e) {
    std::string msg = e.what();
    EXPECT_EQ(e.line(), 3);
    EXPECT_NE(msg.find("s.yaml:3:1"), std::string::npos) << msg;
    EXPECT_NE(msg.find("did you mean 'seed'"), std::string::npos) << msg;
  }
}

TEST(YamlReader, MalformedFileNamesLine)
{
  std::string file = testing::TempDir() + "/bad.yaml";
  FILE* f = std::fopen(file.c_str(), "w");
  std::fputs("a: 1\nb: [1, 2\nc: 3\n", f);
  std::fclose(f);
  try {
    load_yaml_file(file);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_GT(e.line(), 1);
    EXPECT_NE(std::string(e.what()).find("malformed YAML"), std::string::npos);
  }
  EXPECT_THROW(load_yaml_file("/nonexistent/file.yaml"), InputError);
}

namespace {
/// The message of the InputError parse_yaml_text throws for `text`, "" when it accepts it.
std::string structure_error(const std::string& text)
{
  try {
    parse_yaml_text(text, "s.yaml");
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}
} // namespace

TEST(YamlStructure, WholeFileChecksThatYamlCppDoesNotMake)
{
  EXPECT_EQ(structure_error("a: 1\nb: {c: 'x', d: \"y\"}\ne: [1, 2]\n"), "");
  EXPECT_NE(structure_error("a: 1\nb: 2\na: 3\n").find("s.yaml:3:1: error: duplicate key 'a' (first at line 1)"),
            std::string::npos);
  EXPECT_NE(structure_error("m: {x: 1, x: 2}\n").find("duplicate key 'x'"), std::string::npos);
  EXPECT_NE(structure_error("a\t: 1\na: 2\n").find("duplicate key 'a'"), std::string::npos);  // keys are trimmed
  EXPECT_NE(structure_error("a: 1\nb: \"open\nc: 2\n").find("s.yaml:2:4: error: unterminated double-quoted string"),
            std::string::npos);
  EXPECT_EQ(structure_error("a: \"x \\\" y\"\nb: 'it''s'\n"), "");  // escaped quotes close nothing
  EXPECT_NE(structure_error("a: caf\xe9\n").find("s.yaml:1:7: error: invalid UTF-8 (byte 0xE9)"), std::string::npos);
  EXPECT_NE(structure_error("a: x\x01y\n").find("control character U+0001"), std::string::npos);
  EXPECT_NE(structure_error("? [a, b]\n: 1\n").find("a key must be a single value"), std::string::npos);
  std::string deep = "a: " + std::string(300, '[') + std::string(300, ']') + "\n";
  EXPECT_NE(structure_error(deep).find("error: "), std::string::npos);
  std::string bomb = "a: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i <= 6; ++i) {
    bomb += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
    for (int k = 0; k < 10; ++k)
      bomb += std::string(k ? ", " : "") + "*a" + std::to_string(i - 1);
    bomb += "]\n";
  }
  EXPECT_NE(structure_error(bomb).find("aliases expand this value to more than 1000000 nodes"), std::string::npos);
}

TEST(YamlStructure, MessagesClipLongValues)
{
  EXPECT_EQ(clip("short"), "short");
  EXPECT_EQ(clip("tab\there"), "tab\\x09here");
  std::string long_value(100000, 'v');
  EXPECT_EQ(clip(long_value), std::string(80, 'v') + "... (100000 bytes)");
  InputError e("f.yaml", 3, 1, "k", "unknown site '" + long_value + "'");
  EXPECT_LT(std::string(e.what()).size(), 300u);
  EXPECT_NE(std::string(e.what()).find("...(100000 bytes)'"), std::string::npos);
}

TEST(YamlReader, NumbersAreDecimal)
{
  EXPECT_DOUBLE_EQ(ref("+.5").as_double(), 0.5);
  EXPECT_DOUBLE_EQ(ref("1e3").as_double(), 1000);
  for (const char* text : {"0x10", "inf", "-nan", "0X1p3", "1_000"})
    EXPECT_THROW(ref(text).as_double(), InputError) << text;
  EXPECT_THROW(ref("0x10MB").as_bytes(), InputError);
}

// Strict YAML reading: units, ranges, unknown keys with file:line.
#include "sim/core/Error.hpp"
#include "sim/core/YamlReader.hpp"

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

// The record seam: every table's writer and reader agree with its schema::Table, and the
// generated docs (sim/schema/OUTPUTS.md, reports/schema.py) are current.
#include "sim/core/CsvLine.hpp"
#include "sim/core/Error.hpp"
#include "sim/schema/OutputDirectory.hpp"
#include "sim/schema/Schema.hpp"
#include "sim/schema/TraceReader.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace contsim;

namespace {

std::string temp_dir(const std::string& name)
{
  auto dir = std::filesystem::temp_directory_path() / ("contsim-schema-" + name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir.string();
}

std::string slurp(const std::string& path)
{
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> lines(const std::string& path)
{
  std::ifstream in(path);
  std::vector<std::string> out;
  for (std::string l; std::getline(in, l);)
    out.push_back(l);
  return out;
}

} // namespace

TEST(Schema, EveryFileStartsWithItsVersionLineThenTheHeaderOfItsTable)
{
  std::string dir = temp_dir("header");
  {
    OutputDirectory out(dir);
    out.close();
    out.publish();
  }
  for (const schema::Table* t : schema::all_tables()) {
    if (std::string(t->file) == "sweep.csv")
      continue;  // written by the sweep, not a run
    auto l = lines(dir + "/" + t->file);
    ASSERT_EQ(l.size(), 2u) << t->file;
    EXPECT_EQ(l[0], std::string("# schema: ") + t->id + "/" + std::to_string(t->version));
    EXPECT_EQ(l[1], t->header());
  }
}

TEST(Schema, ATraceRecordSurvivesTheRoundTripIncludingQuotedText)
{
  std::string dir = temp_dir("roundtrip");
  std::string node = "env,1 \"a\"";  // a comma and quotes: CsvBuffer quotes, the reader unquotes
  TraceRecord w;
  w.id = 42;
  w.function = "fn";
  w.platform = "oscar";
  w.site = "site-a";
  w.node = node;
  w.input = "bucket/in/x.jpg";
  w.t_trigger = 1.5;
  w.t_start = 2.25;
  w.t_exec_start = 3.125;
  w.t_exec_end = 10;
  w.t_end = 11.000001;
  w.cold_start = true;
  w.status = InvocationStatus::duplicate;
  w.delegated_to = "other";
  w.mechanism = "rescheduler";
  w.billed_ms = 7000;
  w.cost_usd = 0.000123456789;
  w.parent_id = 7;
  w.t_stage_in = 2.5;
  w.memory_mb = 1024;
  {
    OutputDirectory out(dir);
    out.on_attempt(w, 0, 0);
    TraceRecord never;  // every optional phase absent
    never.id = 43;
    never.function = "fn";
    out.on_attempt(never, 0, 0);
    out.close();
    out.publish();
  }
  TraceReader reader(dir + "/trace.csv");
  TraceRecord r;
  ASSERT_TRUE(reader.next(r));
  EXPECT_EQ(r.id, 42u);
  EXPECT_EQ(r.function, "fn");
  EXPECT_EQ(r.platform, "oscar");
  EXPECT_EQ(r.site, "site-a");
  EXPECT_EQ(r.node, node);
  EXPECT_EQ(r.input, "bucket/in/x.jpg");
  EXPECT_DOUBLE_EQ(r.t_trigger, 1.5);
  EXPECT_DOUBLE_EQ(r.t_start, 2.25);
  EXPECT_DOUBLE_EQ(r.t_exec_start, 3.125);
  EXPECT_DOUBLE_EQ(r.t_exec_end, 10);
  EXPECT_DOUBLE_EQ(r.t_end, 11.000001);
  EXPECT_TRUE(r.cold_start);
  EXPECT_EQ(r.status, InvocationStatus::duplicate);
  EXPECT_EQ(r.delegated_to, "other");
  EXPECT_EQ(r.mechanism, "rescheduler");
  EXPECT_EQ(r.billed_ms, 7000);
  EXPECT_DOUBLE_EQ(r.cost_usd, 0.000123456789);
  EXPECT_EQ(r.parent_id, 7u);
  EXPECT_DOUBLE_EQ(r.t_stage_in, 2.5);
  EXPECT_DOUBLE_EQ(r.memory_mb, 1024);
  ASSERT_TRUE(reader.next(r));
  EXPECT_EQ(r.id, 43u);
  EXPECT_LT(r.t_start, 0);
  EXPECT_LT(r.t_end, 0);
  EXPECT_LT(r.t_stage_in, 0);
  EXPECT_EQ(r.parent_id, 0u);
  EXPECT_FALSE(reader.next(r));
}

TEST(Schema, AnotherTablesFileOrANewerVersionIsRefusedWithFileAndLine)
{
  std::string dir = temp_dir("refuse");
  {
    OutputDirectory out(dir);
    out.close();
    out.publish();
  }
  try {
    TraceReader reader(dir + "/timeline.csv");
    FAIL() << "a timeline read as a trace";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("timeline.csv:1:1: error: 'schema'"), std::string::npos) << e.what();
  }
  std::ofstream(dir + "/future.csv") << "# schema: contsim-trace/99\n" << schema::trace_table().header() << "\n";
  EXPECT_THROW(TraceReader(dir + "/future.csv"), InputError);
  std::ofstream(dir + "/bad.csv") << schema::trace_table().header() << "\n1,fn,,,,,x,,,,,0,ok,,,0,0,,,\n";
  TraceReader reader(dir + "/bad.csv");  // no version line: read as version 1
  TraceRecord r;
  try {
    reader.next(r);
    FAIL() << "a time that is not a number was accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("bad.csv:2:7: error: 't_trigger'"), std::string::npos) << e.what();
  }
}

TEST(Schema, TheGeneratedDocsAreCurrent)
{
  EXPECT_EQ(slurp(std::string(CONTSIM_SOURCE_DIR) + "/sim/schema/OUTPUTS.md"), schema::outputs_markdown())
      << "regenerate: build/contsim help outputs > sim/schema/OUTPUTS.md";
  EXPECT_EQ(slurp(std::string(CONTSIM_SOURCE_DIR) + "/reports/schema.py"), schema::outputs_python())
      << "regenerate: build/contsim help outputs.py > reports/schema.py";
}

TEST(Schema, OneCsvSplitterUnquotesAndTrims)
{
  EXPECT_EQ(split_csv(" a , b ,"), (std::vector<std::string>{"a", "b", ""}));
  EXPECT_EQ(split_csv("1,\"x, \"\"y\"\"\",2\r"), (std::vector<std::string>{"1", "x, \"y\"", "2"}));
  EXPECT_EQ(split_csv(""), (std::vector<std::string>{""}));
}

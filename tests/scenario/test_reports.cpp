// `contsim report`: every figure a bundled run has data for is drawn (valid files of a real
// size), the page links only files that exist, runs without some data skip those figures,
// sweeps and comparisons have their own figures, and Chromium renders the page cleanly.
#include "tests/scenario/ContsimRun.hpp"

#include <algorithm>
#include <regex>

using namespace contsim_test;

namespace {

bool starts_with(const std::string& file, const std::string& magic)
{
  return slurp(file).compare(0, magic.size(), magic) == 0;
}

/// Every src/href of the page points at a file that exists beside it, or at an id of the page.
void expect_links_exist(const std::string& dir)
{
  std::string page = slurp(dir + "/report.html");
  std::regex link("(src|href)='([^']+)'");
  int links = 0;
  for (auto it = std::sregex_iterator(page.begin(), page.end(), link); it != std::sregex_iterator(); ++it) {
    std::string target = (*it)[2].str();
    if (target[0] == '#') {  // the dashboard's navigation
      EXPECT_NE(page.find("id='" + target.substr(1) + "'"), std::string::npos) << target;
      continue;
    }
    ++links;
    EXPECT_TRUE(fs::exists(dir + "/" + (*it)[2].str())) << (*it)[2].str();
  }
  EXPECT_GT(links, 0);
}

const std::vector<std::string> kRunFigures{"gantt", "response_breakdown", "response_cdf", "costs", "platform_timeline",
                                           "delays"};

} // namespace

TEST(Report, EveryFigureOfABatchRunInEveryFormat)
{
  std::string dir = simulated(paper("av-workflow"), "report-e1");
  Result r = contsim("report " + dir + " --format png,svg,pdf");
  ASSERT_EQ(r.code, 0) << r.out;
  for (const auto& f : kRunFigures) {
    std::string base = dir + "/figures/" + f;
    ASSERT_TRUE(fs::exists(base + ".png")) << f;
    EXPECT_TRUE(starts_with(base + ".png", "\x89PNG\r\n\x1a\n")) << f;
    EXPECT_GT(fs::file_size(base + ".png"), 10000u) << f;  // a drawn chart, not an empty canvas
    EXPECT_TRUE(starts_with(base + ".pdf", "%PDF")) << f;
    EXPECT_NE(slurp(base + ".svg").find("<svg"), std::string::npos) << f;
  }
  expect_links_exist(dir);
  std::string md = slurp(dir + "/report.md");
  EXPECT_NE(md.find("figures/gantt.png"), std::string::npos);
  EXPECT_NE(md.find("cost: aws-batch"), std::string::npos);
  // The cost caption names the price table's date and region.
  EXPECT_NE(slurp(dir + "/report.html").find("aws-2023 (2023-06-01, us-east-1)"), std::string::npos);
}

TEST(Report, SameRunSameFigures)
{
  std::string dir = simulated(paper("gateway-batch-10-images"), "report-det");
  ASSERT_EQ(contsim("report " + dir + " --format png,svg -o " + dir + "/a").code, 0);
  ASSERT_EQ(contsim("report " + dir + " --format png,svg -o " + dir + "/b").code, 0);
  for (const auto& f : kRunFigures)
    for (const char* ext : {".png", ".svg"})
      EXPECT_EQ(slurp(dir + "/a/figures/" + f + ext), slurp(dir + "/b/figures/" + f + ext)) << f << ext;
}

TEST(Report, ARunWithoutDelaysSkipsThatFigure)
{
  // Lambda only, no queueing and no instances: nothing for the delay box plots.
  std::string dir = simulated(kSource + "/scenarios/mask-detector-lambda.yaml", "report-lambda");
  Result r = contsim("report " + dir);
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_TRUE(fs::exists(dir + "/figures/gantt.png"));
  EXPECT_TRUE(fs::exists(dir + "/figures/costs.png"));
  EXPECT_FALSE(fs::exists(dir + "/figures/delays.png"));
  EXPECT_EQ(slurp(dir + "/report.html").find("delays"), std::string::npos);
  expect_links_exist(dir);
}

TEST(Report, SweepAndComparison)
{
  std::string sweep = out_dir("report-sweep");
  ASSERT_EQ(contsim("sweep " + kSource + "/scenarios/mask-detector-lambda.yaml"
                    " --grid functions.scar-mask-detector.memory=512,1024,2048 --keep-traces -o " + sweep).code, 0);
  Result r = contsim("report " + sweep);
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_TRUE(starts_with(sweep + "/figures/sweep_power_tuning.png", "\x89PNG"));
  EXPECT_TRUE(starts_with(sweep + "/figures/sweep_curves.png", "\x89PNG"));
  expect_links_exist(sweep);

  std::string a = sweep + "/points/0001/rep-0";  // 1024 MB
  std::string b = sweep + "/points/0002/rep-0";  // 2048 MB
  std::string out = out_dir("report-compare");
  r = contsim("report " + a + " --compare " + b + " -o " + out);
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_TRUE(starts_with(out + "/figures/compare.png", "\x89PNG"));
  std::string md = slurp(out + "/report.md");
  EXPECT_NE(md.find("## Comparison (A vs B)"), std::string::npos);
  EXPECT_NE(md.find("| scar-mask-detector |"), std::string::npos);
  EXPECT_TRUE(starts_with(out + "/figures/compare_cdf.png", "\x89PNG"));
  EXPECT_TRUE(starts_with(out + "/figures/compare_gantt.png", "\x89PNG"));
  EXPECT_NE(md.find("KS D"), std::string::npos);
  expect_links_exist(out);
}

TEST(Report, ComparisonKeepsAFunctionOnlyOneRunHas)
{
  // With a Lambda replica, a function exists that the run without it lacks (issue: it was dropped).
  std::string with = out_dir("report-only-with");
  std::string without = out_dir("report-only-without");
  // 10 s jobs saturate the on-premises cluster, so the Lambda replica runs events (the measured
  // 3.1 s jobs never reach it).
  ASSERT_EQ(
      contsim("run " + kSource + "/scenarios/paper/fire-detection-fog-onprem-lambda.yaml -o " + with + e8_saturating_overrides()).code,
      0);
  ASSERT_EQ(contsim("run " + kSource + "/scenarios/paper/fire-detection-fog-onprem.yaml -o " + without).code, 0);
  std::string out = out_dir("report-only-compare");
  Result r = contsim("report " + with + " --compare " + without + " -o " + out);
  ASSERT_EQ(r.code, 0) << r.out;
  std::string md = slurp(out + "/report.md");
  auto row = md.find("| fire-detection-replica@lambda-function.example |", md.find("## Comparison (A vs B)"));
  ASSERT_NE(row, std::string::npos) << md;
  EXPECT_NE(md.substr(row, md.find('\n', row) - row).find("only in A"), std::string::npos);
}

TEST(Report, BadInputExitsTwo)
{
  Result r = contsim("report " + scratch_root() + "/no-such-run");
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_NE(r.out.find("no such run directory"), std::string::npos) << r.out;
  std::string empty = out_dir("report-empty");
  fs::create_directories(empty);
  r = contsim("report " + empty);
  EXPECT_EQ(r.code, 2) << r.out;
  EXPECT_NE(r.out.find("not a contsim run"), std::string::npos) << r.out;
  r = contsim("report " + empty + " --format gif");
  EXPECT_EQ(r.code, 2) << r.out;
  r = contsim("run " + paper("av-workflow") + " --format png");
  EXPECT_EQ(r.code, 2) << r.out;
}

TEST(Report, ChromiumRendersThePageWithEveryImageAndNoScriptError)
{
  const char* chromium = "/usr/bin/chromium";
  if (!fs::exists(chromium))
    GTEST_SKIP() << "Debian's chromium is not installed (./setup.sh test installs it)";
  std::string dir = simulated(paper("av-workflow-1-video"), "report-chromium");
  ASSERT_EQ(contsim("report " + dir).code, 0);
  std::string dom = dir + "/dom.html", log = dir + "/chromium.log";
  std::string cmd = std::string("timeout 120 ") + chromium +
                    " --headless --no-sandbox --disable-gpu --enable-logging=stderr --v=0"
                    " --virtual-time-budget=5000 --dump-dom file://" + fs::absolute(dir).string() +
                    "/report.html > " + dom + " 2> " + log;
  ASSERT_EQ(std::system(cmd.c_str()), 0) << slurp(log);
  std::string page = slurp(dom);
  EXPECT_NE(page.find("data-broken=\"0\""), std::string::npos) << page.substr(0, 2000);
  // The run figures: gantt, breakdown, CDF, costs, platform timeline, delegations (the gateway's), delays.
  EXPECT_NE(page.find("images loaded: 7 of 7"), std::string::npos) << page.substr(0, 2000);
  EXPECT_EQ(slurp(log).find("Uncaught"), std::string::npos) << slurp(log);
}

TEST(Report, WorksOnEveryBundledScenario)
{
  std::vector<std::string> scenarios;
  for (const char* sub : {"/scenarios", "/scenarios/paper", "/scenarios/bench"})
    for (const auto& e : fs::directory_iterator(kSource + sub))
      if (e.path().extension() == ".yaml")
        scenarios.push_back(e.path().string());
  std::sort(scenarios.begin(), scenarios.end());
  ASSERT_GE(scenarios.size(), 8u);
  for (const auto& scenario : scenarios) {
    std::string name = fs::path(scenario).stem().string();
    std::string dir = simulated(scenario, "report-all-" + name);
    Result r = contsim("report " + dir);
    EXPECT_EQ(r.code, 0) << name << ": " << r.out;
    EXPECT_TRUE(fs::exists(dir + "/figures/gantt.png")) << name;
    EXPECT_TRUE(fs::exists(dir + "/figures/costs.png")) << name;
    expect_links_exist(dir);
  }
}

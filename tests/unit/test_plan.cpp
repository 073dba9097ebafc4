// The Plan seam: every bundled scenario resolves into a Plan with nothing but the scenario
// layer and the models' binding rules. This executable links neither SimGrid nor any model
// (tests/CMakeLists.txt), which is the point: real-runners and sweep planners can do the same.
#include "models/Bindings.hpp"
#include "sim/core/Error.hpp"
#include "sim/scenario/Plan.hpp"

#include <gtest/gtest.h>

#include <filesystem>

using namespace contsim;

namespace {

std::vector<std::string> bundled_scenarios()
{
  std::vector<std::string> files;
  for (const auto& e : std::filesystem::recursive_directory_iterator(std::string(CONTSIM_SOURCE_DIR) + "/scenarios"))
    if (e.path().extension() == ".yaml" && e.path().parent_path().filename() != "fdl")
      files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  return files;
}

} // namespace

TEST(Plan, EveryBundledScenarioResolvesWithoutAnEngine)
{
  auto files = bundled_scenarios();
  ASSERT_GE(files.size(), 15u);
  for (const auto& file : files) {
    SCOPED_TRACE(file);
    Scenario sc = load_scenario(file);
    Plan plan = resolve_plan(sc, builtin_model_bindings());
    ASSERT_FALSE(plan.workflow.functions.empty());
    ASSERT_EQ(plan.served.size(), sc.services.size());
    for (std::size_t f = 0; f < plan.workflow.functions.size(); ++f) {
      const auto& fn = plan.workflow.functions[f];
      ASSERT_GE(fn.service, 0);
      ASSERT_LT(fn.service, static_cast<int>(sc.services.size()));
      auto& served = plan.served[fn.service];
      EXPECT_NE(std::find(served.begin(), served.end(), static_cast<int>(f)), served.end()) << fn.name;
      EXPECT_EQ(fn.input_storage.size(), fn.fdl.inputs.size());
      EXPECT_EQ(fn.output_storage.size(), fn.fdl.outputs.size());
    }
    ASSERT_EQ(plan.sources.size(), sc.workload.size());
    for (const auto& src : plan.sources) {
      EXPECT_GE(src.from_site, 0);
      EXPECT_TRUE(src.function >= 0 || src.storage >= 0);
    }
  }
}

TEST(Plan, BindingRulesExplainWhyNoServiceRunsAFunction)
{
  // av-workflow's functions are SCAR Lambda functions in us-east-1: a Lambda service in another
  // region cannot run them, and the error says so with the FDL's file and line.
  Scenario sc = load_scenario(std::string(CONTSIM_SOURCE_DIR) + "/scenarios/paper/av-workflow.yaml",
                              {parse_override("platform.services.aws-lambda.region=eu-west-1")});
  try {
    resolve_plan(sc, builtin_model_bindings());
    FAIL() << "bound across regions";
  } catch (const InputError& e) {
    std::string m = e.what();
    EXPECT_NE(m.find("no service in the scenario's platform can run function"), std::string::npos) << m;
    EXPECT_NE(m.find("the function is in region 'us-east-1', the service in 'eu-west-1'"), std::string::npos) << m;
    EXPECT_NE(m.find("scar-av-workflow.yaml:"), std::string::npos) << m;
  }
}

TEST(Plan, SeveralModeFiltersBindBatchOnlyForTheBatchModes)
{
  ModelBindings b = builtin_model_bindings();
  const ModelBinding& batch = b.by_kind("batch", YamlRef{});
  ASSERT_TRUE(batch.takes_delegated.has_value());
  EXPECT_FALSE(batch.runs.has_value());
  FdlFunction fn;
  fn.name = "f";
  fn.provider = FdlFunction::Provider::aws;
  fn.execution_mode = "lambda";
  EXPECT_FALSE(batch.takes_delegated->covers_mode(fn));
  fn.execution_mode = "lambda-batch";
  EXPECT_TRUE(batch.takes_delegated->covers_mode(fn));
  ServiceDecl decl;
  decl.region = "eu-west-1";
  fn.region = "us-east-1";
  EXPECT_EQ(batch.takes_delegated->why_not(fn, decl), "the function is in region 'us-east-1', the service in 'eu-west-1'");
}

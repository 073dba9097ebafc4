// The Plan seam: every bundled scenario resolves into a Plan with nothing but the scenario
// layer and the models' binding rules and configure steps. This executable links neither SimGrid
// nor any model's enactment (tests/CMakeLists.txt), which is the point: real-runners and sweep
// planners can do the same.
#include "models/Bindings.hpp"
#include "models/batch/BatchConfig.hpp"
#include "models/lambda/LambdaConfig.hpp"
#include "models/oscar/OscarConfig.hpp"
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
    // FDL files and sweep definitions are not scenarios
    if (e.path().extension() == ".yaml" && e.path().parent_path().filename() != "fdl" &&
        e.path().parent_path().filename() != "sweeps")
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

TEST(Plan, ServicesHaveTypedConfigurationsAndTheirHostsLieInsideTheirSites)
{
  for (const auto& file : bundled_scenarios()) {
    SCOPED_TRACE(file);
    Scenario sc = load_scenario(file);
    Plan plan = resolve_plan(sc, builtin_model_bindings());
    ASSERT_EQ(plan.services.size(), sc.services.size());
    ASSERT_EQ(plan.site_hosts.size(), sc.platform.sites.size());
    std::size_t hosts = 0;
    for (std::size_t s = 0; s < plan.services.size(); ++s) {
      const PlannedService& ps = plan.services[s];
      ASSERT_TRUE(ps.config);
      const ServiceConfig* c = ps.config.get();
      if (sc.services[s].kind == "lambda") {
        EXPECT_NE(dynamic_cast<const lambda::LambdaConfig*>(c), nullptr);
      }
      if (sc.services[s].kind == "batch") {
        EXPECT_NE(dynamic_cast<const batch::BatchConfig*>(c), nullptr);
      }
      if (sc.services[s].kind == "oscar") {
        const auto* oc = dynamic_cast<const oscar::OscarConfig*>(c);
        ASSERT_NE(oc, nullptr);
        // every working node is one host of the cluster's site; the front-end is none
        std::size_t working = 0;
        for (const auto& n : oc->nodes)
          working += n.control_plane ? 0 : 1;
        EXPECT_EQ(ps.hosts.size(), working);
      }
      ASSERT_EQ(ps.hosts.size(), c->hosts.size());
      for (int h : ps.hosts) {
        EXPECT_EQ(plan.hosts[h].site, sc.services[s].site);
        const auto& in_site = plan.site_hosts[sc.services[s].site];
        EXPECT_NE(std::find(in_site.begin(), in_site.end(), h), in_site.end());
      }
      hosts += ps.hosts.size();
    }
    EXPECT_EQ(hosts, plan.hosts.size());
  }
}

TEST(Plan, AClusterBringsItsNodesIntoItsSite)
{
  Scenario sc = load_scenario(std::string(CONTSIM_SOURCE_DIR) + "/scenarios/paper/fire-detection-fog-onprem-lambda.yaml");
  Plan plan = resolve_plan(sc, builtin_model_bindings());
  int fog = sc.platform.site_index("fog");
  ASSERT_GE(fog, 0);
  ASSERT_EQ(plan.site_hosts[fog].size(), 3u);  // three Raspberry Pi working nodes
  const ComputeHostSpec& first = plan.hosts[plan.site_hosts[fog][0]];
  EXPECT_EQ(first.name, "oscar-fog/rpi-1");
  EXPECT_EQ(first.cores, 4);
  EXPECT_LT(first.speed, 1);  // a Pi core is slower than the reference CPU
  EXPECT_NE(plan_json(plan).find("\"oscar-fog/rpi-3\""), std::string::npos);
}

TEST(Plan, AServiceEntryErrorSurfacesWhenThePlanIsResolved)
{
  // No engine and no model enactment here: the entry is read by the model's configure step.
  Scenario sc = load_scenario(std::string(CONTSIM_SOURCE_DIR) + "/scenarios/paper/fire-detection-fog-onprem-lambda.yaml",
                              {parse_override("platform.services.oscar-fog.placement=most-alocated")});
  try {
    resolve_plan(sc, builtin_model_bindings());
    FAIL() << "an unknown placement was accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("unknown placement 'most-alocated'"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("most-allocated"), std::string::npos) << e.what();  // did you mean
  }
}

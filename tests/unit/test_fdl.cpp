// FDL parsing: every file of the real corpus parses, or fails with file:line for a stated
// reason; both syntaxes and the older dialects; secrets are never kept.
#include "sim/core/Error.hpp"
#include "sim/fdl/Fdl.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>

using namespace contsim;
namespace fs = std::filesystem;

namespace {
std::string corpus(const std::string& rel)
{
  return std::string(FDL_CORPUS_DIR) + "/" + rel;
}
} // namespace

TEST(Fdl, EveryCorpusFileParsesOrFailsWithFileAndLine)
{
  if (!fs::exists(FDL_CORPUS_DIR))
    GTEST_SKIP() << "FDL corpus not found at " << FDL_CORPUS_DIR;
  // Files that are not FDL, or hold a key that belongs to no FDL: the expected line of the error.
  const std::map<std::string, int> expected_errors = {
      {"upstream/scar/fdl-example.yaml", 56},                      // `timeout_threshold"` (a stray quote)
      {"upstream/scar/examples/cowsay-ecr/function_config.yaml", 1},  // SCAR's per-function config, no `functions:`
      {"upstream/scar/test/functional/parser/fdl.yaml", 2},       // `functions:` as a list: no released FDL
      {"upstream/oscar-hub/template/fdl.yml", 14},                // a template: `your-storage-provider`
      {"upstream/oscar-v3.7.1/examples/rucio/rucio-dataflow.yaml", 1},  // a NiFi dataflow definition
  };
  int parsed = 0, failed = 0;
  for (const auto& entry : fs::recursive_directory_iterator(FDL_CORPUS_DIR)) {
    std::string ext = entry.path().extension();
    if (ext != ".yaml" && ext != ".yml")
      continue;
    std::string rel = fs::relative(entry.path(), FDL_CORPUS_DIR).string();
    auto expected = expected_errors.find(rel);
    try {
      FdlDocument doc = parse_fdl_file(entry.path());
      EXPECT_EQ(expected, expected_errors.end()) << rel << " parsed but should fail";
      EXPECT_FALSE(doc.functions.empty()) << rel;
      for (const auto& f : doc.functions)
        EXPECT_FALSE(f.name.empty()) << rel;
      ++parsed;
    } catch (const InputError& e) {
      ASSERT_NE(expected, expected_errors.end()) << rel << ": " << e.what();
      EXPECT_EQ(e.line(), expected->second) << e.what();
      EXPECT_NE(std::string(e.what()).find(entry.path().string()), std::string::npos) << e.what();
      ++failed;
    }
  }
  EXPECT_EQ(failed, static_cast<int>(expected_errors.size()));
  EXPECT_GE(parsed, 60);
}

TEST(Fdl, ScarAvWorkflowDefaultsAndBatchSection)
{
  if (!fs::exists(FDL_CORPUS_DIR))
    GTEST_SKIP();
  FdlDocument doc = parse_fdl_file(corpus("av-workflow.yaml"));
  ASSERT_EQ(doc.functions.size(), 3u);
  const auto* ffmpeg = doc.find("scar-av-workflow-ffmpeg");
  ASSERT_TRUE(ffmpeg);
  EXPECT_EQ(ffmpeg->execution_mode, "lambda-batch");
  EXPECT_EQ(ffmpeg->memory_mb, 1024);
  EXPECT_EQ(ffmpeg->timeout_s, 900);
  EXPECT_EQ(ffmpeg->timeout_threshold_s, 10);  // SCAR default
  ASSERT_EQ(ffmpeg->outputs.size(), 2u);
  EXPECT_TRUE(ffmpeg->outputs[0].accepts("movie.avi"));
  EXPECT_FALSE(ffmpeg->outputs[0].accepts("movie.wav"));
  const auto* yolo = doc.find("scar-av-workflow-yolov3");
  EXPECT_TRUE(yolo->batch.present);
  EXPECT_EQ(yolo->batch.max_v_cpus, 12);
  EXPECT_EQ(yolo->batch.instance_types, std::vector<std::string>{"g3s.xlarge"});
  EXPECT_TRUE(yolo->batch.enable_gpu);
  const auto* a2s = doc.find("scar-av-workflow-audio2srt");
  EXPECT_FALSE(a2s->batch.present);
  EXPECT_EQ(a2s->batch.instance_types, std::vector<std::string>{"m3.medium"});  // SCAR default
}

TEST(Fdl, OscarServicesReplicasAndQuantities)
{
  if (!fs::exists(FDL_CORPUS_DIR))
    GTEST_SKIP();
  FdlDocument doc = parse_fdl_file(corpus("mask-detector-workflow.yaml"));
  const auto* anon = doc.find("oscar-anon-and-split");
  ASSERT_TRUE(anon);
  EXPECT_EQ(anon->provider, FdlFunction::Provider::oscar);
  EXPECT_EQ(anon->cluster_id, "my_oscar");
  EXPECT_EQ(anon->memory_mb, 2048);
  EXPECT_EQ(anon->cpu, 1.0);
  EXPECT_EQ(anon->outputs[0].provider_type, "s3");
  EXPECT_EQ(anon->outputs[0].provider_id, "my_s3");
  FdlDocument fire = parse_fdl_file(corpus("upstream/oscar-v3.7.1/examples/fire-detection/fire_detection_replicas.yaml"));
  bool has_replica = false;
  for (const auto& f : fire.functions)
    for (const auto& r : f.replicas) {
      has_replica = true;
      EXPECT_EQ(r.type, "oscar");
      EXPECT_FALSE(r.cluster_id.empty());
    }
  EXPECT_TRUE(has_replica);
  bool ok = false;
  EXPECT_DOUBLE_EQ(k8s_cpu_to_cores("500m", ok), 0.5);
  EXPECT_TRUE(ok);
  EXPECT_DOUBLE_EQ(k8s_memory_to_mib("1Gi", ok), 1024);
  k8s_memory_to_mib("12 apples", ok);
  EXPECT_FALSE(ok);
}

TEST(Fdl, OlderDialectsAreAccepted)
{
  if (!fs::exists(FDL_CORPUS_DIR))
    GTEST_SKIP();
  FdlDocument legacy = parse_fdl_file(corpus("yolo-video-batch.yaml"));
  ASSERT_EQ(legacy.functions.size(), 1u);
  EXPECT_EQ(legacy.functions[0].name, "scar-yolo-video");
  EXPECT_EQ(legacy.functions[0].image, "srisco/yolov3:opencv-cudnn");
  ASSERT_EQ(legacy.functions[0].inputs.size(), 1u);
  EXPECT_EQ(legacy.functions[0].inputs[0].path, "scar-yolo-video");
  FdlDocument video = parse_fdl_file(corpus("upstream/scar/video-process.yaml"));
  EXPECT_EQ(video.functions[0].image, "grycap/ffmpeg");
  EXPECT_EQ(video.storage_providers.size(), 2u);
}

TEST(Fdl, UnknownKeyNamesFileLineAndSuggestion)
{
  std::string file = testing::TempDir() + "/typo.yaml";
  FILE* f = std::fopen(file.c_str(), "w");
  std::fputs("functions:\n  aws:\n  - lambda:\n      name: f\n      memroy: 1024\n", f);
  std::fclose(f);
  try {
    parse_fdl_file(file);
    FAIL() << "should have failed";
  } catch (const InputError& e) {
    std::string msg = e.what();
    EXPECT_EQ(e.line(), 5);
    EXPECT_NE(msg.find(file + ":5"), std::string::npos) << msg;
    EXPECT_NE(msg.find("did you mean 'memory'"), std::string::npos) << msg;
  }
}

TEST(Fdl, SecretsAreNeverStoredOrEchoed)
{
  std::string file = testing::TempDir() + "/secret.yaml";
  FILE* f = std::fopen(file.c_str(), "w");
  std::fputs("functions:\n  aws:\n  - lambda: {name: f, container: {image: x}}\nstorage_providers:\n  s3:\n    mine:\n"
             "      access_key: AKIASECRETVALUE1\n      secret_key: SUPERSECRETVALUE2\n      region: eu-west-1\n"
             "      bogus: 1\n",
             f);
  std::fclose(f);
  try {
    parse_fdl_file(file);
    FAIL();
  } catch (const InputError& e) {
    std::string msg = e.what();
    EXPECT_EQ(msg.find("AKIASECRETVALUE1"), std::string::npos);
    EXPECT_EQ(msg.find("SUPERSECRETVALUE2"), std::string::npos);
    EXPECT_NE(msg.find("bogus"), std::string::npos);
  }
}

TEST(Fdl, OscarEnvironmentVariablesAreKeptForRealRunsOnly)
{
  std::string file = testing::TempDir() + "/env.yaml";
  FILE* f = std::fopen(file.c_str(), "w");
  std::fputs("functions:\n  oscar:\n  - c:\n      name: s\n      memory: 1Gi\n      cpu: '1.0'\n      image: x\n"
             "      script: s.sh\n      environment:\n        variables:\n          YOLO_NET: yolov3-tiny\n"
             "          N: 3\n        secrets:\n          TOKEN: hidden-value\n",
             f);
  std::fclose(f);
  FdlDocument doc = parse_fdl_file(file);
  ASSERT_EQ(doc.functions.size(), 1u);
  using Var = std::pair<std::string, std::string>;
  EXPECT_EQ(doc.functions[0].environment, (std::vector<Var>{{"YOLO_NET", "yolov3-tiny"}, {"N", "3"}}));
  // the simulator still says it does not simulate them; secrets are never read
  EXPECT_NE(std::find(doc.not_simulated.begin(), doc.not_simulated.end(), "functions.oscar[0].c.environment"),
            doc.not_simulated.end());
}

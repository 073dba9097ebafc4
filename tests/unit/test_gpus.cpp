// GPUs, engine-free: SSGM's decisions (sim/policy/GpuScheduler), function phases as profiles
// write them (sim/scenario/FunctionPhases) and the GPU model catalog (models/gpu/GpuModel).
#include "models/gpu/GpuModel.hpp"
#include "sim/core/Error.hpp"
#include "sim/policy/GpuScheduler.hpp"
#include "sim/scenario/FunctionPhases.hpp"

#include <gtest/gtest.h>

using namespace contsim;

namespace {

YamlRef ref(const std::string& text)
{
  return YamlRef{YAML::Load(text), "p.yaml", "phases"};
}

constexpr double GiB = 1024.0 * 1024 * 1024;

} // namespace

TEST(Ssgm, FirstFitOverGpusWithRoomUnderTheJobCap)
{
  std::vector<SsgmGpu> gpus(2, SsgmGpu{16 * GiB, 0, 0});
  SsgmSettings exclusive{1, true};
  int device = -1;
  EXPECT_EQ(ssgm_decide(gpus, exclusive, 2 * GiB, device), SsgmAnswer::granted);
  EXPECT_EQ(device, 0);
  gpus[0].jobs = 1;
  EXPECT_EQ(ssgm_decide(gpus, exclusive, 2 * GiB, device), SsgmAnswer::granted);
  EXPECT_EQ(device, 1);
  gpus[1].jobs = 1;
  EXPECT_EQ(ssgm_decide(gpus, exclusive, 2 * GiB, device), SsgmAnswer::busy);  // blocking: it waits
  SsgmSettings shared{0, true};
  EXPECT_EQ(ssgm_decide(gpus, shared, 2 * GiB, device), SsgmAnswer::granted);
  EXPECT_EQ(device, 0);
}

TEST(Ssgm, MemoryIsCheckedUnlessTheRequestCarriesNone)
{
  std::vector<SsgmGpu> gpus{{12 * GiB, 10 * GiB, 1}};
  SsgmSettings s{0, true};
  int device = -1;
  EXPECT_EQ(ssgm_decide(gpus, s, 4 * GiB, device), SsgmAnswer::busy);
  EXPECT_EQ(ssgm_decide(gpus, s, 2 * GiB, device), SsgmAnswer::granted);
  EXPECT_EQ(ssgm_decide(gpus, s, 13 * GiB, device), SsgmAnswer::impossible);  // refused at once (SS4)
  s.check_memory = false;  // orchGPU's `-g 1` alone (O8)
  EXPECT_EQ(ssgm_decide(gpus, s, 13 * GiB, device), SsgmAnswer::granted);
  EXPECT_EQ(ssgm_decide({}, s, 0, device), SsgmAnswer::impossible);  // no GPU at all
}

TEST(FunctionPhases, CpuAndGpuPartsWithLinearCallsAndBytes)
{
  FunctionPhases p;
  p.update_list(ref(R"(
- name: import_modules
  cpu: {seconds: {type: constant, value: 10}}
  gpu: {host: {seconds: {type: constant, value: 9}}, time: {seconds: {type: constant, value: 1}}, calls: 20000, bytes: 300MB}
- name: processing
  cpu: {linear: {per: {frames: 0.25}}}
  gpu: {time: {linear: {per: {frames: 0.01}}}, calls: {per: {frames: 100}}, bytes: {constant: 1KB, per: {frames: 2KB}}}
- name: consensus
  cpu: {seconds: {type: constant, value: 0.1}}
)"));
  ASSERT_EQ(p.phases.size(), 3u);
  EXPECT_TRUE(p.uses_gpu());
  Attributes video{{"frames", 180}};
  EXPECT_DOUBLE_EQ(p.phases[0].gpu->calls.value(video), 20000);
  EXPECT_DOUBLE_EQ(p.phases[0].gpu->bytes.value(video), 300e6);
  EXPECT_TRUE(p.phases[0].gpu->host.has_value());
  EXPECT_DOUBLE_EQ(p.phases[1].gpu->calls.value(video), 18000);
  EXPECT_DOUBLE_EQ(p.phases[1].gpu->bytes.value(video), 1e3 + 180 * 2e3);
  EXPECT_FALSE(p.phases[1].gpu->host.has_value());
  EXPECT_FALSE(p.phases[2].gpu.has_value());
}

TEST(FunctionPhases, BadListsNameTheirKey)
{
  FunctionPhases p;
  auto message = [&](const std::string& text) {
    try {
      p.update_list(ref(text));
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(message("[]").find("at least one phase"), std::string::npos);
  EXPECT_NE(message("- {name: Load Model, cpu: {seconds: {type: constant, value: 1}}}").find("lower-case"),
            std::string::npos);
  EXPECT_NE(message("- {name: a, cpu: {seconds: {type: constant, value: 1}}}\n"
                    "- {name: a, cpu: {seconds: {type: constant, value: 1}}}")
                .find("listed twice"),
            std::string::npos);
  EXPECT_NE(message("- {name: a}").find("cpu"), std::string::npos);
  EXPECT_NE(message("- {name: a, cpu: {seconds: {type: constant, value: 1}}, gpu: {calls: 3}}").find("time"),
            std::string::npos);
  EXPECT_NE(message("- {name: a, cpu: {seconds: {type: constant, value: 1}}, gpu: {time: {seconds: {type: "
                    "constant, value: 1}}, bytes: -4MB}}")
                .find("bytes"),
            std::string::npos);
}

TEST(GpuCatalog, ModelsNeedSpeedAndMemoryAndLayersUpdateThem)
{
  gpu::GpuCatalog c;
  c.apply(YamlRef{YAML::Load("Tesla V100 32GB: {speed: 3.26, memory: 32GiB, source: R-A4}"), "c.yaml", "gpu_models"});
  c.apply(YamlRef{YAML::Load("Tesla V100 32GB: {speed: 3.0}"), "s.yaml", "gpu_models"});
  ASSERT_NE(c.find("Tesla V100 32GB"), nullptr);
  EXPECT_DOUBLE_EQ(c.find("Tesla V100 32GB")->speed, 3.0);
  EXPECT_DOUBLE_EQ(c.find("Tesla V100 32GB")->memory_bytes, 32 * GiB);
  EXPECT_THROW(c.apply(YamlRef{YAML::Load("K80: {speed: 0.9}"), "c.yaml", "gpu_models"}), InputError);
  EXPECT_THROW(c.apply(YamlRef{YAML::Load("K80: {speed: 0, memory: 12GiB}"), "c.yaml", "gpu_models"}), InputError);
}

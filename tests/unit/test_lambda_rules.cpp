// Lambda rules that need no engine: billing rounding, prices, CPU share, keep-alive,
// and the execution-time model's CPU scaling (each test shows its arithmetic).
#include "models/lambda/LambdaBilling.hpp"
#include "models/lambda/LambdaParameters.hpp"
#include "sim/core/Parameters.hpp"
#include "sim/policy/ConcurrencyAdmission.hpp"
#include "sim/policy/WarmPool.hpp"
#include "sim/scenario/ExecTimeModel.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

using namespace contsim;
using namespace contsim::lambda;

namespace {
PriceTable prices()
{
  return PriceTable::load(std::string(CONTSIM_SOURCE_DIR) + "/calibration/prices/aws-2023.yaml", "us-east-1", "x86_64");
}
double round8(double v)
{
  return std::round(v * 1e8) / 1e8;
}
} // namespace

TEST(LambdaBilling, RoundsUpToTheMillisecondIgnoringFloatNoise)
{
  EXPECT_EQ(billed_ms(2.123), 2123);          // 2123.0000000001 ms must not bill 2124
  EXPECT_EQ(billed_ms(2.1230004), 2123);      // below 1 µs resolution: noise
  EXPECT_EQ(billed_ms(2.1230006), 2124);      // 1 µs over → next ms
  EXPECT_EQ(billed_ms(0.0001), 1);
  EXPECT_EQ(billed_ms(0), 0);
  EXPECT_EQ(billed_ms(12.907989), 12908);
  // The definition, llround to the µs then up to the ms, for every scale and exact halves of a µs.
  std::mt19937_64 rng(3);
  for (int i = 0; i < 200000; ++i) {
    double d = std::ldexp(static_cast<double>(rng() >> 11), -53 + static_cast<int>(rng() % 40) - 20);
    if (i % 4 == 0)
      d = (static_cast<double>(rng() % 100000000) + 0.5) / 1e6;
    ASSERT_EQ(billed_ms(d), (std::llround(d * 1e6) + 999) / 1000) << d;
  }
  EXPECT_EQ(billed_ms(9.1e12), (std::llround(9.1e18) + 999) / 1000);  // beyond the inline range: libm's
}

TEST(LambdaBilling, PublishedPerMsPricesAndGbSecondRate)
{
  PriceTable t = prices();
  EXPECT_DOUBLE_EQ(t.price_per_ms(1024), 0.0000000167);                  // L6b
  EXPECT_DOUBLE_EQ(t.price_per_ms(768), 0.0000166667 * 0.75 / 1000);     // not in the table: per GB-s
  // E5 (experiments.md): cost per image, cold and warm, at 1024 MB.
  EXPECT_DOUBLE_EQ(round8(12908 * t.price_per_ms(1024)), 0.00021556);
  EXPECT_DOUBLE_EQ(round8(2123 * t.price_per_ms(1024)), 0.00003545);
  // 37 images, as the published figures count them (per-image cost rounded first).
  EXPECT_DOUBLE_EQ(round8(37 * 0.00003545), 0.00131165);
  EXPECT_DOUBLE_EQ(round8(37 * 0.00021556), 0.00797572);
  EXPECT_DOUBLE_EQ(t.per_request, 0.0000002);
}

TEST(LambdaParameters, CpuShareIsProportionalToMemoryAndCapped)
{
  LambdaParameters p = LambdaParameters::from(ParameterSet(parameter_specs()));
  EXPECT_DOUBLE_EQ(p.vcpu(1769), 1.0);
  EXPECT_DOUBLE_EQ(p.vcpu(1024), 1024.0 / 1769);
  EXPECT_DOUBLE_EQ(p.vcpu(10240), 10240.0 / 1769 > 6 ? 6 : 10240.0 / 1769);
  EXPECT_LE(p.vcpu(10240), 6.0);
}

TEST(WarmPool, ReusesMostRecentAndExpiresAfterKeepAlive)
{
  WarmPool pool(600);
  std::uint64_t env = 0;
  EXPECT_FALSE(pool.acquire(0, env));  // empty: cold start
  pool.release(1, 10);
  pool.release(2, 20);
  EXPECT_TRUE(pool.acquire(30, env));
  EXPECT_EQ(env, 2u);                  // most recently used first
  pool.release(2, 40);
  EXPECT_EQ(pool.expire(609.9), 0u);
  EXPECT_EQ(pool.expire(610), 1u);     // env 1 idle since 10: 10 + 600 = 610
  EXPECT_TRUE(pool.acquire(639, env));
  EXPECT_EQ(env, 2u);
  pool.release(2, 639);
  EXPECT_FALSE(pool.acquire(1239, env));  // idle 600 s: reclaimed
  EXPECT_EQ(pool.reclaimed(), 2u);
}

TEST(WarmPool, LeastRecentlyUsedReuseKeepsEveryEnvironmentWarmUnderLoad)
{
  WarmPool::Reuse reuse;
  ASSERT_TRUE(WarmPool::parse("lru-ttl", reuse));
  EXPECT_FALSE(WarmPool::parse("fifo", reuse));
  WarmPool pool(600, reuse);
  std::uint64_t env = 0;
  pool.release(1, 10);
  pool.release(2, 20);
  ASSERT_TRUE(pool.acquire(30, env));
  EXPECT_EQ(env, 1u);  // the one idle longest
  pool.release(1, 40);
  ASSERT_TRUE(pool.acquire(50, env));
  EXPECT_EQ(env, 2u);  // round-robin: 2, idle since 20, before 1 (since 40)
  pool.release(2, 60);
  EXPECT_EQ(pool.expire(640), 1u);  // 1 idle since 40: reclaimed at 640; 2 (since 60) stays
  EXPECT_EQ(pool.idle(), 1u);
}

TEST(WarmPool, NewestCreatedReuseTakesTheLatestEnvironmentLikeSimFaaS)
{
  WarmPool::Reuse reuse;
  ASSERT_TRUE(WarmPool::parse("newest-ttl", reuse));
  EXPECT_STREQ(WarmPool::name_of(reuse), "newest-ttl");
  WarmPool pool(600, reuse);
  std::uint64_t env = 0;
  pool.release(3, 10);  // created third, idle first
  pool.release(1, 20);
  pool.release(2, 30);  // most recently used, but not the newest
  ASSERT_TRUE(pool.acquire(40, env));
  EXPECT_EQ(env, 3u);
  ASSERT_TRUE(pool.acquire(41, env));
  EXPECT_EQ(env, 2u);
  pool.release(3, 42);
  EXPECT_EQ(pool.idle(), 2u);
  EXPECT_EQ(pool.expire(619.9), 0u);
  EXPECT_EQ(pool.expire(620), 1u);  // env 1 idle since 20 is reclaimed, whatever its id
  ASSERT_TRUE(pool.acquire(630, env));
  EXPECT_EQ(env, 3u);
  EXPECT_FALSE(pool.acquire(631, env));
  EXPECT_EQ(pool.reclaimed(), 1u);
}

TEST(ExecTimeModel, AmdahlScalingFromTheReferenceCpu)
{
  ExecTimeModel m;
  m.base = Distribution::constant(2.0);
  m.reference_vcpu = 0.5;
  m.parallel_fraction = 0.0;
  RandomEngine rng(1);
  // Single-threaded: half a vCPU → twice as fast at one vCPU, no faster beyond.
  EXPECT_DOUBLE_EQ(m.sample(1.0, {}, rng), 1.0);
  EXPECT_DOUBLE_EQ(m.sample(4.0, {}, rng), 1.0);
  EXPECT_DOUBLE_EQ(m.sample(0.25, {}, rng), 4.0);
  m.parallel_fraction = 0.5;  // at 2 vCPU: (0.5/1 + 0.5/2) / (0.5/0.5 + 0.5/0.5) = 0.375
  EXPECT_DOUBLE_EQ(m.sample(2.0, {}, rng), 2.0 * 0.375);
}

TEST(ExecTimeModel, LinearInInputAttributes)
{
  ExecTimeModel m;
  m.linear = true;
  m.intercept_s = 3;
  m.per_attribute = {{"duration_s", 65.0 / 60}};  // K4: 65 s per minute of video
  RandomEngine rng(1);
  EXPECT_DOUBLE_EQ(m.sample(1.0, {{"duration_s", 186}}, rng), 3 + 186 * 65.0 / 60);
  EXPECT_DOUBLE_EQ(m.sample(1.0, {}, rng), 3);  // missing attribute counts as 0
}

TEST(ConcurrencyAdmission, BeyondTheLimitInvocationsWaitAndStartOldestFirst)
{
  ConcurrencyAdmission<int> a(2);
  EXPECT_TRUE(a.arrive(1));
  EXPECT_TRUE(a.arrive(2));
  EXPECT_FALSE(a.arrive(3));  // throttled
  EXPECT_FALSE(a.arrive(4));
  EXPECT_EQ(a.running(), 2);
  EXPECT_EQ(a.waiting(), 2);
  int next = 0;
  ASSERT_TRUE(a.finish(next));
  EXPECT_EQ(next, 3);  // oldest first
  ASSERT_TRUE(a.finish(next));
  EXPECT_EQ(next, 4);
  EXPECT_FALSE(a.finish(next));
  EXPECT_EQ(a.running(), 1);
  EXPECT_EQ(a.max_running(), 2);
  EXPECT_EQ(a.max_waiting(), 2);
}

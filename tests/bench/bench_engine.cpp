// Google Benchmark micro-benchmarks of the hot paths (whole-process figures: tests/bench/README.md).
#include "sim/core/Distribution.hpp"
#include "sim/engine/Calendar.hpp"
#include "sim/policy/WarmPool.hpp"

#include <benchmark/benchmark.h>

using namespace contsim;

namespace {
struct Counter : EventHandler {
  std::uint64_t n = 0;
  void on_event(std::uint32_t, std::uint64_t p) override { n += p; }
};
} // namespace

// Steady state with `range(0)` pending events: one push + one pop per iteration.
static void BM_CalendarHoldModel(benchmark::State& state)
{
  Calendar cal;
  Counter c;
  RandomEngine rng(1);
  auto exp = Distribution::exponential(1.0);
  for (long i = 0; i < state.range(0); ++i)
    cal.at(exp.sample(rng), &c, 0, 1);
  for (auto _ : state) {
    cal.run_next();
    cal.after(exp.sample(rng), &c, 0, 1);
  }
  benchmark::DoNotOptimize(c.n);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_CalendarHoldModel)->Arg(256)->Arg(16384);

static void BM_WarmPoolAcquireRelease(benchmark::State& state)
{
  WarmPool pool(600);
  double t = 0;
  for (std::uint64_t i = 0; i < 200; ++i)
    pool.release(i, 0);
  std::uint64_t env = 0;
  for (auto _ : state) {
    t += 0.01;
    pool.acquire(t, env);
    pool.release(env, t);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_WarmPoolAcquireRelease);

BENCHMARK_MAIN();

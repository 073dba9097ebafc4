// Google Benchmark micro-benchmarks of the hot paths (whole-process figures: tests/bench/README.md).
#include "sim/core/Distribution.hpp"
#include "sim/core/Statistics.hpp"
#include "sim/engine/Calendar.hpp"
#include "sim/policy/WarmPool.hpp"
#include "sim/schema/JobStateWriter.hpp"
#include "sim/schema/PackedTraceRecord.hpp"
#include "sim/schema/TraceWriter.hpp"

#include <cstdio>
#include <string>

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

// A summary distribution past its exact phase (the histogram): one sample of lambda-1m's response
// times (exponential around 2 s) per iteration.
static void BM_DistributionAddHistogram(benchmark::State& state)
{
  Distribution1D d;
  RandomEngine rng(1);
  auto exp = Distribution::exponential(2.0);
  for (std::size_t i = 0; i <= Distribution1D::exact_cap; ++i)
    d.add(exp.sample(rng));
  std::vector<double> samples(4096);
  for (auto& v : samples)
    v = exp.sample(rng);
  std::size_t i = 0;
  for (auto _ : state)
    d.add(samples[i++ & 4095]);
  benchmark::DoNotOptimize(d.count());
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_DistributionAddHistogram);

// The exact percentiles of a summary at the cap (100,000 samples): p50, p90, p95, p99 by selection.
static void BM_ExactPercentiles(benchmark::State& state)
{
  RandomEngine rng(1);
  auto exp = Distribution::exponential(2.0);
  std::vector<double> samples(Distribution1D::exact_cap);
  for (auto& v : samples)
    v = exp.sample(rng);
  for (auto _ : state) {
    state.PauseTiming();
    Distribution1D d;
    for (double v : samples)
      d.add(v);
    state.ResumeTiming();
    for (double p : {50.0, 90.0, 95.0, 99.0})
      benchmark::DoNotOptimize(d.percentile(p));
  }
}
BENCHMARK(BM_ExactPercentiles);

// One trace.csv row as lambda-1m writes it (times of a run past 10^4 s), formatted into the
// buffer and written with the others (a 1 MiB block at a time): to a file under /tmp (0), or
// under /dev/shm (1: memory, without the disk's file system and its noise).
static void BM_TraceRowLambda(benchmark::State& state)
{
  const std::string path = state.range(0) == 1 ? "/dev/shm/contsim-bench-trace.csv" : "/tmp/contsim-bench-trace.csv";
  {
    CsvBuffer out(path);
    TraceRecord r;
    r.function = "simfaas-bench";
    r.platform = "lambda";
    r.site = "aws";
    r.node = "env-123";
    r.input = "bench/input/requests-123456";
    r.memory_mb = 1024;
    std::uint64_t id = 100000;
    double t = 12345.678901;
    for (auto _ : state) {
      r.id = ++id;
      t += 0.0123457;
      r.t_trigger = t;
      r.t_start = r.t_exec_start = r.t_stage_in = t;
      r.t_exec_end = r.t_end = t + 1.991;
      r.billed_ms = 1991;
      r.cost_usd = 0.000033457;
      TraceWriter::write_row(out, r);
    }
    out.close();
  }
  std::remove(path.c_str());
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_TraceRowLambda)->Arg(0)->Arg(1);

// One finished attempt packed for the trace's writer thread (the simulation thread's share of a
// trace row when the writer thread formats it), into a 1 MiB block reused when full.
static void BM_PackTraceRecord(benchmark::State& state)
{
  std::vector<char> block(1 << 20);
  std::string node = "env-123", input = "bench/input/requests-123456";
  TraceRecord r;
  r.function = "simfaas-bench";
  r.platform = "lambda";
  r.site = "aws";
  r.node = node;
  r.input = input;
  r.memory_mb = 1024;
  char* p = block.data();
  std::uint64_t id = 0;
  for (auto _ : state) {
    r.id = ++id;
    r.t_trigger = r.t_start = r.t_exec_start = r.t_stage_in = 12345.678901 + static_cast<double>(id);
    r.t_exec_end = r.t_end = r.t_start + 1.991;
    if (static_cast<std::size_t>(block.data() + block.size() - p) < packed_trace::packed_size(r))
      p = block.data();
    p = packed_trace::pack(p, r);
  }
  benchmark::DoNotOptimize(p);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_PackTraceRecord);

// One job_states.csv row (batch-100k writes six per job).
static void BM_JobStateRow(benchmark::State& state)
{
  const std::string path = "/tmp/contsim-bench-job-states.csv";
  {
    JobStateWriter w(path);
    std::uint64_t id = 100000;
    double t = 12345.678901;
    for (auto _ : state) {
      t += 0.0123457;
      w.write(++id, "batch-bench", "batch", "RUNNABLE", t);
    }
    w.finish();
    w.publish();
  }
  std::remove(path.c_str());
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_JobStateRow);

BENCHMARK_MAIN();

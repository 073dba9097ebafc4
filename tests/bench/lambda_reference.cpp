// A framework-free reference for scenarios/bench/lambda-1m.yaml: the same work as contsim does
// for that scenario, written directly (no scenario files, no models, no engine), so that contsim's
// cost can be quoted as a ratio to it and a gross regression caught in CI (perf_smoke.py).
//
// What it does, as contsim resolves the scenario (seed 1): Poisson arrivals at R/s (stream
// "arrivals/requests"); each arrival is an upload to bench/input that triggers simfaas-bench at
// once; AWS Lambda with a concurrency limit (FIFO queue), a warm pool reused most-recent-first with
// a 600 s keep-alive (expired when an environment is looked for and at each 10 s timeline sample),
// no platform delays; execution time exponential, 2.244 s cold and 1.991 s warm (stream
// "lambda/simfaas-bench/exec", drawn when the handler starts); billing rounded up to the
// millisecond at 1024 MB plus the request fee; summary statistics (counts, cost, mean and p95 of
// response); trace.csv with contsim's columns and digits. It is kept honest by its output:
// perf_smoke.py checks that its trace.csv is byte for byte contsim's.
//
// Usage: lambda_reference [--count N] [--rate R] [--concurrency C] [--no-trace] [-o trace.csv]
#include "reference_kit.hpp"

#include <boost/random/exponential_distribution.hpp>

#include <cstdlib>
#include <deque>
#include <queue>

namespace {

using reference::Rng;
using reference::named_stream;

enum Kind : std::uint32_t { kArrival, kEnd, kSample };

struct Event {
  double t;
  std::uint64_t seq;
  Kind kind;
  std::uint32_t slot;  // kEnd: the invocation
  bool operator<(const Event& o) const { return t > o.t || (t == o.t && seq > o.seq); }  // earliest on top
};

struct Invocation {
  std::uint64_t id, env;
  double t_trigger, t_start;
  bool cold;
};

} // namespace

int main(int argc, char** argv)
{
  long long count = 1000000, concurrency = 1000;
  double rate = 100;
  bool trace = true;
  const char* out_path = "trace.csv";
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    bool has_value = i + 1 < argc;
    if (a == "--count" && has_value)
      count = std::atoll(argv[++i]);
    else if (a == "--rate" && has_value)
      rate = std::atof(argv[++i]);
    else if (a == "--concurrency" && has_value)
      concurrency = std::atoll(argv[++i]);
    else if (a == "--no-trace")
      trace = false;
    else if (a == "-o" && has_value)
      out_path = argv[++i];
    else {
      std::fprintf(stderr, "usage: lambda_reference [--count N] [--rate R] [--concurrency C] [--no-trace] [-o trace.csv]\n");
      return 2;
    }
  }
  // lambda-1m.yaml as contsim resolves it.
  const double keep_alive_s = 600, sample_every_s = 10, deadline_s = 900 - 10;
  const double cold_mean_s = 2.244, warm_mean_s = 1.991;
  const double price_per_ms = 0.0000000167, request_fee = 0.0000002;

  Rng arrivals = named_stream(1, "arrivals/requests");
  Rng exec = named_stream(1, "lambda/simfaas-bench/exec");

  std::FILE* file = nullptr;
  if (trace && !(file = std::fopen(out_path, "wb"))) {
    std::perror(out_path);
    return 1;
  }
  reference::CsvFile out(file);
  if (trace) {
    static const char kHead[] =
        "# schema: contsim-trace/1\n"
        "id,function,platform,site,node,input,t_trigger,t_start,t_exec_start,t_exec_end,t_end,cold_start,status,"
        "delegated_to,mechanism,billed_ms,cost_usd,parent_id,t_stage_in,memory_mb\n";
    out.text(kHead, sizeof kHead - 1);
  }

  std::priority_queue<Event> calendar;
  std::uint64_t seq = 0;
  auto at = [&](double t, Kind k, std::uint32_t slot) { calendar.push(Event{t, seq++, k, slot}); };

  std::vector<Invocation> slots;
  std::vector<std::uint32_t> free_slots;
  std::deque<std::uint32_t> waiting;
  reference::WarmPool warm(keep_alive_s);
  std::uint64_t next_id = 1;
  long long running = 0, in_flight = 0, produced = 0;
  bool source_active = true;
  double t_arrival = 0, first = -1, last_end = 0, cost = 0, response_sum = 0;
  reference::Percentiles response;
  std::string node, input;

  auto start = [&](std::uint32_t s, double now) {
    Invocation& inv = slots[s];
    ++running;
    inv.t_start = now;
    inv.env = warm.acquire(now, inv.cold);
    double e = inv.cold ? boost::random::exponential_distribution<double>(1.0 / cold_mean_s)(exec)
                        : boost::random::exponential_distribution<double>(1.0 / warm_mean_s)(exec);
    if (e > deadline_s) {
      std::fprintf(stderr, "lambda_reference: a run past the supervisor's deadline is not modelled here\n");
      std::exit(3);
    }
    at(now + e, kEnd, s);
  };

  t_arrival = boost::random::exponential_distribution<double>(rate)(arrivals);
  produced = 1;
  at(t_arrival, kArrival, 0);
  at(0, kSample, 0);
  std::uint64_t events = 0;
  while (!calendar.empty()) {
    Event ev = calendar.top();
    calendar.pop();
    ++events;
    double now = ev.t;
    if (ev.kind == kArrival) {
      if (first < 0)
        first = now;
      std::uint32_t s = reference::take_slot(slots, free_slots);
      slots[s].id = next_id++;
      slots[s].t_trigger = now;
      ++in_flight;
      if (running < concurrency)
        start(s, now);
      else
        waiting.push_back(s);
      if (produced < count) {
        t_arrival += boost::random::exponential_distribution<double>(rate)(arrivals);
        ++produced;
        at(std::max(t_arrival, now), kArrival, 0);
      } else {
        source_active = false;
      }
    } else if (ev.kind == kSample) {
      warm.expire(now);
      if (in_flight > 0 || source_active)
        at(now + sample_every_s, kSample, 0);
    } else {
      Invocation& inv = slots[ev.slot];
      double billed_s = now - inv.t_start;
      long long billed_ms = reference::billed_ms(billed_s);
      double c = static_cast<double>(billed_ms) * price_per_ms + request_fee;
      warm.release(inv.env, now);
      --running;
      cost += c;
      response_sum += now - inv.t_trigger;
      response.add(now - inv.t_trigger);
      last_end = std::max(last_end, now);
      if (trace) {
        node.assign("env-").append(std::to_string(inv.env));
        input.assign("bench/input/requests-").append(std::to_string(inv.id));
        out.integer(inv.id);
        out.literal(",simfaas-bench,lambda,aws,");
        out.text(node);
        out.comma();
        out.text(input);
        out.comma();
        for (double t : {inv.t_trigger, inv.t_start, inv.t_start, now, now}) {
          out.fixed(t, 6);
          out.comma();
        }
        out.literal(inv.cold ? "1,ok,,," : "0,ok,,,");
        out.integer(static_cast<std::uint64_t>(billed_ms));
        out.comma();
        out.fixed(c, 12);
        out.literal(",,");
        out.fixed(inv.t_start, 6);
        out.literal(",1024");
        out.end_row();
      }
      --in_flight;
      free_slots.push_back(ev.slot);
      if (!waiting.empty()) {
        std::uint32_t next = waiting.front();
        waiting.pop_front();
        start(next, now);
      }
    }
  }
  if (!out.close()) {
    std::perror(out_path);
    return 1;
  }
  std::printf("invocations %llu   cold starts %llu   events %llu   makespan %.3f s   response mean %.3f s p95 %.3f s   "
              "cost %.8f USD\n",
              static_cast<unsigned long long>(next_id - 1), static_cast<unsigned long long>(warm.created()),
              static_cast<unsigned long long>(events), last_end - first,
              response_sum / static_cast<double>(next_id - 1), response.p(0.95), cost);
  return 0;
}

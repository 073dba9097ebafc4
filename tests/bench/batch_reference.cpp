// A framework-free reference for scenarios/bench/batch-100k.yaml: the same work as contsim does
// for that scenario, written directly (no scenario files, no models, no engine), so that contsim's
// cost on the AWS Batch path can be quoted as a ratio to it (tests/bench/README.md).
//
// What it does, as contsim resolves the scenario (seed 1, calibration/aws-us-east-1.yaml):
//  - Poisson uploads at R/s (stream "arrivals/jobs"), each triggering batch-bench's gateway
//    Lambda at once (128 MB; 0.4 s cold / 0.025 s warm start, a warm pool reused
//    most-recent-first with a 600 s keep-alive; 1.23 s to submit the job; billed per ms);
//  - the job goes SUBMITTED, PENDING, RUNNABLE at the gateway's end, into a FIFO queue;
//  - scheduler rounds: a job RUNNABLE, a job ended or an instance ready brings one round
//    uniform(0, 30) s later (one pending at a time); the round places queued jobs on the
//    lowest-numbered ready m5.xlarge with a free slot (4 jobs of 1 vCPU each), then asks for
//    instances for the jobs nothing covers (within 256 vCPUs), one normal(151.8, 25) s launch
//    delay per round; each launch boots normal(129, 5) s; these and the scale-in delays come
//    from stream "batch/batch-bench/delays";
//  - a job's first on an instance pulls the (empty) image, later ones wait 0.5 s for the
//    registry check; exec exponential, mean 60 s (stream "batch/batch-bench/exec");
//  - an instance left without jobs while the queue is empty (or when a round empties it) starts
//    an idle timer, uniform(120, 480) s; if no job was placed on it by then, it is terminated;
//  - billing: instances per second with a 60 s minimum at $0.192/h; each job's row carries its
//    share (price ÷ jobs running beside it, integrated over its RUNNING time).
// Outputs, byte for byte contsim's: trace.csv, job_states.csv, instances.csv.
//
// Usage: batch_reference [--count N] [--rate R] [--no-trace] [-o DIR]
#include "reference_kit.hpp"

#include <boost/random/exponential_distribution.hpp>
#include <boost/random/normal_distribution.hpp>
#include <boost/random/uniform_real_distribution.hpp>

#include <cstdlib>
#include <deque>
#include <queue>

namespace {

using reference::CsvFile;
using reference::Rng;

// batch-100k.yaml and aws-us-east-1.yaml, as contsim resolves them.
constexpr double kKeepAliveS = 600, kColdStartS = 0.4, kWarmStartS = 0.025, kSubmitS = 1.23;
constexpr double kGatewayPricePerMs = 0.0000000021;  // 128 MB
constexpr int kLambdaConcurrency = 1000;
constexpr double kMaxVcpus = 256, kInstanceVcpus = 4, kInstanceUsdPerHour = 0.192, kMinimumBilledS = 60;
constexpr int kSlotsPerInstance = 4;  // min(4 vCPUs / 1, 16 GiB / 2 GiB)
constexpr double kImageCheckS = 0.5;

enum Kind : std::uint32_t { kArrival, kHandlerStart, kSubmitted, kRound, kLaunchDue, kReady, kIdle, kRunning, kExecEnd };

struct Event {
  double t;
  std::uint64_t seq;
  Kind kind;
  std::uint32_t a;  // an invocation or an instance
  std::uint32_t b;  // an instance's epoch
  bool operator<(const Event& o) const { return t > o.t || (t == o.t && seq > o.seq); }  // earliest on top
};

// A gateway invocation or a Batch job.
struct Invocation {
  std::uint64_t id = 0, parent = 0, file = 0, env = 0;
  std::uint32_t instance = 0;
  double t_origin = 0, t_trigger = 0, t_start = 0, t_billed_from = 0, t_exec_start = 0, t_exec_end = 0, cost = 0;
  bool cold = false;
};

enum class State { off, booting, ready };

struct Instance {
  State state = State::off;
  std::uint32_t epoch = 0;
  std::uint64_t number = 0;  // i-N
  int jobs = 0, running = 0;
  long long jobs_total = 0;
  bool idle_watched = false, has_image = false;
  double t_launched = 0, t_ready = -1, busy_s = 0, busy_since = 0, idle_since = 0;
  double share_usd = 0, share_t = 0;

  void advance_share(double now)
  {
    if (running > 0)
      share_usd += (now - share_t) * kInstanceUsdPerHour / 3600.0 / running;
    share_t = now;
  }
};

struct Options {
  long long count = 100000;
  double rate = 3;
  bool trace = true;
  std::string dir = ".";
};

class Reference {
public:
  explicit Reference(const Options& o, std::FILE* trace, std::FILE* states, std::FILE* instances)
      : o_(o), trace_(trace), states_(states), instances_csv_(instances)
  {
    if (o.trace)
      trace_.literal("# schema: contsim-trace/1\n"
                     "id,function,platform,site,node,input,t_trigger,t_start,t_exec_start,t_exec_end,t_end,"
                     "cold_start,status,delegated_to,mechanism,billed_ms,cost_usd,parent_id,t_stage_in,memory_mb\n");
    states_.literal("# schema: contsim-job-states/1\nid,function,service,state,t_s\n");
    instances_csv_.literal("# schema: contsim-instances/2\n"
                       "service,group,instance,type,t_launched,t_ready,t_terminated,up_at_end,jobs,busy_s,"
                       "idle_before_termination_s,billed_s,cost_usd,energy_wh,t_drain\n");
  }

  void run()
  {
    t_arrival_ = next_gap();
    produced_ = 1;
    at(t_arrival_, kArrival, 0);
    while (!calendar_.empty()) {
      Event ev = calendar_.top();
      calendar_.pop();
      now_ = ev.t;
      ++events_;
      dispatch(ev);
    }
    for (const Instance& in : instances_)
      if (in.state != State::off) {
        std::fprintf(stderr, "batch_reference: an instance up at the end of the run is not modelled here\n");
        std::exit(3);
      }
  }

  bool close_files() { return trace_.close() & states_.close() & instances_csv_.close(); }

  void print_summary() const
  {
    std::printf("invocations %llu   gateway cold starts %llu   events %llu   makespan %.3f s   response mean %.3f s p95 %.3f s   "
                "instances %llu   cost %.8f USD\n",
                static_cast<unsigned long long>(next_id_ - 1), static_cast<unsigned long long>(warm_.created()),
                static_cast<unsigned long long>(events_), last_end_ - first_trigger_,
                response_sum_ / static_cast<double>(response_.n), response_.p(0.95),
                static_cast<unsigned long long>(next_instance_ - 1), lambda_usd_ + billed_usd_);
  }

private:
  double next_gap() { return boost::random::exponential_distribution<double>(o_.rate)(arrivals_); }
  double uniform(double a, double b) { return boost::random::uniform_real_distribution<double>(a, b)(delays_); }
  double normal(double mean, double sd)
  {
    return std::max(0.0, boost::random::normal_distribution<double>(mean, sd)(delays_));
  }

  void at(double t, Kind k, std::uint32_t a, std::uint32_t b = 0) { calendar_.push(Event{t, seq_++, k, a, b}); }

  std::uint32_t new_invocation()
  {
    std::uint32_t s = reference::take_slot(invocations_, free_);
    invocations_[s] = Invocation{};
    invocations_[s].id = next_id_++;
    return s;
  }

  void dispatch(const Event& ev)
  {
    switch (ev.kind) {
      case kArrival: arrival(); break;
      case kHandlerStart:
        invocations_[ev.a].t_billed_from = now_;
        at(now_ + kSubmitS, kSubmitted, ev.a);
        break;
      case kSubmitted: submitted(ev.a); break;
      case kRound:
        round_pending_ = false;
        run_round();
        break;
      case kLaunchDue: launch_due(); break;
      case kReady: {
        Instance& in = instances_[ev.a];
        if (in.epoch != ev.b || in.state != State::booting)
          break;
        in.state = State::ready;
        in.t_ready = now_;
        in.idle_since = now_;
        maybe_idle(ev.a);
        if (!queue_.empty())
          request_round();
        break;
      }
      case kIdle: {
        Instance& in = instances_[ev.a];
        if (in.epoch == ev.b && in.state == State::ready && in.jobs == 0 && vcpus_up_ - kInstanceVcpus >= -1e-9)
          terminate(ev.a);
        break;
      }
      case kRunning: running(ev.a); break;
      case kExecEnd: job_done(ev.a); break;
    }
  }

  void arrival()
  {
    if (first_trigger_ < 0)
      first_trigger_ = now_;
    std::uint32_t s = new_invocation();
    Invocation& g = invocations_[s];
    g.file = static_cast<std::uint64_t>(produced_arrivals_++) + 1;
    g.t_trigger = g.t_start = now_;
    if (++lambda_running_ > kLambdaConcurrency) {
      std::fprintf(stderr, "batch_reference: Lambda's concurrency limit is not modelled here\n");
      std::exit(3);
    }
    g.env = warm_.acquire(now_, g.cold);
    at(now_ + (g.cold ? kColdStartS : kWarmStartS), kHandlerStart, s);
    if (produced_ < o_.count) {
      t_arrival_ += next_gap();
      ++produced_;
      at(std::max(t_arrival_, now_), kArrival, 0);
    }
  }

  // The gateway has submitted its job: the job enters Batch, then the gateway ends.
  void submitted(std::uint32_t gs)
  {
    std::uint32_t js = new_invocation();
    Invocation& g = invocations_[gs];
    Invocation& j = invocations_[js];
    j.parent = g.id;
    j.file = g.file;
    j.t_origin = g.t_trigger;
    j.t_trigger = now_;
    job_state(j.id, "SUBMITTED");
    job_state(j.id, "PENDING");
    job_state(j.id, "RUNNABLE");
    queue_.push_back(js);
    request_round();

    long long billed = reference::billed_ms(now_ - g.t_billed_from);
    double cost = static_cast<double>(billed) * kGatewayPricePerMs;
    lambda_usd_ += cost;
    warm_.release(g.env, now_);
    --lambda_running_;
    if (o_.trace) {
      row_start(g, "lambda", "env-", g.env);
      trace_.literal(",,,");
      trace_.fixed(now_, 6);
      trace_.literal(g.cold ? ",1,delegated,batch,gateway," : ",0,delegated,batch,gateway,");
      trace_.integer(static_cast<std::uint64_t>(billed));
      trace_.comma();
      trace_.fixed(cost, 12);
      trace_.literal(",,,128");
      trace_.end_row();
    }
    free_.push_back(gs);
  }

  void request_round()
  {
    if (round_pending_)
      return;
    double delay = uniform(0, 30);
    if (delay <= 0) {
      run_round();
      return;
    }
    round_pending_ = true;
    at(now_ + delay, kRound, 0);
  }

  int instance_with_room() const
  {
    for (std::size_t i = 0; i < instances_.size(); ++i)
      if (instances_[i].state == State::ready && instances_[i].jobs < kSlotsPerInstance)
        return static_cast<int>(i);
    return -1;
  }

  int uncovered_jobs() const
  {
    int covered = slots_requested_;
    for (const Instance& in : instances_)
      if (in.state == State::booting)
        covered += kSlotsPerInstance - in.jobs;
    return static_cast<int>(queue_.size()) - covered;
  }

  void run_round()
  {
    while (!queue_.empty()) {
      int i = instance_with_room();
      if (i < 0)
        break;
      std::uint32_t js = queue_.front();
      queue_.pop_front();
      start_job(static_cast<std::uint32_t>(i), js);
    }
    double launch_delay = -1;
    for (int uncovered = uncovered_jobs(); uncovered > 0; uncovered -= kSlotsPerInstance) {
      if (vcpus_up_ + vcpus_requested_ + kInstanceVcpus > kMaxVcpus + 1e-9)
        break;
      vcpus_requested_ += kInstanceVcpus;
      slots_requested_ += kSlotsPerInstance;
      if (launch_delay < 0)
        launch_delay = normal(151.8, 25);
      at(now_ + launch_delay, kLaunchDue, 0);
    }
    if (queue_.empty())
      for (std::size_t i = 0; i < instances_.size(); ++i)
        if (!instances_[i].idle_watched)
          maybe_idle(static_cast<std::uint32_t>(i));
  }

  void launch_due()
  {
    vcpus_requested_ -= kInstanceVcpus;
    slots_requested_ -= kSlotsPerInstance;
    if (uncovered_jobs() <= 0)
      return;  // cancelled: nothing needs it any more
    std::uint32_t i = reference::take_slot(instances_, unused_);
    Instance& in = instances_[i];
    std::uint32_t epoch = in.epoch;
    in = Instance{};
    in.epoch = epoch + 1;
    in.number = next_instance_++;
    in.state = State::booting;
    in.t_launched = now_;
    in.share_t = now_;
    vcpus_up_ += kInstanceVcpus;
    at(now_ + normal(129, 5), kReady, i, in.epoch);
  }

  void maybe_idle(std::uint32_t i)
  {
    Instance& in = instances_[i];
    if (in.state != State::ready || in.jobs > 0 || !queue_.empty())
      return;
    in.idle_watched = true;
    double delay = uniform(120, 480);
    at(now_ + delay, kIdle, i, ++in.epoch);
  }

  void terminate(std::uint32_t i)
  {
    Instance& in = instances_[i];
    double up_s = now_ - in.t_launched;
    long long billed_s = std::max((std::llround(up_s * 1e6) + 999999) / 1000000, static_cast<long long>(kMinimumBilledS));
    double cost = static_cast<double>(billed_s) * kInstanceUsdPerHour / 3600.0;
    billed_usd_ += cost;
    instances_csv_.literal("batch,batch-bench,i-");
    instances_csv_.integer(in.number);
    instances_csv_.literal(",m5.xlarge,");
    for (double t : {in.t_launched, in.t_ready, now_}) {
      instances_csv_.fixed(t, 6);
      instances_csv_.comma();
    }
    instances_csv_.literal("0,");
    instances_csv_.integer(static_cast<std::uint64_t>(in.jobs_total));
    instances_csv_.comma();
    instances_csv_.fixed(in.busy_s, 6);
    instances_csv_.comma();
    instances_csv_.fixed(now_ - std::max(in.t_ready, in.idle_since), 6);
    instances_csv_.comma();
    instances_csv_.integer(static_cast<std::uint64_t>(billed_s));
    instances_csv_.comma();
    instances_csv_.fixed(cost, 12);
    instances_csv_.literal(",,");
    instances_csv_.end_row();
    vcpus_up_ -= kInstanceVcpus;
    in.state = State::off;
    ++in.epoch;
    unused_.push_back(i);
  }

  void start_job(std::uint32_t i, std::uint32_t js)
  {
    Instance& in = instances_[i];
    Invocation& j = invocations_[js];
    if (in.jobs == 0)
      in.busy_since = now_;
    ++in.jobs_total;
    ++in.jobs;
    ++in.epoch;
    in.idle_watched = false;
    j.t_start = now_;
    j.instance = i;
    job_state(j.id, "STARTING");
    double pull = kImageCheckS;
    if (!in.has_image) {  // the image is empty: its pull takes no time
      j.cold = true;
      in.has_image = true;
      pull = 0;
    }
    at(now_ + pull, kRunning, js);
  }

  void running(std::uint32_t js)
  {
    Invocation& j = invocations_[js];
    Instance& in = instances_[j.instance];
    in.advance_share(now_);
    ++in.running;
    j.cost = -in.share_usd;
    j.t_billed_from = j.t_exec_start = now_;
    job_state(j.id, "RUNNING");
    at(now_ + boost::random::exponential_distribution<double>(1.0 / 60)(exec_), kExecEnd, js);
  }

  void job_done(std::uint32_t js)
  {
    Invocation& j = invocations_[js];
    std::uint32_t i = j.instance;
    Instance& in = instances_[i];
    in.advance_share(now_);
    j.cost += in.share_usd;
    --in.running;
    if (--in.jobs == 0) {
      in.busy_s += now_ - in.busy_since;
      in.idle_since = now_;
    }
    long long billed = reference::billed_ms(now_ - j.t_billed_from);
    job_state(j.id, "SUCCEEDED");
    response_sum_ += now_ - j.t_origin;  // from the upload (no S3 event delay)
    response_.add(now_ - j.t_origin);
    last_end_ = std::max(last_end_, now_);
    if (o_.trace) {
      row_start(j, "batch", "i-", in.number);
      trace_.comma();
      trace_.fixed(j.t_exec_start, 6);
      trace_.comma();
      trace_.fixed(now_, 6);
      trace_.comma();
      trace_.fixed(now_, 6);
      trace_.literal(j.cold ? ",1,ok,,," : ",0,ok,,,");
      trace_.integer(static_cast<std::uint64_t>(billed));
      trace_.comma();
      trace_.fixed(j.cost, 12);
      trace_.comma();
      trace_.integer(j.parent);
      trace_.comma();
      trace_.fixed(j.t_exec_start, 6);
      trace_.literal(",128");
      trace_.end_row();
    }
    free_.push_back(js);
    maybe_idle(i);
    if (!queue_.empty())
      request_round();
  }

  // id,function,platform,site,node,input,t_trigger,t_start (no comma after t_start)
  void row_start(const Invocation& inv, const char* platform, const char* node_prefix, std::uint64_t node)
  {
    trace_.integer(inv.id);
    trace_.literal(",batch-bench,");
    trace_.text(platform, std::strlen(platform));
    trace_.literal(",aws,");
    trace_.text(node_prefix, std::strlen(node_prefix));
    trace_.integer(node);
    trace_.literal(",batch-bench/input/job-");
    trace_.integer(inv.file);
    trace_.literal(".json,");
    trace_.fixed(inv.t_trigger, 6);
    trace_.comma();
    trace_.fixed(inv.t_start, 6);
  }

  void job_state(std::uint64_t id, const char* state)
  {
    states_.integer(id);
    states_.literal(",batch-bench,batch,");
    states_.text(state, std::strlen(state));
    states_.comma();
    states_.fixed(now_, 6);
    states_.end_row();
  }

  const Options o_;
  CsvFile trace_, states_, instances_csv_;
  Rng arrivals_ = reference::named_stream(1, "arrivals/jobs");
  Rng delays_ = reference::named_stream(1, "batch/batch-bench/delays");
  Rng exec_ = reference::named_stream(1, "batch/batch-bench/exec");
  std::priority_queue<Event> calendar_;
  std::uint64_t seq_ = 0, events_ = 0;
  double now_ = 0, t_arrival_ = 0;
  long long produced_ = 0, produced_arrivals_ = 0;

  std::vector<Invocation> invocations_;
  std::vector<std::uint32_t> free_;
  std::uint64_t next_id_ = 1;

  reference::WarmPool warm_{kKeepAliveS};
  int lambda_running_ = 0;

  std::deque<std::uint32_t> queue_;  // RUNNABLE jobs
  std::vector<Instance> instances_;
  std::vector<std::uint32_t> unused_;
  std::uint64_t next_instance_ = 1;
  double vcpus_up_ = 0, vcpus_requested_ = 0;
  int slots_requested_ = 0;
  bool round_pending_ = false;

  double first_trigger_ = -1, last_end_ = 0, response_sum_ = 0, lambda_usd_ = 0, billed_usd_ = 0;
  reference::Percentiles response_;
};

} // namespace

int main(int argc, char** argv)
{
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    bool has_value = i + 1 < argc;
    if (a == "--count" && has_value)
      o.count = std::atoll(argv[++i]);
    else if (a == "--rate" && has_value)
      o.rate = std::atof(argv[++i]);
    else if (a == "--no-trace")
      o.trace = false;
    else if (a == "-o" && has_value)
      o.dir = argv[++i];
    else {
      std::fprintf(stderr, "usage: batch_reference [--count N] [--rate R] [--no-trace] [-o DIR]\n");
      return 2;
    }
  }
  std::FILE* files[3] = {nullptr, nullptr, nullptr};
  const char* names[3] = {"trace.csv", "job_states.csv", "instances.csv"};
  for (int f = 0; f < 3; ++f) {
    if (f == 0 && !o.trace)
      continue;
    std::string path = o.dir + "/" + names[f];
    if (!(files[f] = std::fopen(path.c_str(), "wb"))) {
      std::perror(path.c_str());
      return 1;
    }
  }
  Reference r(o, files[0], files[1], files[2]);
  r.run();
  if (!r.close_files()) {
    std::fprintf(stderr, "batch_reference: writing the outputs in %s failed\n", o.dir.c_str());
    return 1;
  }
  r.print_summary();
  return 0;
}

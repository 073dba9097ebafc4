#include "real-runners/local/LocalRunner.hpp"

#include "models/common/Machine.hpp"
#include "models/oscar/OscarConfig.hpp"
#include "real-runners/core/AsIfLambdaCost.hpp"
#include "real-runners/core/MachineInfo.hpp"
#include "real-runners/core/Process.hpp"
#include "real-runners/local/S3Server.hpp"
#include "real-runners/local/Supervisor.hpp"
#include "sim/core/Error.hpp"
#include "sim/core/OutputFile.hpp"
#include "sim/scenario/ScenarioProvenance.hpp"
#include "sim/schema/OutputDirectory.hpp"
#include "sim/schema/SummaryDocument.hpp"
#include "sim/schema/SummaryWriter.hpp"

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <ctime>
#include <deque>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

namespace contsim::real {

namespace {

std::atomic<bool> g_stop{false};
extern "C" void request_stop(int) { g_stop.store(true); }

/// SIGINT/SIGTERM set the stop flag while the run lasts; the previous handlers come back after.
class StopSignals {
public:
  StopSignals()
  {
    g_stop.store(false);
    struct sigaction sa {};
    sa.sa_handler = request_stop;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &old_int_);
    sigaction(SIGTERM, &sa, &old_term_);
  }
  ~StopSignals()
  {
    sigaction(SIGINT, &old_int_, nullptr);
    sigaction(SIGTERM, &old_term_, nullptr);
  }

private:
  struct sigaction old_int_ {}, old_term_ {};
};

/// One upload of a workload source, its file made before the run starts.
struct PlannedUpload {
  double t = 0;           // scheduled, run seconds (time_scale applied)
  int source = -1;
  std::string local_file;
  FileObject object;
};

struct Message {
  enum class Kind { stored, finished } kind = Kind::stored;
  StoredObject stored;
  std::uint64_t id = 0;
  InvocationOutcome outcome;
};

class LocalRun {
public:
  LocalRun(const Plan& plan, const RealSection& real, const RealRunOptions& options)
      : plan_(plan), sc_(*plan.scenario), real_(real), options_(options)
  {
    time_scale_ = options.time_scale > 0 ? options.time_scale : real.time_scale;
    if (real.as_if_lambda)
      as_if_lambda_.emplace(*real.as_if_lambda);
  }
  int run();

private:
  struct Pending {
    InvocationTask task;
    double t_trigger = 0;
  };
  struct Running {
    std::thread thread;
    InvocationTask task;
    double t_trigger = 0, t_start = 0;
  };

  void check_and_prepare();
  void make_inputs();
  void write_inputs_csv();
  double now() const { return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0_).count(); }
  void post(Message m);
  void store(const StoredObject& stored);  // a storage event: trigger the functions under its path
  void dispatch();
  void record(const InvocationTask& task, double t_trigger, double t_start, const InvocationOutcome& outcome);
  void sample_timeline(double t);
  /// Brings the node's ∫ requested cores dt (its power model's load) up to `t`.
  void accrue(double t)
  {
    node_.requested_core_s += static_cast<double>(node_spec_->allocatable.cpu_m - cpu_m_free_) / 1000.0 *
                              std::max(0.0, t - node_.last_change);
    node_.last_change = std::max(node_.last_change, t);
  }
  /// Stops every worker and waits for them (an error unwinding the run).
  void stop_all()
  {
    stop_workers_.store(true);
    for (auto& [id, r] : running_)
      if (r.thread.joinable())
        r.thread.join();
  }
  void finish(bool interrupted, double t_end);
  std::ostream& progress() { return options_.progress ? *options_.progress : std::cerr; }

  const Plan& plan_;
  const Scenario& sc_;
  RealSection real_;
  RealRunOptions options_;
  double time_scale_ = 1;
  int service_ = -1;                       // the OSCAR service that runs every function
  const oscar::OscarConfig* cluster_ = nullptr;
  const kubernetes::Node* node_spec_ = nullptr;
  std::vector<FunctionRuntime> runtimes_;  // by function
  fs::path scratch_;
  std::vector<PlannedUpload> uploads_;
  std::unique_ptr<S3Server> server_;
  std::unique_ptr<S3Client> s3_;
  std::unique_ptr<Supervisor> supervisor_;
  std::unique_ptr<OutputDirectory> files_;
  std::unique_ptr<RunSummary> summary_;
  std::ofstream errors_;
  std::chrono::steady_clock::time_point t0_;

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Message> inbox_;
  std::atomic<bool> stop_workers_{false};

  std::uint64_t next_id_ = 1;
  std::deque<Pending> pending_;
  std::map<std::uint64_t, Running> running_;
  long long cpu_m_free_ = 0, memory_kib_free_ = 0;
  common::Machine node_;
  std::vector<int> trigger_scratch_;
  std::map<std::string, double> cpu_s_by_function_;
  std::optional<AsIfLambdaCost> as_if_lambda_;
  std::map<std::string, long long> status_counts_;
  long long invocations_ = 0;
};

void LocalRun::check_and_prepare()
{
  // One OSCAR service runs every function: this machine is its one node.
  for (std::size_t s = 0; s < plan_.served.size(); ++s) {
    if (plan_.served[s].empty())
      continue;
    if (service_ >= 0)
      throw InputError(sc_.file, sc_.services[s].config.line(), 0, "platform.services",
                       "the local backend runs one OSCAR cluster; '" + sc_.services[service_].name + "' and '" +
                           sc_.services[s].name + "' both run functions");
    service_ = static_cast<int>(s);
  }
  if (service_ < 0)
    throw InputError(sc_.file, 0, 0, "platform.services", "no service runs any function");
  const ServiceDecl& decl = sc_.services[service_];
  cluster_ = dynamic_cast<const oscar::OscarConfig*>(plan_.services[service_].config.get());
  if (!cluster_)
    throw InputError(sc_.file, decl.config.line(), 0, "platform.services." + decl.name + ".kind",
                     "the local backend plays an OSCAR cluster; service '" + decl.name + "' is a " + decl.kind +
                         " service");
  for (const auto& n : cluster_->nodes) {
    if (n.control_plane)
      continue;
    if (node_spec_)
      throw InputError(sc_.file, decl.config.line(), 0, "platform.services." + decl.name + ".nodes",
                       "the local backend is one node: give the cluster one working node (this machine)");
    node_spec_ = &n;
  }
  cpu_m_free_ = node_spec_->allocatable.cpu_m;
  memory_kib_free_ = node_spec_->allocatable.memory_kib;

  std::string fdl_dir = fs::path(sc_.fdl_file).parent_path().string();
  if (fdl_dir.empty())
    fdl_dir = ".";
  runtimes_.resize(plan_.workflow.functions.size());
  for (std::size_t f = 0; f < plan_.workflow.functions.size(); ++f) {
    const FunctionSpec& fn = plan_.workflow.functions[f];
    if (!fn.replicas.empty())
      throw InputError(sc_.fdl_file, fn.fdl.line, 0, "replicas",
                       "function '" + fn.name + "' has replicas: the local backend does not delegate (yet)");
    if (fn.fdl.script.empty())
      throw InputError(sc_.fdl_file, fn.fdl.line, 0, "script", "function '" + fn.name + "' has no script to run");
    fs::path script = fs::path(fdl_dir) / fn.fdl.script;
    if (!fs::is_regular_file(script))
      throw InputError(sc_.fdl_file, fn.fdl.line, 0, "script",
                       "function '" + fn.name + "': script '" + script.string() + "' is not a file");
    auto rt = real_.images.find(fn.fdl.image);
    if (rt == real_.images.end())
      throw InputError(sc_.file, sc_.real->line(), 0, "real.images",
                       "no runtime for the image '" + fn.fdl.image + "' of function '" + fn.name +
                           "': add `" + fn.fdl.image + ": {runtime: process}`");
    FunctionRuntime& r = runtimes_[f];
    r.script = fs::absolute(script).lexically_normal().string();
    r.script_dir = fs::path(r.script).parent_path().string();
    if (rt->second.kind == ImageRuntime::Kind::podman)
      r.podman_image = rt->second.podman_image;
    r.timeout_s = real_.job_timeout_s;
    r.mounts = real_.mounts;
  }
  for (const auto& src : plan_.sources)
    if (src.function >= 0)
      throw InputError(sc_.file, src.spec->line, 0, "workload.invoke",
                       "source '" + src.spec->name + "' sends HTTP requests: the local backend only uploads files (yet)");
}

void LocalRun::make_inputs()
{
  RandomStreams streams(sc_.seed);
  long long index = 0;
  for (std::size_t i = 0; i < plan_.sources.size(); ++i) {
    const PlannedSource& src = plan_.sources[i];
    const WorkloadSource& w = *src.spec;
    ArrivalGenerator gen(w, streams.stream("arrivals/" + w.name), sc_.horizon_s);
    Upload u;
    fs::path dir = scratch_ / "inputs" / w.name;
    fs::create_directories(dir);
    const std::string& command = real_.inputs.at(w.name).command;
    while (gen.next(u)) {
      PlannedUpload p;
      p.t = u.t / time_scale_;
      p.source = static_cast<int>(i);
      std::string name(u.name());
      p.local_file = (dir / name).string();
      p.object.storage = src.storage;
      p.object.set_key(src.path, name);
      p.object.attributes = u.attributes;
      std::vector<std::pair<std::string, std::string>> env = {
          {"CONTSIM_INPUT_NAME", name},
          {"CONTSIM_INPUT_SIZE_BYTES", std::to_string(static_cast<long long>(u.size_bytes))},
          {"CONTSIM_INPUT_INDEX", std::to_string(index)},
          {"CONTSIM_SEED", std::to_string(sc_.seed * 1000003 + static_cast<std::uint64_t>(index))}};
      for (const auto& [k, v] : u.attributes)
        env.emplace_back("CONTSIM_ATTR_" + k, std::to_string(v));
      std::string log = (dir / (name + ".log")).string();
      ProcessResult r = run_process({command, p.local_file}, env, log);
      if (r.exit_code != 0 || !fs::is_regular_file(p.local_file))
        throw InputError(sc_.file, sc_.real->line(), 0, "real.inputs." + w.name + ".command",
                         "the input command '" + command + "' failed for " + name + " (exit " +
                             std::to_string(r.exit_code) + "; its messages: " + log + ")");
      p.object.size_bytes = static_cast<double>(fs::file_size(p.local_file));
      uploads_.push_back(std::move(p));
      ++index;
    }
  }
  std::stable_sort(uploads_.begin(), uploads_.end(), [](const auto& a, const auto& b) { return a.t < b.t; });
  write_inputs_csv();
}

void LocalRun::write_inputs_csv()
{
  // The uploads' attributes (e.g. length_aa), for `contsim calibrate --attributes DIR/inputs.csv`:
  // the columns every upload has.
  std::vector<std::string> names;
  if (!uploads_.empty())
    for (const auto& [k, v] : uploads_.front().object.attributes)
      names.push_back(k);
  for (const auto& u : uploads_)
    names.erase(std::remove_if(names.begin(), names.end(),
                               [&](const std::string& n) {
                                 return std::none_of(u.object.attributes.begin(), u.object.attributes.end(),
                                                     [&](const auto& a) { return a.first == n; });
                               }),
                names.end());
  std::ostringstream out;
  out << "input";
  for (const auto& n : names)
    out << "," << n;
  out << "\n";
  for (const auto& u : uploads_) {
    out << u.object.key;
    for (const auto& n : names)
      out << "," << attribute(u.object.attributes, n, 0);
    out << "\n";
  }
  write_file_atomically(options_.out_dir + "/inputs.csv", out.str());
}

void LocalRun::post(Message m)
{
  {
    std::lock_guard<std::mutex> lock(mutex_);
    inbox_.push_back(std::move(m));
  }
  wake_.notify_one();
}

void LocalRun::store(const StoredObject& stored)
{
  plan_.workflow.triggered_by(stored.file, trigger_scratch_);
  for (int f : trigger_scratch_) {
    Pending p;
    p.task.id = next_id_++;
    p.task.function = f;
    p.task.input = stored.file;
    p.task.work_dir = (scratch_ / "jobs" / std::to_string(p.task.id)).string();
    p.t_trigger = stored.t;
    const std::string& function = plan_.workflow.functions[f].name;
    files_->on_job_state(p.task.id, function, sc_.services[service_].name, "Pending", stored.t);
    pending_.push_back(std::move(p));
  }
}

void LocalRun::dispatch()
{
  // FIFO by trigger; a job that does not fit now waits without blocking later ones.
  for (auto it = pending_.begin(); it != pending_.end();) {
    const FdlFunction& fdl = plan_.workflow.functions[it->task.function].fdl;
    kubernetes::Resources need = kubernetes::Resources::of(fdl.cpu, fdl.memory_mb, 0);
    if (need.cpu_m > cpu_m_free_ || need.memory_kib > memory_kib_free_) {
      ++it;
      continue;
    }
    double t = now();
    accrue(t);
    cpu_m_free_ -= need.cpu_m;
    memory_kib_free_ -= need.memory_kib;
    node_.uptime.job_started(t, running_.empty());
    files_->on_job_state(it->task.id, plan_.workflow.functions[it->task.function].name, sc_.services[service_].name,
                         "Running", t);
    Running& r = running_[it->task.id];
    r.task = it->task;
    r.t_trigger = it->t_trigger;
    r.t_start = t;
    const FunctionRuntime& runtime = runtimes_[it->task.function];
    InvocationTask task = it->task;
    r.thread = std::thread([this, task, &runtime] {
      InvocationOutcome o;
      try {
        o = supervisor_->run(task, runtime);
      } catch (const std::exception& e) {
        o.status = InvocationStatus::error;
        o.error = std::string("supervisor: ") + e.what();
        o.t_end = now();
      }
      Message m;
      m.kind = Message::Kind::finished;
      m.id = task.id;
      m.outcome = std::move(o);
      post(std::move(m));
    });
    it = pending_.erase(it);
  }
}

void LocalRun::record(const InvocationTask& task, double t_trigger, double t_start, const InvocationOutcome& o)
{
  const FunctionSpec& fn = plan_.workflow.functions[task.function];
  TraceRecord r;
  r.id = task.id;
  r.function = fn.name;
  r.platform = "oscar";
  r.site = sc_.platform.sites[sc_.services[service_].site].name;
  r.node = node_spec_->name;
  r.input = task.input.key;
  r.t_trigger = t_trigger;
  r.t_start = t_start;
  r.t_stage_in = o.t_stage_in;
  r.t_exec_start = o.t_exec_start;
  r.t_exec_end = o.t_exec_end;
  r.t_end = o.t_end;
  r.status = o.status;
  r.memory_mb = fn.fdl.memory_mb;
  r.t_origin = t_trigger;
  files_->on_attempt(r, task.function, service_);
  summary_->on_attempt(r, task.function, service_);
  ++invocations_;
  ++status_counts_[to_string(o.status)];
  cpu_s_by_function_[fn.name] += o.cpu_s;
  if (as_if_lambda_ && o.t_stage_in >= 0 && o.t_end >= o.t_stage_in)
    as_if_lambda_->add(fn.name, fn.fdl.memory_mb, o.t_end - o.t_stage_in);
  if (!o.error.empty())
    errors_ << "invocation " << task.id << " " << fn.name << " " << task.input.key << ": " << to_string(o.status)
            << ": " << o.error << "\n"
            << std::flush;
}

void LocalRun::sample_timeline(double t)
{
  TimelineSample s;
  s.running = static_cast<long long>(running_.size());
  s.queued = static_cast<long long>(pending_.size());
  s.units_up = 1;
  files_->on_timeline(t, "oscar", sc_.services[service_].name, s);
}

int LocalRun::run()
{
  check_and_prepare();
  fs::create_directories(options_.out_dir);
  char tmpl[] = "/tmp/contsim-real-XXXXXX";
  if (!mkdtemp(tmpl))
    throw std::runtime_error("cannot create a scratch directory in /tmp");
  scratch_ = tmpl;
  struct ScratchCleanup {
    fs::path dir;
    bool keep;
    ~ScratchCleanup()
    {
      std::error_code ec;
      if (!keep)
        fs::remove_all(dir, ec);
    }
  } cleanup{scratch_, options_.keep_scratch};

  if (options_.keep_scratch)
    progress() << "contsim real: scratch directory " << scratch_.string() << " (kept)\n";
  progress() << "contsim real: making the inputs\n";
  make_inputs();
  progress() << "contsim real: starting s3rver\n";
  server_ = std::make_unique<S3Server>((scratch_ / "s3").string());
  s3_ = std::make_unique<S3Client>(server_->endpoint(), S3Server::credentials());
  std::set<std::string> buckets;
  for (const auto& fn : plan_.workflow.functions) {
    for (const auto& io : fn.fdl.inputs)
      buckets.insert(io.bucket());
    for (const auto& io : fn.fdl.outputs)
      buckets.insert(io.bucket());
  }
  for (const auto& src : plan_.sources)
    buckets.insert(split_bucket(src.path).first);
  for (const auto& b : buckets)
    s3_->create_bucket(b);

  files_ = std::make_unique<OutputDirectory>(options_.out_dir, CsvPublish::row_by_row);
  std::vector<std::string> function_names, service_names;
  for (const auto& f : plan_.workflow.functions)
    function_names.push_back(f.name);
  for (const auto& s : sc_.services)
    service_names.push_back(s.name);
  summary_ = std::make_unique<RunSummary>(function_names, service_names);
  errors_.open(options_.out_dir + "/real-errors.log");
  if (!errors_)
    throw std::runtime_error("cannot write " + options_.out_dir + "/real-errors.log");

  json real_json;
  real_json["schema"] = "contsim-real/1";
  real_json["backend"] = real_.backend;
  {
    std::time_t t = std::time(nullptr);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
    real_json["start_time_utc"] = buf;
  }
  real_json["time_scale"] = time_scale_;
  if (options_.keep_scratch)
    real_json["scratch_dir"] = scratch_.string();
  real_json["machine"] = machine_info();
  real_json["load_average_start"] = load_average();
  real_json["limits"] = limits_method();
  real_json["job_timeout_s"] = real_.job_timeout_s;
  json runtimes = json::object();
  for (const auto& [image, rt] : real_.images)
    runtimes[image] = rt.kind == ImageRuntime::Kind::process
                          ? json{{"runtime", "process"}, {"sandbox", "bubblewrap"}, {"limits", limits_method()}}
                          : json{{"runtime", "podman"},
                                 {"image", rt.podman_image},
                                 {"image_id", first_line_of("podman image inspect --format '{{.Id}}' " + rt.podman_image)},
                                 {"limits", "podman --cpus/--memory (runc, cgroupfs)"}};
  real_json["runtimes"] = runtimes;
  real_json["tools"] = {{"bubblewrap", first_line_of("bwrap --version")},
                        {"node", first_line_of("node --version")},
                        {"s3rver", S3Server::version()}};
  for (const auto& [name, cmd] : real_.tools)
    real_json["tools"][name] = first_line_of(cmd);
  real_json["node"] = {{"name", node_spec_->name},
                       {"type", node_spec_->type->name},
                       {"allocatable_cpu_m", node_spec_->allocatable.cpu_m},
                       {"allocatable_memory_kib", node_spec_->allocatable.memory_kib}};

  supervisor_ = std::make_unique<Supervisor>(
      plan_.workflow, server_->endpoint(), S3Server::credentials(), [this] { return now(); },
      [this](const StoredObject& s) {
        Message m;
        m.kind = Message::Kind::stored;
        m.stored = s;
        post(std::move(m));
      },
      stop_workers_);

  StopSignals signals;
  progress() << "contsim real: " << uploads_.size() << " uploads over " << (uploads_.empty() ? 0 : uploads_.back().t)
             << " s (time scale " << time_scale_ << ")\n";
  t0_ = std::chrono::steady_clock::now();
  node_.start(0, true);
  summary_->on_run_start(0);
  std::size_t next_upload = 0;
  double next_sample = 0;
  bool interrupted = false;
  try {
  while (true) {
    if (g_stop.load() && !interrupted) {
      interrupted = true;
      progress() << "contsim real: stopping: killing " << running_.size() << " running scripts\n";
      stop_workers_.store(true);
    }
    double t = now();
    if (t >= next_sample) {
      sample_timeline(next_sample);
      next_sample += sc_.timeline_interval_s;
    }
    // uploads that are due
    while (!interrupted && next_upload < uploads_.size() && uploads_[next_upload].t <= t) {
      PlannedUpload& u = uploads_[next_upload++];
      summary_->on_upload(now(), u.object.size_bytes);
      auto [bucket, key] = split_bucket(u.object.key);
      if (s3_->exists(bucket, key))
        throw InputError(sc_.file, plan_.sources[u.source].spec->line, 0, "workload",
                         "upload " + u.object.key + " would overwrite an object: the source's names repeat");
      s3_->put_file(bucket, key, u.local_file);
      store(StoredObject{u.object, now()});
    }
    // what the workers said
    std::deque<Message> inbox;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      inbox.swap(inbox_);
    }
    for (auto& m : inbox) {
      if (m.kind == Message::Kind::stored) {
        if (!interrupted)
          store(m.stored);
        continue;
      }
      auto it = running_.find(m.id);
      it->second.thread.join();
      const FdlFunction& fdl = plan_.workflow.functions[it->second.task.function].fdl;
      kubernetes::Resources need = kubernetes::Resources::of(fdl.cpu, fdl.memory_mb, 0);
      double te = m.outcome.t_end;
      accrue(te);
      cpu_m_free_ += need.cpu_m;
      memory_kib_free_ += need.memory_kib;
      node_.uptime.job_ended(te, running_.size() == 1);
      const char* state = m.outcome.status == InvocationStatus::ok ? "Succeeded" : "Failed";
      files_->on_job_state(m.id, plan_.workflow.functions[it->second.task.function].name, sc_.services[service_].name,
                           state, te);
      record(it->second.task, it->second.t_trigger, it->second.t_start, m.outcome);
      std::error_code ec;
      fs::remove_all(it->second.task.work_dir, ec);
      running_.erase(it);
    }
    if (!interrupted)
      dispatch();
    bool uploads_left = !interrupted && next_upload < uploads_.size();
    if (!uploads_left && running_.empty() && (pending_.empty() || interrupted)) {
      std::lock_guard<std::mutex> lock(mutex_);
      if (inbox_.empty())
        break;
      continue;
    }
    // sleep until the next upload, the next sample, a worker's message or a signal (checked often)
    double until = next_sample;
    if (uploads_left)
      until = std::min(until, uploads_[next_upload].t);
    double wait_s = std::clamp(until - now(), 0.0, 0.05);
    std::unique_lock<std::mutex> lock(mutex_);
    wake_.wait_for(lock, std::chrono::duration<double>(wait_s), [this] { return !inbox_.empty(); });
  }
  } catch (...) {
    stop_all();
    throw;
  }
  double t_end = now();
  accrue(t_end);
  // jobs never started: traced as interrupted (their t_start stays empty)
  for (const auto& p : pending_) {
    InvocationOutcome o;
    o.status = InvocationStatus::interrupted;
    record(p.task, p.t_trigger, -1, o);
  }
  pending_.clear();
  sample_timeline(t_end);
  real_json["load_average_end"] = load_average();
  real_json["interrupted"] = interrupted;
  real_json["wall_s"] = t_end;
  real_json["invocations"] = invocations_;
  real_json["status"] = status_counts_;
  json cpu = json::object();
  for (const auto& [fn, s] : cpu_s_by_function_)
    cpu[fn] = std::round(s * 1e6) / 1e6;
  real_json["script_cpu_s"] = cpu;
  if (as_if_lambda_)
    real_json["cost_as_if_lambda"] = as_if_lambda_->to_json();

  // the node: one up interval, priced and powered as its type says
  InstanceRecord node_row = node_.record(t_end, false, true, common::MachineBilling{}, *node_spec_->type,
                                         sc_.services[service_].name, node_spec_->group, node_spec_->name);
  files_->on_instance(node_row);
  summary_->add_unattributed_cost(service_, node_row.cost_usd);

  SummaryParts parts;
  parts.provenance = provenance_of(sc_);
  parts.results = summary_->to_json();
  for (std::size_t s = 0; s < sc_.services.size(); ++s) {
    json sj = {{"platform", sc_.services[s].kind}, {"kind", sc_.services[s].kind}};
    if (static_cast<int>(s) == service_) {
      sj["backend"] = "local (real)";
      sj["node_seconds"] = std::round(t_end * 1e6) / 1e6;  // the node is up from the run's start
      sj["node_cost_usd"] = node_row.cost_usd;
      if (node_row.energy_wh >= 0)
        sj["energy_wh"] = node_row.energy_wh;
    }
    parts.services[sc_.services[s].name] = sj;
  }
  parts.functions_not_simulated = plan_.not_simulated_functions;
  parts.fdl_keys_not_simulated = sc_.fdl.not_simulated;
  parts.warnings = plan_.warnings;
  if (interrupted)
    parts.warnings.push_back("the real run was interrupted: unfinished invocations are traced as interrupted");
  files_->close();
  write_file_atomically(options_.out_dir + "/real.json", real_json.dump(2) + "\n");
  errors_.close();
  if (!errors_)
    throw WriteError(options_.out_dir + "/real-errors.log", "write failed");
  write_summary(*files_, options_.out_dir, summary_document(parts));  // last: the run is complete
  server_.reset();  // stops s3rver
  progress() << "contsim real: " << invocations_ << " invocations in " << t_end << " s"
             << (interrupted ? " (interrupted)" : "") << "; outputs in " << options_.out_dir << "/\n";
  return interrupted ? 130 : 0;
}

} // namespace

int run_local(const Plan& plan, const RealSection& real, const RealRunOptions& options)
{
  LocalRun run(plan, real, options);
  return run.run();
}

} // namespace contsim::real

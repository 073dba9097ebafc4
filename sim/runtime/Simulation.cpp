#include "sim/runtime/Simulation.hpp"

#include "sim/core/Log.hpp"
#include "sim/engine/Driver.hpp"
#include "sim/scenario/ScenarioProvenance.hpp"
#include "sim/schema/SummaryDocument.hpp"

#include <cmath>

namespace contsim {

Simulation::Simulation(const Plan& plan, const ServiceRegistry& registry, std::string out_dir, Outputs outputs)
    : plan_(plan)
    , scenario_(*plan.scenario)
    , workflow_(plan.workflow)
    , out_dir_(std::move(out_dir))
    , outputs_(outputs)
    , streams_(scenario_.seed)
    , warnings_(plan.warnings)
    , router_(calendar_, workflow_, invocations_, services_, service_decls_)
{
  for (const auto& f : workflow_.functions)
    output_rngs_.push_back(streams_.stream("outputs/" + f.name));
  // Services are created in declaration order; a service with no function still exists
  // (its timeline shows it idle) but costs nothing.
  for (std::size_t s = 0; s < scenario_.services.size(); ++s) {
    const auto& decl = scenario_.services[s];
    const auto& entry = registry.by_kind(decl.kind, decl.config);
    ServiceSetup setup{decl,
                       plan_.services[s].config,
                       ports(),
                       plan_.served[s],
                       plan_.services[s].hosts,
                       plan_.services[s].watches,
                       plan_.services[s].writes};
    any_watch_ = any_watch_ || !plan_.services[s].watches.empty();
    service_decls_.push_back(&decl);
    services_.push_back(entry.create(setup));
  }
  for (const auto& planned : plan_.sources)
    sources_.push_back(Source{&planned, nullptr, Upload{}, false, {}});

  std::vector<std::string> function_names, service_names;
  for (const auto& f : workflow_.functions)
    function_names.push_back(f.name);
  for (const auto* d : service_decls_)
    service_names.push_back(d->name);
  summary_ = std::make_unique<RunSummary>(function_names, service_names);
}

Simulation::~Simulation()
{
  files_.reset();  // first: the trace's writer thread may still feed the summary
}

void Simulation::start()
{
  if (outputs_ == Outputs::all) {
    files_ = std::make_unique<OutputDirectory>(out_dir_, CsvPublish::when_complete, scenario_.output);
    sinks_ = {files_.get(), summary_.get()};
    // The same attempts in the same order, so the same figures: summary.json is byte-identical.
    if (files_->follow_attempts(*summary_))
      attempt_sinks_ = {files_.get()};
    else
      attempt_sinks_ = sinks_;
  } else {
    sinks_ = attempt_sinks_ = {summary_.get()};
  }
  if (scenario_.runs > 1) {
    repetitions_ = std::make_unique<RepetitionSummary>(scenario_.runs);
    sinks_.push_back(repetitions_.get());
    attempt_sinks_.push_back(repetitions_.get());
  }
  start_sources(0);
  calendar_.at(0, this, kSample, 0);
}

void Simulation::start_sources(double offset)
{
  run_offset_ = offset;
  for (std::size_t i = 0; i < sources_.size(); ++i) {
    auto& src = sources_[i];
    // Every run replays the same arrivals (its own generator on a fresh copy of the stream).
    // Each upload's key is written once, after its folder: an HTTP request's body goes under
    // run/ or job/ and its function's name (what OSCAR's endpoints are), a file under the path.
    std::string key_prefix;
    if (src.plan->function >= 0)
      key_prefix.assign(src.plan->spec->invoke_sync ? "run/" : "job/")
          .append(workflow_.functions[src.plan->function].name)
          .append(1, '/');
    else
      key_prefix.assign(src.plan->path).append(1, '/');
    src.triggers_known =
        src.plan->function < 0 && workflow_.triggered_by_folder(src.plan->storage, key_prefix, src.triggers);
    src.generator = std::make_unique<ArrivalGenerator>(*src.plan->spec, streams_.stream("arrivals/" + src.plan->spec->name),
                                                       scenario_.horizon_s, std::move(key_prefix));
    if (src.generator->next(src.next)) {
      ++active_sources_;
      calendar_.at(offset + src.next.t, this, kArrival, i);
    }
  }
}

void Simulation::schedule_next_arrival(std::uint64_t source)
{
  auto& src = sources_[source];
  if (src.generator->next(src.next))
    calendar_.at(std::max(run_offset_ + src.next.t, calendar_.now()), this, kArrival, source);
  else
    source_exhausted();
}

void Simulation::source_exhausted()
{
  if (--active_sources_ > 0)
    return;
  if (run_index_ + 1 < scenario_.runs) {
    waiting_for_drain_ = true;
    start_next_run_if_drained();
  } else {
    network_->end_by(calendar_.now() + scenario_.drain_limit_s);
  }
}

void Simulation::start_next_run_if_drained()
{
  if (!waiting_for_drain_ || invocations_.in_flight() > 0 || pending_uploads_ > 0)
    return;
  waiting_for_drain_ = false;
  ++run_index_;
  repetitions_->begin_run(calendar_.now());
  start_sources(calendar_.now());
  if (active_sources_ == 0)  // a run with no arrivals (all past the horizon): nothing more will come
    network_->end_by(calendar_.now() + scenario_.drain_limit_s);
}

void Simulation::run()
{
  start();
  log::set_clock([this] { return calendar_.now(); });
  auto driver = make_driver(scenario_.platform, plan_.hosts, calendar_);  // the Plan declares the hosts
  network_ = driver.get();
  if (active_sources_ == 0)
    driver->end_by(scenario_.drain_limit_s);
  driver->run();
  network_ = nullptr;
  if (driver->ended_early())
    // Work still in flight this long after the last arrival (a typo'd size or duration?):
    // the run stopped rather than simulate on without end; what was unfinished is reported.
    warnings_.push_back("the run stopped at the drain limit, " + std::to_string(scenario_.drain_limit_s) +
                        " s after the last arrival (t = " + std::to_string(calendar_.now()) + " s): " +
                        std::to_string(invocations_.in_flight()) +
                        " invocations still in flight are not in trace.csv; raise `drain_limit` to let them finish");
  log::set_clock(nullptr);
  finish_outputs();
}

void Simulation::finish_outputs()
{
  for (auto& service : services_)
    service->end_of_run(calendar_.now());
  for (auto* sink : sinks_)
    sink->close();  // the trace's writer thread, if any, has handed the summary every attempt
  sinks_.clear();
  attempt_sinks_.clear();
  for (std::size_t s = 0; s < services_.size(); ++s)
    summary_->add_unattributed_cost(static_cast<int>(s), services_[s]->unattributed_cost_usd());
  SummaryParts parts;
  parts.provenance = provenance_of(scenario_);
  parts.provenance.simgrid_version = simgrid_version();
  parts.results = summary_->to_json();
  if (repetitions_)
    parts.results["runs"] = repetitions_->to_json();
  for (std::size_t s = 0; s < services_.size(); ++s) {
    auto sj = services_[s]->summary();
    sj["kind"] = service_decls_[s]->kind;
    // Energy a model measured becomes emissions at the grid's intensity (energy: section).
    if (sj.contains("energy_wh") && sj["energy_wh"].is_number())
      sj["co2e_g"] = std::round(sj["energy_wh"].get<double>() * plan_.energy_params.get("grid_gco2e_per_kwh")) / 1000.0;
    parts.services[service_decls_[s]->name] = sj;
    parts.parameters[service_decls_[s]->name] = services_[s]->parameters();
  }
  parts.parameters["storage"] = plan_.storage_params.to_json();
  parts.parameters["energy"] = plan_.energy_params.to_json();
  parts.dropped_outputs = dropped_outputs_;
  parts.functions_not_simulated = plan_.not_simulated_functions;
  parts.fdl_keys_not_simulated = scenario_.fdl.not_simulated;
  parts.warnings = warnings_;
  if (!scenario_.output.is_default() && files_) {
    // A sampled or absent trace, or compressed files: readers are told what they hold.
    const auto& o = scenario_.output;
    parts.outputs = {{"trace", o.trace_text()},
                     {"trace_rows", files_->trace_rows()},
                     {"attempts", summary_->invocations()},
                     {"compression", o.compression == Compression::zstd ? "zstd" : "none"}};
  }
  summary_json_ = summary_document(parts);
  if (files_)
    write_summary(*files_, out_dir_, summary_json_);
  else
    write_summary_alone(out_dir_, summary_json_);
  files_.reset();
}

void Simulation::store_file(const FileObject& file) { store_file(file, nullptr); }

void Simulation::store_file_taking(FileObject& file) { store_file(file, &file); }

// `ours`: the file itself (the caller's, no longer needed), whose strings the last invocation it
// triggers takes instead of copying them; the caller gets that invocation's old strings back.
void Simulation::store_file(const FileObject& file, FileObject* ours, const std::vector<int>* triggers)
{
  if (!triggers) {
    workflow_.triggered_by(file, trigger_scratch_);
    triggers = &trigger_scratch_;
  }
  double latency = workflow_.storages[file.storage].event_latency_s;
  if (any_watch_) {
    const std::string& ns = workflow_.storages[file.storage].name_space;
    for (std::size_t s = 0; s < plan_.services.size(); ++s) {
      const auto& watches = plan_.services[s].watches;
      for (std::size_t w = 0; w < watches.size(); ++w)
        if (workflow_.storages[watches[w]].name_space == ns &&
            under(file.key, plan_.services[s].config->watches[w].path)) {
          std::size_t slot = watch_events_.acquire();
          watch_events_[slot] = WatchEvent{static_cast<int>(s), static_cast<int>(w), file};
          calendar_.at(calendar_.now() + latency, this, kWatched, slot);
        }
    }
  }
  for (std::size_t i = 0; i < triggers->size(); ++i) {
    int f = (*triggers)[i];
    Invocation* inv = invocations_.acquire();
    inv->function = f;
    inv->service = workflow_.functions[f].service;
    if (ours && i + 1 == triggers->size())
      take_file(inv->input, *ours);
    else
      inv->input = file;
    inv->t_trigger = calendar_.now() + latency;
    inv->t_origin = inv->t_trigger;
    if (latency > 0)
      calendar_.at(inv->t_trigger, this, kTrigger, reinterpret_cast<std::uint64_t>(inv));
    else
      services_[inv->service]->submit(inv);
  }
}

void Simulation::send_request(Source& src)
{
  const FunctionSpec& fn = workflow_.functions[src.plan->function];
  Invocation* inv = invocations_.acquire();
  inv->function = src.plan->function;
  inv->service = fn.service;
  inv->synchronous = src.plan->spec->invoke_sync;
  FileObject& body = inv->input;
  body.storage = -1;
  body.key.swap(src.next.key);  // "run/" or "job/", the function's name, the body's name
  body.name_at = src.next.name_at;
  body.size_bytes = src.next.size_bytes;
  body.attributes.swap(src.next.attributes);
  for (auto* sink : sinks_)
    sink->on_upload(calendar_.now(), body.size_bytes);
  network_->transfer(src.plan->from_site, fn.site, body.size_bytes, this, kRequestArrived,
                     reinterpret_cast<std::uint64_t>(inv));
}

void Simulation::stage_in(Invocation* inv, int site, EventHandler* handler, std::uint32_t kind)
{
  inv->resume_handler = handler;
  inv->resume_kind = kind;
  inv->t_stage_in = calendar_.now();
  if (inv->input.storage < 0) {  // a request body: it came with the request
    calendar_.at(calendar_.now(), this, kStageIn, reinterpret_cast<std::uint64_t>(inv));
    return;
  }
  inv->stage_site = site;
  double overhead = request_overhead_s(site, inv->input.storage, true);
  if (overhead > 0)
    calendar_.after(overhead, this, kStageInRequested, reinterpret_cast<std::uint64_t>(inv));
  else if (inv->input.size_bytes <= 0)  // no bytes: done at once, as the network would (Network.hpp)
    handler->on_event(kind, reinterpret_cast<std::uint64_t>(inv));
  else
    on_event(kStageInRequested, reinterpret_cast<std::uint64_t>(inv));
}

double Simulation::request_overhead_s(int site, int storage, bool new_connection) const
{
  const StorageProvider& sp = workflow_.storages[storage];
  double rtt = round_trip_s(site, sp.site);
  if (rtt <= 0)
    return 0;
  return rtt * (sp.request_round_trips + (new_connection ? sp.connection_round_trips : 0));
}

void Simulation::produce_outputs(Invocation* inv)
{
  dropped_outputs_ += workflow_.make_outputs(inv->function, inv->input, inv->outputs, output_rngs_[inv->function]);
}

void Simulation::stage_out(Invocation* inv, int site, EventHandler* handler, std::uint32_t kind)
{
  inv->resume_handler = handler;
  inv->resume_kind = kind;
  inv->stage_site = site;
  inv->next_output = 0;
  put_outputs(inv);
}

// faas-supervisor uploads a job's outputs one after another (its storage code loops over the
// files with one client per provider), so output i+1's PUT starts when output i's has ended. A
// PUT that completes at once (no link, no request cost) is taken in this loop rather than by
// recursion: an invocation may have up to 10^6 outputs.
void Simulation::put_outputs(Invocation* inv)
{
  while (inv->next_output < inv->outputs.size()) {
    const FileObject& out = inv->outputs[inv->next_output];
    bool new_connection = inv->next_output == 0 || inv->outputs[inv->next_output - 1].storage != out.storage;
    double overhead = request_overhead_s(inv->stage_site, out.storage, new_connection);
    if (overhead > 0) {
      calendar_.after(overhead, this, kPutRequested, reinterpret_cast<std::uint64_t>(inv));
      return;
    }
    inv->put_state = 1;
    start_put(inv);
    if (inv->put_state != 2) {  // on its way: kStageOut continues the loop
      inv->put_state = 0;
      return;
    }
    inv->put_state = 0;
  }
  inv->resume_handler->on_event(inv->resume_kind, reinterpret_cast<std::uint64_t>(inv));
}

void Simulation::start_put(Invocation* inv)
{
  const FileObject& out = inv->outputs[inv->next_output];
  network_->transfer(inv->stage_site, workflow_.storages[out.storage].site, out.size_bytes, this, kStageOut,
                     reinterpret_cast<std::uint64_t>(inv));
}

void Simulation::finished(Invocation* inv)
{
  // A synchronous endpoint answers when its function ends (API Gateway returns the result);
  // any other target that never answered does so now.
  router_.answer(inv, inv->status == InvocationStatus::ok || inv->status == InvocationStatus::delegated);
  const auto& fn = workflow_.functions[inv->function];
  TraceRecord r;
  r.id = inv->id;
  r.function = fn.name;
  r.platform = services_[inv->service]->platform_label();
  r.site = scenario_.platform.sites[service_decls_[inv->service]->site].name;
  r.node = inv->node;
  r.input = inv->input.key;
  r.t_trigger = inv->t_trigger;
  r.t_start = inv->t_start;
  r.t_exec_start = inv->t_exec_start;
  r.t_exec_end = inv->t_exec_end;
  r.t_end = inv->t_end;
  r.cold_start = inv->cold_start;
  r.status = inv->status;
  r.delegated_to = inv->delegated_to;
  r.mechanism = inv->mechanism;
  r.billed_ms = inv->billed_ms;
  r.cost_usd = inv->cost_usd;
  r.parent_id = inv->parent_id;
  r.t_stage_in = inv->t_stage_in;
  r.memory_mb = fn.fdl.memory_mb;
  r.t_origin = inv->t_origin;
  for (auto* sink : attempt_sinks_)
    sink->on_attempt(r, inv->function, inv->service);
  invocations_.release(inv);
  if (waiting_for_drain_)
    start_next_run_if_drained();
}

void Simulation::execute(int host, double work, double max_cores, EventHandler* handler, std::uint32_t kind,
                         std::uint64_t payload)
{
  network_->execute(host, work, max_cores, handler, kind, payload);
}

void Simulation::job_state(const Invocation& inv, const char* state)
{
  const std::string& function = workflow_.functions[inv.function].name;
  const std::string& service = service_decls_[inv.service]->name;
  if (files_)
    files_->on_job_state(inv.id, function, service, state, calendar_.now());
}

void Simulation::phase(const Invocation& inv, const char* phase, const char* ran_on, const std::string& where,
                       double t_start, double t_end)
{
  if (!files_)
    return;
  PhaseRecord r;
  r.id = inv.id;
  r.function = workflow_.functions[inv.function].name;
  r.service = service_decls_[inv.service]->name;
  r.phase = phase;
  r.ran_on = ran_on;
  r.where = where;
  r.t_start = t_start;
  r.t_end = t_end;
  files_->on_phase(r);
}

void Simulation::transfer(int from_site, int to_site, double bytes, EventHandler* handler, std::uint32_t kind,
                          std::uint64_t payload)
{
  network_->transfer(from_site, to_site, bytes, handler, kind, payload);
}

void Simulation::put(const FileObject& file, int from_site, EventHandler* handler, std::uint32_t kind,
                     std::uint64_t payload)
{
  std::size_t slot = puts_.acquire();
  puts_[slot] = PutSlot{file, handler, kind, payload};
  network_->transfer(from_site, workflow_.storages[file.storage].site, file.size_bytes, this, kPut, slot);
}

double Simulation::round_trip_s(int site_a, int site_b) const
{
  const LinkSpec* link = scenario_.platform.link_between(site_a, site_b);
  return link ? 2 * link->latency_s : 0.0;
}

RemoteGpuServer* Simulation::gpu_server(int service)
{
  if (service < 0 || service >= static_cast<int>(services_.size()) || !services_[service])
    return nullptr;
  return services_[service]->remote_gpus();
}

void Simulation::instance_closed(const InstanceRecord& record)
{
  if (files_)
    files_->on_instance(record);
}

void Simulation::sample_timeline()
{
  if (++timeline_samples_ > kMaxTimelineSamples) {
    // A bound on timeline.csv whatever the horizon: sampling stops, and says so.
    warnings_.push_back("timeline.csv stops at " + std::to_string(kMaxTimelineSamples) + " samples (t = " +
                        std::to_string(calendar_.now()) + " s): raise output.timeline_interval for a longer run");
    return;
  }
  for (std::size_t s = 0; s < services_.size(); ++s) {
    TimelineSample sample = services_[s]->sample();
    if (files_)
      files_->on_timeline(calendar_.now(), services_[s]->platform_label(), service_decls_[s]->name, sample);
  }
  bool services_active = false;
  for (const auto& service : services_)
    services_active = services_active || service->active();
  if (invocations_.in_flight() > 0 || pending_uploads_ > 0 || active_sources_ > 0 || services_active)
    calendar_.after(scenario_.timeline_interval_s, this, kSample, 0);
}

void Simulation::on_event(std::uint32_t kind, std::uint64_t payload)
{
  switch (kind) {
    case kArrival: {
      auto& src = sources_[payload];
      if (src.plan->function >= 0) {
        send_request(src);
        schedule_next_arrival(payload);
        break;
      }
      std::size_t slot = uploads_.acquire();
      FileObject& file = uploads_[slot];
      file.storage = src.plan->storage;
      // Swapped, not moved: the slot's old strings come back to be refilled, without allocating.
      file.key.swap(src.next.key);  // the source's path, then the file's name
      file.name_at = src.next.name_at;
      file.size_bytes = src.next.size_bytes;
      file.attributes.swap(src.next.attributes);
      for (auto* sink : sinks_)
        sink->on_upload(calendar_.now(), file.size_bytes);
      ++pending_uploads_;
      if (upload_source_.size() <= slot)
        upload_source_.resize(slot + 1);
      upload_source_[slot] = payload;
      network_->transfer(src.plan->from_site, workflow_.storages[src.plan->storage].site, file.size_bytes, this, kUploaded, slot);
      if (!src.plan->spec->closed_loop)  // a closed loop times the next upload from this one's end (kUploaded)
        schedule_next_arrival(payload);
      break;
    }
    case kUploaded: {
      std::size_t s = upload_source_[payload];
      Source& src = sources_[s];
      FileObject& file = uploads_[payload];
      store_file(file, &file, src.triggers_known ? &src.triggers : nullptr);  // its strings go to an invocation
      uploads_.release(payload);
      --pending_uploads_;
      if (src.plan->spec->closed_loop) {  // the client sleeps, then uploads again
        src.generator->upload_finished(calendar_.now() - run_offset_);
        schedule_next_arrival(s);
      }
      start_next_run_if_drained();
      break;
    }
    case kRequestArrived: {  // the request's body has reached the function's site
      auto* inv = reinterpret_cast<Invocation*>(payload);
      inv->t_origin = inv->t_trigger = calendar_.now();
      services_[inv->service]->submit(inv);
      break;
    }
    case kTrigger: {  // a stored file's event, after the storage's event latency
      auto* inv = reinterpret_cast<Invocation*>(payload);
      services_[inv->service]->submit(inv);
      break;
    }
    case kStageInRequested: {  // the download's requests are answered: its bytes flow
      auto* inv = reinterpret_cast<Invocation*>(payload);
      network_->transfer(workflow_.storages[inv->input.storage].site, inv->stage_site, inv->input.size_bytes, this,
                         kStageIn, payload);
      break;
    }
    case kStageIn: {
      auto* inv = reinterpret_cast<Invocation*>(payload);
      inv->resume_handler->on_event(inv->resume_kind, payload);
      break;
    }
    case kPutRequested: {  // the PUT's request round trips are over: its body flows
      auto* inv = reinterpret_cast<Invocation*>(payload);
      start_put(inv);
      break;
    }
    case kStageOut: {  // the object is stored; the next one's PUT follows
      auto* inv = reinterpret_cast<Invocation*>(payload);
      store_file(inv->outputs[inv->next_output]);
      ++inv->next_output;
      if (inv->put_state == 1)
        inv->put_state = 2;  // completed inside put_outputs' loop, which goes on
      else
        put_outputs(inv);
      break;
    }
    case kSample:
      sample_timeline();
      break;
    case kWatched: {
      WatchEvent e = std::move(watch_events_[payload]);
      watch_events_.release(payload);
      services_[e.service]->stored(e.watch, e.file);
      break;
    }
    case kPut: {
      PutSlot p = std::move(puts_[payload]);
      puts_.release(payload);
      store_file_taking(p.file);
      p.handler->on_event(p.kind, p.payload);
      break;
    }

  }
}

} // namespace contsim

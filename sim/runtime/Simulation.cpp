#include "sim/runtime/Simulation.hpp"

#include "sim/engine/SimgridDriver.hpp"
#include "sim/schema/Schema.hpp"

#include <fstream>
#include <set>

namespace contsim {
namespace {

std::vector<ParamSpec> storage_param_specs()
{
  return {
      {"s3_event_latency_s", 0, "s", "delay from an S3 object being stored to the triggered invocation",
       "assumed 0: no published measurement in ../shared/spec", 0, 3600},
      {"minio_event_latency_s", 0, "s", "delay from a MinIO object being stored to the webhook call",
       "assumed 0: no published measurement in ../shared/spec", 0, 3600},
  };
}

std::string join(const std::vector<std::string>& v)
{
  std::string s;
  for (const auto& x : v)
    s += (s.empty() ? "" : ", ") + x;
  return s;
}

} // namespace

Simulation::Simulation(const Scenario& scenario, const ServiceRegistry& registry, std::string out_dir)
    : scenario_(scenario), out_dir_(std::move(out_dir)), streams_(scenario.seed), storage_params_(storage_param_specs())
{
  check_calibration_keys(registry);
  for (const auto& c : scenario_.calibration_sections("storage"))
    storage_params_.apply(c);
  if (auto p = scenario_.parameter_section("storage"))
    storage_params_.apply(*p);
  build_workflow(registry);
  build_workload();

  std::vector<std::string> function_names, service_names;
  for (const auto& f : workflow_.functions)
    function_names.push_back(f.name);
  for (const auto* d : service_decls_)
    service_names.push_back(d->name);
  summary_ = std::make_unique<RunSummary>(function_names, service_names);
}

Simulation::~Simulation() = default;

void Simulation::check_calibration_keys(const ServiceRegistry& registry) const
{
  std::vector<std::string> sections{"storage", "functions"};
  for (const auto& e : registry.entries())
    sections.insert(sections.end(), e.calibration_sections.begin(), e.calibration_sections.end());
  for (const auto& file : scenario_.calibrations) {
    MapReader cal(YamlRef{file.root, file.file, ""});
    for (const auto& s : sections)
      cal.optional(s);
    cal.optional("schema");
    cal.optional("name");
    cal.optional("description");
    cal.optional("prices");
    cal.finish();
  }
  if (scenario_.parameters) {
    MapReader p(*scenario_.parameters);
    for (const auto& s : sections)
      p.optional(s);
    p.finish();
  }
}

int Simulation::resolve_storage(const StorageIo& io, const FdlFunction& fn)
{
  // The provider's own id first, then its type alone. An OSCAR service's "minio" (id default)
  // is its own cluster's MinIO.
  std::string id = io.provider_id;
  if (id == "default" && io.provider_type == "minio" && fn.provider == FdlFunction::Provider::oscar)
    id = fn.cluster_id;
  std::vector<std::string> candidates;
  if (id != "default")
    candidates.push_back(io.provider_type + "." + id);
  candidates.push_back(io.provider_type);
  for (const auto& label : candidates)
    for (const auto& decl : scenario_.storage)
      if (decl.label == label) {
        std::string name_space = io.provider_type == "s3" ? "s3" : io.provider_type + "." + id;
        for (std::size_t i = 0; i < workflow_.storages.size(); ++i)
          if (workflow_.storages[i].label == label && workflow_.storages[i].name_space == name_space)
            return static_cast<int>(i);
        StorageProvider sp;
        sp.label = label;
        sp.name_space = name_space;
        sp.site = decl.site;
        sp.event_latency_s = storage_params_.get(io.provider_type == "s3" ? "s3_event_latency_s"
                                                                          : "minio_event_latency_s");
        workflow_.storages.push_back(sp);
        return static_cast<int>(workflow_.storages.size() - 1);
      }
  throw InputError(scenario_.fdl_file, io.line, 0, "storage_provider",
                   "function '" + fn.name + "' uses storage '" + candidates.front() +
                       "', which the scenario does not place on any site: add `" + candidates.back() +
                       ": {site: ...}` under platform.storage in " + scenario_.file);
}

void Simulation::build_workflow(const ServiceRegistry& registry)
{
  std::vector<std::vector<int>> served(scenario_.services.size());
  for (const auto& fdl_fn : scenario_.fdl.functions) {
    if (!scenario_.simulate_only.empty() &&
        std::find(scenario_.simulate_only.begin(), scenario_.simulate_only.end(), fdl_fn.name) ==
            scenario_.simulate_only.end()) {
      not_simulated_functions_.push_back(fdl_fn.name);
      continue;
    }
    FunctionSpec spec;
    spec.name = fdl_fn.name;
    for (const auto& other : scenario_.fdl.functions)
      if (&other != &fdl_fn && other.name == fdl_fn.name)
        spec.name = fdl_fn.name + "@" + fdl_fn.cluster_id;  // replicas: one name on several clusters
    spec.fdl = fdl_fn;
    ServiceMatch match = match_services(registry, fdl_fn, &ModelEntry::serves);
    const auto& reasons = match.reasons;
    const auto& candidates = match.candidates;
    int chosen = match.first;
    if (chosen < 0)
      throw InputError(scenario_.fdl_file, fdl_fn.line, 0, "name",
                       "no service in the scenario's platform can run function '" + fdl_fn.name + "' (" +
                           (reasons.empty() ? "the platform declares no services" : join(reasons)) +
                           "); add one under platform.services or list the functions to run in simulate_only");
    if (candidates.size() > 1)
      throw InputError(scenario_.file, scenario_.services[chosen].config.line(), 0, "platform.services",
                       "several services can run function '" + fdl_fn.name + "' (" + join(candidates) +
                           "): give each a distinct region or cluster_id");
    spec.service = chosen;
    spec.site = scenario_.services[chosen].site;
    if (fdl_fn.provider == FdlFunction::Provider::aws && fdl_fn.execution_mode != "lambda") {
      spec.delegate_service = delegation_target(registry, fdl_fn);
      served[spec.delegate_service].push_back(static_cast<int>(workflow_.functions.size()));
    }
    for (const auto& io : fdl_fn.inputs)
      spec.input_storage.push_back(resolve_storage(io, fdl_fn));
    for (const auto& io : fdl_fn.outputs)
      spec.output_storage.push_back(resolve_storage(io, fdl_fn));

    // Profile layers: the shared calibration, then the scenario's overrides.
    bool found = false;
    // A profile describes the work of a container image: a function without a profile of its
    // own (an OSCAR replica under another name) uses the one keyed by its image.
    std::optional<YamlRef> profile = scenario_.calibration_entry("functions", fdl_fn.name);
    if (!profile && !fdl_fn.image.empty())
      profile = scenario_.calibration_entry("functions", fdl_fn.image);
    if (profile) {
      spec.profile.update(*profile);
      found = true;
    }
    if (auto p = scenario_.parameter_section("functions"); p && p->node[fdl_fn.name]) {
      spec.profile.update(p->child(p->node[fdl_fn.name], fdl_fn.name));
      found = true;
    }
    if (!found || !spec.profile.has_exec_time)
      throw InputError(scenario_.calibration_file, 0, 0, "functions." + fdl_fn.name,
                       "no execution-time profile for function '" + fdl_fn.name +
                           "': add functions." + fdl_fn.name + ".exec_time (or one keyed by its image '" +
                           fdl_fn.image + "') to a calibration file, or to the scenario's parameters.functions." +
                           fdl_fn.name);
    if (!fdl_fn.outputs.empty() && !spec.profile.has_outputs)
      warnings_.push_back("function '" + fdl_fn.name + "' has FDL outputs but its profile declares no `outputs`: "
                          "it emits no files, so nothing downstream of it runs");
    for (std::size_t i = 0; i < fdl_fn.inputs.size(); ++i)
      if (!scenario_.platform.connected(workflow_.storages[spec.input_storage[i]].site, spec.site))
        throw InputError(scenario_.file, 0, 0, "platform.links",
                         "function '" + fdl_fn.name + "' runs on site '" +
                             scenario_.platform.sites[spec.site].name + "' but reads from storage on site '" +
                             scenario_.platform.sites[workflow_.storages[spec.input_storage[i]].site].name +
                             "': add a link between them");
    for (std::size_t i = 0; i < fdl_fn.outputs.size(); ++i)
      if (!scenario_.platform.connected(workflow_.storages[spec.output_storage[i]].site, spec.site))
        throw InputError(scenario_.file, 0, 0, "platform.links",
                         "function '" + fdl_fn.name + "' writes to storage on site '" +
                             scenario_.platform.sites[workflow_.storages[spec.output_storage[i]].site].name +
                             "' from site '" + scenario_.platform.sites[spec.site].name + "': add a link between them");
    served[chosen].push_back(static_cast<int>(workflow_.functions.size()));
    workflow_.functions.push_back(std::move(spec));
  }
  if (workflow_.functions.empty())
    throw InputError(scenario_.file, 0, 0, "simulate_only", "no function left to simulate");
  workflow_.check_acyclic(scenario_.fdl_file);

  resolve_replicas(registry, served);
  for (const auto& f : workflow_.functions)
    output_rngs_.push_back(streams_.stream("outputs/" + f.name));
  // Services are created in declaration order; a service with no function still exists
  // (its timeline shows it idle) but costs nothing.
  for (std::size_t s = 0; s < scenario_.services.size(); ++s) {
    const auto& decl = scenario_.services[s];
    const auto& entry = registry.by_kind(decl.kind, decl.config);
    ServiceSetup setup{decl, scenario_, *this, served[s]};
    service_decls_.push_back(&decl);
    services_.push_back(entry.create(setup));
  }
}

Simulation::ServiceMatch Simulation::match_services(const ServiceRegistry& registry, const FdlFunction& fn,
                                                    ServicePredicate ModelEntry::*test) const
{
  ServiceMatch m;
  for (std::size_t s = 0; s < scenario_.services.size(); ++s) {
    const auto& decl = scenario_.services[s];
    const auto& entry = registry.by_kind(decl.kind, decl.config.child(decl.config.node["kind"], "kind"));
    if (!(entry.*test))
      continue;  // the model never plays this role
    std::string why = (entry.*test)(fn, decl);
    if (why.empty()) {
      m.candidates.push_back(decl.name);
      if (m.first < 0)
        m.first = static_cast<int>(s);
    } else {
      m.reasons.push_back(decl.name + ": " + why);
    }
  }
  return m;
}

double Simulation::one_way_latency(int a, int b) const
{
  const LinkSpec* link = a == b ? nullptr : scenario_.platform.link_between(a, b);
  return link ? link->latency_s : 0;
}

void Simulation::resolve_replicas(const ServiceRegistry& registry, std::vector<std::vector<int>>& served)
{
  const std::size_t fdl_functions = workflow_.functions.size();
  for (std::size_t f = 0; f < fdl_functions; ++f) {
    std::vector<Replica> replicas = workflow_.functions[f].fdl.replicas;
    // OSCAR 2.5's DelegateJob: a stable sort by ascending priority (real-systems.md §2.6).
    std::stable_sort(replicas.begin(), replicas.end(),
                     [](const Replica& a, const Replica& b) { return a.priority < b.priority; });
    std::vector<ReplicaTarget> targets;
    for (const auto& rep : replicas) {
      const FunctionSpec& origin = workflow_.functions[f];
      ReplicaTarget t;
      t.priority = rep.priority;
      if (rep.type == "oscar") {
        t.label = "oscar " + rep.cluster_id + "/" + rep.service_name;
        for (std::size_t g = 0; g < fdl_functions; ++g) {
          const auto& fn = workflow_.functions[g].fdl;
          if (fn.provider == FdlFunction::Provider::oscar && fn.cluster_id == rep.cluster_id &&
              fn.name == rep.service_name)
            t.function = static_cast<int>(g);
        }
        if (t.function < 0)
          warnings_.push_back("replica '" + t.label + "' of '" + origin.name + "' (" + scenario_.fdl_file + ":" +
                              std::to_string(rep.line) +
                              ") is no simulated service: delegating to it fails and the next replica is tried");
      } else {
        t.label = rep.url;
        auto e = std::find_if(scenario_.endpoints.begin(), scenario_.endpoints.end(),
                              [&](const EndpointDecl& d) { return d.url == rep.url; });
        if (e == scenario_.endpoints.end()) {
          warnings_.push_back("endpoint replica '" + rep.url + "' of '" + origin.name + "' (" + scenario_.fdl_file +
                              ":" + std::to_string(rep.line) +
                              ") is not under platform.endpoints: delegating to it fails and the next replica is tried");
        } else {
          t.function = endpoint_function(registry, static_cast<int>(f), *e, served);
          t.answer_on_finish = e->synchronous;
        }
      }
      if (t.function >= 0) {
        const FunctionSpec& target = workflow_.functions[t.function];
        t.service = scenario_.services[target.service].name;
        t.one_way_latency_s = one_way_latency(origin.site, target.site);
        for (int in : origin.input_storage)
          if (!scenario_.platform.connected(workflow_.storages[in].site, target.site))
            throw InputError(scenario_.file, 0, 0, "platform.links",
                             "'" + origin.name + "' delegates to replica '" + t.label + "' on site '" +
                                 scenario_.platform.sites[target.site].name +
                                 "', which downloads the input from site '" +
                                 scenario_.platform.sites[workflow_.storages[in].site].name +
                                 "': add a link between them");
      }
      targets.push_back(t);
    }
    workflow_.functions[f].replicas = std::move(targets);
  }
}

int Simulation::endpoint_function(const ServiceRegistry& registry, int origin, const EndpointDecl& endpoint,
                                  std::vector<std::vector<int>>& served)
{
  FunctionSpec copy = workflow_.functions[origin];
  std::string host = endpoint.url;
  if (auto p = host.find("://"); p != std::string::npos)
    host = host.substr(p + 3);
  host = host.substr(0, host.find('/'));
  copy.name = workflow_.functions[origin].name + "@" + host;
  for (std::size_t g = 0; g < workflow_.functions.size(); ++g)
    if (workflow_.functions[g].name == copy.name)
      return static_cast<int>(g);
  int service = -1;
  for (std::size_t s = 0; s < scenario_.services.size(); ++s)
    if (scenario_.services[s].name == endpoint.service)
      service = static_cast<int>(s);
  const ServiceDecl& decl = scenario_.services[service];
  // The endpoint runs the same container as a Lambda function (SCAR's API Gateway integration).
  copy.fdl.provider = FdlFunction::Provider::aws;
  copy.fdl.name = copy.name;
  copy.fdl.execution_mode = "lambda";
  copy.fdl.memory_mb = endpoint.memory_mb;
  copy.fdl.timeout_s = endpoint.timeout_s;
  copy.fdl.region = decl.region.empty() ? copy.fdl.region : decl.region;
  copy.fdl.inputs.clear();
  copy.fdl.replicas.clear();
  copy.input_storage.clear();
  copy.replicas.clear();
  copy.endpoint_copy = true;
  copy.delegate_service = -1;
  const auto& entry = registry.by_kind(decl.kind, decl.config.child(decl.config.node["kind"], "kind"));
  std::string why = entry.serves ? entry.serves(copy.fdl, decl) : "it runs no functions";
  if (!why.empty())
    throw InputError(scenario_.file, endpoint.line, 0, "platform.endpoints",
                     "endpoint '" + endpoint.url + "' names service '" + decl.name + "', which cannot run it: " + why);
  copy.service = service;
  copy.site = decl.site;
  for (int out : copy.output_storage)
    if (!scenario_.platform.connected(workflow_.storages[out].site, copy.site))
      throw InputError(scenario_.file, endpoint.line, 0, "platform.links",
                       "endpoint '" + endpoint.url + "' writes '" + workflow_.functions[origin].name +
                           "''s outputs to storage on site '" +
                           scenario_.platform.sites[workflow_.storages[out].site].name + "': add a link");
  served[service].push_back(static_cast<int>(workflow_.functions.size()));
  workflow_.functions.push_back(std::move(copy));
  return static_cast<int>(workflow_.functions.size() - 1);
}

int Simulation::delegation_target(const ServiceRegistry& registry, const FdlFunction& fn) const
{
  ServiceMatch match = match_services(registry, fn, &ModelEntry::accepts_delegation);
  const auto& reasons = match.reasons;
  const auto& candidates = match.candidates;
  int target = match.first;
  if (target < 0)
    throw InputError(scenario_.fdl_file, fn.line, 0, "execution_mode",
                     "function '" + fn.name + "' has execution_mode " + fn.execution_mode +
                         ", which runs jobs on AWS Batch, but no service in the platform takes them (" +
                         (reasons.empty() ? "add one: `aws-batch: {kind: batch, site: ..., region: " + fn.region + "}`"
                                          : join(reasons)) +
                         ")");
  if (candidates.size() > 1)
    throw InputError(scenario_.file, scenario_.services[target].config.line(), 0, "platform.services",
                     "several services can take function '" + fn.name + "''s Batch jobs (" + join(candidates) +
                         "): give each a distinct region");
  return target;
}

void Simulation::build_workload()
{
  auto entries = workflow_.entry_inputs();
  for (std::size_t i = 0; i < scenario_.workload.size(); ++i) {
    const auto& w = scenario_.workload[i];
    Source src;
    src.spec = &w;
    if (!w.invoke_function.empty()) {
      build_request_source(w, src);
      sources_.push_back(std::move(src));
      continue;
    }
    if (w.path.empty()) {
      std::set<std::pair<int, std::string>> distinct;
      for (auto [f, in] : entries)
        distinct.insert({workflow_.functions[f].input_storage[in], workflow_.functions[f].fdl.inputs[in].path});
      if (distinct.size() != 1)
        throw InputError(scenario_.file, w.line, 0, "workload.to",
                         "the workflow has " + std::to_string(distinct.size()) +
                             " entry inputs: say where this source uploads with `to: {storage_provider, path}`");
      src.storage = distinct.begin()->first;
      src.path = distinct.begin()->second;
    } else {
      src.path = w.path;
      for (std::size_t s = 0; s < workflow_.storages.size(); ++s)
        if (workflow_.storages[s].label == w.storage_label)
          src.storage = static_cast<int>(s);
      if (src.storage < 0)
        throw InputError(scenario_.file, w.line, 0, "workload.to.storage_provider",
                         "storage '" + w.storage_label + "' is used by no simulated function (storages in use: " +
                             [&] {
                               std::vector<std::string> l;
                               for (auto& s : workflow_.storages)
                                 l.push_back(s.label);
                               return join(l);
                             }() + ")");
    }
    src.from_site = workflow_.storages[src.storage].site;
    if (!w.from_site.empty()) {
      src.from_site = scenario_.platform.site_index(w.from_site);
      if (src.from_site < 0)
        throw InputError(scenario_.file, w.line, 0, "workload.from", "unknown site '" + w.from_site + "'");
      if (!scenario_.platform.connected(src.from_site, workflow_.storages[src.storage].site))
        throw InputError(scenario_.file, w.line, 0, "workload.from",
                         "no link between site '" + w.from_site + "' and the storage's site '" +
                             scenario_.platform.sites[workflow_.storages[src.storage].site].name + "'");
    }
    sources_.push_back(std::move(src));
  }
}

void Simulation::build_request_source(const WorkloadSource& w, Source& src)
{
  for (std::size_t f = 0; f < workflow_.functions.size(); ++f)
    if (workflow_.functions[f].name == w.invoke_function && !workflow_.functions[f].endpoint_copy)
      src.function = static_cast<int>(f);
  if (src.function < 0) {
    std::vector<std::string> names;
    for (const auto& fn : workflow_.functions)
      if (!fn.endpoint_copy)
        names.push_back(fn.name);
    throw InputError(scenario_.file, w.line, 0, "workload.invoke.function",
                     "no simulated function '" + w.invoke_function + "' (functions: " + join(names) + ")");
  }
  int site = workflow_.functions[src.function].site;
  src.from_site = site;
  if (!w.from_site.empty()) {
    src.from_site = scenario_.platform.site_index(w.from_site);
    if (src.from_site < 0)
      throw InputError(scenario_.file, w.line, 0, "workload.from", "unknown site '" + w.from_site + "'");
    if (!scenario_.platform.connected(src.from_site, site))
      throw InputError(scenario_.file, w.line, 0, "workload.from",
                       "no link between site '" + w.from_site + "' and the function's site '" +
                           scenario_.platform.sites[site].name + "'");
  }
}

void Simulation::start()
{
  files_ = std::make_unique<OutputDirectory>(out_dir_);
  sinks_ = {files_.get(), summary_.get()};
  for (std::size_t i = 0; i < sources_.size(); ++i) {
    auto& src = sources_[i];
    src.generator = std::make_unique<ArrivalGenerator>(*src.spec, streams_.stream("arrivals/" + src.spec->name),
                                                       scenario_.horizon_s);
    if (src.generator->next(src.next)) {
      ++active_sources_;
      calendar_.at(src.next.t, this, kArrival, i);
    }
  }
  calendar_.at(0, this, kSample, 0);
}

void Simulation::run()
{
  start();
  SimgridDriver driver(scenario_.platform, compute_hosts_, calendar_);
  network_ = &driver;
  driver.run();
  network_ = nullptr;
  finish_outputs();
}

void Simulation::finish_outputs()
{
  for (auto& service : services_)
    service->end_of_run(calendar_.now());
  for (auto* sink : sinks_)
    sink->close();
  sinks_.clear();
  files_.reset();
  for (std::size_t s = 0; s < services_.size(); ++s)
    summary_->add_unattributed_cost(static_cast<int>(s), services_[s]->unattributed_cost_usd());
  nlohmann::ordered_json j;
  j["schema"] = schema::kSummarySchema;
  j["provenance"] = {{"contsim_version", CONTSIM_VERSION},
                     {"git_sha", CONTSIM_GIT_SHA},
                     {"simgrid_version", SimgridDriver::simgrid_version()},
                     {"scenario", scenario_.name},
                     {"scenario_file", scenario_.file},
                     {"fdl_file", scenario_.fdl_file},
                     {"calibration_file", scenario_.calibration_file},
                     {"calibration_files",
                      [&] {
                        std::vector<std::string> files;
                        for (const auto& c : scenario_.calibrations)
                          files.push_back(c.file);
                        return files;
                      }()},
                     {"price_table_file", scenario_.price_table_file},
                     {"content_hash", [&] {
                        char buf[17];
                        std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(scenario_.content_hash));
                        return std::string(buf);
                      }()},
                     {"seed", scenario_.seed},
                     {"overrides", scenario_.overrides_applied}};
  nlohmann::ordered_json results = summary_->to_json();
  for (auto& [k, v] : results.items())
    j[k] = v;
  nlohmann::ordered_json services = nlohmann::ordered_json::object();
  nlohmann::ordered_json parameters = nlohmann::ordered_json::object();
  for (std::size_t s = 0; s < services_.size(); ++s) {
    auto sj = services_[s]->summary();
    sj["kind"] = service_decls_[s]->kind;
    services[service_decls_[s]->name] = sj;
    parameters[service_decls_[s]->name] = services_[s]->parameters();
  }
  parameters["storage"] = storage_params_.to_json();
  j["services"] = services;
  j["dropped_outputs"] = dropped_outputs_;
  j["functions_not_simulated"] = not_simulated_functions_;
  j["fdl_keys_not_simulated"] = scenario_.fdl.not_simulated;
  j["warnings"] = warnings_;
  j["parameters"] = parameters;
  summary_json_ = j;
  std::string path = (out_dir_.empty() ? std::string(".") : out_dir_) + "/summary.json";
  std::ofstream out(path);
  out << j.dump(2) << "\n";
  out.close();
  if (!out)
    throw std::runtime_error("could not write " + path + " completely (disk full?)");
}

Invocation* Simulation::acquire()
{
  Invocation* inv;
  if (free_invocations_.empty()) {
    invocation_storage_.push_back(std::make_unique<Invocation>());
    inv = invocation_storage_.back().get();
  } else {
    inv = free_invocations_.back();
    free_invocations_.pop_back();
  }
  ++in_flight_;
  return inv;
}

void Simulation::release(Invocation* inv)
{
  // Keep string capacities for reuse; reset every field.
  inv->outputs.clear();
  inv->node.clear();
  inv->delegated_to.clear();
  inv->mechanism.clear();
  inv->input.attributes.clear();
  inv->t_start = inv->t_stage_in = inv->t_exec_start = inv->t_exec_end = inv->t_end = inv->t_billed_from = -1;
  inv->parent_id = 0;
  inv->cold_start = false;
  inv->synchronous = false;
  inv->status = InvocationStatus::ok;
  inv->billed_ms = 0;
  inv->cost_usd = 0;
  inv->resume_handler = nullptr;
  inv->pending_transfers = 0;
  inv->model_slot = 0;
  inv->reply = Reply{};
  free_invocations_.push_back(inv);
  --in_flight_;
}

void Simulation::store_file(const FileObject& file)
{
  workflow_.triggered_by(file, trigger_scratch_);
  double latency = workflow_.storages[file.storage].event_latency_s;
  for (int f : trigger_scratch_) {
    Invocation* inv = acquire();
    inv->id = next_id_++;
    inv->function = f;
    inv->service = workflow_.functions[f].service;
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
  const FunctionSpec& fn = workflow_.functions[src.function];
  Invocation* inv = acquire();
  inv->id = next_id_++;
  inv->function = src.function;
  inv->service = fn.service;
  inv->synchronous = src.spec->invoke_sync;
  FileObject& body = inv->input;
  body.storage = -1;
  body.name = std::move(src.next.name);
  body.key = (inv->synchronous ? "run/" : "job/") + fn.name + "/" + body.name;
  body.size_bytes = src.next.size_bytes;
  body.attributes = std::move(src.next.attributes);
  for (auto* sink : sinks_)
    sink->on_upload(calendar_.now(), body.size_bytes);
  network_->transfer(src.from_site, fn.site, body.size_bytes, this, kRequestArrived,
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
  network_->transfer(workflow_.storages[inv->input.storage].site, site, inv->input.size_bytes, this, kStageIn,
                     reinterpret_cast<std::uint64_t>(inv));
}

void Simulation::produce_outputs(Invocation* inv)
{
  dropped_outputs_ += workflow_.make_outputs(inv->function, inv->input, inv->outputs, output_rngs_[inv->function]);
}

void Simulation::stage_out(Invocation* inv, int site, EventHandler* handler, std::uint32_t kind)
{
  inv->resume_handler = handler;
  inv->resume_kind = kind;
  // One extra count held by this loop: transfers may complete re-entrantly, and the
  // invocation must not be resumed (and recycled) while the loop still reads it.
  inv->pending_transfers = static_cast<int>(inv->outputs.size()) + 1;
  for (std::size_t i = 0; i < inv->outputs.size(); ++i) {
    std::size_t slot;
    if (free_stage_out_slots_.empty()) {
      slot = stage_out_slots_.size();
      stage_out_slots_.push_back({inv, i});
    } else {
      slot = free_stage_out_slots_.back();
      free_stage_out_slots_.pop_back();
      stage_out_slots_[slot] = {inv, i};
    }
    network_->transfer(site, workflow_.storages[inv->outputs[i].storage].site, inv->outputs[i].size_bytes, this,
                       kStageOut, slot);
  }
  if (--inv->pending_transfers == 0)
    handler->on_event(kind, reinterpret_cast<std::uint64_t>(inv));
}

void Simulation::finished(Invocation* inv)
{
  // A synchronous endpoint answers when its function ends (API Gateway returns the result);
  // any other target that never answered does so now.
  answer(inv, inv->status == InvocationStatus::ok || inv->status == InvocationStatus::delegated);
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
  for (auto* sink : sinks_)
    sink->on_attempt(r, inv->function, inv->service);
  release(inv);
}

void Simulation::delegate(Invocation* inv, const std::string& mechanism)
{
  const auto& fn = workflow_.functions[inv->function];
  if (fn.delegate_service < 0)
    throw std::logic_error("function " + fn.name + " has no delegation target");
  Invocation* next = acquire();
  next->id = next_id_++;
  next->parent_id = inv->id;
  next->function = inv->function;
  next->service = fn.delegate_service;
  next->input = inv->input;
  next->t_origin = inv->t_origin;
  next->t_trigger = calendar_.now();
  inv->status = InvocationStatus::delegated;
  inv->delegated_to = service_decls_[fn.delegate_service]->name;
  inv->mechanism = mechanism;
  services_[fn.delegate_service]->submit(next);
}

void Simulation::delegate_to_replica(const Invocation& event, int replica, const Reply& reply)
{
  const ReplicaTarget& target = workflow_.functions[event.function].replicas[replica];
  if (target.function < 0) {
    calendar_.at(calendar_.now(), reply.handler, reply.kind_refused, reply.payload);
    return;
  }
  Invocation* next = acquire();
  next->id = next_id_++;
  next->parent_id = event.id;
  next->function = target.function;
  next->service = workflow_.functions[target.function].service;
  next->input = event.input;
  next->t_origin = event.t_origin;
  next->t_trigger = calendar_.now() + target.one_way_latency_s;
  next->reply = reply;
  next->reply.latency_s = target.one_way_latency_s;
  next->reply.on_finish = target.answer_on_finish;
  calendar_.at(next->t_trigger, this, kTrigger, reinterpret_cast<std::uint64_t>(next));
}

void Simulation::answer(Invocation* inv, bool accepted)
{
  if (!inv->reply.handler)
    return;
  Reply r = inv->reply;
  inv->reply = Reply{};
  calendar_.after(r.latency_s, r.handler, accepted ? r.kind_accepted : r.kind_refused, r.payload);
}

int Simulation::add_compute_host(const ComputeHostSpec& spec)
{
  compute_hosts_.push_back(spec);
  return static_cast<int>(compute_hosts_.size() - 1);
}

void Simulation::execute(int host, double work, double max_cores, EventHandler* handler, std::uint32_t kind,
                         std::uint64_t payload)
{
  network_->execute(host, work, max_cores, handler, kind, payload);
}

void Simulation::job_state(const Invocation& inv, const char* state)
{
  for (auto* sink : sinks_)
    sink->on_job_state(inv.id, workflow_.functions[inv.function].name, service_decls_[inv.service]->name, state,
                       calendar_.now());
}

void Simulation::instance_closed(const InstanceRecord& record)
{
  for (auto* sink : sinks_)
    sink->on_instance(record);
}

void Simulation::sample_timeline()
{
  for (std::size_t s = 0; s < services_.size(); ++s) {
    TimelineSample sample = services_[s]->sample();
    for (auto* sink : sinks_)
      sink->on_timeline(calendar_.now(), services_[s]->platform_label(), service_decls_[s]->name, sample);
  }
  bool services_active = false;
  for (const auto& service : services_)
    services_active = services_active || service->active();
  if (in_flight_ > 0 || pending_uploads_ > 0 || active_sources_ > 0 || services_active)
    calendar_.after(scenario_.timeline_interval_s, this, kSample, 0);
}

void Simulation::on_event(std::uint32_t kind, std::uint64_t payload)
{
  switch (kind) {
    case kArrival: {
      auto& src = sources_[payload];
      if (src.function >= 0) {
        send_request(src);
        if (src.generator->next(src.next))
          calendar_.at(std::max(src.next.t, calendar_.now()), this, kArrival, payload);
        else
          --active_sources_;
        break;
      }
      std::size_t slot;
      if (free_uploads_.empty()) {
        slot = uploads_.size();
        uploads_.emplace_back();
      } else {
        slot = free_uploads_.back();
        free_uploads_.pop_back();
      }
      FileObject& file = uploads_[slot];
      file.storage = src.storage;
      file.name = std::move(src.next.name);
      file.key = src.path + "/" + file.name;
      file.size_bytes = src.next.size_bytes;
      file.attributes = std::move(src.next.attributes);
      for (auto* sink : sinks_)
        sink->on_upload(calendar_.now(), file.size_bytes);
      ++pending_uploads_;
      network_->transfer(src.from_site, workflow_.storages[src.storage].site, file.size_bytes, this, kUploaded, slot);
      if (src.generator->next(src.next))
        calendar_.at(std::max(src.next.t, calendar_.now()), this, kArrival, payload);
      else
        --active_sources_;
      break;
    }
    case kUploaded:
      store_file(uploads_[payload]);
      free_uploads_.push_back(payload);
      --pending_uploads_;
      break;
    case kRequestArrived: {  // the request's body has reached the function's site
      auto* inv = reinterpret_cast<Invocation*>(payload);
      inv->t_origin = inv->t_trigger = calendar_.now();
      services_[inv->service]->submit(inv);
      break;
    }
    case kTrigger: {
      auto* inv = reinterpret_cast<Invocation*>(payload);
      // An asynchronous endpoint accepts the request at once (HTTP 200) and runs it later.
      if (inv->reply.handler && !inv->reply.on_finish && workflow_.functions[inv->function].endpoint_copy)
        answer(inv, true);
      services_[inv->service]->submit(inv);
      break;
    }
    case kStageIn: {
      auto* inv = reinterpret_cast<Invocation*>(payload);
      inv->resume_handler->on_event(inv->resume_kind, payload);
      break;
    }
    case kStageOut: {
      StageOutSlot s = stage_out_slots_[payload];
      free_stage_out_slots_.push_back(payload);
      store_file(s.inv->outputs[s.output]);
      if (--s.inv->pending_transfers == 0)
        s.inv->resume_handler->on_event(s.inv->resume_kind, reinterpret_cast<std::uint64_t>(s.inv));
      break;
    }
    case kSample:
      sample_timeline();
      break;
  }
}

} // namespace contsim

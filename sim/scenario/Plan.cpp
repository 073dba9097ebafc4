#include "sim/scenario/Plan.hpp"

#include "sim/core/Error.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <numeric>
#include <set>

namespace contsim {

std::vector<ParamSpec> storage_param_specs()
{
  return {
      {"s3_event_latency_s", 0, "s", "delay from an S3 object being stored to the triggered invocation",
       "assumed 0: no published measurement in docs/spec", 0, 3600, ParamType::seconds},
      {"minio_event_latency_s", 0, "s", "delay from a MinIO object being stored to the webhook call",
       "assumed 0: no published measurement in docs/spec", 0, 3600, ParamType::seconds},
      // A transfer to or from storage over a link costs its bytes plus request round trips
      // (RTT = 2 x the link's latency; none inside a site without a `within:` link, where the
      // measured run time already holds them).
      {"s3_connection_round_trips", 3, "RTT",
       "round trips to open a client's connection to S3, once per stage-in and per run of consecutive outputs "
       "to one provider (the supervisor keeps one boto3 client per provider)",
       "TCP handshake (1) + TLS 1.2 full handshake (2, RFC 5246 section 7.3); S3 is reached over https. "
       "Assumed TLS 1.2: with TLS 1.3 (RFC 8446) it would be 2",
       0, 100},
      {"minio_connection_round_trips", 1, "RTT",
       "round trips to open a client's connection to a MinIO server (as s3_connection_round_trips)",
       "TCP handshake only: OSCAR's in-cluster MinIO endpoint is plain http (http://minio-service.minio:9000 in "
       "grycap/oscar's deployment and faas-supervisor's MinIO provider)",
       0, 100},
      {"request_round_trips", 1.5, "RTT",
       "round trips one GET or PUT costs besides its body's transfer (which carries the one-way latency)",
       "botocore adds `Expect: 100-continue` to a PUT with a body (handlers.add_expect_header): headers out and "
       "100 Continue back (1 RTT), the body, the response back (0.5); a download (s3transfer) is a HeadObject "
       "(1 RTT) then the GetObject request (0.5) before the body",
       0, 100},
  };
}

std::string fdl_storage_id(const StorageIo& io, const FdlFunction& fn)
{
  // An OSCAR service's "minio" without an id is its own cluster's MinIO (OSCAR's default provider).
  if (io.provider_id == "default" && io.provider_type == "minio" && fn.provider == FdlFunction::Provider::oscar)
    return fn.cluster_id;
  return io.provider_id;
}

std::vector<ParamSpec> energy_param_specs()
{
  return {
      {"grid_gco2e_per_kwh", 281, "gCO2e/kWh",
       "greenhouse-gas intensity of the electricity that on-premises nodes and GPU servers draw: summary.json "
       "services.NAME.co2e_g = energy_wh / 1000 x this",
       "EEA indicator IND-353 (2020): EU-27 electricity generation, 281 gCO2e/kWh in 2018 (docs/sources.md, GRID1)", 0,
       5000},
  };
}

namespace {

std::string join(const std::vector<std::string>& v)
{
  std::string s;
  for (const auto& x : v)
    s += (s.empty() ? "" : ", ") + x;
  return s;
}

/// Resolution state: one builder per resolve_plan call.
class PlanBuilder {
public:
  PlanBuilder(const Scenario& scenario, const ModelBindings& bindings) : scenario_(scenario), bindings_(bindings)
  {
    plan_.scenario = &scenario;
    plan_.storage_params = ParameterSet(storage_param_specs());
    plan_.energy_params = ParameterSet(energy_param_specs());
  }
  Plan build()
  {
    check_calibration_keys();
    for (const auto& c : scenario_.calibration_sections("storage"))
      plan_.storage_params.apply(c);
    if (auto p = scenario_.parameter_section("storage"))
      plan_.storage_params.apply(*p);
    for (const auto& c : scenario_.calibration_sections("energy"))
      plan_.energy_params.apply(c);
    if (auto p = scenario_.parameter_section("energy"))
      plan_.energy_params.apply(*p);
    build_workflow();
    build_workload();
    configure_services();
    resolve_remote_gpus();
    return std::move(plan_);
  }

private:
  /// The services whose rule (runs, takes_delegated) covers `fn`, and why the others don't.
  struct ServiceMatch {
    int first = -1;
    std::vector<std::string> candidates;
    std::vector<std::string> reasons;
  };
  void check_calibration_keys() const;
  void build_workflow();
  int resolve_storage(const StorageIo& io, const FdlFunction& fn);
  bool needs_delegation_target(const FdlFunction& fn) const
  {
    for (const auto& b : bindings_.all())
      if (b.takes_delegated && b.takes_delegated->covers_mode(fn))
        return true;
    return false;
  }
  int delegation_target(const FdlFunction& fn) const;
  /// Resolves OSCAR `replicas` against the platform; adds a function per endpoint replica.
  void resolve_replicas(std::vector<std::vector<int>>& served);
  int endpoint_function(int origin, const EndpointDecl& endpoint, std::vector<std::vector<int>>& served);
  double one_way_latency(int site_a, int site_b) const;
  ServiceMatch match_services(const FdlFunction& fn, std::optional<FunctionFilter> ModelBinding::*rule) const;
  void build_workload();
  /// Each service's typed configuration (its model's configure step) and its compute hosts.
  void configure_services();
  void build_request_source(const WorkloadSource& w, PlannedSource& src);
  /// The rCUDA client's variables in each function's FDL environment, against the gpu-servers.
  void resolve_remote_gpus();

  const Scenario& scenario_;
  const ModelBindings& bindings_;
  Plan plan_;
};

void PlanBuilder::check_calibration_keys() const
{
  std::vector<std::string> sections{"storage", "energy", "functions"};
  for (const auto& e : bindings_.all())
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
    // Every profile, used or not: a typo in a profile the scenario does not run today is
    // one it runs tomorrow.
    if (auto functions = cal.optional("functions")) {
      MapReader fr(*functions);
      for (const auto& name : fr.keys())
        FunctionProfile{}.update(functions->child(functions->node[name], name));
    }
  }
  if (scenario_.parameters) {
    MapReader p(*scenario_.parameters);
    for (const auto& s : sections)
      p.optional(s);
    p.finish();
  }
  for (const auto& binding : bindings_.all())
    if (binding.check_calibration)
      binding.check_calibration(scenario_, scenario_.price_table_file);
}

int PlanBuilder::resolve_storage(const StorageIo& io, const FdlFunction& fn)
{
  // The provider's own id first, then its type alone.
  std::string id = fdl_storage_id(io, fn);
  std::vector<std::string> candidates;
  if (id != "default")
    candidates.push_back(io.provider_type + "." + id);
  candidates.push_back(io.provider_type);
  for (const auto& label : candidates)
    for (const auto& decl : scenario_.storage)
      if (decl.label == label) {
        std::string name_space = io.provider_type == "s3" ? "s3" : io.provider_type + "." + id;
        for (std::size_t i = 0; i < plan_.workflow.storages.size(); ++i)
          if (plan_.workflow.storages[i].label == label && plan_.workflow.storages[i].name_space == name_space)
            return static_cast<int>(i);
        StorageProvider sp;
        sp.label = label;
        sp.name_space = name_space;
        sp.site = decl.site;
        bool s3 = io.provider_type == "s3";
        sp.event_latency_s = plan_.storage_params.get(s3 ? "s3_event_latency_s" : "minio_event_latency_s");
        sp.connection_round_trips =
            plan_.storage_params.get(s3 ? "s3_connection_round_trips" : "minio_connection_round_trips");
        sp.request_round_trips = plan_.storage_params.get("request_round_trips");
        plan_.workflow.storages.push_back(sp);
        return static_cast<int>(plan_.workflow.storages.size() - 1);
      }
  throw InputError(scenario_.fdl_file, io.line, 0, "storage_provider",
                   "function '" + fn.name + "' uses storage '" + candidates.front() +
                       "', which the scenario does not place on any site: add `" + candidates.back() +
                       ": {site: ...}` under platform.storage in " + scenario_.file);
}

void PlanBuilder::build_workflow()
{
  auto& served = plan_.served;
  served.assign(scenario_.services.size(), {});
  for (const auto& fdl_fn : scenario_.fdl.functions) {
    if (!scenario_.simulate_only.empty() &&
        std::find(scenario_.simulate_only.begin(), scenario_.simulate_only.end(), fdl_fn.name) ==
            scenario_.simulate_only.end()) {
      plan_.not_simulated_functions.push_back(fdl_fn.name);
      continue;
    }
    FunctionSpec spec;
    spec.name = fdl_fn.name;
    for (const auto& other : scenario_.fdl.functions)
      if (&other != &fdl_fn && other.name == fdl_fn.name)
        spec.name = fdl_fn.name + "@" + fdl_fn.cluster_id;  // replicas: one name on several clusters
    spec.fdl = fdl_fn;
    ServiceMatch match = match_services(fdl_fn, &ModelBinding::runs);
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
    if (needs_delegation_target(fdl_fn)) {
      spec.delegate_service = delegation_target(fdl_fn);
      served[spec.delegate_service].push_back(static_cast<int>(plan_.workflow.functions.size()));
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
    if (!spec.profile.phases.empty() && fdl_fn.provider == FdlFunction::Provider::aws &&
        fdl_fn.execution_mode != "lambda")
      throw InputError(scenario_.calibration_file, 0, 0, "functions." + fdl_fn.name + ".phases",
                       "function '" + fdl_fn.name + "' has phases: they are modelled on OSCAR services and Lambda "
                       "(execution_mode lambda) only; Batch jobs give exec_time / gpu_exec_time");
    if (!found || (!spec.profile.has_exec_time && spec.profile.phases.empty()))
      throw InputError(scenario_.calibration_file, 0, 0, "functions." + fdl_fn.name,
                       "no execution-time profile for function '" + fdl_fn.name +
                           "': add functions." + fdl_fn.name + ".exec_time (or one keyed by its image '" +
                           fdl_fn.image + "') to a calibration file, or to the scenario's parameters.functions." +
                           fdl_fn.name);
    if (!fdl_fn.outputs.empty() && !spec.profile.has_outputs)
      plan_.warnings.push_back("function '" + fdl_fn.name + "' has FDL outputs but its profile declares no `outputs`: "
                          "it emits no files, so nothing downstream of it runs");
    for (std::size_t i = 0; i < fdl_fn.inputs.size(); ++i)
      if (!scenario_.platform.connected(plan_.workflow.storages[spec.input_storage[i]].site, spec.site))
        throw InputError(scenario_.file, 0, 0, "platform.links",
                         "function '" + fdl_fn.name + "' runs on site '" +
                             scenario_.platform.sites[spec.site].name + "' but reads from storage on site '" +
                             scenario_.platform.sites[plan_.workflow.storages[spec.input_storage[i]].site].name +
                             "': add a link between them");
    for (std::size_t i = 0; i < fdl_fn.outputs.size(); ++i)
      if (!scenario_.platform.connected(plan_.workflow.storages[spec.output_storage[i]].site, spec.site))
        throw InputError(scenario_.file, 0, 0, "platform.links",
                         "function '" + fdl_fn.name + "' writes to storage on site '" +
                             scenario_.platform.sites[plan_.workflow.storages[spec.output_storage[i]].site].name +
                             "' from site '" + scenario_.platform.sites[spec.site].name + "': add a link between them");
    served[chosen].push_back(static_cast<int>(plan_.workflow.functions.size()));
    plan_.workflow.functions.push_back(std::move(spec));
  }
  if (plan_.workflow.functions.empty())
    throw InputError(scenario_.file, 0, 0, "simulate_only", "no function left to simulate");
  plan_.workflow.check_acyclic(scenario_.fdl_file);

  resolve_replicas(served);
}

PlanBuilder::ServiceMatch PlanBuilder::match_services(const FdlFunction& fn,
                                                    std::optional<FunctionFilter> ModelBinding::*rule) const
{
  ServiceMatch m;
  for (std::size_t s = 0; s < scenario_.services.size(); ++s) {
    const auto& decl = scenario_.services[s];
    const auto& entry = bindings_.by_kind(decl.kind, decl.config.child(decl.config.node["kind"], "kind"));
    const std::optional<FunctionFilter>& filter = entry.*rule;
    std::string why;
    if (filter)
      why = filter->why_not(fn, decl);
    else if (rule == &ModelBinding::runs)
      why = entry.never_runs;
    else
      continue;  // the model never takes delegated events
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

double PlanBuilder::one_way_latency(int a, int b) const
{
  const LinkSpec* link = scenario_.platform.link_between(a, b);
  return link ? link->latency_s : 0;
}

void PlanBuilder::resolve_replicas(std::vector<std::vector<int>>& served)
{
  const std::size_t fdl_functions = plan_.workflow.functions.size();
  for (std::size_t f = 0; f < fdl_functions; ++f) {
    const std::vector<Replica> declared = plan_.workflow.functions[f].fdl.replicas;
    std::vector<int> by_priority(declared.size());
    std::iota(by_priority.begin(), by_priority.end(), 0);
    // OSCAR 2.5's DelegateJob: a stable sort by ascending priority (real-systems.md §2.6).
    std::stable_sort(by_priority.begin(), by_priority.end(),
                     [&](int a, int b) { return declared[a].priority < declared[b].priority; });
    std::vector<ReplicaTarget> targets;
    for (int d : by_priority) {
      const Replica& rep = declared[d];
      const FunctionSpec& origin = plan_.workflow.functions[f];
      ReplicaTarget t;
      t.priority = rep.priority;
      t.declared = d;
      t.oscar = rep.type == "oscar";
      if (rep.type == "oscar") {
        t.label = "oscar " + rep.cluster_id + "/" + rep.service_name;
        for (std::size_t g = 0; g < fdl_functions; ++g) {
          const auto& fn = plan_.workflow.functions[g].fdl;
          if (fn.provider == FdlFunction::Provider::oscar && fn.cluster_id == rep.cluster_id &&
              fn.name == rep.service_name)
            t.function = static_cast<int>(g);
        }
        if (t.function < 0)
          plan_.warnings.push_back("replica '" + t.label + "' of '" + origin.name + "' (" + scenario_.fdl_file + ":" +
                              std::to_string(rep.line) +
                              ") is no simulated service: delegating to it fails and the next replica is tried");
      } else {
        t.label = rep.url;
        auto e = std::find_if(scenario_.endpoints.begin(), scenario_.endpoints.end(),
                              [&](const EndpointDecl& d) { return d.url == rep.url; });
        if (e == scenario_.endpoints.end()) {
          plan_.warnings.push_back("endpoint replica '" + rep.url + "' of '" + origin.name + "' (" + scenario_.fdl_file +
                              ":" + std::to_string(rep.line) +
                              ") is not under platform.endpoints: delegating to it fails and the next replica is tried");
        } else {
          t.function = endpoint_function(static_cast<int>(f), *e, served);
          t.answer_on_finish = e->synchronous;
        }
      }
      if (t.function >= 0) {
        // endpoint_function may have grown the function list: take the origin anew (a reference
        // kept across that push_back was a use-after-free, found by AddressSanitizer).
        const FunctionSpec& origin = plan_.workflow.functions[f];
        const FunctionSpec& target = plan_.workflow.functions[t.function];
        t.service = scenario_.services[target.service].name;
        t.one_way_latency_s = one_way_latency(origin.site, target.site);
        for (int in : origin.input_storage)
          if (!scenario_.platform.connected(plan_.workflow.storages[in].site, target.site))
            throw InputError(scenario_.file, 0, 0, "platform.links",
                             "'" + origin.name + "' delegates to replica '" + t.label + "' on site '" +
                                 scenario_.platform.sites[target.site].name +
                                 "', which downloads the input from site '" +
                                 scenario_.platform.sites[plan_.workflow.storages[in].site].name +
                                 "': add a link between them");
      }
      targets.push_back(t);
    }
    plan_.workflow.functions[f].replicas = std::move(targets);
  }
}

int PlanBuilder::endpoint_function(int origin, const EndpointDecl& endpoint,
                                  std::vector<std::vector<int>>& served)
{
  FunctionSpec copy = plan_.workflow.functions[origin];
  std::string host = endpoint.url;
  if (auto p = host.find("://"); p != std::string::npos)
    host = host.substr(p + 3);
  host = host.substr(0, host.find('/'));
  copy.name = plan_.workflow.functions[origin].name + "@" + host;
  for (std::size_t g = 0; g < plan_.workflow.functions.size(); ++g)
    if (plan_.workflow.functions[g].name == copy.name)
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
  const auto& entry = bindings_.by_kind(decl.kind, decl.config.child(decl.config.node["kind"], "kind"));
  std::string why = entry.runs ? entry.runs->why_not(copy.fdl, decl) : entry.never_runs;
  if (!why.empty())
    throw InputError(scenario_.file, endpoint.line, 0, "platform.endpoints",
                     "endpoint '" + endpoint.url + "' names service '" + decl.name + "', which cannot run it: " + why);
  copy.service = service;
  copy.site = decl.site;
  for (int out : copy.output_storage)
    if (!scenario_.platform.connected(plan_.workflow.storages[out].site, copy.site))
      throw InputError(scenario_.file, endpoint.line, 0, "platform.links",
                       "endpoint '" + endpoint.url + "' writes '" + plan_.workflow.functions[origin].name +
                           "''s outputs to storage on site '" +
                           scenario_.platform.sites[plan_.workflow.storages[out].site].name + "': add a link");
  served[service].push_back(static_cast<int>(plan_.workflow.functions.size()));
  plan_.workflow.functions.push_back(std::move(copy));
  return static_cast<int>(plan_.workflow.functions.size() - 1);
}

int PlanBuilder::delegation_target(const FdlFunction& fn) const
{
  ServiceMatch match = match_services(fn, &ModelBinding::takes_delegated);
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

void PlanBuilder::build_workload()
{
  auto entries = plan_.workflow.entry_inputs();
  for (std::size_t i = 0; i < scenario_.workload.size(); ++i) {
    const auto& w = scenario_.workload[i];
    PlannedSource src;
    src.spec = &w;
    if (!w.invoke_function.empty()) {
      build_request_source(w, src);
      plan_.sources.push_back(std::move(src));
      continue;
    }
    if (w.path.empty()) {
      std::set<std::pair<int, std::string>> distinct;
      for (auto [f, in] : entries)
        distinct.insert({plan_.workflow.functions[f].input_storage[in], plan_.workflow.functions[f].fdl.inputs[in].path});
      if (distinct.size() != 1)
        throw InputError(scenario_.file, w.line, 0, "workload.to",
                         "the workflow has " + std::to_string(distinct.size()) +
                             " entry inputs: say where this source uploads with `to: {storage_provider, path}`");
      src.storage = distinct.begin()->first;
      src.path = distinct.begin()->second;
    } else {
      src.path = w.path;
      for (std::size_t s = 0; s < plan_.workflow.storages.size(); ++s)
        if (plan_.workflow.storages[s].label == w.storage_label)
          src.storage = static_cast<int>(s);
      if (src.storage < 0)
        throw InputError(scenario_.file, w.line, 0, "workload.to.storage_provider",
                         "storage '" + w.storage_label + "' is used by no simulated function (storages in use: " +
                             [&] {
                               std::vector<std::string> l;
                               for (auto& s : plan_.workflow.storages)
                                 l.push_back(s.label);
                               return join(l);
                             }() + ")");
    }
    src.from_site = plan_.workflow.storages[src.storage].site;
    if (!w.from_site.empty()) {
      src.from_site = scenario_.platform.site_index(w.from_site);
      if (src.from_site < 0)
        throw InputError(scenario_.file, w.line, 0, "workload.from", "unknown site '" + w.from_site + "'");
      if (!scenario_.platform.connected(src.from_site, plan_.workflow.storages[src.storage].site))
        throw InputError(scenario_.file, w.line, 0, "workload.from",
                         "no link between site '" + w.from_site + "' and the storage's site '" +
                             scenario_.platform.sites[plan_.workflow.storages[src.storage].site].name + "'");
    }
    plan_.sources.push_back(std::move(src));
  }
}

void PlanBuilder::build_request_source(const WorkloadSource& w, PlannedSource& src)
{
  for (std::size_t f = 0; f < plan_.workflow.functions.size(); ++f)
    if (plan_.workflow.functions[f].name == w.invoke_function && !plan_.workflow.functions[f].endpoint_copy)
      src.function = static_cast<int>(f);
  if (src.function < 0) {
    std::vector<std::string> names;
    for (const auto& fn : plan_.workflow.functions)
      if (!fn.endpoint_copy)
        names.push_back(fn.name);
    throw InputError(scenario_.file, w.line, 0, "workload.invoke.function",
                     "no simulated function '" + w.invoke_function + "' (functions: " + join(names) + ")");
  }
  int site = plan_.workflow.functions[src.function].site;
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

void PlanBuilder::configure_services()
{
  plan_.site_hosts.assign(scenario_.platform.sites.size(), {});
  for (std::size_t s = 0; s < scenario_.services.size(); ++s) {
    const auto& decl = scenario_.services[s];
    const auto& entry = bindings_.by_kind(decl.kind, decl.config.child(decl.config.node["kind"], "kind"));
    PlannedService ps;
    ps.decl = &decl;
    if (entry.configure) {
      ServiceConfigContext context{decl,
                                   scenario_,
                                   plan_.workflow.functions,
                                   plan_.served[s],
                                   scenario_.fdl_file,
                                   scenario_.billing,
                                   scenario_.price_table_file,
                                   &scenario_.services};
      ps.config = entry.configure(context);
    }
    if (!ps.config)
      ps.config = std::make_shared<ServiceConfig>();
    FdlFunction as_writer;  // storage placement names the service in its messages
    as_writer.name = decl.name;
    for (const auto& io : ps.config->watches)
      ps.watches.push_back(resolve_storage(io, as_writer));
    for (const auto& io : ps.config->writes)
      ps.writes.push_back(resolve_storage(io, as_writer));
    for (const auto& h : ps.config->hosts) {
      int index = static_cast<int>(plan_.hosts.size());
      plan_.hosts.push_back(h);
      ps.hosts.push_back(index);
      plan_.site_hosts[h.site].push_back(index);
    }
    plan_.services.push_back(std::move(ps));
  }
}

void PlanBuilder::resolve_remote_gpus()
{
  for (auto& spec : plan_.workflow.functions) {
    const std::string* device = nullptr;
    const std::string* count = nullptr;
    for (const auto& [name, value] : spec.fdl.environment) {
      if (name == "RCUDA_DEVICE_0")
        device = &value;
      else if (name == "RCUDA_DEVICE_COUNT")
        count = &value;
    }
    if (!device && !count)
      continue;
    auto fail = [&](const std::string& key, const std::string& message) {
      throw InputError(scenario_.fdl_file, spec.fdl.line, 0,
                       "functions." + spec.fdl.name +
                           (spec.fdl.provider == FdlFunction::Provider::aws ? ".container.environment.Variables."
                                                                            : ".environment.variables.") +
                           key,
                       message);
    };
    if (!device)
      fail("RCUDA_DEVICE_COUNT", "RCUDA_DEVICE_COUNT without RCUDA_DEVICE_0: which remote GPU does it use?");
    if (count && *count != "1")
      plan_.warnings.push_back("function '" + spec.name + "' sets RCUDA_DEVICE_COUNT=" + *count +
                               ": only RCUDA_DEVICE_0 is modelled (one remote GPU per function)");
    // rCUDA's syntax: SERVER[@PORT][:GPU]
    std::string server = *device;
    int gpu = 0;
    std::size_t colon = server.rfind(':');
    if (colon != std::string::npos) {
      std::string index = server.substr(colon + 1);
      server.resize(colon);
      bool digits = !index.empty() && index.size() < 5 &&
                    std::all_of(index.begin(), index.end(), [](unsigned char c) { return std::isdigit(c); });
      if (!digits)
        fail("RCUDA_DEVICE_0", "'" + *device + "': expected SERVER[@PORT][:GPU] with GPU a device number");
      gpu = std::stoi(index);
    }
    std::size_t at = server.find('@');
    if (at != std::string::npos)
      server.resize(at);
    int found = -1;
    std::vector<std::string> gpu_servers;
    for (std::size_t s = 0; s < scenario_.services.size(); ++s) {
      if (scenario_.services[s].kind != "gpu-server")
        continue;
      gpu_servers.push_back(scenario_.services[s].name);
      if (scenario_.services[s].name == server)
        found = static_cast<int>(s);
    }
    if (found < 0)
      fail("RCUDA_DEVICE_0", "'" + server + "' is no gpu-server of the platform (" +
                                 (gpu_servers.empty() ? std::string("none declared") : join(gpu_servers)) +
                                 "); the simulator resolves rCUDA server names against platform.services");
    if (gpu >= static_cast<int>(plan_.services[found].hosts.size()))
      fail("RCUDA_DEVICE_0", "'" + *device + "': gpu-server '" + server + "' has " +
                                 std::to_string(plan_.services[found].hosts.size()) + " GPU(s), numbered from 0");
    spec.remote_gpu_service = found;
    spec.remote_gpu_device = gpu;
    if (!spec.profile.phases.uses_gpu())
      plan_.warnings.push_back("function '" + spec.name + "' points to the remote GPU " + *device +
                               " but its profile has no phase with a gpu part: it runs on the CPU");
  }
}

} // namespace

Plan resolve_plan(const Scenario& scenario, const ModelBindings& bindings)
{
  return PlanBuilder(scenario, bindings).build();
}

std::string plan_json(const Plan& plan)
{
  const Scenario& sc = *plan.scenario;
  nlohmann::ordered_json j;
  j["scenario"] = sc.name;
  j["seed"] = sc.seed;
  nlohmann::ordered_json sites = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < sc.platform.sites.size(); ++i) {
    nlohmann::ordered_json hosts = nlohmann::ordered_json::array();
    for (int h : plan.site_hosts[i])
      hosts.push_back({{"name", plan.hosts[h].name}, {"cores", plan.hosts[h].cores}, {"speed", plan.hosts[h].speed}});
    nlohmann::ordered_json site = {{"name", sc.platform.sites[i].name}, {"hosts", hosts}};
    if (const LinkSpec* own = sc.platform.link_between(static_cast<int>(i), static_cast<int>(i)))
      site["link"] = {{"name", own->name}, {"bandwidth_bytes_per_s", own->bandwidth_bytes_per_s},
                      {"latency_s", own->latency_s}};
    sites.push_back(site);
  }
  j["sites"] = sites;
  nlohmann::ordered_json services = nlohmann::ordered_json::array();
  for (std::size_t s = 0; s < sc.services.size(); ++s) {
    std::vector<std::string> fns;
    for (int f : plan.served[s])
      fns.push_back(plan.workflow.functions[f].name);
    services.push_back({{"name", sc.services[s].name},
                        {"kind", sc.services[s].kind},
                        {"site", sc.platform.sites[sc.services[s].site].name},
                        {"functions", fns},
                        {"config", plan.services[s].config->describe()}});
  }
  j["services"] = services;
  nlohmann::ordered_json storages = nlohmann::ordered_json::array();
  for (const auto& st : plan.workflow.storages)
    storages.push_back({{"label", st.label}, {"site", sc.platform.sites[st.site].name}});
  j["storages"] = storages;
  nlohmann::ordered_json functions = nlohmann::ordered_json::array();
  for (const auto& f : plan.workflow.functions) {
    nlohmann::ordered_json fj = {{"name", f.name},
                                 {"service", sc.services[f.service].name},
                                 {"site", sc.platform.sites[f.site].name}};
    if (f.delegate_service >= 0)
      fj["delegates_to"] = sc.services[f.delegate_service].name;
    nlohmann::ordered_json in = nlohmann::ordered_json::array(), out = nlohmann::ordered_json::array();
    for (std::size_t i = 0; i < f.input_storage.size(); ++i)
      in.push_back(plan.workflow.storages[f.input_storage[i]].label + ":" + f.fdl.inputs[i].path);
    for (std::size_t i = 0; i < f.output_storage.size(); ++i)
      out.push_back(plan.workflow.storages[f.output_storage[i]].label + ":" + f.fdl.outputs[i].path);
    fj["inputs"] = in;
    fj["outputs"] = out;
    nlohmann::ordered_json reps = nlohmann::ordered_json::array();
    for (const auto& r : f.replicas)
      reps.push_back({{"label", r.label},
                      {"priority", r.priority},
                      {"function", r.function >= 0 ? plan.workflow.functions[r.function].name : std::string()},
                      {"one_way_latency_s", r.one_way_latency_s}});
    if (!reps.empty())
      fj["replicas"] = reps;
    if (f.endpoint_copy)
      fj["endpoint_copy"] = true;
    functions.push_back(fj);
  }
  j["functions"] = functions;
  nlohmann::ordered_json sources = nlohmann::ordered_json::array();
  for (const auto& src : plan.sources) {
    nlohmann::ordered_json s = {{"name", src.spec->name}, {"from", sc.platform.sites[src.from_site].name}};
    if (src.function >= 0)
      s["invokes"] = plan.workflow.functions[src.function].name;
    else
      s["uploads_to"] = plan.workflow.storages[src.storage].label + ":" + src.path;
    sources.push_back(s);
  }
  j["sources"] = sources;
  j["functions_not_simulated"] = plan.not_simulated_functions;
  j["warnings"] = plan.warnings;
  return j.dump(2) + "\n";
}

} // namespace contsim

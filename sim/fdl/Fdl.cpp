#include "sim/fdl/Fdl.hpp"

#include "sim/core/YamlReader.hpp"

#include <algorithm>
#include <cmath>

namespace contsim {

StorageIo parse_storage_io(const YamlRef& ref)
{
  MapReader r(ref);
  StorageIo io;
  io.line = r.ref().line();
  std::string provider = r.required("storage_provider").as_string();
  auto dot = provider.find('.');
  io.provider_type = provider.substr(0, dot);
  io.provider_id = dot == std::string::npos ? "default" : provider.substr(dot + 1);
  static const char* types[] = {"s3", "minio", "onedata", "webdav", "rucio", "dcache"};
  if (std::find(std::begin(types), std::end(types), io.provider_type) == std::end(types))
    r.ref().child(ref.node["storage_provider"], "storage_provider")
        .fail("unknown storage provider type '" + io.provider_type + "' (valid: s3, minio, onedata, webdav, rucio, dcache)");
  io.path = r.required("path").as_string();
  while (!io.path.empty() && io.path.back() == '/')
    io.path.pop_back();
  if (io.path.empty())
    r.ref().fail("'path' must name at least a bucket");
  if (auto s = r.optional("suffix"))
    io.suffix = s->as_string_list();
  if (auto p = r.optional("prefix"))
    io.prefix = p->as_string_list();
  r.finish();
  return io;
}

namespace {

// Keys that belong to the FDL but have no effect on what contsim simulates.
#define SCAR_LAMBDA_NOT_SIMULATED                                                                                  \
  {"boto_profile", "description", "layers", "invocation_type", "asynchronous", "log_type", "log_level",          \
   "environment", "deployment", "run_script", "extra_payload", "architectures", "vpc", "file_system", "tags",     \
   "handler", "preheat", "supervisor", "api_gateway", "cloudwatch", "iam", "ecr", "config_path"}

#define OSCAR_NOT_SIMULATED                                                                                        \
  {"log_level", "environment", "annotations", "labels", "image_pull_secrets", "expose", "storage_providers",      \
   "clusters", "owner", "vo", "visibility", "allowed_users", "isolation_level", "bucket_list", "mount",           \
   "interlink_node_name", "token", "alpine", "image_prefetch", "enable_sgx", "file_stage_in",                    \
   "total_memory", "total_cpu", "description"}

std::vector<StorageIo> parse_io_list(const YamlRef& ref)
{
  std::vector<StorageIo> out;
  if (ref.node.IsNull())
    return out;
  if (!ref.is_sequence())
    ref.fail("expected a list of {storage_provider, path} entries");
  for (std::size_t i = 0; i < ref.node.size(); ++i)
    out.push_back(parse_storage_io(ref.item(ref.node[i], i)));
  return out;
}

void parse_batch(const YamlRef& ref, BatchSpec& b, std::vector<std::string>& not_simulated)
{
  MapReader r(ref);
  b.present = true;
  if (auto v = r.optional("vcpus"))
    b.vcpus = v->as_non_negative();
  if (auto v = r.optional("memory"))
    b.memory_mib = v->as_non_negative();
  if (auto v = r.optional("enable_gpu"))
    b.enable_gpu = v->as_bool();
  if (auto cr = r.optional("compute_resources")) {
    MapReader c(*cr);
    if (auto v = c.optional("min_v_cpus"))
      b.min_v_cpus = v->as_non_negative();
    if (auto v = c.optional("desired_v_cpus"))
      b.desired_v_cpus = v->as_non_negative();
    if (auto v = c.optional("max_v_cpus"))
      b.max_v_cpus = v->as_non_negative();
    if (auto v = c.optional("instance_types"))
      b.instance_types = v->as_string_list();
    c.ignore({"type", "security_group_ids", "subnets", "launch_template_name", "instance_role"}, &not_simulated);
    c.finish();
  }
  r.ignore({"boto_profile", "region", "state", "type", "environment", "multi_node_parallel", "service_role"},
           &not_simulated);
  r.finish();
}

/// `lambda:` of a current SCAR file, or the whole function of the older map dialect.
void parse_scar_lambda(MapReader& r, FdlFunction& f, std::vector<std::string>& not_simulated)
{
  f.provider = FdlFunction::Provider::aws;
  f.memory_mb = 512;  // SCAR default (cfgfile.py)
  f.line = r.ref().line();
  f.name = r.required("name").as_string();
  if (auto v = r.optional("memory"))
    f.memory_mb = v->as_non_negative();
  if (auto v = r.optional("timeout"))
    f.timeout_s = v->as_non_negative();
  if (auto v = r.optional("execution_mode")) {
    f.execution_mode = v->as_string();
    if (f.execution_mode != "lambda" && f.execution_mode != "lambda-batch" && f.execution_mode != "batch")
      v->fail("execution_mode must be lambda, lambda-batch or batch (found '" + f.execution_mode + "')");
  }
  if (auto v = r.optional("region"))
    f.region = v->as_string();
  if (auto v = r.optional("runtime"))
    f.runtime = v->as_string();
  if (auto v = r.optional("init_script"))
    f.script = v->as_string();
  if (auto v = r.optional("image"))  // older dialect: image directly under the function
    f.image = v->as_string();
  if (auto c = r.optional("container")) {
    MapReader cr(*c);
    if (auto v = cr.optional("image"))
      f.image = v->as_string();
    if (auto v = cr.optional("timeout_threshold"))
      f.timeout_threshold_s = v->as_non_negative();
    // The container's variables reach the user's script (SCAR); the simulator reads rCUDA's
    // (RCUDA_DEVICE_*) from them and lists the key as not simulated all the same.
    if (const YAML::Node env = c->node["environment"]; env.IsMap() && env["Variables"] && env["Variables"].IsMap())
      for (auto it = env["Variables"].begin(); it != env["Variables"].end(); ++it)
        if (it->second.IsScalar())
          f.environment.emplace_back(it->first.as<std::string>(), it->second.as<std::string>());
    cr.ignore({"environment", "image_file", "create_image", "alpine"}, &not_simulated);
    cr.finish();
  }
  if (auto v = r.optional("input"))
    f.inputs = parse_io_list(*v);
  if (auto v = r.optional("output"))
    f.outputs = parse_io_list(*v);
  r.ignore(SCAR_LAMBDA_NOT_SIMULATED, &not_simulated);
}

void parse_aws_item(const YamlRef& ref, FdlDocument& doc)
{
  MapReader item(ref);
  FdlFunction f;
  {
    MapReader l(item.required("lambda"));
    parse_scar_lambda(l, f, doc.not_simulated);
    l.finish();
  }
  if (auto b = item.optional("batch"))
    parse_batch(*b, f.batch, doc.not_simulated);
  item.ignore({"iam", "api_gateway", "cloudwatch", "ecr"}, &doc.not_simulated);
  item.finish();
  doc.functions.push_back(std::move(f));
}

/// Older SCAR dialect: `functions: {NAME: {image, init_script, s3: {input_bucket}, ...}}`.
void parse_legacy_function(const std::string& name, const YamlRef& ref, FdlDocument& doc)
{
  MapReader r(ref);
  FdlFunction f;
  f.provider = FdlFunction::Provider::aws;
  f.name = name;
  f.memory_mb = 512;
  f.line = ref.line();
  if (auto v = r.optional("image"))
    f.image = v->as_string();
  if (auto v = r.optional("init_script"))
    f.script = v->as_string();
  if (auto v = r.optional("memory"))
    f.memory_mb = v->as_non_negative();
  if (auto v = r.optional("timeout"))
    f.timeout_s = v->as_non_negative();
  if (auto v = r.optional("execution_mode"))
    f.execution_mode = v->as_string();
  if (auto s3 = r.optional("s3")) {
    MapReader s(*s3);
    if (auto b = s.optional("input_bucket")) {
      StorageIo io;
      io.provider_type = "s3";
      io.provider_id = "default";
      io.path = b->as_string();
      io.line = b->line();
      f.inputs.push_back(io);
    }
    if (auto b = s.optional("output_bucket")) {
      StorageIo io;
      io.provider_type = "s3";
      io.provider_id = "default";
      io.path = b->as_string();
      io.line = b->line();
      f.outputs.push_back(io);
    }
    s.finish();
  }
  if (auto b = r.optional("batch"))
    parse_batch(*b, f.batch, doc.not_simulated);
  // lambda_environment may hold tokens: accepted, never read.
  r.ignore({"lambda_environment", "api_gateway", "log_level", "region", "environment"}, &doc.not_simulated);
  r.finish();
  doc.notes.push_back("function '" + name + "' uses the older SCAR map syntax (functions: {NAME: ...})");
  doc.functions.push_back(std::move(f));
}

void parse_oscar_service(const std::string& cluster_id, const YamlRef& ref, FdlDocument& doc)
{
  MapReader r(ref);
  FdlFunction f;
  f.provider = FdlFunction::Provider::oscar;
  f.cluster_id = cluster_id;
  f.line = ref.line();
  f.memory_mb = 256;  // OSCAR default "256Mi"
  f.cpu = 0.2;        // OSCAR default "0.2"
  f.name = r.required("name").as_string();
  if (f.name.empty() || f.name.size() > 39)
    r.required("name").fail("an OSCAR service name has 1 to 39 characters");
  if (auto v = r.optional("image"))
    f.image = v->as_string();
  if (auto v = r.optional("script"))
    f.script = v->as_string();
  if (auto v = r.optional("memory")) {
    bool ok = false;
    f.memory_mb = k8s_memory_to_mib(v->as_string(), ok);
    if (!ok)
      v->fail("expected a Kubernetes memory quantity such as 256Mi or 2Gi, found '" + v->as_string() + "'");
  }
  if (auto v = r.optional("cpu")) {
    bool ok = false;
    f.cpu = k8s_cpu_to_cores(v->as_string(), ok);
    if (!ok)
      v->fail("expected a Kubernetes CPU quantity such as '1.0' or 500m, found '" + v->as_string() + "'");
  }
  if (auto v = r.optional("enable_gpu"))
    f.enable_gpu = v->as_bool();
  if (auto v = r.optional("rescheduler_threshold"))
    f.rescheduler_threshold_s = v->as_non_negative();
  if (auto v = r.optional("synchronous")) {  // Knative bounds of the /run path
    MapReader sr(*v);
    for (auto [key, field] : {std::pair{"min_scale", &f.sync_min_scale}, std::pair{"max_scale", &f.sync_max_scale}})
      if (auto n = sr.optional(key)) {
        long long k = n->as_int();
        if (k < 0)
          n->fail(std::string(key) + " must be 0 or more");
        *field = static_cast<int>(k);
      }
    sr.finish();
    if (f.sync_max_scale > 0 && f.sync_min_scale > f.sync_max_scale)
      v->fail("min_scale is above max_scale");
  }
  if (auto v = r.optional("delegation")) {
    f.delegation = v->as_string();
    static const char* modes[] = {"static", "random", "load-based", "topsis"};
    if (std::find(std::begin(modes), std::end(modes), f.delegation) == std::end(modes))
      v->fail("delegation must be static, random, load-based or topsis");
  }
  if (auto reps = r.optional("replicas")) {
    if (!reps->is_sequence())
      reps->fail("expected a list of replicas");
    for (std::size_t i = 0; i < reps->node.size(); ++i) {
      MapReader rr(reps->item(reps->node[i], i));
      Replica rep;
      rep.line = rr.ref().line();
      auto type_ref = rr.required("type");
      rep.type = type_ref.as_string();
      if (rep.type != "oscar" && rep.type != "endpoint")
        type_ref.fail("replica type must be 'oscar' or 'endpoint' (found '" + rep.type + "')");
      if (auto v = rr.optional("cluster_id"))
        rep.cluster_id = v->as_string();
      if (auto v = rr.optional("service_name"))
        rep.service_name = v->as_string();
      if (auto v = rr.optional("url"))
        rep.url = v->as_string();
      if (auto v = rr.optional("priority")) {
        long long p = v->as_int();
        if (p < 0)
          v->fail("priority must be 0 (highest) or more");
        rep.priority = static_cast<unsigned>(p);
      }
      if (rep.type == "oscar" && (rep.cluster_id.empty() || rep.service_name.empty()))
        rr.ref().fail("an 'oscar' replica needs cluster_id and service_name");
      if (rep.type == "endpoint" && rep.url.empty())
        rr.ref().fail("an 'endpoint' replica needs url");
      rr.ignore({"ssl_verify", "headers"}, &doc.not_simulated);
      rr.finish();
      f.replicas.push_back(rep);
    }
  }
  if (auto v = r.optional("input"))
    f.inputs = parse_io_list(*v);
  if (auto v = r.optional("output"))
    f.outputs = parse_io_list(*v);
  // The script's variables: real runs set them (the simulator lists `environment` as not simulated).
  if (const YAML::Node& node = ref.node; node.IsMap() && node["environment"] && node["environment"].IsMap()) {
    const YAML::Node env = node["environment"];
    if (env["variables"] && env["variables"].IsMap())
      for (auto it = env["variables"].begin(); it != env["variables"].end(); ++it)
        if (it->second.IsScalar())
          f.environment.emplace_back(it->first.as<std::string>(), it->second.as<std::string>());
  }
  r.ignore(OSCAR_NOT_SIMULATED, &doc.not_simulated);
  r.finish();
  doc.functions.push_back(std::move(f));
}

void parse_storage_providers(const YamlRef& ref, FdlDocument& doc)
{
  MapReader r(ref);
  static const char* types[] = {"s3", "minio", "onedata", "webdav", "rucio", "dcache"};
  for (const std::string& type : r.keys()) {
    if (std::find(std::begin(types), std::end(types), type) == std::end(types))
      r.ref().child(ref.node[type], type).fail("unknown storage provider type (valid: s3, minio, onedata, webdav, rucio, dcache)");
    YamlRef t = r.ref().child(ref.node[type], type);
    if (t.is_sequence()) {  // older dialect: a list of {name, auth}
      for (std::size_t i = 0; i < t.node.size(); ++i) {
        MapReader p(t.item(t.node[i], i));
        StorageProviderDef def{type, p.required("name").as_string(), "", ""};
        p.ignore({"auth"});
        p.finish();
        doc.storage_providers.push_back(def);
      }
      doc.notes.push_back("storage_providers." + type + " uses the older list syntax");
      continue;
    }
    MapReader ids(t);
    for (const std::string& id : ids.keys()) {
      MapReader p(t.child(t.node[id], id));
      StorageProviderDef def{type, id, "", ""};
      if (auto v = p.optional("region"))
        def.region = v->as_string();
      if (auto v = p.optional("endpoint"))
        def.endpoint = v->as_string();
      if (auto v = p.optional("hostname"))
        def.endpoint = v->as_string();
      if (auto v = p.optional("oneprovider_host"))
        def.endpoint = v->as_string();
      if (auto v = p.optional("host"))
        def.endpoint = v->as_string();
      // Credentials: accepted, never stored or printed.
      p.ignore({"access_key", "secret_key", "token", "login", "password", "refresh_token", "verify", "space",
                "account", "rse", "auth_host", "oidc_audience", "token_endpoint"});
      p.finish();
      doc.storage_providers.push_back(def);
    }
  }
}

} // namespace

std::string StorageIo::bucket() const
{
  return path.substr(0, path.find('/'));
}

bool StorageIo::accepts(const std::string& file_name) const
{
  auto any_prefix = prefix.empty() || std::any_of(prefix.begin(), prefix.end(), [&](const std::string& p) {
                      return file_name.compare(0, p.size(), p) == 0;
                    });
  auto any_suffix = suffix.empty() || std::any_of(suffix.begin(), suffix.end(), [&](const std::string& s) {
                      return file_name.size() >= s.size() &&
                             file_name.compare(file_name.size() - s.size(), s.size(), s) == 0;
                    });
  return any_prefix && any_suffix;
}

const FdlFunction* FdlDocument::find(const std::string& name) const
{
  for (const auto& f : functions)
    if (f.name == name)
      return &f;
  return nullptr;
}

FdlFunction* FdlDocument::find(const std::string& name)
{
  return const_cast<FdlFunction*>(static_cast<const FdlDocument*>(this)->find(name));
}

double k8s_memory_to_mib(const std::string& quantity, bool& ok)
{
  ok = false;
  std::size_t consumed = 0;
  double n = 0;
  try {
    n = std::stod(quantity, &consumed);
  } catch (const std::exception&) {
    return 0;
  }
  std::string unit = quantity.substr(consumed);
  static const std::pair<const char*, double> units[] = {
      {"", 1.0 / 1048576},   {"k", 1e3 / 1048576},  {"M", 1e6 / 1048576},  {"G", 1e9 / 1048576}, {"T", 1e12 / 1048576},
      {"Ki", 1.0 / 1024},    {"Mi", 1},             {"Gi", 1024},          {"Ti", 1048576}};
  for (auto& [name, factor] : units)
    if (unit == name && n >= 0 && std::isfinite(n)) {
      ok = true;
      return n * factor;
    }
  return 0;
}

double k8s_cpu_to_cores(const std::string& quantity, bool& ok)
{
  ok = false;
  std::size_t consumed = 0;
  double n = 0;
  try {
    n = std::stod(quantity, &consumed);
  } catch (const std::exception&) {
    return 0;
  }
  std::string unit = quantity.substr(consumed);
  if (n < 0 || !std::isfinite(n) || (unit != "" && unit != "m"))
    return 0;
  ok = true;
  return unit == "m" ? n / 1000 : n;
}

FdlDocument parse_fdl_file(const std::string& file)
{
  return parse_fdl(load_yaml_file(file), file);
}

FdlDocument parse_fdl(const YAML::Node& node, const std::string& file)
{
  FdlDocument doc;
  doc.file = file;
  YamlRef root{node, file, ""};
  if (!root.node.IsMap())
    root.fail("not an FDL file: expected a map with a top-level 'functions' key");
  MapReader top(root);
  if (!top.has("functions"))
    root.fail("not an FDL file: no top-level 'functions' key (a SCAR function_config.yaml or another "
              "configuration file is not an FDL)");
  YamlRef functions = top.required("functions");
  if (functions.is_sequence())
    functions.fail("'functions' must be a map with 'aws' and/or 'oscar' lists (this list form belongs to "
                   "no released FDL)");
  MapReader fr(functions);
  for (const std::string& key : fr.keys()) {
    YamlRef entry = functions.child(functions.node[key], key);
    if (key == "aws") {
      if (!entry.is_sequence())
        entry.fail("expected a list of functions, each with a 'lambda' section");
      for (std::size_t i = 0; i < entry.node.size(); ++i)
        parse_aws_item(entry.item(entry.node[i], i), doc);
    } else if (key == "oscar") {
      if (!entry.is_sequence())
        entry.fail("expected a list of {CLUSTER_ID: service} entries");
      for (std::size_t i = 0; i < entry.node.size(); ++i) {
        YamlRef item = entry.item(entry.node[i], i);
        MapReader cr(item);
        for (const std::string& cluster : cr.keys())
          parse_oscar_service(cluster, item.child(item.node[cluster], cluster), doc);
      }
    } else if (entry.is_map()) {
      parse_legacy_function(key, entry, doc);
    } else {
      entry.fail("expected 'aws' or 'oscar' under 'functions'");
    }
  }
  if (auto sp = top.optional("storage_providers"))
    parse_storage_providers(*sp, doc);
  if (auto cl = top.optional("clusters")) {
    MapReader c(*cl);
    for (const std::string& id : c.keys()) {
      doc.cluster_ids.push_back(id);
      // Read to be checked, not simulated: OSCAR's Cluster (endpoint, credentials, TLS) and the
      // `memory` its replica examples carry. Credentials are never copied anywhere.
      MapReader entry(cl->child(cl->node[id], id));
      entry.ignore({"endpoint", "auth_user", "auth_password", "memory"});
      if (auto v = entry.optional("ssl_verify"))
        v->as_bool();
      entry.finish();
    }
  }
  top.finish();

  // Names must be unique: the workflow graph and the trace refer to functions by name.
  // (The same OSCAR service name on two clusters is legitimate: replicas.)
  for (std::size_t i = 0; i < doc.functions.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      if (doc.functions[i].name == doc.functions[j].name && doc.functions[i].cluster_id == doc.functions[j].cluster_id)
        throw InputError(file, doc.functions[i].line, 0, "name",
                         "function name '" + doc.functions[i].name + "' is defined twice (first at line " +
                             std::to_string(doc.functions[j].line) + ")");
  std::sort(doc.not_simulated.begin(), doc.not_simulated.end());
  doc.not_simulated.erase(std::unique(doc.not_simulated.begin(), doc.not_simulated.end()), doc.not_simulated.end());
  return doc;
}

} // namespace contsim

#include "sim/scenario/Scenario.hpp"

#include <filesystem>

#include "sim/core/InputFile.hpp"
#include "sim/core/Random.hpp"

#include <fstream>
#include <sstream>

namespace contsim {
namespace {

std::string directory_of(const std::string& file)
{
  auto slash = file.find_last_of('/');
  return slash == std::string::npos ? "." : file.substr(0, slash);
}

std::string resolve(const std::string& dir, const std::string& path)
{
  if (!path.empty() && path[0] == '/')
    return path;
  // "scenarios/paper/../../calibration/x.yaml" → "calibration/x.yaml" in messages and provenance.
  return std::filesystem::path(dir + "/" + path).lexically_normal().string();
}

std::string read_all(const std::string& file)
{
  std::ifstream in(file, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void parse_platform(const YamlRef& ref, Scenario& sc)
{
  MapReader r(ref);
  YamlRef sites = r.required("sites");
  if (!sites.is_sequence() || sites.node.size() == 0)
    sites.fail("expected a non-empty list of site names");
  for (std::size_t i = 0; i < sites.node.size(); ++i) {
    YamlRef s = sites.item(sites.node[i], i);
    std::string name = s.as_string();
    if (sc.platform.site_index(name) >= 0)
      s.fail("site '" + name + "' is listed twice");
    sc.platform.sites.push_back(Site{name, s.line()});
  }
  auto site_ref = [&](const YamlRef& s) {
    std::string name = s.as_string();
    int idx = sc.platform.site_index(name);
    if (idx < 0) {
      std::vector<std::string> names;
      for (auto& x : sc.platform.sites)
        names.push_back(x.name);
      std::string hint = closest_match(name, names);
      s.fail("unknown site '" + name + "'" + (hint.empty() ? "" : "; did you mean '" + hint + "'?"));
    }
    return idx;
  };
  if (auto links = r.optional("links")) {
    if (!links->is_sequence())
      links->fail("expected a list of {between: [A, B], bandwidth, latency} or {within: SITE, bandwidth, latency}");
    for (std::size_t i = 0; i < links->node.size(); ++i) {
      MapReader l(links->item(links->node[i], i));
      LinkSpec spec;
      spec.line = l.ref().line();
      if (auto within = l.optional("within")) {  // the site's own network (LAN)
        if (l.has("between"))
          within->fail("a link is either `between` two sites or `within` one, not both");
        spec.site_a = spec.site_b = site_ref(*within);
        for (const auto& other : sc.platform.links)
          if (other.site_a == spec.site_a && other.site_b == spec.site_a)
            within->fail("site '" + sc.platform.sites[spec.site_a].name + "' already has a `within` link (line " +
                         std::to_string(other.line) + ")");
      } else {
        YamlRef between = l.required("between");
        if (!between.is_sequence() || between.node.size() != 2)
          between.fail("expected two site names");
        spec.site_a = site_ref(between.item(between.node[0], 0));
        spec.site_b = site_ref(between.item(between.node[1], 1));
        if (spec.site_a == spec.site_b)
          between.fail("a link joins two different sites (a site's own network: `within: SITE`)");
      }
      spec.bandwidth_bytes_per_s = l.required("bandwidth").as_bandwidth();
      spec.latency_s = l.required("latency").as_seconds();
      spec.name = spec.site_a == spec.site_b ? sc.platform.sites[spec.site_a].name + "/lan"
                                             : sc.platform.sites[spec.site_a].name + "--" + sc.platform.sites[spec.site_b].name;
      if (auto n = l.optional("name"))
        spec.name = n->as_string();
      l.finish();
      sc.platform.links.push_back(spec);
    }
  }
  YamlRef services = r.required("services");
  MapReader sr(services);
  for (const auto& name : sr.keys()) {
    YamlRef entry = services.child(services.node[name], name);
    if (!entry.is_map())
      entry.fail("expected {kind, site, ...}");
    ServiceDecl d;
    d.name = name;
    d.config = entry;
    MapReader e(entry);  // only the common keys are checked here; the model checks the rest
    d.kind = e.required("kind").as_string();
    d.site = site_ref(e.required("site"));
    if (auto v = e.optional("region"))
      d.region = v->as_string();
    if (auto v = e.optional("cluster_id"))
      d.cluster_id = v->as_string();
    sc.services.push_back(d);
  }
  if (auto endpoints = r.optional("endpoints")) {
    MapReader er(*endpoints);
    for (const auto& url : er.keys()) {
      MapReader e(endpoints->child(endpoints->node[url], url));
      EndpointDecl d;
      d.url = url;
      d.line = e.ref().line();
      YamlRef service = e.required("service");
      d.service = service.as_string();
      bool known = false;
      for (const auto& sd : sc.services)
        known = known || sd.name == d.service;
      if (!known)
        service.fail("no service named '" + d.service + "' under platform.services");
      if (auto v = e.optional("memory")) {
        d.memory_mb = v->as_double();
        if (!(d.memory_mb >= 128 && d.memory_mb <= 10240))
          v->fail("Lambda memory is 128 to 10240 MB");
      }
      if (auto v = e.optional("timeout")) {
        d.timeout_s = v->as_seconds();
        if (!(d.timeout_s > 0 && d.timeout_s <= 900))
          v->fail("Lambda timeout is 1 to 900 s");
      }
      if (auto v = e.optional("synchronous"))
        d.synchronous = v->as_bool();
      e.finish();
      sc.endpoints.push_back(d);
    }
  }
  if (auto storage = r.optional("storage")) {
    MapReader st(*storage);
    for (const auto& label : st.keys()) {
      MapReader s(storage->child(storage->node[label], label));
      StorageDecl d;
      d.label = label;
      d.line = s.ref().line();
      d.site = site_ref(s.required("site"));
      s.finish();
      sc.storage.push_back(d);
    }
  }
  r.finish();
}

} // namespace

std::vector<YamlRef> Scenario::calibration_sections(const std::string& key) const
{
  std::vector<YamlRef> out;
  for (const auto& c : calibrations)
    if (c.root[key])
      out.push_back(YamlRef{c.root[key], c.file, key});
  return out;
}

std::optional<YamlRef> Scenario::calibration_entry(const std::string& section, const std::string& name) const
{
  // Layered files: the last one that has the entry wins, whole (a fitted calibration given
  // after the shipped one replaces its profile of that function).
  std::optional<YamlRef> found;
  for (const auto& layer : calibration_sections(section)) {
    if (!layer.node.IsMap() || !layer.node[name])
      continue;
    found = layer.child(layer.node[name], name);
  }
  return found;
}

std::optional<YamlRef> Scenario::parameter_section(const std::string& key) const
{
  if (!parameters || !parameters->node.IsMap() || !parameters->node[key])
    return std::nullopt;
  return parameters->child(parameters->node[key], key);
}

Scenario load_scenario(const std::string& file, const std::vector<Override>& overrides,
                       const std::vector<std::string>& extra_calibrations)
{
  Scenario sc;
  sc.file = file;
  sc.dir = directory_of(file);
  YAML::Node root = load_yaml_file(file);
  if (!root.IsMap())
    throw InputError(file, 1, 1, "", "a scenario is a YAML map (see scenarios/README.md)");
  for (const auto& o : overrides)
    if (!o.targets_fdl()) {
      apply_scenario_override(root, o);
      sc.overrides_applied.push_back(o.text);
    }
  YamlRef ref{root, file, ""};
  MapReader r(ref);
  if (auto v = r.optional("schema"))
    if (v->as_string() != "contsim-scenario/1")
      v->fail("unsupported schema '" + v->as_string() + "': this contsim reads contsim-scenario/1");
  sc.name = file;
  if (auto v = r.optional("name"))
    sc.name = v->as_string();
  if (auto v = r.optional("description"))
    sc.description = v->as_string();

  YamlRef fdl_ref = r.required("fdl");
  sc.fdl_file = resolve(sc.dir, fdl_ref.as_string());
  YAML::Node fdl_root;
  try {
    check_readable_file(sc.fdl_file, "FDL file '" + sc.fdl_file + "'");
    fdl_root = load_yaml_file(sc.fdl_file);
  } catch (const InputError& e) {
    if (e.line() == 0)
      fdl_ref.fail(e.message());
    throw;
  }
  for (const auto& o : overrides)
    if (o.targets_fdl()) {
      apply_fdl_override(fdl_root, o);
      sc.overrides_applied.push_back(o.text);
    }
  sc.fdl = parse_fdl(fdl_root, sc.fdl_file);

  if (auto v = r.optional("simulate_only")) {
    sc.simulate_only = v->as_string_list();
    for (const auto& name : sc.simulate_only)
      if (!sc.fdl.find(name))
        v->fail("no function named '" + name + "' in " + sc.fdl_file);
  }

  YamlRef cal_list = r.required("calibration");
  std::vector<YamlRef> cal_refs;
  if (cal_list.is_sequence()) {
    if (cal_list.node.size() == 0)
      cal_list.fail("expected a calibration file or a non-empty list of them");
    for (std::size_t i = 0; i < cal_list.node.size(); ++i)
      cal_refs.push_back(cal_list.item(cal_list.node[i], i));
  } else {
    cal_refs.push_back(cal_list);
  }
  // Files given on the command line (--calibration) come after the scenario's own.
  YAML::Node extra_list(YAML::NodeType::Sequence);
  for (const auto& f : extra_calibrations)
    extra_list.push_back(f);
  for (std::size_t i = 0; i < extra_calibrations.size(); ++i)
    cal_refs.push_back(YamlRef{extra_list[i], "--calibration", ""});
  for (const auto& cal_ref : cal_refs) {
    Scenario::CalibrationFile cal;
    cal.file = cal_ref.file == "--calibration" ? cal_ref.as_string() : resolve(sc.dir, cal_ref.as_string());
    for (const auto& other : sc.calibrations)
      if (other.file == cal.file)
        cal_ref.fail("calibration file '" + cal.file + "' is listed twice");
    try {
      check_readable_file(cal.file, "calibration file '" + cal.file + "'");
      cal.root = load_yaml_file(cal.file);
    } catch (const InputError& e) {
      if (e.line() == 0)
        cal_ref.fail(e.message());
      throw;
    }
    if (!cal.root.IsMap())
      throw InputError(cal.file, 1, 1, "", "a calibration file is a YAML map");
    if (YamlRef p{cal.root, cal.file, ""}; p.node["prices"]) {
      std::string prices = resolve(directory_of(cal.file), p.child(p.node["prices"], "prices").as_string());
      if (!sc.price_table_file.empty() && prices != sc.price_table_file)
        p.child(p.node["prices"], "prices")
            .fail("another calibration file names the price table '" + sc.price_table_file +
                  "': name one price table, or set `prices:` in the scenario");
      sc.price_table_file = prices;
    }
    sc.calibrations.push_back(cal);
  }
  sc.calibration_file = sc.calibrations.front().file;
  if (auto v = r.optional("prices"))
    sc.price_table_file = resolve(sc.dir, v->as_string());
  sc.parameters = r.optional("parameters");

  parse_platform(r.required("platform"), sc);

  YamlRef workload = r.required("workload");
  if (!workload.is_sequence() || workload.node.size() == 0)
    workload.fail("expected a list of upload sources (see scenarios/README.md)");
  for (std::size_t i = 0; i < workload.node.size(); ++i)
    sc.workload.push_back(parse_workload_source(workload.item(workload.node[i], i), sc.dir, i));

  if (auto v = r.optional("seed")) {
    long long seed = v->as_int();
    if (seed < 0)
      v->fail("seed must not be negative");
    sc.seed = static_cast<std::uint64_t>(seed);
  }
  if (auto v = r.optional("horizon"))
    sc.horizon_s = v->as_seconds();
  if (auto v = r.optional("runs")) {
    long long n = v->as_int();
    if (n < 1 || n > 10000)
      v->fail("runs must be between 1 and 10000 (the workload is repeated that many times)");
    sc.runs = static_cast<int>(n);
  }
  if (auto v = r.optional("drain_limit"))
    sc.drain_limit_s = v->as_seconds();
  for (std::size_t i = 0; i < sc.workload.size(); ++i)
    if (double n = expected_arrivals(sc.workload[i], sc.horizon_s); n > kMaxArrivalsPerSource)
      throw InputError(file, sc.workload[i].line, 0, "workload[" + std::to_string(i) + "].arrivals",
                       "this source would upload about " + std::to_string(static_cast<double>(n)) +
                           " files (contsim simulates at most 10^9 per source): check its rate, count, durations "
                           "and the scenario's horizon");
  if (auto out = r.optional("output")) {
    MapReader o(*out);
    if (auto v = o.optional("timeline_interval")) {
      sc.timeline_interval_s = v->as_seconds();
      if (!(sc.timeline_interval_s > 0))
        v->fail("timeline_interval must be positive");
    }
    if (auto v = o.optional("trace"))
      if (auto error = parse_trace_mode(v->as_string(), sc.output); !error.empty())
        v->fail(error);
    if (auto v = o.optional("compress"))
      if (auto error = parse_compression(v->as_string(), sc.output); !error.empty())
        v->fail(error);
    if (auto v = o.optional("writer_thread"))
      sc.output.writer_thread = v->as_bool();
    o.finish();
  }
  if (auto b = r.optional("billing")) {
    MapReader br(*b);
    if (auto v = br.optional("request_fees"))
      sc.billing.request_fees = v->as_bool();
    if (auto v = br.optional("free_tier"))
      sc.billing.free_tier = v->as_bool();
    br.finish();
  }
  sc.real = r.optional("real");  // read by `contsim real` (real-runners/README.md)
  if (auto v = r.optional("expect"))
    sc.expectations = parse_expectations(*v);
  r.finish();

  std::string all = read_all(file) + read_all(sc.fdl_file);
  for (const auto& c : sc.calibrations)
    all += read_all(c.file);
  for (const auto& o : sc.overrides_applied)
    all += "\n--set " + o;
  sc.content_hash = stable_hash(all);
  return sc;
}

} // namespace contsim

#include "models/oscar/OscarConfig.hpp"

#include "models/lambda/LambdaParameters.hpp"
#include "sim/policy/NodePlacement.hpp"

namespace contsim::oscar {

using kubernetes::Node;
using kubernetes::NodeCatalog;
using kubernetes::NodeType;
using kubernetes::Resources;

namespace {

/// The layers of one section: calibration files, the scenario's `parameters:`, then the
/// cluster entry's own `parameters: {SECTION: ...}`.
std::vector<YamlRef> layers(const ServiceConfigContext& context, const std::string& section,
                            const std::optional<YamlRef>& entry_parameters)
{
  std::vector<YamlRef> out = context.calibration.calibration_sections(section);
  if (auto p = context.calibration.parameter_section(section))
    out.push_back(*p);
  if (entry_parameters && entry_parameters->node[section])
    out.push_back(entry_parameters->child(entry_parameters->node[section], section));
  return out;
}

} // namespace

std::shared_ptr<const ServiceConfig> OscarConfig::read(const ServiceConfigContext& context)
{
  auto c = std::make_shared<OscarConfig>();
  const ServiceDecl& decl = context.decl;
  MapReader entry(decl.config);
  for (const char* k : {"kind", "site", "cluster_id"})
    entry.optional(k);
  c->settings = OscarSettings::read(entry);
  if (auto v = entry.optional("placement")) {
    c->placement = v->as_string();
    if (!make_node_placement(c->placement))
      v->fail("unknown placement '" + c->placement + "'" + suggest_among(c->placement, node_placement_names()));
  }
  std::optional<YamlRef> entry_parameters = entry.optional("parameters");
  if (entry_parameters) {
    MapReader pr(*entry_parameters);
    for (const char* s : {"kubernetes", "oscar", "clues", "node_types", "gpu"})
      pr.optional(s);
    pr.finish();
  }
  for (const auto& l : layers(context, "kubernetes", entry_parameters))
    c->k8s_params.apply(l);
  for (const auto& l : layers(context, "oscar", entry_parameters))
    c->oscar_params.apply(l);
  for (const auto& l : layers(context, "clues", entry_parameters))
    c->clues_params.apply(l);
  for (const auto& l : layers(context, "gpu", entry_parameters))
    c->gpu_params.apply(l);
  c->local_gpu = read_params(c->gpu_params, gpu::local_gpu_parameter_table());
  std::optional<YamlRef> clues_entry = entry.optional("clues");
  if (clues_entry)
    c->clues_params.apply(*clues_entry);
  NodeCatalog catalog;
  for (const auto& l : layers(context, "node_types", entry_parameters))
    catalog.apply(l);

  c->k8s = read_params(c->k8s_params, kubernetes_parameter_table());
  c->oscar = read_params(c->oscar_params, oscar_parameter_table());
  c->clues_parameters = read_params(c->clues_params, clues_parameter_table());
  const KubernetesParameters& k8s = c->k8s;
  const CluesParameters& clues = c->clues_parameters;
  c->clues.enabled = clues_entry.has_value();
  c->clues.idle_time_s = clues.idle_time_s;
  c->clues.pending_threshold_s = clues.pending_threshold_s;
  c->clues.period_s = clues.period_s;
  c->clues.max_booting_nodes = clues.max_booting_nodes;
  c->clues.min_nodes = clues.min_nodes;
  double default_pull_bytes_per_s = k8s.image_pull_mb_per_s * 1e6;

  // Nodes: an optional front-end (control plane: runs no job), then the working node groups.
  auto make_node = [&](const YamlRef& where, const NodeType& base, const std::string& name, const std::string& group,
                       bool control_plane) {
    Node n;
    n.name = name;
    n.group = group;
    n.type = &base;
    n.control_plane = control_plane;
    double reserved_cpu = base.reserved_cpu >= 0 ? base.reserved_cpu : k8s.system_reserved_cpu;
    double reserved_mib =
        base.reserved_memory_mib >= 0 ? base.reserved_memory_mib : k8s.system_reserved_memory_mb;
    if (base.vcpus <= reserved_cpu || base.memory_mib <= reserved_mib)
      where.fail("node type '" + base.name + "' has no room left after the system reservation (" +
                 std::to_string(reserved_cpu) + " vCPU, " + std::to_string(reserved_mib) + " MiB)");
    n.allocatable = Resources::of(base.vcpus - reserved_cpu, base.memory_mib - reserved_mib, base.gpus);
    n.cpu_speed = base.cpu_speed;
    n.gpu_speed = base.gpu_speed;
    n.pull_bytes_per_s = base.image_pull_bytes_per_s > 0 ? base.image_pull_bytes_per_s : default_pull_bytes_per_s;
    if (!control_plane) {
      n.host = static_cast<int>(c->hosts.size());
      c->hosts.push_back(ComputeHostSpec{decl.name + "/" + name, decl.site, base.vcpus, base.cpu_speed});
    }
    c->energy_modelled = c->energy_modelled || common::has_power_model(base);
    return n;
  };
  // Node types live as long as the configuration: a group's overrides make a type of its own.
  auto resolve_type = [&](MapReader& r, const YamlRef& where) -> const NodeType& {
    YamlRef type_ref = r.required("type");
    const NodeType* t = catalog.find(type_ref.as_string());
    if (!t)
      type_ref.fail("unknown node type '" + type_ref.as_string() + "' (node_types in the calibration: " +
                    catalog.names() + ")");
    c->node_types.push_back(std::make_unique<NodeType>(*t));
    NodeType& own = *c->node_types.back();
    common::read_machine_keys(r, common::MachineKeys::owned, own);  // per-site speed factors etc.
    common::check_machine(own, where);
    return own;
  };
  if (auto fe = entry.optional("front_end")) {
    MapReader r(*fe);
    const NodeType& t = resolve_type(r, *fe);
    r.finish();
    Node n = make_node(*fe, t, "front-end", "front-end", true);
    n.always_on = true;
    c->nodes.push_back(n);
  }
  YamlRef groups = entry.required("nodes");
  if (!groups.is_sequence() || groups.node.size() == 0)
    groups.fail("expected a list of node groups: [{name, type, count}, ...]");
  int working = 0;
  for (std::size_t g = 0; g < groups.node.size(); ++g) {
    YamlRef gref = groups.item(groups.node[g], g);
    MapReader r(gref);
    std::string group = "wn";
    if (auto v = r.optional("name"))
      group = v->as_string();
    long long count = 1;
    if (auto v = r.optional("count")) {
      count = v->as_int();
      if (count < 1)
        v->fail("count must be at least 1");
    }
    const NodeType& t = resolve_type(r, gref);
    r.finish();
    for (long long i = 1; i <= count; ++i) {
      Node n = make_node(gref, t, group + "-" + std::to_string(i), group, false);
      n.always_on = !c->clues.enabled || working < c->clues.min_nodes;
      c->nodes.push_back(n);
      ++working;
    }
  }
  entry.finish();

  ParameterSet lambda_params(lambda::parameter_specs());
  for (const auto& l : context.calibration.calibration_sections("lambda"))
    lambda_params.apply(l);
  c->lambda_mb_per_vcpu = lambda::LambdaParameters::from(lambda_params).mb_per_vcpu;

  kubernetes::Cluster shape;  // the nodes, for the fit check
  shape.nodes = c->nodes;
  for (int f : context.functions) {
    const FunctionSpec& spec = context.workflow[f];
    const FdlFunction& fdl = spec.fdl;
    Resources request = Resources::of(fdl.cpu, fdl.memory_mb, fdl.enable_gpu ? 1 : 0);
    if (request.cpu_m <= 0)
      throw InputError(context.fdl_file, fdl.line, 0, "cpu", "service '" + fdl.name + "' asks for no CPU");
    if (!shape.could_ever_fit(request))
      throw InputError(context.fdl_file, fdl.line, 0, "cpu",
                       "service '" + fdl.name + "' asks for " + std::to_string(fdl.cpu) + " vCPU, " +
                           std::to_string(static_cast<long long>(fdl.memory_mb)) + " MiB" +
                           (fdl.enable_gpu ? " and a GPU" : "") + ", which no node of cluster '" + decl.name +
                           "' has after the system reservation: its jobs would stay Pending forever");
    if (fdl.enable_gpu && !spec.profile.gpu_exec_time && !spec.profile.phases.uses_gpu())
      throw InputError(context.calibration.first_calibration_file(), 0, 0, "functions." + fdl.name + ".gpu_exec_time",
                       "service '" + fdl.name + "' has enable_gpu: its profile needs a gpu_exec_time, or phases "
                       "with a gpu part");
  }
  return c;
}

void OscarConfig::check_calibration(const CalibrationSource& calibration, const std::string&)
{
  ParameterSet k8s{kubernetes_parameter_specs()}, oscar{oscar_parameter_specs()}, clues{clues_parameter_specs()};
  for (const auto& l : calibration.layers("kubernetes"))
    k8s.apply(l);
  for (const auto& l : calibration.layers("oscar"))
    oscar.apply(l);
  for (const auto& l : calibration.layers("clues"))
    clues.apply(l);
  read_params(k8s, kubernetes_parameter_table());
  read_params(oscar, oscar_parameter_table());
  read_params(clues, clues_parameter_table());
  ParameterSet local_gpu{gpu::local_gpu_parameter_specs()};
  for (const auto& l : calibration.layers("gpu"))
    local_gpu.apply(l);
  read_params(local_gpu, gpu::local_gpu_parameter_table());
  NodeCatalog catalog;
  for (const auto& l : calibration.layers("node_types"))
    catalog.apply(l);
}

nlohmann::ordered_json OscarConfig::describe() const
{
  nlohmann::ordered_json nodes_json = nlohmann::ordered_json::array();
  for (const auto& n : nodes)
    nodes_json.push_back({{"name", n.name},
                          {"type", n.type->name},
                          {"control_plane", n.control_plane},
                          {"always_on", n.always_on},
                          {"allocatable_cpu_m", n.allocatable.cpu_m},
                          {"allocatable_memory_kib", n.allocatable.memory_kib},
                          {"gpus", n.allocatable.gpus}});
  return {{"placement", placement}, {"clues", clues.enabled}, {"settings", settings.to_json()}, {"nodes", nodes_json}};
}

} // namespace contsim::oscar

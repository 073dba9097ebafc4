// `kubectl get jobs,pods[,nodes] -o json` (a List). Each finished pod is one invocation:
// t_trigger = its Job's creationTimestamp (the pod's without one), t_start = the PodScheduled
// condition (bound to spec.nodeName), t_exec_start / t_exec_end = the container's
// state.terminated startedAt / finishedAt (so t_exec_start − t_start = image pull + container
// start), t_end = finishedAt. The function is the `oscar_service` label OSCAR puts on its jobs,
// else the job's name. The first pod of an image on a node is marked cold (it pulled the image,
// unless the node had it before the trace). Nodes give registration and Ready times.
#include "sim/core/Error.hpp"
#include "sim/core/YamlStructure.hpp"
#include "traces/import/JsonDocument.hpp"
#include "traces/import/TraceImport.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace contsim::traces {
namespace {

double iso(const YAML::Node& v, const char* key, const std::string& path)
{
  if (!v)
    return kUnknown;
  double t = parse_iso8601(v.as<std::string>(""));
  if (!known(t))
    throw InputError(path, v.Mark().line + 1, v.Mark().column + 1, key,
                     "expected an ISO 8601 time in 2000-2100 such as 2024-03-01T10:00:00Z, found '" +
                         clip(v.as<std::string>("")) + "'");
  return t;
}

double condition_time(const YAML::Node& status, const std::string& type, const std::string& path)
{
  for (const auto& c : status["conditions"])
    if (json_text(c, "type", path) == type && json_text(c, "status", path) == "True")
      return iso(c["lastTransitionTime"], "lastTransitionTime", path);
  return kUnknown;
}

double cpu_quantity(const std::string& q)
{
  if (q.empty())
    return kUnknown;
  if (q.back() == 'm')
    return std::strtod(q.c_str(), nullptr) / 1000.0;
  return std::strtod(q.c_str(), nullptr);
}

double memory_mib(const std::string& q)
{
  if (q.empty())
    return kUnknown;
  char* end = nullptr;
  double v = std::strtod(q.c_str(), &end);
  std::string unit(end);
  static const std::map<std::string, double> units = {{"Ki", 1.0 / 1024}, {"Mi", 1},      {"Gi", 1024},
                                                      {"K", 1e3 / 1048576}, {"M", 1e6 / 1048576},
                                                      {"G", 1e9 / 1048576}, {"", 1.0 / 1048576}};
  auto it = units.find(unit);
  return it == units.end() ? kUnknown : v * it->second;
}

} // namespace

TraceTable import_kubectl(const std::string& path)
{
  YAML::Node doc = load_json_document(path);
  YAML::Node items = doc["items"];
  if (!items.IsSequence())
    throw InputError(path, 1, 0, "items", "expected a list of Kubernetes objects");
  struct JobInfo {
    double created;
    std::string service;
  };
  std::map<std::string, JobInfo> jobs;
  for (const auto& it : items)
    if (json_text(it, "kind", path) == "Job") {
      YAML::Node meta = it["metadata"];
      jobs[json_text(meta, "name", path)] = {iso(meta["creationTimestamp"], "creationTimestamp", path),
                                                json_text(meta["labels"], "oscar_service", path)};
    }
  TraceTable t;
  long long unfinished = 0;
  for (const auto& it : items) {
    std::string kind = json_text(it, "kind", path);
    int line = it.Mark().line + 1;
    YAML::Node meta = it["metadata"];
    if (!meta || !meta["name"])
      throw InputError(path, line, 0, "metadata.name", "a Kubernetes object without a name");
    if (kind == "Node") {
      ObservedNode n;
      n.name = json_text(meta, "name", path);
      n.t_created = iso(meta["creationTimestamp"], "creationTimestamp", path);
      n.t_ready = condition_time(it["status"], "Ready", path);
      n.source = path + ":" + std::to_string(line);
      t.nodes.push_back(n);
      continue;
    }
    if (kind != "Pod")
      continue;
    const YAML::Node status = it["status"];
    const YAML::Node statuses = status["containerStatuses"];
    YAML::Node term;
    if (statuses && statuses.IsSequence() && statuses.size() > 0 && statuses[0]["state"] && statuses[0]["state"]["terminated"])
      term = statuses[0]["state"]["terminated"];
    if (!term || !term.IsMap()) {
      ++unfinished;
      continue;
    }
    ObservedInvocation inv;
    inv.id = json_text(meta, "name", path);
    std::string job = json_text(meta["labels"], "job-name", path);
    auto j = jobs.find(job);
    inv.function = json_text(meta["labels"], "oscar_service", path);
    if (inv.function.empty() && j != jobs.end())
      inv.function = j->second.service;
    if (inv.function.empty())
      inv.function = job.empty() ? inv.id : job;
    inv.platform = "oscar";
    inv.node = json_text(it["spec"], "nodeName", path);
    YAML::Node spec_container = it["spec"]["containers"][0];
    if (spec_container) {
      inv.image = json_text(spec_container, "image", path);
      inv.vcpus = cpu_quantity(json_text(spec_container["resources"]["requests"], "cpu", path));
      inv.memory_mb = memory_mib(json_text(spec_container["resources"]["requests"], "memory", path));
    }
    double created = iso(meta["creationTimestamp"], "creationTimestamp", path);
    inv.t_trigger = j != jobs.end() && known(j->second.created) ? j->second.created : created;
    inv.t_start = condition_time(status, "PodScheduled", path);
    inv.t_exec_start = iso(term["startedAt"], "startedAt", path);
    inv.t_exec_end = inv.t_end = iso(term["finishedAt"], "finishedAt", path);
    if (!known(inv.t_exec_start) || !known(inv.t_end))
      throw InputError(path, term.Mark().line + 1, 0, "state.terminated",
                       "a terminated container needs startedAt and finishedAt");
    if (!known(inv.t_start))
      inv.t_start = inv.t_exec_start;
    if (inv.t_end < inv.t_exec_start || inv.t_start < inv.t_trigger - 1)
      throw InputError(path, line, 0, "status", "pod times out of order (created ≤ scheduled ≤ started ≤ finished)");
    inv.status = term["exitCode"].as<int>(0) == 0 ? "ok" : "failed";
    inv.source = path + ":" + std::to_string(line);
    t.invocations.push_back(std::move(inv));
  }
  // Cold = the first pod of its image on its node.
  std::vector<std::size_t> order(t.invocations.size());
  for (std::size_t i = 0; i < order.size(); ++i)
    order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return t.invocations[a].t_start < t.invocations[b].t_start; });
  std::set<std::pair<std::string, std::string>> seen;
  for (std::size_t i : order) {
    auto& inv = t.invocations[i];
    inv.cold_start = seen.insert({inv.node, inv.image}).second ? 1 : 0;
  }
  if (unfinished > 0)
    t.warnings.push_back(path + ": skipped " + std::to_string(unfinished) + " pods that have not finished");
  if (t.invocations.empty() && t.nodes.empty())
    throw InputError(path, 0, 0, "items", "no finished pod and no node in the list");
  return t;
}

} // namespace contsim::traces

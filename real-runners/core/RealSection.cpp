#include "real-runners/core/RealSection.hpp"

#include <algorithm>
#include <cctype>
#include <cstring>

#include "sim/core/Error.hpp"

#include <filesystem>
#include <set>

namespace contsim::real {

namespace {

/// A file named relative to the scenario's directory, which must exist.
std::string existing_file(const Scenario& scenario, const YamlRef& ref, const std::string& what)
{
  std::filesystem::path p(ref.as_string());
  if (p.is_relative())
    p = std::filesystem::path(scenario.dir) / p;
  if (!std::filesystem::is_regular_file(p))
    ref.fail(what + " '" + p.string() + "' is not a file");
  return p.lexically_normal().string();
}

} // namespace

RealSection RealSection::read(const Scenario& scenario)
{
  if (!scenario.real)
    throw InputError(scenario.file, 0, 0, "real",
                     "the scenario has no `real:` section: it says which local runtime runs each FDL image and how "
                     "each workload source's files are made (real-runners/README.md)");
  RealSection out;
  MapReader r(*scenario.real);
  if (auto v = r.optional("backend")) {
    out.backend = v->as_string();
    if (out.backend != "local")
      v->fail("unknown backend '" + out.backend + "' (backends: local)");
  }
  if (auto v = r.optional("time_scale")) {
    out.time_scale = v->as_double();
    if (!(out.time_scale > 0) || out.time_scale > 1e6)
      v->fail("time_scale must be a positive factor (1: the schedule as written)");
  }
  if (auto v = r.optional("job_timeout")) {
    out.job_timeout_s = v->as_seconds();
    if (!(out.job_timeout_s > 0))
      v->fail("job_timeout must be positive");
  }
  YamlRef images = r.required("images");
  if (!images.node.IsMap())
    images.fail("expected a map: FDL image -> {runtime: process | podman}");
  for (auto it = images.node.begin(); it != images.node.end(); ++it) {
    std::string image = it->first.as<std::string>();
    YamlRef entry = images.child(it->second, image);
    MapReader e(entry);
    ImageRuntime rt;
    YamlRef kind = e.required("runtime");
    std::string k = kind.as_string();
    if (k == "process") {
      rt.kind = ImageRuntime::Kind::process;
    } else if (k == "podman") {
      rt.kind = ImageRuntime::Kind::podman;
      YamlRef name = e.required("image");
      rt.podman_image = name.as_string();
      // An image reference (localhost/contsim-blast, name:tag, name@sha256:...), never an option or a command.
      bool valid = !rt.podman_image.empty() && rt.podman_image.front() != '-' &&
                   std::all_of(rt.podman_image.begin(), rt.podman_image.end(), [](unsigned char c) {
                     return std::isalnum(c) || std::strchr("./:_@-", c) != nullptr;
                   });
      if (!valid)
        name.fail("'" + rt.podman_image + "' is not a podman image reference (letters, digits and ./:_@- only)");
    } else {
      kind.fail("unknown runtime '" + k + "'" + suggest_among(k, {"process", "podman"}));
    }
    e.finish();
    out.images[image] = rt;
  }
  YamlRef inputs = r.required("inputs");
  if (!inputs.node.IsMap())
    inputs.fail("expected a map: workload source -> {command: SCRIPT}");
  std::set<std::string> sources;
  for (const auto& w : scenario.workload)
    sources.insert(w.name);
  for (auto it = inputs.node.begin(); it != inputs.node.end(); ++it) {
    std::string name = it->first.as<std::string>();
    YamlRef entry = inputs.child(it->second, name);
    if (!sources.count(name))
      entry.fail("no workload source named '" + name + "'" +
                 suggest_among(name, std::vector<std::string>(sources.begin(), sources.end())));
    MapReader e(entry);
    std::string command = existing_file(scenario, e.required("command"), "input command");
    e.finish();
    out.inputs[name] = InputRecipe{command};
  }
  if (auto tools = r.optional("tools")) {
    if (!tools->node.IsMap())
      tools->fail("expected a map: tool name -> a command that prints its version");
    for (auto it = tools->node.begin(); it != tools->node.end(); ++it) {
      std::string name = it->first.as<std::string>();
      out.tools[name] = tools->child(it->second, name).as_string();
    }
  }
  if (auto mounts = r.optional("mounts")) {
    if (!mounts->is_sequence())
      mounts->fail("expected a list of directories");
    for (std::size_t i = 0; i < mounts->node.size(); ++i) {
      YamlRef m = mounts->item(mounts->node[i], i);
      std::filesystem::path p(m.as_string());
      if (p.is_relative())
        p = std::filesystem::path(scenario.dir) / p;
      if (!std::filesystem::is_directory(p))
        m.fail("'" + p.string() + "' is not a directory");
      out.mounts.push_back(std::filesystem::absolute(p).lexically_normal().string());
    }
  }
  if (auto lambda = r.optional("as_if_lambda")) {
    MapReader l(*lambda);
    std::string prices = existing_file(scenario, l.required("prices"), "price table");
    auto region = l.optional("region");
    auto architecture = l.optional("architecture");
    l.finish();
    out.as_if_lambda = lambda::PriceTable::load(prices, region ? region->as_string() : "us-east-1",
                                                architecture ? architecture->as_string() : "x86_64");
  }
  r.finish();
  for (const auto& w : scenario.workload)
    if (!out.inputs.count(w.name))
      inputs.fail("workload source '" + w.name + "' has no input command: a real run uploads real files");
  return out;
}

} // namespace contsim::real

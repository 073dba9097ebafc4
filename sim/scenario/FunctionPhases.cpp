#include "sim/scenario/FunctionPhases.hpp"

#include <algorithm>
#include <cctype>

namespace contsim {

double LinearQuantity::value(const Attributes& input) const
{
  double v = constant;
  for (const auto& [name, factor] : per)
    v += factor * attribute(input, name, 0);
  return v;
}

LinearQuantity LinearQuantity::parse(const YamlRef& ref, bool bytes)
{
  auto number = [bytes](const YamlRef& r) {
    double v = bytes ? r.as_bytes() : r.as_double();
    if (!(v >= 0))
      r.fail("must not be negative");
    return v;
  };
  LinearQuantity q;
  if (ref.is_scalar()) {
    q.constant = number(ref);
    return q;
  }
  MapReader r(ref);
  if (auto c = r.optional("constant"))
    q.constant = number(*c);
  if (auto p = r.optional("per")) {
    MapReader pr(*p);
    for (const auto& k : pr.keys())
      q.per.emplace_back(k, number(p->child(p->node[k], k)));
  }
  r.finish();
  return q;
}

bool FunctionPhases::uses_gpu() const
{
  return std::any_of(phases.begin(), phases.end(), [](const FunctionPhase& p) { return p.gpu.has_value(); });
}

void FunctionPhases::update_list(const YamlRef& ref)
{
  phases.clear();
  if (!ref.is_sequence())
    ref.fail("expected a list of phases, each {name, cpu, gpu}");
  if (ref.node.size() == 0)
    ref.fail("a function needs at least one phase (or no `phases:` key)");
  for (std::size_t i = 0; i < ref.node.size(); ++i) {
    MapReader p(ref.item(ref.node[i], i));
    FunctionPhase phase;
    YamlRef name = p.required("name");
    phase.name = name.as_string();
    bool plain = !phase.name.empty() && std::all_of(phase.name.begin(), phase.name.end(), [](unsigned char c) {
      return std::islower(c) || std::isdigit(c) || c == '_' || c == '-';
    });
    if (!plain)
      name.fail("a phase name is lower-case letters, digits, '_' or '-' (it is a column value of phases.csv)");
    for (const auto& other : phases)
      if (other.name == phase.name)
        name.fail("phase '" + phase.name + "' is listed twice");
    YamlRef cpu = p.required("cpu");
    phase.cpu.update(cpu);
    auto vcpu_only = [](const ExecTimeModel& m, const YamlRef& where) {
      if (m.reference_memory_mb > 0)
        where.fail("a phase gives reference_vcpu (the vCPUs it was measured with), not reference_memory_mb");
    };
    vcpu_only(phase.cpu, cpu);
    if (auto g = p.optional("gpu")) {
      MapReader gr(*g);
      GpuWork work;
      if (auto h = gr.optional("host")) {
        work.host.emplace();
        work.host->update(*h);
        vcpu_only(*work.host, *h);
      }
      work.time.update(gr.required("time"));
      if (auto c = gr.optional("calls"))
        work.calls = LinearQuantity::parse(*c, false);
      if (auto b = gr.optional("bytes"))
        work.bytes = LinearQuantity::parse(*b, true);
      gr.finish();
      phase.gpu = std::move(work);
    }
    p.finish();
    phases.push_back(std::move(phase));
  }
}

} // namespace contsim

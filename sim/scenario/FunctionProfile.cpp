#include "sim/scenario/FunctionProfile.hpp"

#include <fmt/format.h>

namespace contsim {

void FunctionProfile::update(const YamlRef& ref)
{
  MapReader r(ref);
  std::optional<YamlRef> exec_ref = r.optional("exec_time");
  if (exec_ref) {
    exec_time.update(*exec_ref);
    has_exec_time = true;
  }
  std::optional<YamlRef> cold_ref = r.optional("cold_exec_time");
  if (cold_ref)
    cold_exec_time = Distribution::parse(*cold_ref);
  // A cold run is the warm run plus the start-up, stretched alike on a smaller CPU: one that is
  // shorter on average than the warm run is a mix-up of the two (SimFaaS rejects it too).
  if ((exec_ref || cold_ref) && cold_exec_time && !exec_time.linear &&
      cold_exec_time->mean() < exec_time.fixed_s + exec_time.base.mean()) {
    (cold_ref ? *cold_ref : *exec_ref)
        .fail(fmt::format("cold_exec_time's mean ({:g} s) is below exec_time's ({:g} s): a cold run "
                          "includes the warm run's work",
                          cold_exec_time->mean(), exec_time.fixed_s + exec_time.base.mean()));
  }
  if (auto v = r.optional("gpu_exec_time")) {
    if (!gpu_exec_time)
      gpu_exec_time.emplace();
    gpu_exec_time->update(*v);
  }
  if (auto v = r.optional("phases")) {
    phases.update_list(*v);
  }
  if (auto v = r.optional("gpu_memory")) {
    phases.gpu_memory_bytes = v->as_bytes();
    if (!(phases.gpu_memory_bytes >= 0))
      v->fail("gpu_memory must not be negative");
  }
  if (auto v = r.optional("image_size"))
    image_size_bytes = v->as_bytes();
  if (auto v = r.optional("source"))
    source = v->as_string();
  r.ignore({"fit"});
  if (auto v = r.optional("outputs")) {
    has_outputs = true;
    outputs.clear();
    if (!v->is_sequence() && !v->node.IsNull())
      v->fail("expected a list of output rules");
    for (std::size_t i = 0; v->is_sequence() && i < v->node.size(); ++i) {
      MapReader o(v->item(v->node[i], i));
      OutputRule rule;
      rule.file = o.ref().file;
      rule.line = o.ref().line();
      if (auto n = o.optional("name"))
        rule.name_template = n->as_string();
      if (auto c = o.optional("count")) {
        if (c->is_map()) {
          MapReader cr(*c);
          rule.count_attribute = cr.required("per_attribute").as_string();
          YamlRef every = cr.required("every");
          rule.count_every = every.as_double();
          if (!(rule.count_every > 0))
            every.fail("'every' must be positive");
          cr.finish();
        } else {
          rule.count_constant = static_cast<double>(c->as_int());
          if (rule.count_constant < 0 || rule.count_constant > kMaxOutputsPerInvocation)
            c->fail("count must be from 0 to 10^6 files per invocation");
        }
      }
      if (auto s = o.optional("size_bytes")) {
        if (s->is_scalar())
          rule.size_bytes = Distribution::constant(s->as_bytes());
        else
          rule.size_bytes = Distribution::parse(*s);
      }
      if (auto a = o.optional("attributes")) {
        MapReader ar(*a);
        for (const auto& k : ar.keys()) {
          YamlRef val = a->child(a->node[k], k);
          std::string text = val.as_string();
          if (text != "copy")
            val.as_double();  // validates
          rule.attributes.emplace_back(k, text);
        }
      }
      o.finish();
      outputs.push_back(rule);
    }
  }
  r.finish();
}

} // namespace contsim

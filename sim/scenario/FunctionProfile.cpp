#include "sim/scenario/FunctionProfile.hpp"

namespace contsim {

void FunctionProfile::update(const YamlRef& ref)
{
  MapReader r(ref);
  if (auto v = r.optional("exec_time")) {
    exec_time.update(*v);
    has_exec_time = true;
  }
  if (auto v = r.optional("cold_exec_time"))
    cold_exec_time = Distribution::parse(*v);
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

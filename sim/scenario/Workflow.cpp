#include "sim/scenario/Workflow.hpp"

#include "sim/core/Error.hpp"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/depth_first_search.hpp>

#include <cmath>

namespace contsim {

bool under(const std::string& key, const std::string& folder)
{
  return key.size() > folder.size() && key.compare(0, folder.size(), folder) == 0 && key[folder.size()] == '/';
}

namespace {

struct BackEdgeFinder : boost::default_dfs_visitor {
  std::pair<int, int>* found;
  template <class Edge, class Graph> void back_edge(Edge e, const Graph& g)
  {
    if (found->first < 0)
      *found = {static_cast<int>(boost::source(e, g)), static_cast<int>(boost::target(e, g))};
  }
};

} // namespace

bool Workflow::writes_to(const FunctionSpec& from, std::size_t output, const FunctionSpec& to, std::size_t input) const
{
  if (storages[from.output_storage[output]].name_space != storages[to.input_storage[input]].name_space)
    return false;
  // A file written under the output path lands under the input path if the output path is
  // the input folder or below it.
  const std::string& out = from.fdl.outputs[output].path;
  const std::string& in = to.fdl.inputs[input].path;
  return out == in || under(out, in);
}

bool Workflow::input_sees(const FunctionSpec& fn, std::size_t input, int storage, const std::string& name_space) const
{
  return fn.input_storage[input] == storage || storages[fn.input_storage[input]].name_space == name_space;
}

void Workflow::triggered_by(const FileObject& file, std::vector<int>& out) const
{
  out.clear();
  const std::string& ns = storages[file.storage].name_space;
  for (std::size_t f = 0; f < functions.size(); ++f) {
    const auto& fn = functions[f];
    for (std::size_t i = 0; i < fn.fdl.inputs.size(); ++i)
      if (input_sees(fn, i, file.storage, ns) && under(file.key, fn.fdl.inputs[i].path)) {
        out.push_back(static_cast<int>(f));
        break;
      }
  }
}

bool Workflow::triggered_by_folder(int storage, std::string_view key_prefix, std::vector<int>& out) const
{
  out.clear();
  const std::string& ns = storages[storage].name_space;
  for (std::size_t f = 0; f < functions.size(); ++f) {
    const auto& fn = functions[f];
    for (std::size_t i = 0; i < fn.fdl.inputs.size(); ++i) {
      if (!input_sees(fn, i, storage, ns))
        continue;
      // under(key, path): the key starts with the path and a slash
      std::string_view path = fn.fdl.inputs[i].path;
      if (path.size() + 1 > key_prefix.size()) {
        if (path.compare(0, key_prefix.size(), key_prefix) == 0)
          return false;  // the path goes on into the names
        continue;        // it differs within the prefix: no name falls under it
      }
      if (key_prefix.compare(0, path.size(), path) == 0 && key_prefix[path.size()] == '/') {
        out.push_back(static_cast<int>(f));
        break;
      }
    }
  }
  return true;
}

void Workflow::check_acyclic(const std::string& fdl_file) const
{
  using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;
  Graph g(functions.size());
  for (std::size_t a = 0; a < functions.size(); ++a)
    for (std::size_t o = 0; o < functions[a].fdl.outputs.size(); ++o)
      for (std::size_t b = 0; b < functions.size(); ++b)
        for (std::size_t i = 0; i < functions[b].fdl.inputs.size(); ++i)
          if (writes_to(functions[a], o, functions[b], i))
            boost::add_edge(a, b, g);
  std::pair<int, int> back{-1, -1};
  BackEdgeFinder visitor;
  visitor.found = &back;
  boost::depth_first_search(g, boost::visitor(visitor));
  if (back.first < 0)
    return;
  const auto& from = functions[back.first];
  const auto& to = functions[back.second];
  for (std::size_t o = 0; o < from.fdl.outputs.size(); ++o)
    for (std::size_t i = 0; i < to.fdl.inputs.size(); ++i)
      if (writes_to(from, o, to, i))
        throw InputError(fdl_file, from.fdl.outputs[o].line, 0, "output",
                         "cycle between buckets: function '" + from.name + "' writes to '" +
                             from.fdl.outputs[o].path + "', which triggers '" + to.name + "' (input '" +
                             to.fdl.inputs[i].path + "', line " + std::to_string(to.fdl.inputs[i].line) +
                             "), whose outputs lead back to '" + from.name +
                             "'. A workflow must not feed its own input");
}

int Workflow::make_outputs(int function, const FileObject& input, std::vector<FileObject>& outputs,
                           RandomEngine& rng) const
{
  const auto& fn = functions[function];
  int dropped = 0;
  for (const auto& rule : fn.profile.outputs) {
    long long count = static_cast<long long>(rule.count_constant);
    if (!rule.count_attribute.empty()) {
      double value = attribute(input.attributes, rule.count_attribute, 0);
      double n = std::floor(value / rule.count_every + 1e-9);
      if (!(n <= kMaxOutputsPerInvocation))
        throw InputError(rule.file, rule.line, 0, "count",
                         "input '" + std::string(input.name()) + "' has " + rule.count_attribute + " = " + std::to_string(value) +
                             ", which gives " + std::to_string(n) + " output files: more than 10^6 per invocation");
      count = n < 0 ? 0 : static_cast<long long>(n);
    }
    std::string name;
    for (long long i = 1; i <= count; ++i) {
      FileObject file;
      rule.name_template.expand(name, input.name(), i);
      file.size_bytes = rule.size_bytes.sample(rng);
      for (const auto& [attr, how] : rule.attributes)
        file.attributes.emplace_back(attr, how == "copy" ? attribute(input.attributes, attr, 0) : std::stod(how));
      bool routed = false;
      for (std::size_t o = 0; o < fn.fdl.outputs.size(); ++o) {
        if (!fn.fdl.outputs[o].accepts(name))
          continue;
        FileObject copy = file;
        copy.storage = fn.output_storage[o];
        copy.set_key(fn.fdl.outputs[o].path, name);
        outputs.push_back(std::move(copy));
        routed = true;
      }
      dropped += routed ? 0 : 1;
    }
  }
  return dropped;
}

std::vector<std::pair<int, int>> Workflow::entry_inputs() const
{
  std::vector<std::pair<int, int>> out;
  for (std::size_t b = 0; b < functions.size(); ++b)
    for (std::size_t i = 0; i < functions[b].fdl.inputs.size(); ++i) {
      bool fed = false;
      for (std::size_t a = 0; a < functions.size() && !fed; ++a)
        for (std::size_t o = 0; o < functions[a].fdl.outputs.size() && !fed; ++o)
          fed = writes_to(functions[a], o, functions[b], i);
      if (!fed)
        out.emplace_back(static_cast<int>(b), static_cast<int>(i));
    }
  return out;
}

} // namespace contsim

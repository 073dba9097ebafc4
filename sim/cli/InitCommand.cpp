#include "sim/cli/InitCommand.hpp"

#include "models/common/MachineType.hpp"
#include "sim/cli/DataDir.hpp"
#include "sim/core/Error.hpp"
#include "sim/core/OutputFile.hpp"
#include "sim/fdl/Fdl.hpp"
#include "sim/scenario/Plan.hpp"
#include "sim/scenario/Workflow.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

namespace contsim {

namespace {

namespace fs = std::filesystem;

// The node catalogs a skeleton's OSCAR clusters choose from (the shipped on-premises files).
const char* kCpuNodes = "calibration/upv-openstack.yaml";
const char* kGpuNodes = "calibration/upv-gpu.yaml";
const char* kCloud = "calibration/aws-us-east-1.yaml";

/// The node types of a shipped calibration file (the catalog reader a run uses), smallest first.
std::vector<common::MachineType> node_types(const std::string& file)
{
  YAML::Node root = load_yaml_file(file);
  common::MachineCatalog catalog(common::MachineKeys::owned, "node type");
  catalog.apply(YamlRef{root["node_types"], file, "node_types"});
  std::vector<common::MachineType> out = catalog.types();
  std::sort(out.begin(), out.end(), [](const common::MachineType& a, const common::MachineType& b) {
    return std::tie(a.vcpus, a.memory_mib, a.name) < std::tie(b.vcpus, b.memory_mib, b.name);
  });
  return out;
}

/// The smallest type whose allocatable share (K1: 0.2 vCPU and 250 MB reserved per node) fits
/// every function of the cluster; the largest when none does (the run then says which does not fit).
const common::MachineType* fitting(const std::vector<common::MachineType>& types, double cpu, double memory_mib,
                                   bool gpu)
{
  const common::MachineType* last = nullptr;
  for (const auto& t : types) {
    if (gpu && t.gpus == 0)
      continue;
    last = &t;
    if (t.vcpus - 0.2 >= cpu && t.memory_mib - 250 >= memory_mib)
      return &t;
  }
  return last;
}

/// The platform.storage label a function's input or output needs (all of S3 is one label).
std::string storage_label(const StorageIo& io, const FdlFunction& fn)
{
  if (io.provider_type == "s3")
    return "s3";
  std::string id = fdl_storage_id(io, fn);
  return id == "default" ? io.provider_type : io.provider_type + "." + id;
}

std::string quoted(const std::string& s)
{
  std::string out = "\"";
  for (char c : s)
    out += (c == '"' || c == '\\') ? std::string("\\") + c : std::string(1, c);
  return out + "\"";
}

std::string number(double v)
{
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

/// A file name that passes the input's prefix and suffix filters.
std::string input_name(const StorageIo& in)
{
  std::string prefix = in.prefix.empty() ? "" : in.prefix.front();
  std::string suffix = in.suffix.empty() ? ".dat" : in.suffix.front();
  return prefix + "input-{i}" + suffix;
}

/// The rCUDA server a function's environment names (RCUDA_DEVICE_0 = SERVER[@PORT][:GPU]), or "".
std::string rcuda_server(const FdlFunction& fn)
{
  for (const auto& [key, value] : fn.environment)
    if (key == "RCUDA_DEVICE_0")
      return value.substr(0, value.find_first_of("@:"));
  return "";
}

std::string site_of(const FdlFunction& fn)
{
  return fn.provider == FdlFunction::Provider::aws ? "aws-" + fn.region : fn.cluster_id;
}

std::string relative(const std::string& target, const std::string& from_dir)
{
  std::error_code ec;
  fs::path rel = fs::relative(fs::absolute(target), fs::absolute(from_dir.empty() ? "." : from_dir), ec);
  // Far above the scenario (another tree altogether) an absolute path reads better.
  bool far = rel.string().rfind("../../../", 0) == 0;
  return ec || rel.empty() || far ? fs::absolute(target).lexically_normal().string() : rel.string();
}

} // namespace

std::string scenario_skeleton(const std::string& fdl_file, const std::string& scenario_dir)
{
  FdlDocument fdl = parse_fdl_file(fdl_file);
  if (fdl.functions.empty())
    throw InputError(fdl_file, 1, 0, "functions", "no function to simulate: the FDL lists none under functions.aws or functions.oscar");
  const std::string data = data_dir();
  std::ostringstream y;
  std::string stem = fs::path(fdl_file).stem().string();
  if (stem == "fdl")  // OSCAR hub crates name every file fdl.yml: the folder says what it is
    stem = fs::absolute(fdl_file).parent_path().filename().string();

  // Sites, services and clusters, in the FDL's order.
  std::vector<std::string> regions, clusters, gpu_servers;
  bool batch = false, gpu_cluster = false, oscar = false;
  std::map<std::string, double> cluster_cpu, cluster_mem;
  std::map<std::string, bool> cluster_gpu;
  for (const auto& fn : fdl.functions) {
    if (std::string server = rcuda_server(fn);
        !server.empty() && std::find(gpu_servers.begin(), gpu_servers.end(), server) == gpu_servers.end())
      gpu_servers.push_back(server);
    if (fn.provider == FdlFunction::Provider::aws) {
      if (std::find(regions.begin(), regions.end(), fn.region) == regions.end())
        regions.push_back(fn.region);
      batch |= fn.execution_mode != "lambda" || fn.batch.present;
    } else {
      oscar = true;
      if (std::find(clusters.begin(), clusters.end(), fn.cluster_id) == clusters.end())
        clusters.push_back(fn.cluster_id);
      cluster_cpu[fn.cluster_id] = std::max(cluster_cpu[fn.cluster_id], fn.cpu);
      cluster_mem[fn.cluster_id] = std::max(cluster_mem[fn.cluster_id], fn.memory_mb);
      cluster_gpu[fn.cluster_id] = cluster_gpu[fn.cluster_id] || fn.enable_gpu;
      gpu_cluster |= fn.enable_gpu;
    }
  }
  // Storages named by inputs and outputs, placed where their function runs.
  std::vector<std::pair<std::string, std::string>> storages;  // label, site
  auto place = [&](const std::string& label, const std::string& site) {
    for (const auto& [l, s] : storages)
      if (l == label)
        return;
    storages.emplace_back(label, site);
  };
  for (const auto& fn : fdl.functions)
    for (const auto* list : {&fn.inputs, &fn.outputs})
      for (const auto& io : *list) {
        std::string label = storage_label(io, fn);
        place(label, label == "s3" ? (regions.empty() ? std::string("aws-us-east-1") : "aws-" + regions.front())
                                   : label.rfind("minio.", 0) == 0 ? label.substr(6) : site_of(fn));
      }
  std::vector<std::string> sites{"client"};
  auto add_site = [&](const std::string& s) {
    if (std::find(sites.begin(), sites.end(), s) == sites.end())
      sites.push_back(s);
  };
  for (const auto& r : regions)
    add_site("aws-" + r);
  for (const auto& c : clusters)
    add_site(c);
  for (const auto& [label, site] : storages)
    add_site(site);
  for (const auto& g : gpu_servers)
    add_site(g);

  std::vector<std::string> calibrations;
  if (!regions.empty() || std::any_of(storages.begin(), storages.end(), [](auto& s) { return s.first == "s3"; }))
    calibrations.push_back(kCloud);
  if (oscar)
    calibrations.push_back(kCpuNodes);
  if (gpu_cluster || !gpu_servers.empty())
    calibrations.push_back(kGpuNodes);
  if (calibrations.empty())
    calibrations.push_back(kCloud);

  y << "# A scenario for " << fdl_file << ", written by `contsim init`.\n"
    << "# Fill in every TODO (grep -n TODO), then: contsim run THIS_FILE -o out/" << stem << "\n"
    << "# Values marked \"assumed by contsim init\" are defaults to check against your platform.\n"
    << "# The format: scenarios/README.md in contsim's sources (contsim run --help).\n"
    << "schema: contsim-scenario/1\n"
    << "name: " << stem << "\n"
    << "description: " << quoted("what-if for " + fs::path(fdl_file).filename().string() + " (edit me)") << "\n"
    << "fdl: " << relative(fdl_file, scenario_dir) << "\n"
    << "calibration:                    # shared model parameters; later files override earlier ones\n";
  for (const auto& c : calibrations)
    y << "  - " << relative(data + "/" + c, scenario_dir) << "\n";

  y << "\nplatform:\n  sites: [";
  for (std::size_t i = 0; i < sites.size(); ++i)
    y << (i ? ", " : "") << sites[i];
  y << "]\n  links:                        # assumed by contsim init: your uplink, and the links between sites\n";
  for (std::size_t i = 0; i < sites.size(); ++i)
    for (std::size_t j = i + 1; j < sites.size(); ++j)
      y << "    - {between: [" << sites[i] << ", " << sites[j] << "], "
        << (i == 0 ? "bandwidth: 100Mbps, latency: 40ms" : "bandwidth: 1Gbps, latency: 10ms") << "}\n";
  y << "  services:\n";
  for (const auto& r : regions) {
    y << "    aws-lambda" << (regions.size() > 1 ? "-" + r : "") << ": {kind: lambda, site: aws-" << r << ", region: " << r
      << "}\n";
    if (batch)
      y << "    aws-batch" << (regions.size() > 1 ? "-" + r : "") << ": {kind: batch, site: aws-" << r << ", region: " << r
        << "}   # runs the SCAR batch / lambda-batch jobs\n";
  }
  for (const auto& c : clusters) {
    bool gpu = cluster_gpu[c];
    std::vector<common::MachineType> types = node_types(data + "/" + (gpu ? kGpuNodes : kCpuNodes));
    const common::MachineType* t = fitting(types, cluster_cpu[c], cluster_mem[c], gpu);
    std::string type = t ? t->name : "TODO";
    std::string catalog;
    for (const auto& x : types)
      catalog += (catalog.empty() ? "" : ", ") + x.name;
    y << "    oscar-" << c << ":\n"
      << "      kind: oscar\n"
      << "      site: " << c << "\n"
      << "      cluster_id: " << c << "            # the FDL's functions.oscar key\n"
      << "      front_end: {type: " << type << "}\n"
      << "      # assumed by contsim init: the smallest node type of " << (gpu ? kGpuNodes : kCpuNodes)
      << " that fits the largest\n      #   function (" << catalog << "); or your own node_types: in a calibration file\n"
      << "      nodes: [{name: wn, type: " << type << ", count: 3}]   # assumed by contsim init: 3 working nodes\n"
      << "      # clues: {min_nodes: 1}       # CLUES elasticity: nodes powered on and off (absent: always on)\n";
  }
  for (const auto& g : gpu_servers)
    y << "    " << g << ":                    # the rCUDA server RCUDA_DEVICE_0 names\n"
      << "      kind: gpu-server\n      site: " << g << "\n"
      << "      gpu_model: Tesla V100 32GB      # assumed by contsim init (" << kGpuNodes << " gpu_models)\n"
      << "      gpus: 1                         # assumed by contsim init\n";
  y << "  storage:\n";
  for (const auto& [label, site] : storages)
    y << "    " << label << ": {site: " << site << "}\n";

  // Function profiles: what only the user knows is a TODO.
  y << "\nparameters:\n  functions:                    # a profile per function (scenarios/README.md, \"Function profiles\")\n";
  std::set<std::string> profiled;
  for (const auto& fn : fdl.functions) {
    if (!profiled.insert(fn.name).second)
      continue;  // OSCAR replicas share a name: one profile
    bool on_lambda = fn.provider == FdlFunction::Provider::aws && fn.execution_mode == "lambda";
    std::string reference =
        on_lambda ? "reference_memory_mb: " + number(fn.memory_mb)
                  : "reference_vcpu: " +
                        number(fn.provider == FdlFunction::Provider::oscar ? (fn.cpu > 0 ? fn.cpu : 1) : fn.batch.vcpus);
    y << "    " << fn.name << ":                    # image " << fn.image << "\n"
      << "      source: " << quoted("TODO: where these figures come from (a measurement, a paper, contsim calibrate)") << "\n";
    // Phases give vCPUs; a Lambda's are its memory's share (1,769 MB per vCPU, AWS's rule).
    std::string phase_reference =
        on_lambda ? "reference_vcpu: " + number(std::round(fn.memory_mb / 1769.0 * 1000) / 1000) : reference;
    if (!rcuda_server(fn).empty()) {
      // A remote GPU is reached only through phases with a GPU part (scenarios/README.md, "GPUs, rCUDA and phases").
      y << "      phases:                     # the run through rCUDA: CPU and GPU parts\n"
        << "        - name: compute\n"
        << "          cpu: {seconds: {type: constant, value: TODO}, " << phase_reference << "}   # TODO: seconds without a GPU\n"
        << "          gpu:\n"
        << "            host: {seconds: {type: constant, value: TODO}, " << phase_reference << "}   # TODO: CPU seconds beside the GPU\n"
        << "            time: {seconds: {type: constant, value: TODO}, reference_gpu_speed: 1}   # TODO: GPU seconds\n"
        << "            calls: TODO             # TODO: synchronous CUDA calls\n"
        << "            bytes: TODO             # TODO: bytes between host and GPU, e.g. 300MB\n"
        << "      gpu_memory: TODO            # TODO: what it allocates on the GPU, e.g. 2GiB\n";
    } else {
      y << "      exec_time:\n"
        << "        seconds: {type: constant, value: TODO}   # TODO: the script's run time per input, in seconds (or a\n"
        << "        #   distribution: exponential/normal/lognormal/gamma/...; or linear: in an input attribute)\n"
        << "        " << reference << "   # where it was measured (the FDL's " << (on_lambda ? "memory" : "cpu") << ")\n";
    }
    if (fn.enable_gpu || fn.batch.enable_gpu)
      y << "      gpu_exec_time:              # on the node's GPU (enable_gpu)\n"
        << "        seconds: {type: constant, value: TODO}   # TODO: the run time on a GPU\n"
        << "        reference_gpu_speed: 1    # the measuring GPU's speed (1 = Tesla M60)\n";
    y << "      image_size: TODO            # TODO: the container image's size, e.g. 500MB (pulled on a cold start)\n";
    if (!fn.outputs.empty()) {
      y << "      outputs:                    # files per input, routed to the FDL's outputs\n";
      for (const auto& out : fn.outputs) {
        std::string prefix = out.prefix.empty() ? "" : out.prefix.front();
        std::string suffix = out.suffix.empty() ? "{ext}" : out.suffix.front();
        y << "        - {name: " << quoted(prefix + "{stem}-out" + suffix)
          << ", size_bytes: TODO}   # TODO: the output's size, e.g. 1MB (to " << out.path << ")\n";
      }
    }
  }

  // One source per entry input: paths no function writes to.
  Workflow wf;
  for (const auto& fn : fdl.functions) {
    FunctionSpec spec;
    spec.name = fn.name;
    spec.fdl = fn;
    for (const auto* list : {&fn.inputs, &fn.outputs})
      for (const auto& io : *list) {
        std::string label = storage_label(io, fn);
        int index = -1;
        for (std::size_t i = 0; i < wf.storages.size(); ++i)
          if (wf.storages[i].label == label)
            index = static_cast<int>(i);
        if (index < 0) {
          StorageProvider sp;
          sp.label = label;
          sp.name_space = label;
          wf.storages.push_back(sp);
          index = static_cast<int>(wf.storages.size() - 1);
        }
        (list == &fn.inputs ? spec.input_storage : spec.output_storage).push_back(index);
      }
    wf.functions.push_back(spec);
  }
  y << "\nworkload:                       # one upload source per entry input\n";
  std::set<std::string> entry_paths;
  int sources = 0;
  for (const auto& [f, i] : wf.entry_inputs()) {
    const FdlFunction& fn = wf.functions[f].fdl;
    const StorageIo& in = fn.inputs[i];
    std::string label = storage_label(in, fn);
    if (!entry_paths.insert(label + "/" + in.path).second)
      continue;  // replicas of one service watch the same path
    ++sources;
    y << "  - name: " << fn.name << "-inputs\n"
      << "    from: client\n"
      << "    to: {storage_provider: " << label << ", path: " << in.path << "}\n"
      << "    file: {name: " << quoted(input_name(in)) << ", size_bytes: TODO}   # TODO: an input file's size, e.g. 2MB\n"
      << "    arrivals:                     # or poisson: {rate_per_s: R, count: N}, or csv: FILE\n"
      << "      schedule: [{at_s: 0, count: TODO}]   # TODO: how many files are uploaded at once\n";
  }
  if (sources == 0)
    y << "  - name: requests                # TODO: the FDL has no input path; say where files arrive\n"
      << "    invoke: {function: " << fdl.functions.front().name << ", mode: async}\n"
      << "    file: {name: \"input-{i}.dat\", size_bytes: TODO}\n"
      << "    arrivals:\n      schedule: [{at_s: 0, count: TODO}]\n";
  y << "\nseed: 1\n"
    << "# expect:                       # bounds for CI: exit 1 when one breaks (scenarios/README.md, \"Expectations\")\n"
    << "#   cost_usd: {max: 1.0}\n";
  return y.str();
}

int run_init(const InitOptions& o)
{
  std::string out = o.output;
  if (out.empty()) {
    std::string stem = fs::path(o.fdl).stem().string();
    if (stem == "fdl")
      stem = fs::absolute(o.fdl).parent_path().filename().string();
    out = stem + ".scenario.yaml";
  }
  if (fs::exists(out))
    throw InputError("-o", 0, 0, "", out + " exists: contsim init never overwrites a file (remove it or choose another -o)");
  std::string dir = fs::path(out).parent_path().string();
  if (!dir.empty())
    fs::create_directories(dir);
  std::string text = scenario_skeleton(o.fdl, dir);
  write_file_atomically(out, text);
  long long todos = 0;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);)
    todos += line.find("TODO") != std::string::npos;
  std::cout << "init: " << out << " (" << todos << " lines with a TODO: grep -n TODO " << out
            << "; fill them in, then contsim run " << out << ")\n";
  return 0;
}

} // namespace contsim

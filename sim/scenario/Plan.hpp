// A scenario resolved once, before any engine exists: which service runs each function (from
// the models' declarative binding rules), where its storage is, the replicas and endpoint
// copies of OSCAR services, the workflow graph, and where each workload source uploads or which
// function it calls. The simulator consumes a Plan; a real-runner or a sweep planner can build
// the same Plan without linking SimGrid or any model. Everything here is plain data.
#pragma once
#include "sim/core/Parameters.hpp"
#include "sim/scenario/Binding.hpp"
#include "sim/scenario/Scenario.hpp"
#include "sim/scenario/ServiceConfig.hpp"
#include "sim/scenario/Workflow.hpp"

#include <memory>
#include <string>
#include <vector>

namespace contsim {

/// A workload source resolved against the workflow.
struct PlannedSource {
  const WorkloadSource* spec = nullptr;  // in the Plan's scenario
  int storage = -1;                      // upload sources: the workflow storage it uploads to
  std::string path;                      // ... and the path ("bucket/folder")
  int from_site = -1;                    // where the uploads or requests leave from
  int function = -1;                     // `invoke:` sources: the function each request calls
};

/// A platform service with its typed configuration and the machines it brings into its site.
struct PlannedService {
  const ServiceDecl* decl = nullptr;             // in the Plan's scenario
  std::shared_ptr<const ServiceConfig> config;   // the model's configure step (models/Bindings.cpp)
  std::vector<int> hosts;                        // into Plan::hosts, one per config->hosts
  std::vector<int> watches;                      // storage of each config->watches (paths there)
  std::vector<int> writes;                       // storage of each config->writes
};

struct Plan {
  const Scenario* scenario = nullptr;    // what it was resolved from (outlives the Plan)
  Workflow workflow;                     // functions bound to services, storages placed
  std::vector<std::vector<int>> served;  // per scenario service: the functions it runs or receives
  std::vector<PlannedService> services;  // per scenario service, in declaration order
  std::vector<ComputeHostSpec> hosts;    // every compute host, in declaration order
  std::vector<std::vector<int>> site_hosts;  // per platform site: its compute hosts (links: platform.links)
  std::vector<PlannedSource> sources;    // parallel to scenario->workload
  std::vector<std::string> not_simulated_functions;
  std::vector<std::string> warnings;     // remarks about the set-up, for summary.json
  ParameterSet storage_params;           // event latencies of the storage providers
  ParameterSet energy_params;            // the grid's carbon intensity (energy -> gCO2e)
};

/// The storage providers' parameters (calibration section `storage:`).
std::vector<ParamSpec> storage_param_specs();
/// The storage id an FDL input or output names: its own, or for an OSCAR function's `minio`
/// without one, its own cluster's ("default" when neither).
std::string fdl_storage_id(const StorageIo& io, const FdlFunction& fn);
/// `energy:`: what turns the modelled Wh into gCO2e.
std::vector<ParamSpec> energy_param_specs();

/// Resolves `scenario`; throws InputError (file, line, key) for anything that cannot run.
Plan resolve_plan(const Scenario& scenario, const ModelBindings& bindings);

/// The Plan as JSON (`contsim plan`): bindings, storages, replicas and sources by name.
std::string plan_json(const Plan& plan);

} // namespace contsim

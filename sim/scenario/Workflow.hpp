// The workflow graph implied by the FDL: a function is triggered by files landing under
// its input path; its outputs (filtered by prefix/suffix) land under other functions'
// inputs. Nothing else links functions. Cycles are rejected before the run.
#pragma once
#include "sim/core/Random.hpp"
#include "sim/fdl/Fdl.hpp"
#include "sim/scenario/FileObject.hpp"
#include "sim/scenario/FunctionProfile.hpp"
#include "sim/scenario/NameTemplate.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace contsim {

/// A storage provider placed on a site. Files match inputs by namespace: all of S3 is one
/// namespace (bucket names are global); each MinIO/other server is its own.
struct StorageProvider {
  std::string label;      // "s3", "minio.oscar-cluster", ...
  std::string name_space; // "s3" or the label
  int site = -1;
  double event_latency_s = 0;
  // What one request costs beyond its bytes, in round trips of the link to the storage's site
  // (sim/runtime/Simulation.cpp, request_overhead_s): opening the client's connection, then
  // each GET or PUT's own exchanges.
  double connection_round_trips = 0;
  double request_round_trips = 0;
};

/// One of an OSCAR service's `replicas`, resolved against the platform (real-systems.md §2.6).
struct ReplicaTarget {
  std::string label;        // "oscar on-premises/fire-detection-replica" or the endpoint URL
  unsigned priority = 0;    // 0 = tried first
  int declared = 0;         // position in the FDL's replicas list
  bool oscar = true;        // an `oscar` replica (false: an `endpoint`)
  int function = -1;        // the workflow function that runs the event there; -1 = not on the
                            // platform, so the delegation fails and the next replica is tried
  std::string service;      // the platform service there (the trace's delegated_to)
  double one_way_latency_s = 0;  // the request's (and the answer's) trip between the sites
  bool answer_on_finish = false; // synchronous endpoint (API Gateway → Lambda): 200 when it ends
};

struct FunctionSpec {
  std::string name;
  FdlFunction fdl;
  FunctionProfile profile;
  int service = -1;               // index into the simulation's compute services
  int delegate_service = -1;      // where the service delegates to (SCAR batch, lambda-batch)
  int site = -1;
  std::vector<int> input_storage;   // parallel to fdl.inputs
  std::vector<int> output_storage;  // parallel to fdl.outputs
  std::vector<ReplicaTarget> replicas;  // OSCAR: in the order DelegateJob tries them
  bool endpoint_copy = false;       // runs events delegated to an endpoint replica (no FDL entry)
  /// rCUDA: the gpu-server service (index) and device its GPU phases go to, from the FDL
  /// environment RCUDA_DEVICE_0 = SERVER[@PORT][:GPU]; -1: none.
  int remote_gpu_service = -1;
  int remote_gpu_device = 0;
};

/// Whether storage key `key` ("bucket/folder/name") lies under `folder` ("bucket/folder").
bool under(const std::string& key, const std::string& folder);

class Workflow {
public:
  std::vector<FunctionSpec> functions;
  std::vector<StorageProvider> storages;

  /// Functions whose input path the stored file falls under.
  void triggered_by(const FileObject& file, std::vector<int>& out) const;
  /// The functions triggered_by() gives for every file in `storage` whose key starts with
  /// `key_prefix` ("bucket/folder/"), whatever its name; false (and `out` unspecified) when
  /// names decide (an input path reaches past the prefix): then ask triggered_by() per file.
  bool triggered_by_folder(int storage, std::string_view key_prefix, std::vector<int>& out) const;
  /// Fails with file:line naming the functions and paths of a cycle, if any.
  void check_acyclic(const std::string& fdl_file) const;
  /// Appends to `outputs` the files `function` makes from `input`: its profile's output rules
  /// routed through its FDL outputs. Returns how many generated files no FDL output accepted (dropped).
  int make_outputs(int function, const FileObject& input, std::vector<FileObject>& outputs, RandomEngine& rng) const;
  /// Input paths that no function writes to: where workloads upload by default.
  std::vector<std::pair<int, int>> entry_inputs() const;  // (function, input index)
  bool writes_to(const FunctionSpec& from, std::size_t output, const FunctionSpec& to, std::size_t input) const;

private:
  /// Whether `fn`'s input `input` watches files stored in `storage` (itself, or one sharing its
  /// name space).
  bool input_sees(const FunctionSpec& fn, std::size_t input, int storage, const std::string& name_space) const;
};

} // namespace contsim

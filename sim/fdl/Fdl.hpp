// The Functions Definition Language (SCAR/OSCAR FDL), parsed from unmodified files.
// Defaults are those of the real tools (see docs/spec/real-systems.md §1): SCAR's
// cfgfile.py for `functions.aws`, OSCAR v3.7.1's checkValues for `functions.oscar`.
// Credentials (access keys, secret keys, tokens, passwords) are read past, never stored.
#pragma once
#include "sim/core/YamlReader.hpp"

#include <yaml-cpp/yaml.h>

#include <map>
#include <string>
#include <vector>

namespace contsim {

/// One `input:` or `output:` entry. storage_provider "s3.my_s3" → type "s3", id "my_s3".
struct StorageIo {
  std::string provider_type;  // s3, minio, onedata, webdav, rucio
  std::string provider_id;    // "default" when the FDL gives none
  std::string path;           // "bucket/folder/sub"
  std::vector<std::string> suffix;
  std::vector<std::string> prefix;
  int line = 0;

  std::string bucket() const;
  /// True when a file named `file_name` passes the prefix/suffix filters (faas-supervisor semantics:
  /// any prefix or none, AND any suffix or none).
  bool accepts(const std::string& file_name) const;
};

/// One `{storage_provider: TYPE[.ID], path, suffix?, prefix?}` entry, as FDL inputs and outputs
/// (and platform entries that name a storage path) write it.
StorageIo parse_storage_io(const YamlRef& ref);

struct Replica {
  std::string type;  // oscar | endpoint
  std::string cluster_id;
  std::string service_name;
  std::string url;
  unsigned priority = 0;
  int line = 0;
};

/// AWS Batch section of a SCAR function (defaults from SCAR's cfgfile.py).
struct BatchSpec {
  double vcpus = 1;
  double memory_mib = 1024;
  bool enable_gpu = false;
  double min_v_cpus = 0;
  double desired_v_cpus = 0;
  double max_v_cpus = 2;
  std::vector<std::string> instance_types{"m3.medium"};
  bool present = false;
};

struct FdlFunction {
  enum class Provider { aws, oscar };
  Provider provider = Provider::aws;
  std::string name;
  std::string cluster_id;  // OSCAR: the map key above the service
  std::string image;
  std::string script;      // init_script (SCAR) or script (OSCAR): a file name the simulator never reads (real runs run it)
  double memory_mb = 0;    // MiB (Lambda "MB" are MiB; OSCAR quantities converted)
  // SCAR / Lambda
  double timeout_s = 300;
  std::string execution_mode = "lambda";  // lambda | lambda-batch | batch
  std::string region = "us-east-1";
  std::string runtime;
  double timeout_threshold_s = 10;  // supervisor's reserve before the Lambda timeout
  BatchSpec batch;
  // OSCAR
  double cpu = 0;
  bool enable_gpu = false;
  std::vector<Replica> replicas;
  double rescheduler_threshold_s = -1;  // < 0: the cluster's RESCHEDULER_THRESHOLD
  int sync_min_scale = 0;  // `synchronous:` Knative pods kept for /run (0: scale to zero)
  int sync_max_scale = 0;  // 0: unbounded
  std::string delegation;
  /// OSCAR `environment.variables` / SCAR `container.environment.Variables`: set for the script by
  /// real runs; the simulator reads only rCUDA's (RCUDA_DEVICE_COUNT, RCUDA_DEVICE_<j>).
  std::vector<std::pair<std::string, std::string>> environment;
  std::vector<StorageIo> inputs;
  std::vector<StorageIo> outputs;
  int line = 0;
};

struct StorageProviderDef {
  std::string type;
  std::string id;
  std::string region;
  std::string endpoint;
};

struct FdlDocument {
  std::string file;
  std::vector<FdlFunction> functions;
  std::vector<StorageProviderDef> storage_providers;
  std::vector<std::string> cluster_ids;         // top-level `clusters:` (oscar-cli)
  std::vector<std::string> not_simulated;        // FDL keys accepted but not modelled
  std::vector<std::string> notes;                // dialect notes (e.g. older syntax accepted)

  const FdlFunction* find(const std::string& name) const;
  FdlFunction* find(const std::string& name);
};

/// Parses an FDL file; throws InputError (file:line, key) on anything that is not FDL.
FdlDocument parse_fdl_file(const std::string& file);
/// Same, from an already loaded (and possibly overridden) tree; `file` names it in errors.
FdlDocument parse_fdl(const YAML::Node& root, const std::string& file);

/// Kubernetes quantities: "2Gi" → 2048 MiB, "1G" → 953.67 MiB, "512" (bytes) ...
double k8s_memory_to_mib(const std::string& quantity, bool& ok);
/// "1.0", "500m" → cores.
double k8s_cpu_to_cores(const std::string& quantity, bool& ok);

} // namespace contsim

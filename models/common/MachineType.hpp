// A machine type, whatever rents or powers it: an EC2 instance type under AWS Batch
// (calibration `ec2_instance_types:`, priced from the dated price table) or a Kubernetes node
// type (calibration `node_types:`, with power draw and an hourly price of its own). Speed factors
// say how fast a job runs there relative to the units its profile was measured in: `cpu_speed`
// per vCPU relative to the reference CPU, `gpu_speed` relative to the GPU that gpu_exec_time
// profiles cite. Each section accepts only the keys that mean something for it.
#pragma once
#include "sim/core/YamlReader.hpp"

#include <string>
#include <vector>

namespace contsim::common {

struct MachineType {
  std::string name;
  double vcpus = 0;
  double memory_mib = 0;
  int gpus = 0;
  std::string gpu_model;
  double cpu_speed = 1;
  double gpu_speed = 1;
  double image_pull_bytes_per_s = -1;   // < 0: the model's default
  double reserved_cpu = -1;             // < 0: the model's default (Kubernetes system reservation, K1)
  double reserved_memory_mib = -1;
  double power_idle_w = -1;             // < 0: energy not modelled
  double power_max_w = -1;
  double usd_per_hour = 0;              // rented types: from the price table (-1: none there)
  std::string source;
  int line = 0;                         // where the calibration declared it (for messages)
};

/// Whether the type gives power figures (owned machines: cluster nodes).
inline bool has_power_model(const MachineType& t) { return t.power_idle_w >= 0; }
/// Energy of one up interval, linear power model: idle draw while up, plus the busy share in
/// proportion to the cores requested of it (∫ requested cores dt; pods' limits bound their use).
inline double energy_wh(const MachineType& t, double uptime_s, double requested_core_s)
{
  return (t.power_idle_w * uptime_s + (t.power_max_w - t.power_idle_w) * requested_core_s / t.vcpus) / 3600.0;
}

/// Which keys a catalog section takes: `rented` (EC2 types: hardware and speeds; the price
/// comes from the price table) or `owned` (cluster nodes: also pulls, reservation, power, price).
enum class MachineKeys { rented, owned };

/// Reads the keys present in `e` into `t` (an entry of a catalog, or a platform node group that
/// overrides its type); the caller finishes the reader.
void read_machine_keys(MapReader& e, MachineKeys keys, MachineType& t);
/// Power figures come in pairs, the maximum above the idle draw.
void check_machine(const MachineType& t, const YamlRef& where);

class MachineCatalog {
public:
  /// `noun` names an entry in messages ("instance type", "node type").
  MachineCatalog(MachineKeys keys, std::string noun) : keys_(keys), noun_(std::move(noun)) {}
  /// Applies one layer of the section (calibration files, then scenario overrides): a known
  /// name is updated key by key, a new one added.
  void apply(const YamlRef& section);
  const MachineType* find(const std::string& name) const;
  std::vector<std::string> names() const;
  std::vector<MachineType>& types() { return types_; }

private:
  MachineKeys keys_;
  std::string noun_;
  std::vector<MachineType> types_;
};

} // namespace contsim::common

#include "models/gpu/GpuServerService.hpp"

#include <algorithm>
#include <stdexcept>

namespace contsim::gpu {

GpuServerService::GpuServerService(const ServiceSetup& setup)
    : config_(static_cast<const GpuServerConfig&>(*setup.config)), ports_(setup.ports)
{
  costs_.connection_setup_s = config_.rcuda.connection_setup_s;
  costs_.server_call_s = config_.rcuda.server_call_s;
  for (std::size_t k = 0; k < setup.hosts.size(); ++k) {
    Device d;
    d.device.name = config_.hosts[k].name;
    d.device.host = setup.hosts[k];
    d.device.site = setup.decl.site;
    d.device.speed = config_.model.speed;
    d.device.memory_bytes = config_.model.memory_bytes;
    devices_.push_back(d);
  }
}

void GpuServerService::submit(Invocation*)
{
  // The binding rules give a gpu-server no function (ModelBinding::never_runs).
  throw std::logic_error("a gpu-server runs no function");
}

TimelineSample GpuServerService::sample()
{
  TimelineSample s;
  for (const auto& d : devices_)
    s.running += d.clients;
  s.units_up = static_cast<long long>(devices_.size());
  return s;
}

bool GpuServerService::allocate(int index, double bytes)
{
  Device& d = devices_[index];
  // A relative slack so that k equal allocations that exactly fill the device are not refused
  // by rounding.
  if (d.allocated_bytes + bytes > d.device.memory_bytes * (1 + 1e-12)) {
    ++d.refusals;
    return false;
  }
  d.allocated_bytes += bytes;
  d.peak_allocated_bytes = std::max(d.peak_allocated_bytes, d.allocated_bytes);
  return true;
}

void GpuServerService::release(int index, double bytes)
{
  Device& d = devices_[index];
  d.allocated_bytes = std::max(0.0, d.allocated_bytes - bytes);
}

void GpuServerService::client_started(int index)
{
  Device& d = devices_[index];
  ++d.sessions;
  d.peak_clients = std::max(d.peak_clients, ++d.clients);
}

void GpuServerService::client_ended(int index)
{
  --devices_[index].clients;
}

nlohmann::ordered_json GpuServerService::summary()
{
  nlohmann::ordered_json devices = nlohmann::ordered_json::array();
  for (const auto& d : devices_)
    devices.push_back({{"device", d.device.name},
                       {"sessions", d.sessions},
                       {"peak_clients", d.peak_clients},
                       {"peak_memory_bytes", d.peak_allocated_bytes},
                       {"memory_bytes", d.device.memory_bytes},
                       {"memory_refusals", d.refusals}});
  return {{"gpu_model", config_.model.name}, {"devices", devices}};
}

nlohmann::ordered_json GpuServerService::parameters() const
{
  return {{"rcuda", config_.rcuda_params.to_json()},
          {"gpu_model",
           {{"name", config_.model.name},
            {"speed", config_.model.speed},
            {"memory_bytes", config_.model.memory_bytes},
            {"source", config_.model.source}}}};
}

} // namespace contsim::gpu

#include "models/gpu/GpuServerService.hpp"

#include <algorithm>
#include <stdexcept>

namespace contsim::gpu {

GpuServerService::GpuServerService(const ServiceSetup& setup)
    : config_(static_cast<const GpuServerConfig&>(*setup.config)), ports_(setup.ports)
{
  costs_.connection_setup_s = config_.rcuda.connection_setup_s;
  costs_.server_call_s = config_.rcuda.server_call_s;
  costs_.busy_retry_s = config_.rcuda.ssgm_retry_s;
  for (std::size_t k = 0; k < setup.hosts.size(); ++k) {
    Device d;
    d.device.name = config_.hosts[k].name;
    d.device.host = setup.hosts[k];
    d.device.site = setup.decl.site;
    d.device.speed = config_.model.speed;
    d.device.memory_bytes = config_.model.memory_bytes;
    d.table.memory_bytes = d.device.memory_bytes;
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
  s.queued = static_cast<long long>(queued_.size());
  s.units_up = static_cast<long long>(devices_.size());
  return s;
}

std::uint64_t GpuServerService::open_session(int device, double memory_bytes, EventHandler* handler,
                                             std::uint32_t kind, std::uint64_t payload)
{
  std::uint64_t id = sessions_.acquire();
  Session& s = sessions_[id];
  s = Session{};
  s.state.device = device;
  s.state.t_requested = ports_.clock.calendar().now();
  s.memory_bytes = memory_bytes;
  s.handler = handler;
  s.kind = kind;
  s.payload = payload;
  // Answered through the calendar, never re-entrantly: after SSGM's round trip when it decides.
  ports_.clock.calendar().after(config_.ssgm ? config_.rcuda.ssgm_call_s : 0.0, this, kDecide, id);
  return id;
}

bool GpuServerService::decide(std::uint64_t id)
{
  Session& s = sessions_[id];
  if (!config_.ssgm) {
    grant(id, s.state.device);
    return true;
  }
  table_scratch_.clear();
  for (const auto& d : devices_)
    table_scratch_.push_back(d.table);
  int device = 0;
  switch (ssgm_decide(table_scratch_, config_.ssgm_settings, s.memory_bytes, device)) {
    case SsgmAnswer::granted:
      grant(id, device);
      return true;
    case SsgmAnswer::impossible:
      ++impossible_answers_;
      s.state.answer = GpuSessionAnswer::impossible;
      return true;
    case SsgmAnswer::busy:
      break;
  }
  if (!config_.ssgm_blocking) {
    ++busy_answers_;
    s.state.answer = GpuSessionAnswer::busy;
    return true;
  }
  return false;
}

void GpuServerService::grant(std::uint64_t id, int device)
{
  Session& s = sessions_[id];
  Device& d = devices_[device];
  s.state.device = device;
  // A relative slack so that k equal allocations that exactly fill the device are not refused
  // by rounding.
  if (d.allocated_bytes + s.memory_bytes > d.device.memory_bytes * (1 + 1e-12)) {
    ++d.memory_refusals;
    s.state.answer = GpuSessionAnswer::out_of_memory;
    return;
  }
  s.state.answer = GpuSessionAnswer::granted;
  s.holds = true;
  d.allocated_bytes += s.memory_bytes;
  d.peak_allocated_bytes = std::max(d.peak_allocated_bytes, d.allocated_bytes);
  d.table.reserved_bytes += s.memory_bytes;
  ++d.table.jobs;
  ++d.sessions;
  d.peak_clients = std::max(d.peak_clients, ++d.clients);
}

void GpuServerService::answer(std::uint64_t id)
{
  const Session& s = sessions_[id];
  s.handler->on_event(s.kind, s.payload);
}

void GpuServerService::close_session(std::uint64_t id)
{
  Session& s = sessions_[id];
  if (s.holds) {
    Device& d = devices_[s.state.device];
    d.allocated_bytes = std::max(0.0, d.allocated_bytes - s.memory_bytes);
    d.table.reserved_bytes = std::max(0.0, d.table.reserved_bytes - s.memory_bytes);
    --d.table.jobs;
    --d.clients;
  }
  sessions_.release(id);
  // A job ended: SSGMD decides again for the requests it holds, in request order.
  for (std::size_t i = 0; i < queued_.size();) {
    std::uint64_t q = queued_[i];
    if (decide(q)) {
      queued_.erase(queued_.begin() + static_cast<std::ptrdiff_t>(i));
      ports_.clock.calendar().after(0, this, kAnswer, q);
    } else {
      ++i;
    }
  }
}

void GpuServerService::on_event(std::uint32_t kind, std::uint64_t payload)
{
  switch (kind) {
    case kDecide:
      if (decide(payload)) {
        answer(payload);
      } else {
        ++queued_total_;
        queued_.push_back(payload);
      }
      break;
    case kAnswer:
      answer(payload);
      break;
  }
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
                       {"memory_refusals", d.memory_refusals}});
  nlohmann::ordered_json j = {{"gpu_model", config_.model.name}, {"devices", devices}};
  if (config_.ssgm)
    j["ssgm"] = {{"mode", config_.ssgm_blocking ? "blocking" : "non-blocking"},
                 {"queued", queued_total_},
                 {"busy_answers", busy_answers_},
                 {"impossible_answers", impossible_answers_}};
  return j;
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

#include "models/gpu/GpuServerService.hpp"

#include "models/common/Machine.hpp"

#include <algorithm>
#include <cmath>
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
    devices_.push_back(d);
    ssgm_table_.push_back(SsgmGpu{d.device.memory_bytes, 0, 0});
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
  return open(device, memory_bytes, true, handler, kind, payload);
}

std::uint64_t GpuServerService::request_job(EventHandler* handler, std::uint32_t kind, std::uint64_t payload)
{
  return open(0, 0, false, handler, kind, payload);
}

std::uint64_t GpuServerService::open(int device, double memory_bytes, bool client, EventHandler* handler,
                                     std::uint32_t kind, std::uint64_t payload)
{
  std::uint64_t id = sessions_.acquire();
  Session& s = sessions_[id];
  s = Session{};
  s.state.device = device;
  s.state.t_requested = ports_.clock.calendar().now();
  s.memory_bytes = memory_bytes;
  s.client = client;
  s.via_ssgm = config_.ssgm && (!client || config_.ssgm_clients_ask);
  s.handler = handler;
  s.kind = kind;
  s.payload = payload;
  // Answered through the calendar, never re-entrantly: after SSGM's round trip when it decides.
  ports_.clock.calendar().after(s.via_ssgm ? config_.rcuda.ssgm_call_s : 0.0, this, kDecide, id);
  return id;
}

bool GpuServerService::decide(std::uint64_t id)
{
  Session& s = sessions_[id];
  if (!s.via_ssgm) {
    grant(id, s.state.device);
    return true;
  }
  int device = 0;
  switch (ssgm_decide(ssgm_table_, config_.ssgm_settings, s.memory_bytes, device)) {
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
  if (s.client && d.allocated_bytes + s.memory_bytes > d.device.memory_bytes * (1 + 1e-12)) {
    ++d.memory_refusals;
    s.state.answer = GpuSessionAnswer::out_of_memory;
    return;
  }
  s.state.answer = GpuSessionAnswer::granted;
  s.holds = true;
  s.t_granted = ports_.clock.calendar().now();
  if (s.via_ssgm) {
    ssgm_table_[device].reserved_bytes += s.memory_bytes;
    ++ssgm_table_[device].jobs;
    ++ssgm_jobs_;
  }
  if (s.client) {
    d.allocated_bytes += s.memory_bytes;
    d.peak_allocated_bytes = std::max(d.peak_allocated_bytes, d.allocated_bytes);
    ++d.sessions;
    d.peak_clients = std::max(d.peak_clients, ++d.clients);
  }
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
    double held = ports_.clock.calendar().now() - s.t_granted;
    (s.client ? session_s_ : job_s_) += held;
    Device& d = devices_[s.state.device];
    if (s.via_ssgm) {
      SsgmGpu& g = ssgm_table_[s.state.device];
      g.reserved_bytes = std::max(0.0, g.reserved_bytes - s.memory_bytes);
      --g.jobs;
    }
    if (s.client) {
      d.allocated_bytes = std::max(0.0, d.allocated_bytes - s.memory_bytes);
      --d.clients;
    }
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

void GpuServerService::end_of_run(double t)
{
  up_s_ = t;
  // An EC2 instance up for the whole run (the paper's p2.xlarge runs the rCUDA server, SSGM
  // and orchGPU: gpu.md §3 E9), billed per second with the price table's minimum.
  if (config_.usd_per_hour > 0) {
    billed_s_ = config_.node_type.empty() ? static_cast<double>(common::ec2_billed_seconds(t, config_.minimum_billed_s))
                                          : std::ceil(t);  // owned: whole seconds up, as cluster nodes
    billed_usd_ = billed_s_ * config_.usd_per_hour / 3600.0;
  }
  if (config_.power_idle_w >= 0 && !devices_.empty())
    energy_wh_ = (config_.power_idle_w * t +
                  (config_.power_max_w - config_.power_idle_w) * session_s_ / static_cast<double>(devices_.size())) /
                 3600.0;
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
  nlohmann::ordered_json j = {{"gpu_model", config_.model.name}, {"devices", devices},
                              {"client_session_s", session_s_}};
  if (energy_wh_ >= 0) {
    j["up_s"] = up_s_;
    j["energy_wh"] = energy_wh_;
  }
  if (config_.usd_per_hour > 0) {
    // Two views of its cost (gpu.md §2.3): as billed (the instance's uptime), and per job as
    // the GPU's reservation (SSGM jobs, else client sessions) at the hourly price.
    double reserved = ssgm_jobs_ > 0 ? job_s_ : session_s_;
    j["cost"] = {{"machine", config_.instance_type.empty() ? config_.node_type : config_.instance_type},
                 {"usd_per_hour", config_.usd_per_hour},
                 {"billed_s", billed_s_},
                 {"billed_usd", billed_usd_},
                 {"reserved_s", reserved},
                 {"reserved_usd", reserved * config_.usd_per_hour / 3600.0}};
  }
  if (config_.ssgm)
    j["ssgm"] = {{"mode", config_.ssgm_blocking ? "blocking" : "non-blocking"},
                 {"jobs", ssgm_jobs_},
                 {"job_s", job_s_},
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

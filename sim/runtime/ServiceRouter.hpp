// Events between services (the Router port): SCAR delegation to the function's delegation
// target, OSCAR replica calls with their latency and answers, and replica clusters' status.
// It knows services only as ComputeServices and the Plan's functions; no model's rules.
#pragma once
#include "sim/engine/Calendar.hpp"
#include "sim/runtime/ComputeService.hpp"
#include "sim/runtime/InvocationPool.hpp"
#include "sim/runtime/Ports.hpp"
#include "sim/scenario/Workflow.hpp"

#include <memory>
#include <string>
#include <vector>

namespace contsim {

class ServiceRouter : public Router, public EventHandler {
public:
  /// `services` and `service_names` are filled by the caller as services are created.
  ServiceRouter(Calendar& calendar, const Workflow& workflow, InvocationPool& invocations,
                const std::vector<std::unique_ptr<ComputeService>>& services,
                const std::vector<const ServiceDecl*>& service_decls)
      : calendar_(calendar)
      , workflow_(workflow)
      , invocations_(invocations)
      , services_(services)
      , service_decls_(service_decls)
  {
  }

  void delegate(Invocation* inv, const std::string& mechanism) override;
  void delegate_to_replica(const Invocation& event, int replica, const Reply& reply) override;
  void answer(Invocation* inv, bool accepted) override;
  bool replica_status(int function, int replica, ClusterStatus& out) const override;

  void on_event(std::uint32_t kind, std::uint64_t payload) override;

private:
  enum Kind : std::uint32_t { kReplicaArrives };
  Calendar& calendar_;
  const Workflow& workflow_;
  InvocationPool& invocations_;
  const std::vector<std::unique_ptr<ComputeService>>& services_;
  const std::vector<const ServiceDecl*>& service_decls_;
};

} // namespace contsim

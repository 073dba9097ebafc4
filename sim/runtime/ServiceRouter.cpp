#include "sim/runtime/ServiceRouter.hpp"

#include <stdexcept>

namespace contsim {

void ServiceRouter::delegate(Invocation* inv, const std::string& mechanism)
{
  const auto& fn = workflow_.functions[inv->function];
  if (fn.delegate_service < 0)
    throw std::logic_error("function " + fn.name + " has no delegation target");
  Invocation* next = invocations_.acquire();
  next->parent_id = inv->id;
  next->function = inv->function;
  next->service = fn.delegate_service;
  next->input = inv->input;
  next->t_origin = inv->t_origin;
  next->t_trigger = calendar_.now();
  inv->status = InvocationStatus::delegated;
  inv->delegated_to = service_decls_[fn.delegate_service]->name;
  inv->mechanism = mechanism;
  services_[fn.delegate_service]->submit(next);
}

void ServiceRouter::delegate_to_replica(const Invocation& event, int replica, const Reply& reply)
{
  const ReplicaTarget& target = workflow_.functions[event.function].replicas[replica];
  if (target.function < 0) {
    calendar_.at(calendar_.now(), reply.handler, reply.kind_refused, reply.payload);
    return;
  }
  Invocation* next = invocations_.acquire();
  next->parent_id = event.id;
  next->function = target.function;
  next->service = workflow_.functions[target.function].service;
  next->input = event.input;
  next->t_origin = event.t_origin;
  next->t_trigger = calendar_.now() + target.one_way_latency_s;
  next->reply = reply;
  next->reply.latency_s = target.one_way_latency_s;
  next->reply.on_finish = target.answer_on_finish;
  calendar_.at(next->t_trigger, this, kReplicaArrives, reinterpret_cast<std::uint64_t>(next));
}

void ServiceRouter::answer(Invocation* inv, bool accepted)
{
  if (!inv->reply.handler)
    return;
  Reply r = inv->reply;
  inv->reply = Reply{};
  calendar_.after(r.latency_s, r.handler, accepted ? r.kind_accepted : r.kind_refused, r.payload);
}

bool ServiceRouter::replica_status(int function, int replica, ClusterStatus& out) const
{
  const ReplicaTarget& target = workflow_.functions[function].replicas[replica];
  if (target.function < 0 || !services_[workflow_.functions[target.function].service]->cluster_status(out))
    return false;
  out.status_latency_s = 2 * target.one_way_latency_s;
  return true;
}

void ServiceRouter::on_event(std::uint32_t kind, std::uint64_t payload)
{
  if (kind != kReplicaArrives)
    return;
  auto* inv = reinterpret_cast<Invocation*>(payload);
  // An asynchronous endpoint accepts the request at once (HTTP 200) and runs it later.
  if (inv->reply.handler && !inv->reply.on_finish && workflow_.functions[inv->function].endpoint_copy)
    answer(inv, true);
  services_[inv->service]->submit(inv);
}

} // namespace contsim

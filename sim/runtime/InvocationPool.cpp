#include "sim/runtime/InvocationPool.hpp"

namespace contsim {

void InvocationPool::release(Invocation* inv)
{
  // Keep string capacities for reuse; reset every field.
  inv->outputs.clear();
  inv->node.clear();
  inv->delegated_to.clear();
  inv->mechanism.clear();
  inv->input.attributes.clear();
  inv->t_start = inv->t_stage_in = inv->t_exec_start = inv->t_exec_end = inv->t_end = inv->t_billed_from = -1;
  inv->parent_id = 0;
  inv->cold_start = false;
  inv->synchronous = false;
  inv->status = InvocationStatus::ok;
  inv->billed_ms = 0;
  inv->cost_usd = 0;
  inv->resume_handler = nullptr;
  inv->next_output = 0;
  inv->stage_site = -1;
  inv->put_state = 0;
  inv->model_slot = 0;
  inv->reply = Reply{};
  free_.push_back(inv);
  --in_flight_;
}

} // namespace contsim

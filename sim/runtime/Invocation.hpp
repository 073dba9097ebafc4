// One invocation attempt of a function on a file, while in flight. Invocations
// exist only while in flight: they are written to the trace and recycled when done.
#pragma once
#include "sim/engine/Calendar.hpp"
#include "sim/scenario/FileObject.hpp"
#include "sim/schema/TraceRecord.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace contsim {

/// Where a service that received an event by replica delegation sends its answer (HTTP 201/200
/// or an error): handler->on_event(accepted ? kind_accepted : kind_refused, payload).
struct Reply {
  EventHandler* handler = nullptr;
  std::uint32_t kind_accepted = 0;
  std::uint32_t kind_refused = 0;
  std::uint64_t payload = 0;
  double latency_s = 0;  // the answer's way back
  bool on_finish = false;  // synchronous endpoint: answered when the attempt ends
};

struct Invocation {
  std::uint64_t id = 0;
  std::uint64_t parent_id = 0; // the attempt this one was delegated from (0 = none)
  int function = -1;
  int service = -1;          // the compute service running this attempt
  FileObject input;
  double t_origin = -1;      // when the first attempt of this event was triggered
  double t_trigger = -1;
  double t_start = -1;       // resources granted: the queue wait ends
  double t_stage_in = -1;    // the input download starts (after cold start / image pull)
  double t_exec_start = -1;  // the user's script starts (after cold start / pull / stage-in)
  double t_exec_end = -1;
  double t_end = -1;         // outputs stored
  double t_billed_from = -1; // start of the billed interval (model-defined)
  bool cold_start = false;
  bool synchronous = false;  // an HTTP request whose caller waits for the result (OSCAR /run)
  InvocationStatus status = InvocationStatus::ok;
  std::string node;          // execution environment, instance or node that ran it
  std::string delegated_to;
  std::string mechanism;
  long long billed_ms = 0;
  double cost_usd = 0;
  std::vector<FileObject> outputs;  // produced at exec end, uploaded by stage-out

  // Bookkeeping for asynchronous steps (stage-in/out); owned by the current model.
  EventHandler* resume_handler = nullptr;
  std::uint32_t resume_kind = 0;
  std::uint32_t next_output = 0;  // stage-out: the output PUT next (the supervisor uploads one by one)
  int stage_site = -1;            // stage-out: the site the outputs leave from
  std::uint8_t put_state = 0;     // stage-out: 1 while a PUT starts, 2 when it completed at once
  std::uint64_t model_slot = 0;  // the model's own handle (e.g. its environment index)
  Reply reply;                   // set while a delegating cluster waits for this attempt's answer
};

} // namespace contsim

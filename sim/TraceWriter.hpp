// out/trace.csv: one row per invocation, streamed as invocations finish (see
// scenarios/README.md "Outputs" for every column). Times are seconds since the start of
// the simulation with microsecond resolution; an empty cell = the phase never happened.
#pragma once
#include "sim/CsvBuffer.hpp"
#include "sim/Invocation.hpp"

#include <string>

namespace contsim {

class TraceWriter {
public:
  static constexpr const char* kHeader =
      "id,function,platform,site,node,input,t_trigger,t_start,t_exec_start,t_exec_end,t_end,cold_start,status,"
      "delegated_to,mechanism,billed_ms,cost_usd,parent_id,t_stage_in,memory_mb";
  explicit TraceWriter(const std::string& path);
  /// memory_mb: the function's memory (Lambda) or memory request (Batch, OSCAR), where its
  /// execution time was measured: `contsim calibrate` needs it to make a profile portable.
  void write(const Invocation& inv, const std::string& function, const std::string& platform,
             const std::string& site, double memory_mb);

private:
  CsvBuffer out_;
};

} // namespace contsim

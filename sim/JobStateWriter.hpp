// out/job_states.csv: the state changes of queue-based jobs (AWS Batch: SUBMITTED, PENDING,
// RUNNABLE, STARTING, RUNNING, SUCCEEDED, FAILED), one row per change, in time order.
// The `id` is the trace's id of the same attempt.
#pragma once
#include "sim/CsvBuffer.hpp"

#include <string>

namespace contsim {

class JobStateWriter {
public:
  static constexpr const char* kHeader = "id,function,service,state,t_s";
  explicit JobStateWriter(const std::string& path);
  void write(unsigned long long id, const std::string& function, const std::string& service, const char* state,
             double t);

private:
  CsvBuffer out_;
};

} // namespace contsim

// out/job_states.csv: the state changes of queue-based jobs (AWS Batch: SUBMITTED, PENDING,
// RUNNABLE, STARTING, RUNNING, SUCCEEDED, FAILED), one row per change, in time order.
// The `id` is the trace's id of the same attempt.
#pragma once
#include "sim/core/CsvBuffer.hpp"

#include <string>

namespace contsim {

class JobStateWriter {
public:
  explicit JobStateWriter(const std::string& path, CsvOptions options = {});
  void write(unsigned long long id, std::string_view function, std::string_view service, const char* state,
             double t);

  /// Flushes and closes; throws when the file could not be written completely.
  void finish() { out_.finish(); }
  /// Gives the finished file its name.
  void publish() { out_.publish(); }

private:
  void write_slowly(unsigned long long id, std::string_view function, std::string_view service, const char* state,
                    double t);
  CsvBuffer out_;
};

} // namespace contsim

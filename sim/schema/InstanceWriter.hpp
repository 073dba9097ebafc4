// out/instances.csv: one row per machine a model rented or powered (a Batch EC2 instance,
// later a CLUES node), written when it goes away: when it came up, how long it was busy,
// what it was billed. The rows are what the provider charges, whatever ran on them.
#pragma once
#include "sim/core/CsvBuffer.hpp"

#include <string>

namespace contsim {

struct InstanceRecord {
  std::string service;
  std::string group;       // compute environment (Batch) or cluster
  std::string instance;    // the name the trace's `node` column uses
  std::string type;        // e.g. g3s.xlarge
  double t_launched = -1;  // billing starts
  double t_ready = -1;     // can take jobs (after OS boot)
  double t_terminated = -1;
  long long jobs = 0;
  double busy_s = 0;       // time with at least one job on it
  double idle_before_termination_s = -1;
  bool up_at_end = false;  // still up when the run ended (kept by a minimum size)
  long long billed_s = 0;
  double cost_usd = 0;
  double energy_wh = -1;   // < 0: the machine's power draw is not modelled (rented instances)
  double t_drain = -1;     // began draining before power-off; < 0: it never drained
};

class InstanceWriter {
public:
  explicit InstanceWriter(const std::string& path, CsvOptions options = {});
  void write(const InstanceRecord& r);

  /// Flushes and closes; throws when the file could not be written completely.
  void finish() { out_.finish(); }
  /// Gives the finished file its name.
  void publish() { out_.publish(); }

private:
  CsvBuffer out_;
};

} // namespace contsim

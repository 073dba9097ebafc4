// Uploads that start the workflow. Arrivals are generated one at a time (never a whole
// list in memory), so a million-upload workload costs the memory of one.
#pragma once
#include "sim/core/Distribution.hpp"
#include "sim/core/Random.hpp"
#include "sim/core/YamlReader.hpp"
#include "sim/scenario/ArrivalsCsv.hpp"
#include "sim/scenario/ExecTimeModel.hpp"
#include "sim/scenario/NameTemplate.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace contsim {

struct ScheduleEntry {
  double at_s = 0;
  long long count = 1;
  double size_bytes = -1;      // < 0: the source's size distribution
  Attributes attributes;       // added to / overriding the source's attributes
  std::string name_template;   // empty: the source's
};

struct Phase {
  double duration_s = 0;
  double rate_per_s = 0;
  bool periodic = false;  // evenly spaced instead of Poisson
};

struct WorkloadSource {
  std::string name;
  std::string storage_label;  // "s3", "minio.x"; empty: the workflow's entry input
  std::string path;           // "bucket/folder"; empty: the workflow's entry input
  std::string from_site;      // empty: uploaded from the storage's own site (no transfer)
  // `invoke:` an HTTP request per arrival carrying the file as its body, instead of an upload
  std::string invoke_function;  // empty: an upload source
  bool invoke_sync = true;      // sync: OSCAR /run (Knative), async: OSCAR /job
  std::string name_template = "{source}-{i}";
  Distribution size_bytes = Distribution::constant(0);
  Attributes attributes;
  enum class Kind { schedule, poisson, phases, csv } kind = Kind::schedule;
  std::vector<ScheduleEntry> schedule;
  double rate_per_s = 0;
  long long count = 0;        // poisson: 0 = until the horizon
  std::vector<Phase> phases;
  std::string csv_file;
  /// `closed_loop: true` (poisson, phases): each gap counts from the end of the previous upload,
  /// as a client that uploads, then sleeps the period (E8's camera script, S2 §5.4), not from
  /// its start; the simulation tells the generator when each upload finished.
  bool closed_loop = false;
  int line = 0;
};

WorkloadSource parse_workload_source(const YamlRef& ref, const std::string& scenario_dir, std::size_t index);

/// About how many uploads `source` makes before `horizon_s` (the mean, for random arrivals;
/// 0 for a CSV, whose rows are counted by reading it).
double expected_arrivals(const WorkloadSource& source, double horizon_s);
inline constexpr double kMaxArrivalsPerSource = 1e9;

struct Upload {
  double t = 0;
  std::string key;            // the generator's key prefix, then the file's name
  std::uint32_t name_at = 0;  // where the name starts in key
  double size_bytes = 0;
  Attributes attributes;
  std::string_view name() const { return std::string_view(key).substr(name_at); }
};

/// Produces a source's uploads in time order.
class ArrivalGenerator {
public:
  /// `key_prefix`: what each upload's key starts with before its name (the folder and a slash),
  /// so that the key is written once.
  ArrivalGenerator(const WorkloadSource& source, RandomEngine rng, double horizon_s, std::string key_prefix = {});
  /// False when the source is exhausted (or the next arrival is past the horizon). A closed-loop
  /// source's next arrival is known only after upload_finished() for the previous one.
  bool next(Upload& out);
  /// Closed loop: the previous upload reached the storage at `t`; the next gap counts from it.
  void upload_finished(double t) { t_ = t; }

private:
  bool next_time(double& t, const ScheduleEntry*& entry);
  bool next_closed_loop(double& t);
  bool next_csv(Upload& out);

  const WorkloadSource& source_;
  RandomEngine rng_;
  double horizon_s_;
  long long produced_ = 0;
  // schedule
  std::vector<ScheduleEntry> sorted_;
  std::size_t entry_ = 0;
  long long entry_done_ = 0;
  // poisson / phases
  double t_ = 0;
  std::size_t phase_ = 0;
  double phase_start_ = 0;
  bool phase_fresh_ = true;
  long long phase_k_ = 0;
  // csv
  std::unique_ptr<ArrivalsCsvReader> csv_;
  // file names: the source's template, and each sorted schedule entry's own (or the source's)
  std::string key_prefix_;
  FixedInputNames names_;
  std::vector<FixedInputNames> entry_names_;
};

} // namespace contsim

// One invocation as OSCAR's faas-supervisor runs it inside the job's container (the sandbox
// calls the stage-in and stage-out steps around the script: Sandbox.hpp):
//   stage-in:  GET the event's object into a private input directory;
//   exec:      the FDL script with INPUT_FILE_PATH, TMP_INPUT_DIR, TMP_OUTPUT_DIR and
//              STORAGE_OBJECT_KEY set (faassupervisor/supervisor.py, events/__init__.py),
//              in the sandbox (Sandbox.hpp);
//   stage-out: every file left in TMP_OUTPUT_DIR, for each FDL output in order, uploaded when
//              its name passes that output's prefix and suffix filters, one PUT after another
//              (faassupervisor/storage/config.py upload_output) to OUTPUT_PATH/NAME.
// Each stored output is reported at once (the storage event that triggers the next function);
// an object that exists already is never overwritten: the invocation ends in error instead.
#pragma once
#include "real-runners/local/Sandbox.hpp"
#include "real-runners/local/S3Client.hpp"
#include "sim/scenario/Workflow.hpp"
#include "sim/schema/TraceRecord.hpp"

#include <atomic>
#include <filesystem>
#include <functional>
#include <string>

namespace contsim::real {

/// An object stored in the run's S3 (by an upload source or a function's stage-out).
struct StoredObject {
  FileObject file;  // storage index into the Plan's workflow, key "bucket/folder/name", size
  double t = 0;     // when the PUT completed (the storage event), run seconds
};

/// What runs one function's jobs.
struct FunctionRuntime {
  std::string script;        // host path
  std::string script_dir;
  std::string podman_image;  // empty: bubblewrap
  double timeout_s = 0;      // killed past it (status timeout)
  std::vector<std::string> mounts;  // more read-only directories
};

struct InvocationTask {
  std::uint64_t id = 0;
  int function = -1;
  FileObject input;
  std::string work_dir;      // created and removed by the supervisor
};

struct InvocationOutcome {
  double t_stage_in = -1, t_exec_start = -1, t_exec_end = -1, t_end = -1;
  InvocationStatus status = InvocationStatus::ok;
  int exit_code = 0;
  double cpu_s = 0;
  std::string error;        // for real-errors.log: what went wrong, the stderr's last lines
};

class Supervisor {
public:
  using Clock = std::function<double()>;
  Supervisor(const Workflow& workflow, std::string endpoint, S3Credentials credentials, Clock clock,
             std::function<void(const StoredObject&)> on_stored, const std::atomic<bool>& interrupted)
      : workflow_(workflow), endpoint_(std::move(endpoint)), credentials_(std::move(credentials)),
        clock_(std::move(clock)), on_stored_(std::move(on_stored)), interrupted_(interrupted)
  {
  }
  /// Runs the invocation to its end (any thread; each call uses its own S3 connection).
  InvocationOutcome run(const InvocationTask& task, const FunctionRuntime& runtime) const;

private:
  /// Uploads the job's outputs one PUT after another; the error, or empty.
  std::string stage_out(const FunctionSpec& fn, const std::filesystem::path& out, S3Client& s3) const;

  const Workflow& workflow_;
  std::string endpoint_;
  S3Credentials credentials_;
  Clock clock_;
  std::function<void(const StoredObject&)> on_stored_;
  const std::atomic<bool>& interrupted_;
};

/// "bucket/folder/name" → ("bucket", "folder/name").
std::pair<std::string, std::string> split_bucket(const std::string& key);

} // namespace contsim::real

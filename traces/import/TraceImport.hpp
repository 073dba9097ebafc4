// Reads a trace file in any supported format, detected from its content:
//   - CloudWatch Logs: plain export (lines with `REPORT RequestId: ...`) or the JSON of
//     `aws logs filter-log-events` ({"events": [{"timestamp", "message"}, ...]});
//   - AWS Batch: `aws batch describe-jobs` JSON ({"jobs": [...]});
//   - Kubernetes: `kubectl get jobs,pods[,nodes] -o json` ({"kind": "List", "items": [...]});
//   - contsim's own trace.csv (simulated or from a real-runner).
// Malformed entries fail with FILE:LINE and what is wrong; recognisable noise (other log lines,
// jobs still running) is skipped with a warning.
#pragma once
#include "traces/import/ObservedInvocation.hpp"

#include <string>

namespace contsim::traces {

enum class TraceFormat { cloudwatch_text, cloudwatch_json, batch_jobs, kubectl, contsim_csv };
const char* to_string(TraceFormat f);

/// `function` names the Lambda function of CloudWatch logs (they do not say it); empty = the
/// file's stem. Other formats name their functions themselves.
TraceTable import_trace(const std::string& path, const std::string& function = "", std::size_t max_per_function = 0);
TraceFormat detect_format(const std::string& path);

/// Whether `t` (seconds since the epoch) lies in 2000-2100: a trace time outside is a broken
/// clock or a typo (a bare 0, year 9999), and replaying it would span centuries.
inline bool plausible_epoch_s(double t) { return t >= 946684800.0 && t < 4102444800.0; }

// The importers, one per format (one file each).
TraceTable import_cloudwatch_text(const std::string& path, const std::string& function);
TraceTable import_cloudwatch_json(const std::string& path, const std::string& function);
TraceTable import_batch_jobs(const std::string& path);
TraceTable import_kubectl(const std::string& path);
/// `max_per_function` > 0: at most that many attempts of each (function, platform) are kept, a
/// deterministic uniform sample (reservoir), plus each one's first attempt on every node and
/// the file's earliest trigger, which calibrate's fits of boot and pull times read. Memory is
/// then bounded whatever the trace's length; a warning says how many rows were read.
TraceTable import_contsim_csv(const std::string& path, std::size_t max_per_function = 0);

/// Adds attributes (e.g. input size, media duration) from a CSV `input,ATTR1,ATTR2...` to the
/// invocations whose input (or its file name) matches.
void join_attributes(TraceTable& table, const std::string& csv_path);

/// Seconds since the epoch of an ISO 8601 UTC time ("2023-05-04T10:11:12.345Z", "+00:00").
/// Returns NaN when `text` is not one.
double parse_iso8601(const std::string& text);

} // namespace contsim::traces

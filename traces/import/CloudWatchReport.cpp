// AWS Lambda's REPORT log lines, one per invocation, written when it ends:
//   REPORT RequestId: ID  Duration: 2123.45 ms  Billed Duration: 2124 ms  Memory Size: 1024 MB
//   Max Memory Used: 321 MB  [Init Duration: 401.22 ms]  [Status: timeout|error]
// Fields are tab-separated in real logs (spaces are accepted too). A plain export puts a
// timestamp before each message; `aws logs filter-log-events` gives {"events": [{timestamp (ms),
// logStreamName, message}]}. The log stream is one execution environment: the trace's node.
// Lambda's JSON log format (platform.report events) is read too, in either file (parse_json_report).
// Only the handler's time is measured: t_exec_start = end − Duration, t_start = that − Init.
#include "sim/core/Error.hpp"
#include "sim/core/InputFile.hpp"
#include "traces/import/JsonDocument.hpp"
#include "traces/import/TraceImport.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <fstream>

namespace contsim::traces {
namespace {

/// Reads "NAME: NUMBER UNIT" after `key` in `line`; NaN when absent.
double field(const std::string& line, const std::string& key)
{
  std::size_t at = line.find(key + ":");
  if (at == std::string::npos)
    return kUnknown;
  const char* p = line.c_str() + at + key.size() + 1;
  while (*p == ' ' || *p == '\t')
    ++p;
  if (!std::isdigit(static_cast<unsigned char>(*p)) && *p != '-' && *p != '.')
    return kUnknown;  // "nan", "inf", a word: not a measurement
  char* end = nullptr;
  double v = std::strtod(p, &end);
  return end == p ? kUnknown : v;
}

void fill_report(double duration_ms, double init_ms, const std::string& status, double t_end,
                 const std::string& file, int line, ObservedInvocation& out);

/// Lambda's JSON log format (a function's LoggingConfig LogFormat JSON): one object per system
/// event, {"time": ISO 8601, "type": "platform.report", "record": {"requestId", "metrics":
/// {"durationMs", "billedDurationMs", "memorySizeMB", "maxMemoryUsedMB", "initDurationMs"?},
/// "status": "success" | "error" | "failure" | "timeout"}}. Returns false for another event type
/// (platform.start, the function's own JSON lines); throws on a malformed platform.report.
bool parse_json_report(const std::string& text, double fallback_t_end, const std::string& file, int line,
                       ObservedInvocation& out)
{
  std::size_t brace = text.find('{');
  if (brace == std::string::npos || text.find("\"platform.report\"") == std::string::npos)
    return false;
  nlohmann::json j = nlohmann::json::parse(text.begin() + static_cast<std::ptrdiff_t>(brace), text.end(), nullptr, false);
  if (j.is_discarded() || !j.is_object())
    throw InputError(file, line, 0, "", "a platform.report line that is not one JSON object");
  if (j.value("type", "") != "platform.report")
    return false;
  auto fail = [&](const std::string& key, const std::string& what) { throw InputError(file, line, 0, key, what); };
  if (!j.contains("record") || !j["record"].is_object())
    fail("record", "platform.report without a `record` object");
  const nlohmann::json& r = j["record"];
  if (!r.contains("requestId") || !r["requestId"].is_string())
    fail("record.requestId", "platform.report without a request id");
  out.id = r["requestId"].get<std::string>();
  if (!r.contains("metrics") || !r["metrics"].is_object())
    fail("record.metrics", "platform.report without `metrics`");
  const nlohmann::json& m = r["metrics"];
  auto number = [&](const char* key, bool required) {
    if (!m.contains(key)) {
      if (required)
        fail(std::string("record.metrics.") + key, "platform.report without this metric");
      return kUnknown;
    }
    if (!m[key].is_number())
      fail(std::string("record.metrics.") + key, "expected a number");
    return m[key].get<double>();
  };
  double duration_ms = number("durationMs", true);
  out.billed_ms = number("billedDurationMs", false);
  out.memory_mb = number("memorySizeMB", true);
  out.max_memory_used_mb = number("maxMemoryUsedMB", false);
  double init_ms = number("initDurationMs", false);
  std::string st = r.value("status", "success");
  std::string status = st == "success" ? "ok" : st == "timeout" ? "timeout" : "failed";
  double t_end = fallback_t_end;
  if (j.contains("time") && j["time"].is_string()) {
    double t = parse_iso8601(j["time"].get<std::string>());
    if (!known(t))
      fail("time", "not an ISO 8601 time: " + j["time"].get<std::string>());
    t_end = t;
  }
  if (duration_ms < 0)
    fail("record.metrics.durationMs", "negative value");
  fill_report(duration_ms, init_ms, status, t_end, file, line, out);
  return true;
}

/// Parses one REPORT message (anything before "REPORT" is ignored) into `out`. `t_end` is the
/// message's timestamp (NaN when unknown). Throws with `where` on a malformed REPORT.
void parse_report(const std::string& message, double t_end, const std::string& file, int line,
                  ObservedInvocation& out)
{
  std::size_t at = message.find("REPORT RequestId:");
  std::string m = message.substr(at);
  std::size_t id_start = m.find_first_not_of(" \t", 17);
  std::size_t id_end = m.find_first_of(" \t", id_start);
  if (id_start == std::string::npos)
    throw InputError(file, line, 0, "RequestId", "REPORT line without a request id");
  out.id = m.substr(id_start, id_end - id_start);
  // "Duration:" on its own, not the one of "Billed Duration:" or "Init Duration:".
  double duration_ms = kUnknown;
  for (std::size_t at = m.find("Duration:"); at != std::string::npos; at = m.find("Duration:", at + 1)) {
    std::size_t word = m.find_last_not_of(" \t", at - 1);
    bool qualified = word != std::string::npos && ((word >= 5 && m.compare(word - 5, 6, "Billed") == 0) ||
                                                   (word >= 3 && m.compare(word - 3, 4, "Init") == 0));
    if (!qualified) {
      duration_ms = field(m.substr(at), "Duration");
      break;
    }
  }
  if (!known(duration_ms) || duration_ms < 0)
    throw InputError(file, line, 0, "Duration", "REPORT line without a valid `Duration: N ms`");
  out.billed_ms = field(m, "Billed Duration");
  out.memory_mb = field(m, "Memory Size");
  out.max_memory_used_mb = field(m, "Max Memory Used");
  double init_ms = field(m, "Init Duration");
  std::string status = "ok";
  std::size_t at_status = m.find("Status:");
  if (at_status != std::string::npos) {
    std::string st = m.substr(at_status + 7);
    st = st.substr(std::min(st.size(), st.find_first_not_of(' ')));
    st = st.substr(0, st.find_first_of(" \t\r\n"));
    status = st == "timeout" ? "timeout" : (st == "success" ? "ok" : "failed");
  }
  fill_report(duration_ms, init_ms, status, t_end, file, line, out);
}

/// The timing and checks common to both log formats: durations in ms, `t_end` NaN when unknown.
void fill_report(double duration_ms, double init_ms, const std::string& status, double t_end,
                 const std::string& file, int line, ObservedInvocation& out)
{
  for (auto [name, v] : {std::pair{"Duration", duration_ms}, std::pair{"Billed Duration", out.billed_ms},
                         std::pair{"Memory Size", out.memory_mb}, std::pair{"Max Memory Used", out.max_memory_used_mb},
                         std::pair{"Init Duration", init_ms}}) {
    if (known(v) && v < 0)
      throw InputError(file, line, 0, name, "negative value in a REPORT line");
    if (known(v) && !(v <= 1e12))  // ms or MB: 30 years, a petabyte
      throw InputError(file, line, 0, name, "value out of range in a REPORT line");
  }
  if (!known(out.memory_mb))
    throw InputError(file, line, 0, "Memory Size", "REPORT line without `Memory Size: N MB`");
  out.platform = "lambda";
  out.cold_start = known(init_ms) ? 1 : 0;
  out.init_duration_s = known(init_ms) ? init_ms / 1000.0 : kUnknown;
  out.status = status;
  out.source = file + ":" + std::to_string(line);
  double exec_s = duration_ms / 1000.0;
  if (known(t_end)) {
    out.t_end = out.t_exec_end = t_end;
    out.t_exec_start = t_end - exec_s;
    out.t_start = out.t_trigger = out.t_exec_start - (known(init_ms) ? init_ms / 1000.0 : 0);
  } else {  // no clock: keep the durations, anchored at 0
    out.t_trigger = out.t_start = 0;
    out.t_exec_start = known(init_ms) ? init_ms / 1000.0 : 0;
    out.t_exec_end = out.t_end = out.t_exec_start + exec_s;
  }
}

/// A leading timestamp: ISO 8601 or epoch milliseconds; NaN when the line has none.
double leading_timestamp(const std::string& line)
{
  std::size_t end = line.find_first_of(" \t,");
  if (end == std::string::npos || end == 0)
    return kUnknown;
  std::string token = line.substr(0, end);
  double t = parse_iso8601(token);
  if (known(t))
    return t;
  char* stop = nullptr;
  double ms = std::strtod(token.c_str(), &stop);
  if (*stop == '\0' && plausible_epoch_s(ms / 1000.0))  // epoch milliseconds
    return ms / 1000.0;
  return kUnknown;
}

} // namespace

TraceTable import_cloudwatch_text(const std::string& path, const std::string& function)
{
  check_readable_file(path, "trace file");
  std::ifstream in(path, std::ios::binary);
  TraceTable t;
  std::string line;
  int n = 0;
  long long other = 0;
  bool first_line_is_csv = false;
  while (std::getline(in, line)) {
    ++n;
    if (n == 1)
      first_line_is_csv = std::count(line.begin(), line.end(), ',') >= 5;
    if (line.find("REPORT RequestId:") == std::string::npos) {
      ObservedInvocation inv;
      inv.function = function;
      if (line.find("\"platform.report\"") != std::string::npos &&
          parse_json_report(line, leading_timestamp(line), path, n, inv)) {
        t.invocations.push_back(std::move(inv));
        continue;
      }
      other += line.find_first_not_of(" \t\r") != std::string::npos;
      continue;  // START, END, other platform events, the function's own output: noise here
    }
    // Other lines are the function's own output (ANSI colours and all); a REPORT line is AWS's.
    if (auto fault = find_text_fault(line))
      throw InputError(path, n, fault->column, "", fault->what);
    ObservedInvocation inv;
    inv.function = function;
    parse_report(line, leading_timestamp(line), path, n, inv);
    t.invocations.push_back(std::move(inv));
  }
  if (t.invocations.empty())
    throw InputError(path, 0, 0, "",
                     std::string("no `REPORT RequestId:` line or platform.report event: not a CloudWatch Lambda log") +
                         (first_line_is_csv ? " (a CSV? contsim's trace.csv starts with `id,function,...` or a "
                                              "`# schema: contsim-trace/N` line: its header is missing)"
                                            : ""));
  if (other > 0)
    t.warnings.push_back(path + ": skipped " + std::to_string(other) + " lines that are not REPORT lines");
  return t;
}

TraceTable import_cloudwatch_json(const std::string& path, const std::string& function)
{
  YAML::Node doc = load_json_document(path);
  YAML::Node events = doc["events"];
  if (!events.IsSequence())
    throw InputError(path, 1, 0, "events", "expected a list of log events");
  TraceTable t;
  long long other = 0;
  for (const auto& e : events) {
    int line = e.Mark().line + 1;
    if (!e.IsMap() || !e["message"] || !e["timestamp"])
      throw InputError(path, line, 0, "events", "a log event needs `timestamp` and `message`");
    std::string message = json_text(e, "message", path);
    bool json_report = message.find("\"platform.report\"") != std::string::npos;
    if (message.find("REPORT RequestId:") == std::string::npos && !json_report) {
      ++other;
      continue;
    }
    double ts;
    try {
      ts = e["timestamp"].as<double>() / 1000.0;
    } catch (const YAML::Exception&) {
      throw InputError(path, line, 0, "timestamp", "expected milliseconds since the epoch");
    }
    if (!plausible_epoch_s(ts))
      throw InputError(path, line, 0, "timestamp", "milliseconds since the epoch for a time in 2000-2100, found " +
                                                       e["timestamp"].Scalar());
    ObservedInvocation inv;
    inv.function = function;
    if (e["logStreamName"])
      inv.node = json_text(e, "logStreamName", path);
    if (json_report && message.find("REPORT RequestId:") == std::string::npos) {
      if (!parse_json_report(message, ts, path, line, inv)) {
        ++other;
        continue;
      }
    } else {
      parse_report(message, ts, path, line, inv);
    }
    t.invocations.push_back(std::move(inv));
  }
  if (t.invocations.empty())
    throw InputError(path, 0, 0, "events", "no REPORT message or platform.report event among the events");
  if (other > 0)
    t.warnings.push_back(path + ": skipped " + std::to_string(other) + " events that are not REPORT lines");
  return t;
}

} // namespace contsim::traces

#include "sim/schema/Schema.hpp"

#include <deque>
#include <sstream>

namespace contsim::schema {

std::string Table::version_line() const
{
  return std::string("# schema: ") + id + "/" + std::to_string(version);
}

std::string Table::header() const
{
  std::string h;
  for (const auto& c : columns)
    h += (h.empty() ? "" : ",") + std::string(c.name);
  return h;
}

int Table::index_of(const std::string& name) const
{
  for (std::size_t i = 0; i < columns.size(); ++i)
    if (name == columns[i].name)
      return static_cast<int>(i);
  return -1;
}

const Table& trace_table()
{
  static const Table t{
      "trace.csv", "contsim-trace", 1,
      "One row per invocation attempt, in completion order. Times are seconds since the start of the run "
      "(simulated) or since the real run's start (real-runners), with microsecond resolution; an empty time = "
      "the phase never happened.",
      {
          {"id", "", "attempt id, in trigger order"},
          {"function", "", "the FDL function (OSCAR services with one name on several clusters: NAME@CLUSTER; "
                           "endpoint replicas: NAME@HOST)"},
          {"platform", "", "the model that ran the attempt: lambda, batch, oscar"},
          {"site", "", "the platform site of the service"},
          {"node", "", "execution environment, instance or Kubernetes node that ran it"},
          {"input", "", "object key of the input (bucket/folder/name); synchronous requests: run/FUNCTION/NAME, "
                        "asynchronous requests: job/FUNCTION/NAME"},
          {"t_trigger", "s", "input stored + event latency; a delegated attempt: when it was handed over"},
          {"t_start", "s", "resources granted: the queue wait ends (Batch: STARTING; OSCAR: the pod bound to a "
                           "node, empty when it never was)"},
          {"t_exec_start", "s", "the user's script starts: after cold start, image pull and stage-in"},
          {"t_exec_end", "s", "the user's script ends"},
          {"t_end", "s", "outputs stored"},
          {"cold_start", "0/1", "1: a new environment (Lambda), the instance's first job (Batch) or an image pull "
                                "on the node (OSCAR)"},
          {"status", "", "ok, timeout, failed, delegated, duplicate (ran to completion although its event was also "
                         "delegated); real runs also: error (the script exited non-zero; real-errors.log), "
                         "interrupted (the run was stopped before it ended)"},
          {"delegated_to", "", "the service that got the event (status delegated)"},
          {"mechanism", "", "why it was delegated: gateway (SCAR batch), timeout or failure (lambda-batch), "
                            "resource-manager or rescheduler (OSCAR replicas)"},
          {"billed_ms", "ms", "Lambda: billed duration; Batch: the job's RUNNING time"},
          {"cost_usd", "USD", "Lambda: duration + request fee; Batch: RUNNING seconds x hourly price / jobs on "
                              "the instance (attributed cost)"},
          {"parent_id", "", "the attempt this one was delegated from; empty: none"},
          {"t_stage_in", "s", "the input download starts (end of cold start / image pull); empty when nothing "
                              "was downloaded"},
          {"memory_mb", "MiB", "the function's FDL memory (Lambda size, Batch/OSCAR request): the profile's "
                               "reference for contsim calibrate"},
      }};
  return t;
}

const Table& timeline_table()
{
  static const Table t{
      "timeline.csv", "contsim-timeline", 1,
      "Every timeline_interval seconds, one row per service.",
      {
          {"t_s", "s", "sample time"},
          {"platform", "", "the service's model: lambda, batch, oscar"},
          {"service", "", "the platform service"},
          {"running", "count", "Lambda: environments busy; Batch: jobs STARTING/RUNNING; OSCAR: pods bound"},
          {"queued", "count", "Lambda: throttled invocations waiting; Batch: jobs SUBMITTED/RUNNABLE; OSCAR: pods "
                              "pending + events being handled or delegated"},
          {"warm_idle", "count", "Lambda: idle environments; Batch/OSCAR: free job slots on ready machines"},
          {"units_up", "count", "environments (Lambda), instances up incl. booting (Batch), working nodes up incl. "
                                "booting and draining (OSCAR, front-end not counted)"},
      }};
  return t;
}

const Table& instance_table()
{
  static const Table t{
      "instances.csv", "contsim-instances", 2,
      "One row per machine a service rented (Batch EC2 instances) or per up interval of a cluster node "
      "(power-on to power-off), written when it goes away; machines still up at the end are closed then.",
      {
          {"service", "", "the platform service"},
          {"group", "", "compute environment (Batch) or cluster (OSCAR)"},
          {"instance", "", "the name the trace's node column uses"},
          {"type", "", "instance or node type, e.g. g3s.xlarge"},
          {"t_launched", "s", "billing starts (power-on)"},
          {"t_ready", "s", "booted: can take jobs"},
          {"t_terminated", "s", "terminated or powered off"},
          {"up_at_end", "0/1", "1: still up when the run ended (kept by a minimum size)"},
          {"jobs", "count", "jobs that ran on it"},
          {"busy_s", "s", "time with at least one job on it"},
          {"idle_before_termination_s", "s", "idle time before it went away; empty when it never did"},
          {"billed_s", "s", "billed seconds (AWS: per second, 60 s minimum; nodes: whole seconds up)"},
          {"cost_usd", "USD", "what the provider bills (nodes: uptime x the node type's usd_per_hour)"},
          {"energy_wh", "Wh", "idle draw while up plus the busy share in proportion to the CPU requested; empty "
                              "when the type gives no power figures"},
          {"t_drain", "s", "began draining: CLUES decided to power it off, which took until t_terminated; empty "
                           "when it never drained (terminated straight from ready, or up at the end)"},
      }};
  return t;
}

const Table& job_state_table()
{
  static const Table t{
      "job_states.csv", "contsim-job-states", 1,
      "State changes of queue-based jobs, one row per change, in time order.",
      {
          {"id", "", "the trace's id of the same attempt"},
          {"function", "", "the function"},
          {"service", "", "the platform service"},
          {"state", "", "Batch: SUBMITTED, PENDING, RUNNABLE, STARTING, RUNNING, SUCCEEDED; OSCAR: Pending, "
                        "Running, Succeeded, Deleted (by the Rescheduler), Delegated (by the Resource Manager)"},
          {"t_s", "s", "when the state was entered"},
      }};
  return t;
}

const Table& phase_table()
{
  static const Table t{
      "phases.csv", "contsim-phases", 1,
      "Where the time of an attempt went, one row per phase, for the functions whose profile declares `phases:` "
      "(the platform's own steps first, then the function's phases in order).",
      {
          {"id", "", "the trace's id of the same attempt"},
          {"function", "", "the function"},
          {"service", "", "the platform service"},
          {"phase", "", "initialize_container (job created to container running: scheduling, image pull, start), "
                        "stage_in, then the profile's phases, then stage_out"},
          {"ran_on", "", "platform (the platform's steps), cpu, gpu (a GPU of the node) or rcuda (a remote GPU)"},
          {"where", "", "the node, and for gpu/rcuda the GPU device (SERVER/gpuK)"},
          {"t_start", "s", "phase start"},
          {"t_end", "s", "phase end"},
      }};
  return t;
}

const std::vector<SweepMetric>& sweep_metrics()
{
  static const std::vector<SweepMetric> m = {
      {"invocations", "count", "attempts"},
      {"cold_starts", "count", "cold starts"},
      {"makespan_s", "s", "first upload to the last t_end"},
      {"mean_exec_s", "s", "mean script time over the attempts that ran one"},
      {"mean_response_s", "s", "mean per-event response time"},
      {"p95_response_s", "s", "95th percentile of the per-event response time"},
      {"mean_billed_ms", "ms", "billed milliseconds per attempt"},
      {"cost_usd", "USD", "total cost (what the providers bill)"},
      {"cost_per_invocation_usd", "USD", "cost_usd / invocations"},
      {"attributed_cost_usd", "USD", "the sum of the attempts' cost_usd"},
  };
  return m;
}

const Table& sweep_table()
{
  static const Table t = [] {
    static std::deque<std::string> texts;  // the columns' names and meanings, alive as long as the table
    auto keep = [](std::string s) { return texts.emplace_back(std::move(s)).c_str(); };
    Table table{"sweep.csv", "contsim-sweep", 2,
                "One row per sweep point (sweep gather), over its replications: each metric's mean, "
                "sample standard deviation and the half-width of its 95 % confidence interval "
                "(Student's t). The swept parameters come after `point`, one column each, in the "
                "order of sweep.json's `axes`; with one replication, or none finished, _sd and _ci95 are empty.",
                {
                    {"point", "", "the point's index: its directory is points/NNNN/ (sweep.json lists them)"},
                    {kSweepAxisColumns, "", "one column per swept parameter, named by the path's last component "
                                            "(more of it when two axes share one): its value at this point"},
                    {"replications", "count", "replications that finished (their summary.json exists)"},
                    {"failed", "count", "replications that failed (points/NNNN/rep-R/error.txt says why)"},
                }};
    for (const auto& m : sweep_metrics()) {
      table.columns.push_back({m.name, m.unit, keep(std::string("mean over replications: ") + m.meaning)});
      table.columns.push_back({keep(std::string(m.name) + "_sd"), m.unit, keep(std::string("standard deviation of ") + m.name)});
      table.columns.push_back({keep(std::string(m.name) + "_ci95"), m.unit,
                               keep(std::string("half-width of the 95 % confidence interval of ") + m.name)});
    }
    return table;
  }();
  return t;
}

std::vector<const Table*> all_tables()
{
  return {&trace_table(), &timeline_table(), &instance_table(), &job_state_table(), &phase_table(), &sweep_table()};
}

std::string outputs_markdown()
{
  std::ostringstream md;
  md << "# Output tables (generated by `contsim help outputs`; do not edit)\n\n"
        "Every CSV file starts with a version line, `# schema: ID/VERSION`, then the header. Readers skip\n"
        "lines starting with `#` before the header (pandas: `read_csv(path, comment='#')`). A version changes\n"
        "when a column changes meaning or goes away; new columns are added at the end.\n"
        "`summary.json` carries its version in its `schema` key (`"
     << kSummarySchema << "`).\n";
  for (const Table* t : all_tables()) {
    md << "\n## " << t->file << " (`" << t->id << "/" << t->version << "`)\n\n" << t->about << "\n\n";
    md << "| column | unit | meaning |\n|---|---|---|\n";
    for (const auto& c : t->columns)
      md << "| `" << c.name << "` | " << c.unit << " | " << c.meaning << " |\n";
  }
  return md.str();
}

std::string outputs_python()
{
  std::ostringstream py;
  py << "\"\"\"Column tables of contsim's outputs, generated by `contsim help outputs --python` from\n"
        "sim/schema/Schema.cpp; do not edit (a test checks this file is current).\"\"\"\n\n"
        "SCHEMAS = {\n";
  for (const Table* t : all_tables()) {
    py << "    \"" << t->file << "\": {\"id\": \"" << t->id << "\", \"version\": " << t->version
       << ", \"columns\": [\n";
    for (const auto& c : t->columns)
      py << "        (\"" << c.name << "\", \"" << c.unit << "\"),\n";
    py << "    ]},\n";
  }
  py << "}\n\n"
        "def columns(file):\n"
        "    \"\"\"The column names of one output file, in order.\"\"\"\n"
        "    return [name for name, _unit in SCHEMAS[file][\"columns\"]]\n\n"
        "def version_line(file):\n"
        "    \"\"\"The first line of that file.\"\"\"\n"
        "    s = SCHEMAS[file]\n"
        "    return \"# schema: %s/%d\" % (s[\"id\"], s[\"version\"])\n";
  return py.str();
}

} // namespace contsim::schema

#include "sim/schema/OutputDirectory.hpp"

#include "sim/core/OutputFile.hpp"

#include <cerrno>
#include <cstdio>

namespace contsim {

namespace {
std::string in(const std::string& dir, const char* file) { return (dir.empty() ? std::string(".") : dir) + "/" + file; }

void remove_stale_summary(const std::string& dir)
{
  std::string path = in(dir, "summary.json");
  if (std::remove(path.c_str()) != 0 && errno != ENOENT)
    throw WriteError(path, "cannot remove an earlier run's summary: " + errno_text(errno));
}
std::string named(const std::string& dir, const char* file, const OutputOptions& options)
{
  return compressed_name(in(dir, file), options.compression);
}

// Only the trace is big enough for a writer thread to pay for itself; the other tables are
// compressed (or not) like it.
CsvOptions table_options(const OutputOptions& options)
{
  return CsvOptions{CsvPublish::when_complete, options.compression, false};
}
} // namespace

OutputDirectory::OutputDirectory(const std::string& dir, CsvPublish trace, const OutputOptions& options)
    // the stale summary goes before any output is opened
    : timeline_((remove_stale_summary(dir), named(dir, "timeline.csv", options)), table_options(options))
    , instances_(named(dir, "instances.csv", options), table_options(options))
    , job_states_(named(dir, "job_states.csv", options), table_options(options))
    , phases_(named(dir, "phases.csv", options), table_options(options))
{
  if (options.trace != OutputOptions::Trace::none) {
    CsvOptions o = table_options(options);
    o.publish = trace;
    o.threaded = options.uses_writer_thread();
    trace_.emplace(named(dir, "trace.csv", options), o, options.trace == OutputOptions::Trace::sample ? options.every : 1);
  }
}

void OutputDirectory::close()
{
  if (trace_)
    trace_->finish();
  timeline_.finish();
  instances_.finish();
  job_states_.finish();
  phases_.finish();
}

void OutputDirectory::publish()
{
  // All written, then all named: a failure leaves none of them looking complete.
  if (trace_)
    trace_->publish();
  timeline_.publish();
  instances_.publish();
  job_states_.publish();
  phases_.publish();
}

} // namespace contsim

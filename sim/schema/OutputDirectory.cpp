#include "sim/schema/OutputDirectory.hpp"

#include "sim/core/OutputFile.hpp"

#include <cerrno>
#include <cstdio>

namespace contsim {

namespace {
std::string in(const std::string& dir, const char* file) { return (dir.empty() ? std::string(".") : dir) + "/" + file; }

std::string named(const std::string& dir, const char* file, const OutputOptions& options)
{
  return compressed_name(in(dir, file), options.compression);
}

void remove_stale(const std::string& path, const char* what)
{
  if (std::remove(path.c_str()) != 0 && errno != ENOENT)
    throw WriteError(path, std::string("cannot remove an earlier run's ") + what + ": " + errno_text(errno));
}

// An earlier run's summary goes first (it marks a complete run), then the files this run will
// replace: their disk pages are freed before the new ones are written, not after (a million-row
// trace is 170 MB of page cache that the kernel would otherwise hold twice).
void remove_stale_outputs(const std::string& dir, const OutputOptions& options)
{
  remove_stale(in(dir, "summary.json"), "summary");
  for (const char* file : {"trace.csv", "timeline.csv", "instances.csv", "job_states.csv", "phases.csv"})
    remove_stale(named(dir, file, options), "output");
}

// Only the trace is big enough for a writer thread to pay for itself; the other tables are
// compressed (or not) like it.
CsvOptions table_options(const OutputOptions& options)
{
  return CsvOptions{CsvPublish::when_complete, options.compression, false};
}
} // namespace

OutputDirectory::OutputDirectory(const std::string& dir, CsvPublish trace, const OutputOptions& options)
    // the stale outputs go before any output is opened
    : timeline_((remove_stale_outputs(dir, options), named(dir, "timeline.csv", options)), table_options(options))
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

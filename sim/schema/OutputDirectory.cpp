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
} // namespace

OutputDirectory::OutputDirectory(const std::string& dir, CsvPublish trace)
    // the stale summary goes before any output is opened
    : trace_((remove_stale_summary(dir), in(dir, "trace.csv")), trace)
    , timeline_(in(dir, "timeline.csv"))
    , instances_(in(dir, "instances.csv"))
    , job_states_(in(dir, "job_states.csv"))
{
}

void OutputDirectory::close()
{
  trace_.finish();
  timeline_.finish();
  instances_.finish();
  job_states_.finish();
}

void OutputDirectory::publish()
{
  // All written, then all named: a failure leaves none of them looking complete.
  trace_.publish();
  timeline_.publish();
  instances_.publish();
  job_states_.publish();
}

} // namespace contsim

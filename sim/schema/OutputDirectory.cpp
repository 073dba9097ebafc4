#include "sim/schema/OutputDirectory.hpp"

namespace contsim {

namespace {
std::string in(const std::string& dir, const char* file) { return (dir.empty() ? std::string(".") : dir) + "/" + file; }
} // namespace

OutputDirectory::OutputDirectory(const std::string& dir)
    : trace_(in(dir, "trace.csv"))
    , timeline_(in(dir, "timeline.csv"))
    , instances_(in(dir, "instances.csv"))
    , job_states_(in(dir, "job_states.csv"))
{
}

void OutputDirectory::close()
{
  trace_.close();
  timeline_.close();
  instances_.close();
  job_states_.close();
}

} // namespace contsim

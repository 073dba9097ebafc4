// `aws batch describe-jobs --jobs ...` JSON: {"jobs": [{jobName, jobId, jobDefinition, status,
// createdAt, startedAt, stoppedAt (epoch ms), container: {image, vcpus, memory,
// resourceRequirements, containerInstanceArn | attempts[].container.containerInstanceArn}}]}.
// The function is the job definition's name (SCAR names it after the function), else the job's
// name. t_trigger = createdAt (SUBMITTED), t_start = t_exec_start = startedAt (RUNNING: the
// container started), t_exec_end = t_end = stoppedAt. Jobs not finished yet are skipped.
#include "sim/core/Error.hpp"
#include "sim/core/YamlStructure.hpp"
#include "traces/import/JsonDocument.hpp"
#include "traces/import/TraceImport.hpp"

#include <cmath>

namespace contsim::traces {
namespace {

double epoch_ms(const YAML::Node& job, const char* key, const std::string& path)
{
  YAML::Node v = job[key];
  if (!v)
    return kUnknown;
  double t = kUnknown;
  try {
    t = v.as<double>() / 1000.0;
  } catch (const YAML::Exception&) {
    throw InputError(path, v.Mark().line + 1, v.Mark().column + 1, key, "expected milliseconds since the epoch");
  }
  if (!plausible_epoch_s(t))
    throw InputError(path, v.Mark().line + 1, v.Mark().column + 1, key,
                     "milliseconds since the epoch for a time in 2000-2100, found " + v.Scalar());
  return t;
}

std::string last_segment(std::string arn)
{
  arn = arn.substr(arn.find_last_of('/') + 1);  // arn:aws:batch:...:job-definition/NAME:REV
  return arn.substr(0, arn.find(':'));
}

} // namespace

TraceTable import_batch_jobs(const std::string& path)
{
  YAML::Node doc = load_json_document(path);
  YAML::Node jobs = doc["jobs"];
  if (!jobs.IsSequence())
    throw InputError(path, 1, 0, "jobs", "expected a list of jobs");
  TraceTable t;
  long long unfinished = 0;
  for (const auto& job : jobs) {
    int line = job.Mark().line + 1;
    if (!job.IsMap() || !job["jobId"] || !job["status"] || !job["createdAt"])
      throw InputError(path, line, 0, "jobs", "a job needs jobId, status and createdAt");
    std::string status = json_text(job, "status", path);
    if (status != "SUCCEEDED" && status != "FAILED") {
      ++unfinished;
      continue;
    }
    ObservedInvocation inv;
    inv.id = json_text(job, "jobId", path);
    inv.function = job["jobDefinition"] ? last_segment(json_text(job, "jobDefinition", path))
                                        : json_text(job, "jobName", path);
    inv.platform = "batch";
    inv.status = status == "SUCCEEDED" ? "ok" : "failed";
    inv.t_trigger = epoch_ms(job, "createdAt", path);
    inv.t_start = inv.t_exec_start = epoch_ms(job, "startedAt", path);
    inv.t_exec_end = inv.t_end = epoch_ms(job, "stoppedAt", path);
    if (status == "SUCCEEDED" && (!known(inv.t_start) || !known(inv.t_end)))
      throw InputError(path, line, 0, "startedAt", "a SUCCEEDED job needs startedAt and stoppedAt");
    if (known(inv.t_start) && (inv.t_start < inv.t_trigger || inv.t_end < inv.t_start))
      throw InputError(path, line, 0, "stoppedAt", "times out of order (createdAt ≤ startedAt ≤ stoppedAt)");
    if (YAML::Node c = job["container"]) {
      inv.image = json_text(c, "image", path);
      if (c["vcpus"])
        inv.vcpus = c["vcpus"].as<double>();
      if (c["memory"])
        inv.memory_mb = c["memory"].as<double>();
      for (const auto& r : c["resourceRequirements"]) {
        std::string type = json_text(r, "type", path);
        std::string text = json_text(r, "value", path);
        char* end = nullptr;
        double v = std::strtod(text.c_str(), &end);
        if (text.empty() || *end != '\0' || !std::isfinite(v) || v < 0)
          throw InputError(path, r.Mark().line + 1, r.Mark().column + 1, "value",
                           "expected a resource amount (a non-negative number), found '" + clip(text) + "'");
        if (type == "VCPU")
          inv.vcpus = v;
        else if (type == "MEMORY")
          inv.memory_mb = v;
      }
      inv.node = json_text(c, "containerInstanceArn", path);
    }
    YAML::Node attempts = job["attempts"];
    if (attempts.IsSequence() && attempts.size() > 0) {
      YAML::Node last = attempts[attempts.size() - 1]["container"];
      if (last && last["containerInstanceArn"])
        inv.node = json_text(last, "containerInstanceArn", path);
    }
    if (!inv.node.empty())
      inv.node = inv.node.substr(inv.node.find_last_of('/') + 1);
    inv.source = path + ":" + std::to_string(line);
    t.invocations.push_back(std::move(inv));
  }
  if (unfinished > 0)
    t.warnings.push_back(path + ": skipped " + std::to_string(unfinished) + " jobs not SUCCEEDED or FAILED");
  return t;
}

} // namespace contsim::traces

#include "models/lambda/LambdaParameters.hpp"

#include <algorithm>

namespace contsim::lambda {

const std::vector<ParamField<LambdaParameters>>& parameter_table()
{
  static const std::vector<ParamField<LambdaParameters>> table{
      {{"mb_per_vcpu", 1769, "MB", "memory that buys one vCPU; CPU share is proportional to memory",
       "AWS docs: 1,769 MB = 1 vCPU (real-systems.md §5.1)", 1, 1e6}, &LambdaParameters::mb_per_vcpu},
      {{"max_vcpu", 6, "vCPU", "vCPUs at the largest memory size", "L3", 0.01, 1024}, &LambdaParameters::max_vcpu},
      {{"min_memory_mb", 128, "MB", "smallest memory size", "L2", 1, 1e6}, &LambdaParameters::min_memory_mb},
      {{"max_memory_mb", 10240, "MB", "largest memory size (3008 before Dec 2020, inconsistencies.md §10)", "L2",
       1, 1e6}, &LambdaParameters::max_memory_mb},
      {{"max_timeout_s", 900, "s", "largest function timeout", "L1", 1, 1e6, ParamType::seconds}, &LambdaParameters::max_timeout_s},
      {{"concurrency_limit", 1000, "invocations", "account concurrency; beyond it asynchronous invocations queue",
       "AWS docs: 1,000 per region by default (real-systems.md §5.1)", 1, 1e9, ParamType::integer}, &LambdaParameters::concurrency_limit},
      {{"keep_alive_s", 600, "s", "idle time after which a warm environment is reclaimed",
       "AWS: 10 min after the last request since July 2019 (real-systems.md §6.2)", 0, 1e9, ParamType::seconds}, &LambdaParameters::keep_alive_s},
      {{"platform_init_s", 0.4, "s", "start of a fresh execution environment (runtime init), not billed",
       "real-systems.md §6.1: cold starts mostly within 400 ms (Shilkov)", 0, 3600, ParamType::seconds}, &LambdaParameters::platform_init_s},
      {{"warm_start_s", 0.025, "s", "latency of routing an invocation to a warm environment, not billed",
       "real-systems.md §6.1: AWS warm-start median 25 ms (Wang et al. ATC'18)", 0, 3600, ParamType::seconds}, &LambdaParameters::warm_start_s},
      {{"image_pull_mb_per_s", 20.306, "MB/s",
       "SCAR's udocker pull + extraction of the container image into /tmp on a cold start (billed)",
       "derived: L11 219 MB over L9 - L10 = 12.908 - 2.123 = 10.785 s", 1e-6, 1e9}, &LambdaParameters::image_pull_mb_per_s},
      {{"ephemeral_storage_mb", 512, "MB", "/tmp size", "L5", 1, 1e7}, &LambdaParameters::ephemeral_storage_mb},
      {{"batch_submit_s", 1.23, "s",
       "SCAR's supervisor submitting an AWS Batch job from Lambda (batch mode: the whole, billed invocation; "
       "lambda-batch: after the container is stopped)",
       "L12: the 128 MB gateway function of batch mode takes 1,230 ms on average", 0, 900, ParamType::distribution}, &LambdaParameters::batch_submit},
      {{"image_in_tmp", 1, "bool", "1: the container image is extracted into /tmp (SCAR with udocker)",
       "SCAR docs: udocker image must fit in 512 MB (real-systems.md §1.3)", 0, 1, ParamType::boolean}, &LambdaParameters::image_in_tmp},
  };
  return table;
}

std::vector<ParamSpec> parameter_specs()
{
  return specs_of(parameter_table());
}

LambdaParameters LambdaParameters::from(const ParameterSet& s)
{
  return read_params(s, parameter_table());
}

double LambdaParameters::vcpu(double memory_mb) const
{
  return std::min(memory_mb / mb_per_vcpu, max_vcpu);
}

} // namespace contsim::lambda

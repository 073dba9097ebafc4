// AWS Lambda model parameters, each declared once with unit, default and the source of the
// default (fact ids refer to docs/sources.md). Calibration files override them
// under `lambda:`.
#pragma once
#include "sim/core/Parameters.hpp"

namespace contsim::lambda {

struct LambdaParameters;
/// Every parameter with the field that holds it (declared once, read by name).
const std::vector<ParamField<LambdaParameters>>& parameter_table();
std::vector<ParamSpec> parameter_specs();

struct LambdaParameters {
  double mb_per_vcpu;
  double max_vcpu;
  double min_memory_mb;
  double max_memory_mb;
  double max_timeout_s;
  long long concurrency_limit;
  double keep_alive_s;
  double platform_init_s;
  double warm_start_s;
  double image_pull_mb_per_s;
  double ephemeral_storage_mb;
  bool image_in_tmp;
  Distribution batch_submit;

  static LambdaParameters from(const ParameterSet& set);
  /// vCPUs a function of this memory size gets (1,769 MB = 1 vCPU, capped).
  double vcpu(double memory_mb) const;
};

} // namespace contsim::lambda

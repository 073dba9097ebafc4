// The scenario's `real:` section: how `contsim real` runs the same scenario for real. The FDL
// stays unmodified; this section maps each of its container images to a local runtime and
// says how each workload source's input files are made (real-runners/README.md).
//
//   real:
//     backend: local               # this machine plays the OSCAR cluster (the only one so far)
//     time_scale: 1                # schedule gaps are divided by it (10: ten times faster)
//     job_timeout: 1h              # a job running longer is killed (status timeout)
//     images:
//       grycap/blast: {runtime: process}      # process (bubblewrap) or podman
//     inputs:
//       queries: {command: ../../real-runners/usecases/blast/make-input.sh}
//     tools: {blastp: "blastp -version"}   # versions recorded in real.json
//     mounts: [../../real-runners/usecases/common]   # read-only in the sandbox, beside the script's folder
//     as_if_lambda: {prices: ../../calibration/prices/aws-2023.yaml, region: us-east-1}  # real.json: the cost on Lambda
#pragma once
#include "models/lambda/LambdaBilling.hpp"
#include "sim/core/YamlReader.hpp"
#include "sim/scenario/Scenario.hpp"

#include <map>
#include <optional>
#include <vector>
#include <string>

namespace contsim::real {

struct ImageRuntime {
  enum class Kind { process, podman } kind = Kind::process;
  std::string podman_image;  // podman: the locally built image (e.g. localhost/contsim-blast)
};

struct InputRecipe {
  std::string command;  // run as COMMAND OUTPUT_FILE, with the upload's name, size and attributes in the environment
};

struct RealSection {
  std::string backend = "local";
  double time_scale = 1;
  double job_timeout_s = 3600;  // OSCAR's FDL has no timeout: the runner kills a job running longer
  std::map<std::string, ImageRuntime> images;  // by FDL image
  std::map<std::string, InputRecipe> inputs;   // by workload source name
  std::map<std::string, std::string> tools;    // name -> a command printing its version (for real.json)
  std::vector<std::string> mounts;             // more read-only directories for the sandbox (shared models)
  std::optional<lambda::PriceTable> as_if_lambda;  // price the jobs as Lambda invocations too (AsIfLambdaCost.hpp)

  /// Reads scenario.real; InputError (file, line, key) for anything it cannot run, including a
  /// function whose image has no runtime and a workload source without an input recipe.
  static RealSection read(const Scenario& scenario);
};

} // namespace contsim::real

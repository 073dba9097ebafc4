// A sweep as a Kubernetes Indexed Job: `completions` pods, each running the points of its
// JOB_COMPLETION_INDEX (`contsim sweep run /sweep --results /results`); the manifest and the
// input files in a ConfigMap mounted at /sweep, the results on a volume (a PVC by default).
// Also the container recipe that builds the contsim image the pods run.
#pragma once
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace contsim::sweep {

struct KubernetesOptions {
  std::string name = "contsim-sweep";
  std::string image = "contsim:latest";
  std::size_t parallelism = 0;  // 0 = min(completions, 16)
  std::string results_claim = "contsim-sweep-results";  // the PersistentVolumeClaim holding /results
};

/// job.yaml: a ConfigMap (sweep.json and every input, keys mapped back to their paths) and the
/// Indexed Job. `files`: (path under the sweep directory, content).
std::string kubernetes_manifest(const std::vector<std::pair<std::string, std::string>>& files, std::size_t completions,
                                const KubernetesOptions& options);

/// A Containerfile that builds contsim from its sources (podman build -f ... SOURCE_DIR).
std::string containerfile();

} // namespace contsim::sweep

#include "sim/sweep/KubernetesJob.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <sstream>

namespace contsim::sweep {

namespace {
/// A ConfigMap key: [-._a-zA-Z0-9]+, so a path's slashes become "__".
std::string key_of(const std::string& path)
{
  std::string k;
  for (char c : path) {
    if (c == '/')
      k += "__";
    else if (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == '_')
      k += c;
    else
      k += '-';
  }
  return k;
}
} // namespace

std::string kubernetes_manifest(const std::vector<std::pair<std::string, std::string>>& files, std::size_t completions,
                                const KubernetesOptions& o)
{
  YAML::Emitter out;
  out << YAML::BeginDoc << YAML::BeginMap;
  out << YAML::Key << "apiVersion" << YAML::Value << "v1";
  out << YAML::Key << "kind" << YAML::Value << "ConfigMap";
  out << YAML::Key << "metadata" << YAML::Value << YAML::BeginMap << YAML::Key << "name" << YAML::Value
      << o.name + "-inputs" << YAML::EndMap;
  out << YAML::Key << "data" << YAML::Value << YAML::BeginMap;
  for (const auto& [path, content] : files)
    out << YAML::Key << key_of(path) << YAML::Value << YAML::Literal << content;
  out << YAML::EndMap << YAML::EndMap;

  std::size_t parallelism = o.parallelism ? o.parallelism : std::min<std::size_t>(completions, 16);
  out << YAML::BeginDoc << YAML::BeginMap;
  out << YAML::Key << "apiVersion" << YAML::Value << "batch/v1";
  out << YAML::Key << "kind" << YAML::Value << "Job";
  out << YAML::Key << "metadata" << YAML::Value << YAML::BeginMap << YAML::Key << "name" << YAML::Value << o.name
      << YAML::EndMap;
  out << YAML::Key << "spec" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "completionMode" << YAML::Value << "Indexed";
  out << YAML::Key << "completions" << YAML::Value << completions;
  out << YAML::Key << "parallelism" << YAML::Value << parallelism;
  // A pod that fails is retried on its own index; a finished point is skipped on the retry.
  out << YAML::Key << "backoffLimitPerIndex" << YAML::Value << 2;
  out << YAML::Key << "template" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "spec" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "restartPolicy" << YAML::Value << "Never";
  out << YAML::Key << "containers" << YAML::Value << YAML::BeginSeq << YAML::BeginMap;
  out << YAML::Key << "name" << YAML::Value << "contsim";
  out << YAML::Key << "image" << YAML::Value << o.image;
  out << YAML::Key << "command" << YAML::Value << YAML::Flow << YAML::BeginSeq << "contsim"
      << "sweep"
      << "run"
      << "/sweep"
      << "--results"
      << "/results"
      << "-j"
      << "1" << YAML::EndSeq;
  out << YAML::Key << "resources" << YAML::Value << YAML::BeginMap << YAML::Key << "requests" << YAML::Value
      << YAML::BeginMap << YAML::Key << "cpu" << YAML::Value << "1" << YAML::EndMap << YAML::EndMap;
  out << YAML::Key << "volumeMounts" << YAML::Value << YAML::BeginSeq;
  out << YAML::BeginMap << YAML::Key << "name" << YAML::Value << "inputs" << YAML::Key << "mountPath" << YAML::Value
      << "/sweep" << YAML::Key << "readOnly" << YAML::Value << true << YAML::EndMap;
  out << YAML::BeginMap << YAML::Key << "name" << YAML::Value << "results" << YAML::Key << "mountPath" << YAML::Value
      << "/results" << YAML::EndMap;
  out << YAML::EndSeq << YAML::EndMap << YAML::EndSeq;
  out << YAML::Key << "volumes" << YAML::Value << YAML::BeginSeq;
  out << YAML::BeginMap << YAML::Key << "name" << YAML::Value << "inputs" << YAML::Key << "configMap" << YAML::Value
      << YAML::BeginMap << YAML::Key << "name" << YAML::Value << o.name + "-inputs" << YAML::Key << "items"
      << YAML::Value << YAML::BeginSeq;
  for (const auto& [path, content] : files)
    out << YAML::BeginMap << YAML::Key << "key" << YAML::Value << key_of(path) << YAML::Key << "path" << YAML::Value
        << path << YAML::EndMap;
  out << YAML::EndSeq << YAML::EndMap << YAML::EndMap;
  out << YAML::BeginMap << YAML::Key << "name" << YAML::Value << "results" << YAML::Key << "persistentVolumeClaim"
      << YAML::Value << YAML::BeginMap << YAML::Key << "claimName" << YAML::Value << o.results_claim << YAML::EndMap
      << YAML::EndMap;
  out << YAML::EndSeq;
  out << YAML::EndMap << YAML::EndMap << YAML::EndMap << YAML::EndMap;
  return std::string(out.c_str()) + "\n";
}

std::string containerfile()
{
  return R"(# The contsim image a sweep's Indexed Job runs (written by `contsim sweep --backend kubernetes`).
# Build it from contsim's source tree:  podman build -t contsim:latest -f Containerfile SOURCE_DIR
FROM docker.io/library/debian:12 AS build
RUN apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      build-essential cmake ninja-build pkg-config git libsimgrid-dev libyaml-cpp-dev nlohmann-json3-dev \
      libeigen3-dev libspdlog-dev libboost-dev libboost-program-options-dev libboost-graph-dev libcurl4-openssl-dev \
    && rm -rf /var/lib/apt/lists/*
COPY . /src
RUN cmake -S /src -B /build -G Ninja -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF && cmake --build /build --target contsim

FROM docker.io/library/debian:12-slim
RUN apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      libsimgrid3.32 libyaml-cpp0.7 libspdlog1.10 libboost-program-options1.74.0 libcurl4 \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /build/contsim /usr/local/bin/contsim
ENTRYPOINT []
)";
}

} // namespace contsim::sweep

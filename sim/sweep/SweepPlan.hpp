// A sweep resolved into numbered points: the axes with their values, every point as one value
// index per axis, the seed of each replication, and what the points run (the scenario copied
// under DIR/inputs/). Its JSON form is the manifest DIR/sweep.json that `sweep run` (locally,
// in a Slurm array task, in a Kubernetes Indexed Job pod) and `sweep gather` read.
#pragma once
#include "sim/sweep/SweepDefinition.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace contsim::sweep {

struct PlannedAxis {
  std::string path;  // canonical (parameters.lambda.keep_alive_s)
  std::string kind;  // "grid" or "zip"
  std::vector<std::string> values;
  /// The column name in sweep.csv: the path's last component, or more of it when two axes
  /// would share one (memory of functions a and b: a.memory, b.memory).
  std::string column;
};

struct SweepPlan {
  std::string scenario;                   // relative to the sweep directory (inputs/...)
  std::vector<std::string> calibrations;  // --calibration files, likewise
  std::vector<std::string> sets;          // fixed overrides of every point
  std::vector<PlannedAxis> axes;
  std::vector<std::vector<std::uint32_t>> points;  // per point, a value index per axis
  int replications = 1;
  std::vector<std::uint64_t> seeds;  // per replication; the same for every point
  Sampling sample;
  std::string inputs_hash;      // of every input file's bytes
  std::string definition_hash;  // of axes, points, sets, replications, seeds
  std::size_t chunk = 1;        // points per task (an array task, a pod)

  std::size_t tasks() const { return (points.size() + chunk - 1) / chunk; }
  /// The --set overrides of point `p`, replication `r` (fixed sets, axis values, then the seed).
  std::vector<std::string> overrides(std::size_t p, int r) const;
  /// DIR-relative directory of one replication: points/0007/rep-2.
  std::string run_dir(std::size_t p, int r) const;
  std::string point_dir(std::size_t p) const;

  nlohmann::ordered_json to_json() const;
  /// Reads DIR/sweep.json; InputError naming `file` when it is not a sweep manifest.
  static SweepPlan from_json(const nlohmann::json& j, const std::string& file);
};

/// Expands a definition: grid axes combine (first axis slowest), the zip axes move together
/// as one more dimension, then sampling thins the points. `base_seed` is the scenario's seed
/// (replication 0); replication r > 0 gets a seed derived from it.
/// InputError when the definition has no axis, repeats a path, sweeps the seed, or zips
/// lists of different lengths.
SweepPlan expand(const SweepDefinition& definition, std::uint64_t base_seed);

/// The seed of replication `r` (r = 0: `base`).
std::uint64_t replication_seed(std::uint64_t base, int r);

} // namespace contsim::sweep

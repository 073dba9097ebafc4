// What a user asks a sweep to vary: grid axes (every combination), zip axes (the i-th values
// together), fixed overrides, replications and sampling, from the command line
// (--grid, --zip, --set, --replications, --sample) and/or a sweep file (YAML, the same keys).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace contsim::sweep {

/// One swept parameter: a --set path and the values it takes, in order.
struct Axis {
  std::string path;                 // as given: functions.f.memory, lambda.keep_alive_s, ...
  std::vector<std::string> values;  // texts, exactly as --set receives them
};

/// How a large space is thinned: every point, N drawn at random, or an N-point Latin hypercube.
struct Sampling {
  enum class Kind { all, random, latin_hypercube } kind = Kind::all;
  std::size_t count = 0;
  std::uint64_t seed = 1;
  std::string text() const;  // "all", "random:N:SEED", "lhs:N:SEED"
};

struct SweepDefinition {
  std::vector<Axis> grid;
  std::vector<Axis> zip;
  std::vector<std::string> sets;  // fixed PATH=VALUE overrides, every point
  int replications = 1;
  Sampling sample;
  std::string file;  // the sweep file, when there is one
};

/// "PATH=V1,V2,A:B:STEP,...": lists and inclusive ranges (60:600:60 = 60, 120, ..., 600).
/// `origin` and `line` name where the text came from in errors (--grid, a sweep file).
Axis parse_axis(const std::string& text, const std::string& origin, int line = 0);
/// The values of one list item: "A:B:STEP" expands, anything else is itself.
std::vector<std::string> expand_item(const std::string& item, const std::string& origin, int line,
                                     const std::string& key);
/// "random:N[:SEED]" or "lhs:N[:SEED]".
Sampling parse_sampling(const std::string& text, const std::string& origin, int line = 0);
/// Reads a sweep file (YAML: grid:, zip:, set:, replications:, sample:) into `into`.
void read_sweep_file(const std::string& path, SweepDefinition& into);

} // namespace contsim::sweep

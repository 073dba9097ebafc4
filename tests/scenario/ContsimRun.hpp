// Helpers for whole-process tests: run the contsim binary, read its CSV and JSON outputs.
#pragma once
#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <sys/wait.h>
#include <unistd.h>

namespace contsim_test {

namespace fs = std::filesystem;

inline const std::string kSource = CONTSIM_SOURCE_DIR;

struct Result {
  int code;
  std::string out;  // stdout + stderr
};

using Row = std::map<std::string, std::string>;

inline std::string slurp(const std::string& file)
{
  std::ifstream in(file, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

/// This test process's own scratch folder (ctest runs test cases in parallel processes, and
/// two checkouts may test at once): removed when the process ends.
inline const std::string& scratch_root()
{
  struct Root {
    std::string dir = testing::TempDir() + "/contsim-test-" + std::to_string(getpid());
    Root() { fs::create_directories(dir); }
    ~Root() { fs::remove_all(dir); }
  };
  static Root root;
  return root.dir;
}

inline Result contsim(const std::string& args)
{
  static int calls = 0;  // one log per call
  std::string log = scratch_root() + "/output-" + std::to_string(++calls) + ".txt";
  int status = std::system((std::string(CONTSIM_BINARY) + " " + args + " > " + log + " 2>&1").c_str());
  return Result{WEXITSTATUS(status), slurp(log)};
}

inline std::string out_dir(const std::string& name)
{
  std::string d = scratch_root() + "/" + name;
  fs::remove_all(d);
  return d;
}

inline nlohmann::json summary(const std::string& dir)
{
  return nlohmann::json::parse(slurp(dir + "/summary.json"));
}

/// Rows of a CSV file (no quoted commas in contsim's outputs), keyed by the header; the
/// `# schema:` line before the header is skipped.
inline std::vector<Row> read_csv(const std::string& file)
{
  std::ifstream in(file);
  std::string line;
  do
    std::getline(in, line);
  while (in && line.rfind('#', 0) == 0);
  std::vector<std::string> header;
  std::stringstream hs(line);
  for (std::string c; std::getline(hs, c, ',');)
    header.push_back(c);
  std::vector<Row> rows;
  while (std::getline(in, line)) {
    Row row;
    std::stringstream ls(line);
    for (const auto& column : header) {
      std::string cell;  // stays empty for a trailing empty cell
      std::getline(ls, cell, ',');
      row[column] = cell;
    }
    rows.push_back(row);
  }
  return rows;
}

/// A scenario of scenarios/paper/ by name.
inline std::string paper(const std::string& name)
{
  return kSource + "/scenarios/paper/" + name + ".yaml";
}

/// Runs a scenario into a fresh output directory named `name`; expects success.
inline std::string simulated(const std::string& scenario_file, const std::string& name, const std::string& extra = "")
{
  std::string dir = out_dir(name);
  Result r = contsim("run " + scenario_file + " -o " + dir + " " + extra);
  EXPECT_EQ(r.code, 0) << r.out;
  return dir;
}

/// `--set`s that give E8's fire detector 10 s jobs on the reference vCPU (the measured 3.1 s never
/// saturate the on-premises cluster): for tests of what happens when it does.
inline std::string e8_saturating_overrides()
{
  std::string set;
  for (const char* f : {"fire-detection", "fire-detection-replica"})
    set += std::string(" --set parameters.functions.") + f + ".exec_time.seconds.type=constant" +
           " --set parameters.functions." + f + ".exec_time.seconds.value=10" + " --set parameters.functions." + f +
           ".exec_time.reference_vcpu=1";
  return set;
}

inline std::vector<Row> trace(const std::string& dir)
{
  return read_csv(dir + "/trace.csv");
}

inline double round8(double v)
{
  return std::round(v * 1e8) / 1e8;
}

inline double num(const Row& row, const std::string& column)
{
  auto it = row.find(column);
  if (it == row.end() || it->second.empty())
    throw std::runtime_error("no value in column " + column);
  return std::stod(it->second);
}

} // namespace contsim_test

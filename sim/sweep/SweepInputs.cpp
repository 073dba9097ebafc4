#include "sim/sweep/SweepInputs.hpp"

#include "sim/core/Error.hpp"
#include "sim/core/OutputFile.hpp"
#include "sim/core/Random.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace contsim::sweep {

namespace fs = std::filesystem;

namespace {

std::string read_bytes(const std::string& path)
{
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw InputError(path, 0, 0, "", "cannot read this input of the sweep");
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

} // namespace

InputFiles input_files(const Scenario& sc, const std::vector<std::string>& extra_calibrations)
{
  std::vector<std::string> paths = {sc.file, sc.fdl_file};
  for (const auto& c : sc.calibrations)
    paths.push_back(c.file);
  if (!sc.price_table_file.empty())
    paths.push_back(sc.price_table_file);
  for (const auto& w : sc.workload)
    if (!w.csv_file.empty())
      paths.push_back(w.csv_file);
  std::vector<fs::path> absolute;
  std::set<std::string> seen;
  for (const auto& p : paths) {
    fs::path a = fs::weakly_canonical(fs::absolute(p));
    if (seen.insert(a.string()).second)
      absolute.push_back(a);
  }
  fs::path common = absolute.front().parent_path();
  for (const auto& a : absolute)
    while (!common.empty() && std::mismatch(common.begin(), common.end(), a.begin(), a.end()).first != common.end())
      common = common.parent_path();
  InputFiles out;
  std::uint64_t h = stable_hash("contsim-sweep-inputs/1");
  for (const auto& a : absolute) {
    std::string rel = fs::relative(a, common).string();
    out.files.emplace_back(a.string(), "inputs/" + rel);
    h ^= stable_hash(rel + '\0' + read_bytes(a.string()));
    h *= 0x100000001b3ULL;
  }
  out.scenario = out.files.front().second;
  for (const auto& c : extra_calibrations) {
    std::string a = fs::weakly_canonical(fs::absolute(c)).string();
    for (const auto& [src, rel] : out.files)
      if (src == a)
        out.calibrations.push_back(rel);
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  out.hash = buf;
  return out;
}

void copy_inputs(const InputFiles& inputs, const std::string& sweep_dir)
{
  for (const auto& [src, rel] : inputs.files) {
    fs::path dst = fs::path(sweep_dir) / rel;
    fs::create_directories(dst.parent_path());
    write_file_atomically(dst.string(), read_bytes(src));
  }
}

} // namespace contsim::sweep

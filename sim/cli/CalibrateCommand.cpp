#include "sim/cli/CalibrateCommand.hpp"

#include "calibration/fit/Calibrator.hpp"
#include "calibration/fit/YamlWriter.hpp"
#include "sim/core/Error.hpp"
#include "sim/core/OutputFile.hpp"
#include "sim/core/YamlReader.hpp"
#include "traces/import/TraceImport.hpp"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

namespace contsim {

std::pair<std::string, std::string> split_trace_argument(const std::string& arg)
{
  std::size_t eq = arg.find('=');
  if (eq == std::string::npos || std::filesystem::exists(arg))
    return {"", arg};
  return {arg.substr(0, eq), arg.substr(eq + 1)};
}

// Fits on at most this many attempts per function of a contsim trace: bounded memory for a
// trace of any length (a 10^6-row trace took 1.2 GB whole); exact below it.
constexpr std::size_t kCalibrationSample = 100000;

traces::TraceTable import_trace_arguments(const std::vector<std::string>& args, std::size_t max_per_function)
{
  traces::TraceTable table;
  for (const auto& arg : args) {
    auto [function, path] = split_trace_argument(arg);
    traces::TraceFormat format = traces::detect_format(path);
    traces::TraceTable t = traces::import_trace(path, function, max_per_function);
    std::cout << path << ": " << traces::to_string(format) << ", " << t.invocations.size() << " invocations"
              << (t.nodes.empty() ? "" : ", " + std::to_string(t.nodes.size()) + " nodes") << "\n";
    table.append(std::move(t));
  }
  return table;
}

int run_calibrate(const CalibrateCommandOptions& o)
{
  if (o.traces.empty()) {
    std::cerr << "contsim: calibrate needs at least one trace file (see contsim --help)\n";
    return 2;
  }
  if (o.output.empty()) {
    std::cerr << "contsim: calibrate needs -o FILE, the calibration file to write (e.g. calibration/mine.yaml)\n";
    return 2;
  }
  traces::TraceTable table = import_trace_arguments(o.traces, kCalibrationSample);
  if (!o.attributes_csv.empty())
    traces::join_attributes(table, o.attributes_csv);
  calibration::CalibrateOptions options;
  options.name = o.name.empty() ? std::filesystem::path(o.output).stem().string() : o.name;
  for (const auto& s : o.image_sizes) {
    std::size_t eq = s.rfind('=');
    if (eq == std::string::npos) {
      std::cerr << "contsim: --image-size expects IMAGE=SIZE (e.g. ghcr.io/grycap/plants:1=2GB), got '" << s << "'\n";
      return 2;
    }
    YAML::Node n(s.substr(eq + 1));
    options.image_size_bytes[s.substr(0, eq)] = YamlRef{n, "--image-size", s.substr(0, eq)}.as_bytes();
  }
  calibration::CalibrationResult r = calibration::calibrate(table, options);
  if (auto parent = std::filesystem::path(o.output).parent_path(); !parent.empty())
    prepare_output_directory(parent.string());
  std::ostringstream out;
  out << "# Fitted by `contsim calibrate` from:\n";
  for (const auto& f : table.files)
    out << "#   " << f << "\n";
  out << "# Each value records its fit: what was measured, the method, goodness of fit, sample size\n"
         "# and the traces. Review before sharing it between scenarios.\n";
  for (const auto& w : r.warnings)
    out << "# warning: " << w << "\n";
  calibration::write_yaml(r.document, out);
  write_file_atomically(o.output, out.str());
  for (const auto& line : r.report)
    std::cout << "  " << line << "\n";
  for (const auto& w : r.warnings)
    std::cerr << "contsim: warning: " << w << "\n";
  std::cout << "calibration written to " << o.output << "\n";
  return 0;
}

} // namespace contsim

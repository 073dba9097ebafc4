#include "traces/import/TraceImport.hpp"

#include "sim/core/CsvLine.hpp"
#include "sim/core/Error.hpp"
#include "sim/core/TextLines.hpp"
#include "sim/core/InputFile.hpp"
#include "sim/core/YamlReader.hpp"
#include "sim/core/YamlStructure.hpp"
#include "traces/import/JsonDocument.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace contsim::traces {
namespace {
TraceTable import_trace_as(const std::string& path, const std::string& function, std::size_t max_per_function);
}

void TraceTable::append(TraceTable&& other)
{
  for (auto& i : other.invocations)
    invocations.push_back(std::move(i));
  for (auto& n : other.nodes)
    nodes.push_back(std::move(n));
  for (auto& f : other.files)
    files.push_back(std::move(f));
  for (auto& w : other.warnings)
    warnings.push_back(std::move(w));
}

const char* to_string(TraceFormat f)
{
  switch (f) {
    case TraceFormat::cloudwatch_text:
      return "CloudWatch REPORT lines";
    case TraceFormat::cloudwatch_json:
      return "aws logs filter-log-events JSON";
    case TraceFormat::batch_jobs:
      return "aws batch describe-jobs JSON";
    case TraceFormat::kubectl:
      return "kubectl get -o json";
    case TraceFormat::contsim_csv:
      return "contsim trace.csv";
  }
  return "?";
}

TraceFormat detect_format(const std::string& path)
{
  check_readable_file(path, "trace file");
  if (path.size() > 4 && path.compare(path.size() - 4, 4, ".zst") == 0) {
    // Compressed: only contsim's own tables are written so (run --compress zstd).
    TextLines lines(path);
    std::string first;
    while (lines.getline(first) && first.empty()) {
    }
    if (first.rfind("# schema: contsim-trace/", 0) == 0 || first.rfind("id,function,", 0) == 0)
      return TraceFormat::contsim_csv;
    throw InputError(path, 1, 0, "", "a .zst trace is read as contsim's trace.csv.zst, and this one is not");
  }
  std::ifstream in(path, std::ios::binary);
  std::string head(4096, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(in.gcount()));
  if (head.rfind("\xEF\xBB\xBF", 0) == 0)  // a UTF-8 byte order mark
    head.replace(0, 3, "   ");
  std::size_t first = head.find_first_not_of(" \t\r\n");
  if (first == std::string::npos)
    throw InputError(path, 0, 0, "", "the trace file is empty");
  if (head.compare(first, 12, "id,function,") == 0 ||
      head.compare(first, 24, "# schema: contsim-trace/") == 0)
    return TraceFormat::contsim_csv;
  if (head[first] == '{') {
    if (head.find("\"events\"") == std::string::npos && head.find("\"platform.") != std::string::npos)
      return TraceFormat::cloudwatch_text;  // Lambda's JSON log format: one system event per line
    if (head.find("\"events\"") != std::string::npos)
      return TraceFormat::cloudwatch_json;
    if (head.find("\"jobs\"") != std::string::npos)
      return TraceFormat::batch_jobs;
    if (head.find("\"items\"") != std::string::npos)
      return TraceFormat::kubectl;
    throw InputError(path, 1, 0, "",
                     "a JSON file that is none of the known traces: expected \"events\" (aws logs "
                     "filter-log-events), \"jobs\" (aws batch describe-jobs) or \"items\" (kubectl get -o json)");
  }
  return TraceFormat::cloudwatch_text;  // checked line by line: it must hold REPORT lines
}

TraceTable import_trace(const std::string& path, const std::string& function, std::size_t max_per_function)
{
  try {
    return import_trace_as(path, function, max_per_function);
  } catch (const YAML::Exception& e) {
    // a value of the wrong shape for its key (an object where a string belongs, ...)
    throw InputError(path, e.mark.line + 1, e.mark.column + 1, "", "unexpected value: " + clip(e.msg));
  } catch (const std::logic_error& e) {  // std::stod and friends on a malformed cell
    throw InputError(path, 0, 0, "", std::string("malformed value: ") + clip(e.what()));
  }
}

namespace {
TraceTable import_trace_as(const std::string& path, const std::string& function, std::size_t max_per_function)
{
  std::string fn = function.empty() ? std::filesystem::path(path).stem().string() : function;
  TraceTable t;
  switch (detect_format(path)) {
    case TraceFormat::cloudwatch_text:
      t = import_cloudwatch_text(path, fn);
      break;
    case TraceFormat::cloudwatch_json:
      t = import_cloudwatch_json(path, fn);
      break;
    case TraceFormat::batch_jobs:
      t = import_batch_jobs(path);
      break;
    case TraceFormat::kubectl:
      t = import_kubectl(path);
      break;
    case TraceFormat::contsim_csv:
      t = import_contsim_csv(path, max_per_function);  // the one format that reaches millions of rows
      break;
  }
  t.files.insert(t.files.begin(), path);
  return t;
}
} // namespace

YAML::Node load_json_document(const std::string& path)
{
  std::string text = read_input_file(path);
  if (text.rfind("\xEF\xBB\xBF", 0) == 0)  // a byte order mark: JSON allows none, tools write one
    text.erase(0, 3);
  return parse_yaml_text(text, path);  // JSON is YAML: the same checks (UTF-8, duplicate keys)
}

std::string json_text(const YAML::Node& object, const char* key, const std::string& path)
{
  if (!object.IsMap())
    return "";
  YAML::Node v = object[key];
  if (!v || v.IsNull())
    return "";
  if (!v.IsScalar())
    throw InputError(path, v.Mark().line + 1, v.Mark().column + 1, key,
                     std::string("expected a string, found ") + (v.IsMap() ? "an object" : "a list"));
  return v.Scalar();
}

double parse_iso8601(const std::string& text)
{
  // YYYY-MM-DDTHH:MM:SS[.fff][Z|+HH:MM|-HH:MM]
  int Y, M, D, h, m;
  double s;
  char sep;
  std::istringstream in(text);
  char dash1, dash2, colon1, colon2;
  if (!(in >> Y >> dash1 >> M >> dash2 >> D >> sep >> h >> colon1 >> m >> colon2) || dash1 != '-' || dash2 != '-' ||
      (sep != 'T' && sep != ' ') || colon1 != ':' || colon2 != ':')
    return std::numeric_limits<double>::quiet_NaN();
  // seconds with an optional fraction, read by hand: `>>` would swallow an exponent-like suffix
  std::string rest;
  std::getline(in, rest);
  std::size_t i = 0;
  while (i < rest.size() && (std::isdigit(static_cast<unsigned char>(rest[i])) || rest[i] == '.'))
    ++i;
  const double invalid = std::numeric_limits<double>::quiet_NaN();
  char* end = nullptr;
  std::string seconds = rest.substr(0, i);
  s = std::strtod(seconds.c_str(), &end);
  if (i == 0 || *end != '\0')
    return invalid;
  // A date that cannot be (month 13, 31 April, 25:00) is an error, not a day later; a year
  // outside 2000-2100 is a broken clock or a typo, and would make a replay span centuries.
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (Y % 4 == 0 && Y % 100 != 0) || Y % 400 == 0;
  if (Y < 2000 || Y > 2100 || M < 1 || M > 12 || D < 1 || D > kDays[M - 1] + (M == 2 && leap) || h < 0 || h > 23 ||
      m < 0 || m > 59 || !(s >= 0 && s < 61))
    return invalid;
  std::string zone = rest.substr(i);
  double offset = 0;
  auto two_digits = [&](std::size_t at) {
    return at + 1 < zone.size() && std::isdigit(static_cast<unsigned char>(zone[at])) &&
           std::isdigit(static_cast<unsigned char>(zone[at + 1]));
  };
  if (zone.empty() || zone == "Z") {
    offset = 0;
  } else if ((zone[0] == '+' || zone[0] == '-') && (zone.size() == 5 || zone.size() == 6) && two_digits(1) &&
             two_digits(zone.size() - 2)) {
    int zh = std::stoi(zone.substr(1, 2));
    int zm = std::stoi(zone.substr(zone.size() - 2));
    if (zh > 14 || zm > 59)
      return invalid;
    offset = (zh * 3600 + zm * 60) * (zone[0] == '+' ? 1 : -1);
  } else {
    return invalid;
  }
  std::tm tm{};
  tm.tm_year = Y - 1900;
  tm.tm_mon = M - 1;
  tm.tm_mday = D;
  tm.tm_hour = h;
  tm.tm_min = m;
  tm.tm_sec = 0;
  return static_cast<double>(timegm(&tm)) + s - offset;
}

void join_attributes(TraceTable& table, const std::string& csv_path)
{
  std::ifstream in(csv_path);
  if (!in)
    throw InputError(csv_path, 0, 0, "", "cannot open the attributes file");
  std::string line;
  std::getline(in, line);
  std::vector<std::string> header = split_csv(line);
  if (header.size() < 2 || header[0] != "input")
    throw InputError(csv_path, 1, 0, "input", "expected a header `input,ATTRIBUTE[,ATTRIBUTE...]`");
  for (std::size_t c = 1; c < header.size(); ++c)
    for (std::size_t d = 0; d < c; ++d)
      if (header[c] == header[d])
        throw InputError(csv_path, 1, static_cast<int>(c + 1), header[c],
                         "duplicate column (columns " + std::to_string(d + 1) + " and " + std::to_string(c + 1) + ")");
  std::map<std::string, std::vector<std::pair<std::string, double>>> by_input;
  int n = 1;
  while (std::getline(in, line)) {
    ++n;
    if (line.empty())
      continue;
    std::vector<std::string> cells = split_csv(line);
    if (cells.size() != header.size())
      throw InputError(csv_path, n, 0, "", "expected " + std::to_string(header.size()) + " cells, found " +
                                               std::to_string(cells.size()));
    auto& attrs = by_input[cells[0]];
    for (std::size_t c = 1; c < cells.size(); ++c) {
      char* end = nullptr;
      double v = std::strtod(cells[c].c_str(), &end);
      if (cells[c].empty() || *end != '\0' || !std::isfinite(v) || !starts_decimal(cells[c]))
        throw InputError(csv_path, n, static_cast<int>(c + 1), header[c], "not a number: '" + cells[c] + "'");
      attrs.emplace_back(header[c], v);
    }
  }
  for (auto& inv : table.invocations) {
    auto it = by_input.find(inv.input);
    if (it == by_input.end())
      it = by_input.find(std::filesystem::path(inv.input).filename().string());
    if (it != by_input.end())
      inv.attributes = it->second;
  }
}

} // namespace contsim::traces

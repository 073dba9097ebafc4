#include "sim/scenario/ArrivalsCsv.hpp"

#include "sim/core/CsvLine.hpp"
#include "sim/core/Error.hpp"
#include "sim/core/InputFile.hpp"
#include "sim/core/YamlReader.hpp"
#include "sim/core/YamlStructure.hpp"

#include <cmath>
#include <map>

namespace contsim {

ArrivalsCsvReader::ArrivalsCsvReader(const std::string& file) : file_(file)
{
  check_readable_file(file, "arrivals file");
  in_.open(file, std::ios::binary);
  std::string header;
  std::getline(in_, header);
  check_utf8(header, file);
  split_csv(header, columns_);
  if (columns_.empty() || columns_[0] != "t_s")
    throw InputError(file, 1, 1, "t_s",
                     "an arrivals CSV starts with a header whose first column is t_s (then optional name, "
                     "size_bytes and attribute columns)");
  std::map<std::string, std::size_t> seen;
  for (std::size_t c = 0; c < columns_.size(); ++c) {
    if (columns_[c].empty())
      throw InputError(file, 1, static_cast<int>(c + 1), "", "column " + std::to_string(c + 1) + " has no name");
    if (auto [first, fresh] = seen.emplace(columns_[c], c); !fresh)
      throw InputError(file, 1, static_cast<int>(c + 1), columns_[c],
                       "duplicate column (columns " + std::to_string(first->second + 1) + " and " +
                           std::to_string(c + 1) + ")");
  }
}

bool ArrivalsCsvReader::next(ArrivalRow& row)
{
  std::string line;
  while (std::getline(in_, line)) {
    ++line_;
    if (line.empty() || line[0] == '#' || line == "\r")
      continue;
    if (auto fault = find_text_fault(line))
      throw InputError(file_, line_, fault->column, "", fault->what);
    split_csv(line, cells_);
    if (cells_.size() != columns_.size())
      throw InputError(file_, line_, 0, "",
                       "expected " + std::to_string(columns_.size()) + " columns, found " + std::to_string(cells_.size()));
    row = ArrivalRow{};
    row.line = line_;
    for (std::size_t c = 0; c < cells_.size(); ++c) {
      const std::string& col = columns_[c];
      const int column = static_cast<int>(c + 1);
      if (col == "name") {
        if (cells_[c].empty())
          throw InputError(file_, line_, column, col, "an empty file name");
        row.name = cells_[c];
        continue;
      }
      double v = 0;
      std::size_t used = 0;
      try {
        v = std::stod(cells_[c], &used);
      } catch (const std::exception&) {
        used = 0;
      }
      if (used == 0 || used != cells_[c].size() || !std::isfinite(v) || !starts_decimal(cells_[c]))
        throw InputError(file_, line_, column, col, "expected a number, found '" + clip(cells_[c]) + "'");
      if (col == "t_s") {
        if (v < 0 || v > kMaxSeconds)
          throw InputError(file_, line_, column, col, "a time from 0 to 10^10 s, found '" + clip(cells_[c]) + "'");
        if (v < last_t_)
          throw InputError(file_, line_, column, col, "arrivals must be sorted by t_s");
        row.t_s = last_t_ = v;
      } else if (col == "size_bytes") {
        if (v < 0 || v > kMaxBytes)
          throw InputError(file_, line_, column, col, "a size from 0 to 1 EB, found '" + clip(cells_[c]) + "'");
        row.size_bytes = v;
      } else {
        row.attributes.emplace_back(col, v);
      }
    }
    return true;
  }
  if (in_.bad())
    throw InputError(file_, line_, 0, "", "cannot read the arrivals file");
  return false;
}

void validate_arrivals_csv(const std::string& file)
{
  ArrivalsCsvReader reader(file);
  ArrivalRow row;
  while (reader.next(row)) {
  }
}

} // namespace contsim

#include "sim/schema/TableReader.hpp"

#include "sim/core/CsvLine.hpp"
#include "sim/core/Error.hpp"
#include "sim/core/InputFile.hpp"
#include "sim/core/YamlStructure.hpp"

#include <cmath>

#include <cstdlib>

namespace contsim::schema {

TableReader::TableReader(const std::string& path, const Table& table, const std::vector<std::string>& required)
    : path_(path), table_(table), in_((check_readable_file(path, table.file), path))
{
  std::string prefix = std::string("# schema: ") + table.id + "/";
  bool have_header = false;
  while (!have_header && in_.getline(line_)) {
    ++line_no_;
    if (line_.rfind('#', 0) == 0) {
      if (line_.rfind("# schema:", 0) == 0) {
        if (line_.rfind(prefix, 0) != 0)
          throw InputError(path, line_no_, 1, "schema",
                           "this is '" + line_.substr(10) + "', not a " + table.file + " (" + table.id + ")");
        version_ = std::atoi(line_.c_str() + prefix.size());
        if (version_ < 1 || version_ > table.version)
          throw InputError(path, line_no_, 1, "schema",
                           "version " + line_.substr(prefix.size()) + " of " + table.id + " is not one this contsim reads (1.." +
                               std::to_string(table.version) + ")");
      }
      continue;
    }
    if (line_.rfind("\xEF\xBB\xBF", 0) == 0)  // a UTF-8 byte order mark (spreadsheet exports)
      line_.erase(0, 3);
    check_text(line_);
    split_csv(line_, header_);
    have_header = true;
  }
  if (!have_header)
    throw InputError(path, line_no_, 0, "", std::string("empty file: no ") + table.file + " header");
  file_index_.assign(table.columns.size(), -1);
  for (std::size_t f = 0; f < header_.size(); ++f) {
    int t = table.index_of(header_[f]);
    if (t < 0) {
      unknown_columns_.push_back(header_[f]);
      continue;
    }
    if (file_index_[t] >= 0)
      throw InputError(path, line_no_, static_cast<int>(f + 1), header_[f],
                       "duplicate column (columns " + std::to_string(file_index_[t] + 1) + " and " +
                           std::to_string(f + 1) + ")");
    file_index_[t] = static_cast<int>(f);
  }
  for (const auto& name : required) {
    int t = table.index_of(name);
    if (t < 0 || file_index_[t] < 0)
      throw InputError(path, line_no_, 0, name, std::string(table.file) + " header lacks this column");
  }
}

bool TableReader::next()
{
  while (in_.getline(line_)) {
    ++line_no_;
    if (line_.empty() || line_ == "\r")
      continue;
    check_text(line_);
    split_csv(line_, cells_);
    if (cells_.size() != header_.size())
      throw InputError(path_, line_no_, 0, "",
                       "expected " + std::to_string(header_.size()) + " cells, found " + std::to_string(cells_.size()));
    return true;
  }
  return false;
}

int TableReader::column(const char* name) const
{
  int t = table_.index_of(name);
  if (t < 0)
    throw std::logic_error(std::string("no column ") + name + " in " + table_.file);
  return t;
}

std::string_view TableReader::cell(int column) const
{
  int f = file_index_[column];
  return f < 0 ? std::string_view() : std::string_view(cells_[f]);
}

double TableReader::number(int column, double missing) const
{
  int f = file_index_[column];
  if (f < 0 || cells_[f].empty())
    return missing;
  char* end = nullptr;
  double v = std::strtod(cells_[f].c_str(), &end);
  if (*end != '\0' || end == cells_[f].c_str() || !std::isfinite(v) || !starts_decimal(cells_[f]))
    throw InputError(path_, line_no_, f + 1, table_.columns[column].name, "not a number: '" + clip(cells_[f]) + "'");
  return v;
}

double TableReader::non_negative(int column, double missing) const
{
  int f = file_index_[column];
  if (f < 0 || cells_[f].empty())
    return missing;
  double v = number(column, missing);
  if (v < 0)
    throw InputError(path_, line_no_, f + 1, table_.columns[column].name, "must not be negative (found " + clip(cells_[f]) + ")");
  if (v > 9e15)
    throw InputError(path_, line_no_, f + 1, table_.columns[column].name, "out of range (found " + clip(cells_[f]) + ")");
  return v;
}

void TableReader::check_text(const std::string& line) const
{
  if (auto fault = find_text_fault(line))
    throw InputError(path_, line_no_, fault->column, "", fault->what);
}

} // namespace contsim::schema

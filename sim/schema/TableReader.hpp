// Reads one of contsim's CSV tables (schema::Table) by column name: the `# schema:` line is
// checked when present (older files without it are read as version 1), the header must hold
// the columns the caller requires, cells may be quoted as CsvBuffer quotes them. Errors are
// InputErrors naming file, line and column.
#pragma once
#include "sim/schema/Schema.hpp"

#include <fstream>
#include <string>
#include <string_view>
#include <vector>

namespace contsim::schema {

class TableReader {
public:
  /// `required`: columns the file must have (others may be absent: cells read as empty).
  TableReader(const std::string& path, const Table& table, const std::vector<std::string>& required);
  /// Advances to the next data row (blank lines skipped); false at the end.
  bool next();
  /// The cell of `column` (a name of the table) in the current row; empty when the file lacks it.
  std::string_view cell(const char* column) const;
  /// The cell as a number; `missing` when empty. A non-number is an error naming the cell.
  double number(const char* column, double missing) const;
  int line() const { return line_no_; }
  const std::string& path() const { return path_; }
  int version() const { return version_; }

private:
  int position(const char* column) const;  // index in the file's header, or -1
  std::string path_;
  const Table& table_;
  std::ifstream in_;
  std::vector<std::string> header_;
  std::vector<int> file_index_;  // table column → file column (-1: absent)
  std::string line_;
  std::vector<std::string> cells_;
  int line_no_ = 0;
  int version_ = 1;
};

} // namespace contsim::schema

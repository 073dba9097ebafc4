// Reads one of contsim's CSV tables (schema::Table) by column name: the `# schema:` line is
// checked when present (older files without it are read as version 1), the header must hold
// the columns the caller requires, cells may be quoted as CsvBuffer quotes them. Errors are
// InputErrors naming file, line and column.
#pragma once
#include "sim/core/TextLines.hpp"
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
  /// A column of the table by name (a logic error when the table has none): look it up once,
  /// then read cells by it.
  int column(const char* name) const;
  /// The cell of `column` in the current row; empty when the file lacks the column.
  std::string_view cell(int column) const;
  std::string_view cell(const char* name) const { return cell(column(name)); }
  /// The cell as a number; `missing` when empty. A non-number is an error naming the cell.
  double number(int column, double missing) const;
  double number(const char* name, double missing) const { return number(column(name), missing); }
  /// A number that cannot be negative nor above 9e15 (times, sizes, ids, costs); `missing` when empty.
  double non_negative(int column, double missing) const;
  /// Header columns that are none of the table's (a renamed column?): the caller warns.
  const std::vector<std::string>& unknown_columns() const { return unknown_columns_; }
  int line() const { return line_no_; }
  const std::string& path() const { return path_; }
  int version() const { return version_; }

private:
  std::string path_;
  const Table& table_;
  TextLines in_;
  std::vector<std::string> header_;
  std::vector<int> file_index_;  // table column → file column (-1: absent)
  std::string line_;
  std::vector<std::string> cells_;
  int line_no_ = 0;
  int version_ = 1;
  std::vector<std::string> unknown_columns_;

  void check_text(const std::string& line) const;
};

} // namespace contsim::schema

// Splits one line of a CSV file into cells: commas separate, double quotes enclose a cell that
// holds commas or quotes ("" is a quote; CsvBuffer writes them so), spaces around an unquoted
// cell and a Windows line end are dropped; a trailing comma gives a last empty cell. The one
// splitter for contsim's own tables, arrivals and attribute files.
#pragma once
#include <string>
#include <vector>

namespace contsim {

inline void split_csv(const std::string& line, std::vector<std::string>& cells)
{
  cells.clear();
  std::size_t end = line.size();
  if (end > 0 && line[end - 1] == '\r')
    --end;
  std::string cell;
  bool quoted = false, was_quoted = false;
  auto finish = [&] {
    if (!was_quoted) {  // trim an unquoted cell
      std::size_t a = cell.find_first_not_of(' ');
      std::size_t b = cell.find_last_not_of(' ');
      cell = a == std::string::npos ? std::string() : cell.substr(a, b - a + 1);
    }
    cells.push_back(std::move(cell));
    cell.clear();
    was_quoted = false;
  };
  for (std::size_t i = 0; i < end; ++i) {
    char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < end && line[i + 1] == '"') {
        cell += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        cell += c;
      }
    } else if (c == '"' && cell.find_first_not_of(' ') == std::string::npos) {
      cell.clear();
      quoted = was_quoted = true;
    } else if (c == ',') {
      finish();
    } else {
      cell += c;
    }
  }
  finish();
}

inline std::vector<std::string> split_csv(const std::string& line)
{
  std::vector<std::string> cells;
  split_csv(line, cells);
  return cells;
}

} // namespace contsim

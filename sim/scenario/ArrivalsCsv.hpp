// An arrivals CSV (`arrivals: {csv: FILE}`): a header `t_s[,name][,size_bytes][,ATTRIBUTE...]`
// and one upload per row, sorted by t_s. Read row by row (bounded memory), once in full before
// the run to validate it, so that a bad row is an InputError with file:line:column, never an
// exception inside the engine.
#pragma once
#include <fstream>
#include <string>
#include <utility>
#include <vector>

namespace contsim {

struct ArrivalRow {
  int line = 0;
  double t_s = 0;
  std::string name;                                   // empty: the source's name template
  double size_bytes = -1;                             // < 0: the source's size distribution
  std::vector<std::pair<std::string, double>> attributes;  // the other columns
};

class ArrivalsCsvReader {
public:
  /// Opens `file` and checks its header; InputError when it cannot be read or is malformed.
  explicit ArrivalsCsvReader(const std::string& file);
  /// The next row (comments `#` and blank lines skipped); false at the end of the file.
  bool next(ArrivalRow& row);

private:
  std::string file_;
  std::ifstream in_;
  std::vector<std::string> columns_;
  std::vector<std::string> cells_;
  int line_ = 1;
  double last_t_ = 0;
};

/// Reads every row of `file`: the first bad one throws its InputError.
void validate_arrivals_csv(const std::string& file);

} // namespace contsim

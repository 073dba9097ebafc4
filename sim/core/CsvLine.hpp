// Splits one line of a plain CSV file (no quoted commas: contsim's own outputs, arrivals and
// attribute tables) into cells, trimming spaces and a Windows line end; a trailing comma
// gives a last empty cell.
#pragma once
#include <sstream>
#include <string>
#include <vector>

namespace contsim {

inline std::vector<std::string> split_csv(const std::string& line)
{
  std::vector<std::string> out;
  std::string cell;
  std::istringstream in(line);
  while (std::getline(in, cell, ','))
    out.push_back(cell);
  if (!line.empty() && line.back() == ',')
    out.emplace_back();
  for (auto& c : out) {
    while (!c.empty() && (c.back() == '\r' || c.back() == ' '))
      c.pop_back();
    while (!c.empty() && c.front() == ' ')
      c.erase(c.begin());
  }
  return out;
}

} // namespace contsim

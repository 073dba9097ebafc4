// `contsim help TOPIC`: reference text generated from the code's own tables, so the docs
// cannot drift from what the program does.
//   outputs      the output tables (Markdown; sim/schema/OUTPUTS.md is this text)
//   outputs.py   the same as Python column lists (reports/schema.py is this text)
//   params [M]   every model parameter: type, unit, default, range, source (calibration/PARAMETERS.md)
#pragma once
#include <string>
#include <vector>

namespace contsim {

int run_help(const std::vector<std::string>& topics);

} // namespace contsim

// `contsim COMMAND --help`: one command's usage, what it writes and examples on the bundled
// scenarios (the whole reference is `contsim --help`).
#pragma once
#include <string>

namespace contsim {

/// The help of `command`; null when it has none of its own.
const char* command_help(const std::string& command);

} // namespace contsim

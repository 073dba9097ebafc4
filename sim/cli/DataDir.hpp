// Where contsim's data is: the calibration files, the report scripts, the scenarios. An
// installed contsim (cmake --install) finds PREFIX/share/contsim beside its PREFIX/bin; a
// build-tree binary uses the source tree it was built from; $CONTSIM_DATA_DIR overrides both.
// The report's interpreter: $CONTSIM_PYTHON, else the one chosen at configure time
// (-DCONTSIM_PYTHON=..., default Debian's /usr/bin/python3, which has python3-matplotlib).
#pragma once
#include <string>

namespace contsim {

std::string data_dir();
std::string python_interpreter();

} // namespace contsim

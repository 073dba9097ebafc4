// What real.json says about the machine a real run used: CPU model, cores, memory, kernel,
// load averages (these machines are shared: a loaded run is slower, and says so).
#pragma once
#include <nlohmann/json.hpp>

namespace contsim::real {

nlohmann::ordered_json machine_info();
/// The 1, 5 and 15 minute load averages now.
nlohmann::ordered_json load_average();

} // namespace contsim::real

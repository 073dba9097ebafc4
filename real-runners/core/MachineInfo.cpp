#include "real-runners/core/MachineInfo.hpp"

#include <sys/utsname.h>
#include <unistd.h>

#include <fstream>
#include <string>

namespace contsim::real {

nlohmann::ordered_json machine_info()
{
  nlohmann::ordered_json m;
  std::string model = "unknown";
  std::ifstream cpu("/proc/cpuinfo");
  for (std::string line; std::getline(cpu, line);)
    if (line.rfind("model name", 0) == 0) {
      model = line.substr(line.find(':') + 2);
      break;
    }
  m["cpu_model"] = model;
  m["cores"] = sysconf(_SC_NPROCESSORS_ONLN);
  long long mem_kib = 0;
  std::ifstream mem("/proc/meminfo");
  for (std::string line; std::getline(mem, line);)
    if (line.rfind("MemTotal:", 0) == 0) {
      mem_kib = std::stoll(line.substr(9));
      break;
    }
  m["memory_mib"] = mem_kib / 1024;
  utsname u{};
  if (uname(&u) == 0)
    m["kernel"] = std::string(u.sysname) + " " + u.release;
  return m;
}

nlohmann::ordered_json load_average()
{
  double l[3] = {0, 0, 0};
  if (getloadavg(l, 3) != 3)
    return nullptr;
  return {l[0], l[1], l[2]};
}

} // namespace contsim::real

#include "sim/sweep/SlurmArray.hpp"

#include <sstream>

namespace contsim::sweep {

namespace {
/// Single-quoted for bash: the sweep directory may hold spaces.
std::string quoted(const std::string& s)
{
  std::string q = "'";
  for (char c : s)
    q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}
} // namespace

std::string slurm_script(const std::string& contsim, const std::string& dir, std::size_t tasks, const SlurmOptions& o)
{
  std::ostringstream s;
  s << "#!/bin/bash\n"
    << "# A contsim sweep as a Slurm job array (written by `contsim sweep --backend slurm`).\n"
    << "# Each task runs its points (sweep.json: chunk) and skips those already done, so\n"
    << "# resubmitting this script (sbatch " << dir << "/slurm/sweep.sbatch) resumes the sweep.\n"
    << "#SBATCH --job-name=contsim-sweep\n"
    << "#SBATCH --array=0-" << (tasks - 1);
  if (o.throttle > 0)
    s << "%" << o.throttle;
  s << "\n#SBATCH --output=" << dir << "/slurm/logs/%A_%a.out\n"
    << "#SBATCH --ntasks=1\n#SBATCH --cpus-per-task=" << o.cpus_per_task << "\n";
  if (!o.partition.empty())
    s << "#SBATCH --partition=" << o.partition << "\n";
  if (!o.time.empty())
    s << "#SBATCH --time=" << o.time << "\n";
  if (!o.account.empty())
    s << "#SBATCH --account=" << o.account << "\n";
  s << "exec " << quoted(contsim) << " sweep run " << quoted(dir) << " -j \"${SLURM_CPUS_PER_TASK:-1}\"\n";
  return s.str();
}

std::string parse_sbatch_job_id(const std::string& output)
{
  std::string first = output.substr(0, output.find_first_of(";\n"));
  while (!first.empty() && (first.back() == ' ' || first.back() == '\r'))
    first.pop_back();
  if (first.empty() || first.find_first_not_of("0123456789") != std::string::npos)
    return "";
  return first;
}

} // namespace contsim::sweep

#include "sim/policy/WarmPool.hpp"

namespace contsim {

bool WarmPool::parse(const std::string& name, Reuse& out)
{
  if (name == "mru-ttl")
    out = Reuse::most_recent;
  else if (name == "lru-ttl")
    out = Reuse::least_recent;
  else
    return false;
  return true;
}

std::uint64_t WarmPool::expire(double now)
{
  std::uint64_t n = 0;
  while (!idle_.empty() && idle_.front().since + keep_alive_s_ <= now) {
    idle_.pop_front();
    ++n;
  }
  reclaimed_ += n;
  return n;
}

bool WarmPool::acquire(double now, std::uint64_t& env)
{
  expire(now);
  if (idle_.empty())
    return false;
  if (reuse_ == Reuse::most_recent) {
    env = idle_.back().env;
    idle_.pop_back();
  } else {
    env = idle_.front().env;
    idle_.pop_front();
  }
  return true;
}

} // namespace contsim

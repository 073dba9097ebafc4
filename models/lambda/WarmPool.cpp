#include "models/lambda/WarmPool.hpp"

namespace contsim::lambda {

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
  env = idle_.back().env;
  idle_.pop_back();
  return true;
}

} // namespace contsim::lambda

#include "sim/policy/WarmPool.hpp"

#include <iterator>

namespace contsim {

bool WarmPool::parse(const std::string& name, Reuse& out)
{
  if (name == "mru-ttl")
    out = Reuse::most_recent;
  else if (name == "lru-ttl")
    out = Reuse::least_recent;
  else if (name == "newest-ttl")
    out = Reuse::newest_created;
  else
    return false;
  return true;
}

const char* WarmPool::name_of(Reuse reuse)
{
  switch (reuse) {
    case Reuse::most_recent: return "mru-ttl";
    case Reuse::least_recent: return "lru-ttl";
    case Reuse::newest_created: return "newest-ttl";
  }
  return "mru-ttl";
}

void WarmPool::release(std::uint64_t env, double now)
{
  if (reuse_ == Reuse::newest_created) {
    by_env_.emplace(env, now);
    by_since_.emplace(now, env);
  } else {
    idle_.push_back({env, now});
  }
}

std::uint64_t WarmPool::expire(double now)
{
  std::uint64_t n = 0;
  while (!by_since_.empty() && by_since_.begin()->first + keep_alive_s_ <= now) {
    by_env_.erase(by_since_.begin()->second);
    by_since_.erase(by_since_.begin());
    ++n;
  }
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
  if (reuse_ == Reuse::newest_created) {
    if (by_env_.empty())
      return false;
    auto newest = std::prev(by_env_.end());
    env = newest->first;
    by_since_.erase({newest->second, newest->first});
    by_env_.erase(newest);
    return true;
  }
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

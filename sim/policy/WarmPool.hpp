// Warm execution environments of one function, and the keep-alive policy that decides which
// one an invocation reuses and when an idle one is reclaimed: a pure data structure (no engine),
// chosen by name in the Lambda service's platform entry (`keep_alive:`):
//   mru-ttl  (default; AWS Lambda as observed) the most recently used idle environment is reused
//            first, which keeps the pool small; one idle for keep_alive_s or more is reclaimed;
//   lru-ttl  the least recently used idle environment is reused first (round-robin over the
//            warm pool: every environment stays warm while the load lasts); same reclaim rule.
// Expiry is evaluated lazily, when the pool is consulted, so no event is scheduled per idle period.
#pragma once
#include <cstdint>
#include <deque>
#include <string>
#include <vector>

namespace contsim {

class WarmPool {
public:
  enum class Reuse { most_recent, least_recent };
  /// The policy a `keep_alive:` name selects; false for an unknown name.
  static bool parse(const std::string& name, Reuse& out);
  static std::vector<std::string> names() { return {"mru-ttl", "lru-ttl"}; }
  static const char* name_of(Reuse reuse) { return reuse == Reuse::most_recent ? "mru-ttl" : "lru-ttl"; }

  explicit WarmPool(double keep_alive_s, Reuse reuse = Reuse::most_recent)
      : keep_alive_s_(keep_alive_s), reuse_(reuse)
  {
  }
  /// An environment became idle at `now`.
  void release(std::uint64_t env, double now) { idle_.push_back({env, now}); }
  /// A warm environment for an invocation at `now`, or false (cold start needed).
  bool acquire(double now, std::uint64_t& env);
  /// Reclaims environments whose keep-alive ran out by `now`; returns how many.
  std::uint64_t expire(double now);
  std::size_t idle() const { return idle_.size(); }
  std::uint64_t reclaimed() const { return reclaimed_; }

private:
  struct Idle {
    std::uint64_t env;
    double since;
  };
  double keep_alive_s_;
  Reuse reuse_;
  std::deque<Idle> idle_;  // idle_since increases front to back
  std::uint64_t reclaimed_ = 0;
};

} // namespace contsim

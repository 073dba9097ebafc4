// Warm execution environments of one function: a pure data structure (no engine), so
// keep-alive behaviour is testable on its own.
// Policy: the most recently used idle environment is reused first (keeps the pool small);
// an environment idle for keep_alive_s or more is reclaimed. Expiry is evaluated lazily,
// when the pool is consulted, so no event is scheduled per idle period.
#pragma once
#include <cstdint>
#include <deque>

namespace contsim::lambda {

class WarmPool {
public:
  explicit WarmPool(double keep_alive_s) : keep_alive_s_(keep_alive_s) {}
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
  std::deque<Idle> idle_;  // idle_since increases front to back
  std::uint64_t reclaimed_ = 0;
};

} // namespace contsim::lambda

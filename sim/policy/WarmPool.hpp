// Warm execution environments of one function, and the keep-alive policy that decides which
// one an invocation reuses and when an idle one is reclaimed: a pure data structure (no engine),
// chosen by name in the Lambda service's platform entry (`keep_alive:`):
//   mru-ttl  (default; AWS Lambda as observed) the most recently used idle environment is reused
//            first, which keeps the pool small; one idle for keep_alive_s or more is reclaimed;
//   lru-ttl  the least recently used idle environment is reused first (round-robin over the
//            warm pool: every environment stays warm while the load lasts); same reclaim rule;
//   newest-ttl  the most recently *created* idle environment is reused first (SimFaaS's rule,
//            pacslab/simfaas: it routes to the idle instance with the latest creation time);
//            same reclaim rule. Environment ids are given in creation order.
// Expiry is evaluated lazily, when the pool is consulted, so no event is scheduled per idle period.
#pragma once
#include <cstdint>
#include <deque>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace contsim {

class WarmPool {
public:
  enum class Reuse { most_recent, least_recent, newest_created };
  /// The policy a `keep_alive:` name selects; false for an unknown name.
  static bool parse(const std::string& name, Reuse& out);
  static std::vector<std::string> names() { return {"mru-ttl", "lru-ttl", "newest-ttl"}; }
  static const char* name_of(Reuse reuse);

  explicit WarmPool(double keep_alive_s, Reuse reuse = Reuse::most_recent)
      : keep_alive_s_(keep_alive_s), reuse_(reuse)
  {
  }
  /// An environment became idle at `now`.
  void release(std::uint64_t env, double now);
  /// A warm environment for an invocation at `now`, or false (cold start needed).
  bool acquire(double now, std::uint64_t& env);
  /// Reclaims environments whose keep-alive ran out by `now`; returns how many.
  std::uint64_t expire(double now);
  std::size_t idle() const { return reuse_ == Reuse::newest_created ? by_env_.size() : idle_.size(); }
  std::uint64_t reclaimed() const { return reclaimed_; }

private:
  struct Idle {
    std::uint64_t env;
    double since;
  };
  double keep_alive_s_;
  Reuse reuse_;
  std::deque<Idle> idle_;  // idle_since increases front to back
  // newest-ttl takes from the middle of the idle order: idle environments by id (→ idle since)
  // and by idle-since (for the reclaim rule), both ordered, instead of the deque.
  std::map<std::uint64_t, double> by_env_;
  std::set<std::pair<double, std::uint64_t>> by_since_;
  std::uint64_t reclaimed_ = 0;
};

} // namespace contsim

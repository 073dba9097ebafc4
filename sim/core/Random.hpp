// Determinism by construction: one seed per run, and one independent stream per named
// entity ("arrivals/workload-0", "lambda/fn/exec"), so adding a function never changes
// another's draws. Boost.Random engines and distributions give the same numbers on every
// platform (unlike std:: distributions, whose algorithms are implementation-defined).
#pragma once
#include <boost/random/mersenne_twister.hpp>

#include <cstdint>
#include <string>

namespace contsim {

using RandomEngine = boost::random::mt19937_64;

/// 64-bit FNV-1a: a stable hash of a name (std::hash is not stable across implementations).
std::uint64_t stable_hash(const std::string& text);

class RandomStreams {
public:
  explicit RandomStreams(std::uint64_t seed) : seed_(seed) {}
  RandomEngine stream(const std::string& name) const;
  std::uint64_t seed() const { return seed_; }

private:
  std::uint64_t seed_;
};

} // namespace contsim

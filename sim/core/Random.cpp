#include "sim/core/Random.hpp"

namespace contsim {

std::uint64_t stable_hash(const std::string& text)
{
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

RandomEngine RandomStreams::stream(const std::string& name) const
{
  // splitmix64 finaliser decorrelates nearby seeds before they seed the Mersenne Twister.
  std::uint64_t z = seed_ ^ stable_hash(name);
  z += 0x9e3779b97f4a7c15ULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  z ^= z >> 31;
  return RandomEngine(z);
}

} // namespace contsim

// credo ingest/generate internal: a small, fast, deterministic random generator.
//
// Every entity (person, company, furnisher view) draws from its own stream, seeded from the run's
// seed, a stream tag and the entity's index, so that what an entity looks like does not depend on
// the order or number of others generated: generation streams, and a run is reproducible for a
// seed. xoshiro256** seeded through SplitMix64 (public-domain algorithms by Vigna and Blackman).
#pragma once

#include <cmath>
#include <cstdint>
#include <span>
#include <string_view>

namespace credo::ingest::generate {

inline uint64_t SplitMix64(uint64_t& state) {
  uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

//! Stream tags: one per kind of entity, so that streams never overlap.
enum class Stream : uint64_t {
  kPerson = 1,
  kCompany = 2,
  kAccounts = 3,
  kFurnisherView = 4,
  kCompanyLoans = 5,
  kPublicRecords = 6,
  kRun = 7,
  kRelations = 8,      //!< officers and supply relations (relations/relations.csv)
  kJointAccounts = 9,  //!< joint Metro 2 accounts and their co-borrowers (index: account hash)
};

class Rng {
 public:
  Rng(uint64_t seed, Stream stream, uint64_t index, uint64_t salt = 0) {
    uint64_t state = seed * 0xD1342543DE82EF95ULL ^ (static_cast<uint64_t>(stream) << 56) ^
                     index * 0x9E3779B97F4A7C15ULL ^ salt * 0xC2B2AE3D27D4EB4FULL;
    for (uint64_t& word : state_) word = SplitMix64(state);
  }

  uint64_t Next() {
    uint64_t result = Rotl(state_[1] * 5, 7) * 9;
    uint64_t t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = Rotl(state_[3], 45);
    return result;
  }
  //! Uniform in [0, 1).
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  //! Uniform integer in [low, high] (inclusive).
  int64_t Between(int64_t low, int64_t high) {
    uint64_t span = static_cast<uint64_t>(high - low) + 1;
    return low + static_cast<int64_t>(Next() % span);
  }
  bool Chance(double probability) { return Uniform() < probability; }
  //! Standard normal (Box-Muller).
  double Normal() {
    double u1 = Uniform();
    double u2 = Uniform();
    if (u1 < 1e-300) u1 = 1e-300;
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }
  template <typename T>
  const T& Pick(std::span<const T> items) {
    return items[Next() % items.size()];
  }

 private:
  static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t state_[4];
};

inline double Logistic(double x) { return 1.0 / (1.0 + std::exp(-x)); }

}  // namespace credo::ingest::generate

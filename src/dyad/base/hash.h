// Fast non-cryptographic hashing (XXH3 from Debian's libxxhash) for the lexicon and the matchers.
#ifndef DYAD_BASE_HASH_H_
#define DYAD_BASE_HASH_H_

#define XXH_INLINE_ALL
#include <xxhash.h>

#include <cstdint>
#include <string_view>

namespace dyad {

inline uint64_t HashBytes(std::string_view bytes) { return XXH3_64bits(bytes.data(), bytes.size()); }

inline uint64_t HashPair(uint64_t a, uint64_t b) {
  // A multiplicative mix (splitmix64 finaliser) of the two values.
  uint64_t x = a * 0x9E3779B97F4A7C15ULL ^ (b + 0x632BE59BD9B4E019ULL);
  x ^= x >> 30;
  x *= 0xBF58476D1CE4E5B9ULL;
  x ^= x >> 27;
  x *= 0x94D049BB133111EBULL;
  x ^= x >> 31;
  return x;
}

}  // namespace dyad

#endif  // DYAD_BASE_HASH_H_

// A fast 64-bit checksum for checkpoint files: four independent multiply-rotate lanes over 32-byte blocks
// (so the CPU runs them in parallel), folded together with the length and the tail, then avalanched.
#include "decisionlog_kernels.h"

#include <string.h>

static const uint64_t prime1 = 0x9E3779B185EBCA87ULL;
static const uint64_t prime2 = 0xC2B2AE3D27D4EB4FULL;
static const uint64_t prime3 = 0x165667B19E3779F9ULL;

static inline uint64_t rotl(uint64_t x, int n) { return (x << n) | (x >> (64 - n)); }

static inline uint64_t load64(const uint8_t *p) {
    uint64_t value;
    memcpy(&value, p, 8);
    return value;  // little-endian hosts only read it this way; the checksum is a local cache's, never exchanged
}

static inline uint64_t lane(uint64_t accumulator, uint64_t input) {
    return rotl(accumulator + input * prime2, 31) * prime1;
}

uint64_t dl_checksum64(const uint8_t *data, size_t length) {
    uint64_t a = prime1 + prime2, b = prime2, c = 0, d = 0 - prime1;
    size_t i = 0;
    for (; i + 32 <= length; i += 32) {
        a = lane(a, load64(data + i));
        b = lane(b, load64(data + i + 8));
        c = lane(c, load64(data + i + 16));
        d = lane(d, load64(data + i + 24));
    }
    uint64_t hash = rotl(a, 1) + rotl(b, 7) + rotl(c, 12) + rotl(d, 18) + (uint64_t)length;
    for (; i + 8 <= length; i += 8) hash = rotl(hash ^ lane(0, load64(data + i)), 27) * prime1 + prime3;
    for (; i < length; i++) hash = rotl(hash ^ (data[i] * prime3), 11) * prime1;
    hash ^= hash >> 33;
    hash *= prime2;
    hash ^= hash >> 29;
    hash *= prime3;
    hash ^= hash >> 32;
    return hash;
}

// Hot kernels of the decision log, in C where Swift cannot reach the hardware: SHA-256 with the x86 SHA
// extensions when the CPU has them, portable C otherwise (both paths give the same digests, tested), random
// bytes in bulk, and a close-on-exec pipe.
#ifndef DECISIONLOG_KERNELS_H
#define DECISIONLOG_KERNELS_H

#include <stddef.h>
#include <stdint.h>

/// Runs the SHA-256 compression function over `count` consecutive 64-byte blocks at `blocks`, updating the
/// eight state words in place, with the fastest implementation this CPU supports.
void dl_sha256_compress(uint32_t state[8], const uint8_t *blocks, size_t count);

/// The SHA-256 digest of `length` bytes at `data`, written to `digest` (32 bytes).
void dl_sha256(const uint8_t *data, size_t length, uint8_t digest[32]);

/// 1 when `dl_sha256_compress` uses the CPU's SHA instructions, 0 when it runs portable C.
int dl_sha256_is_accelerated(void);

/// The portable compression function, whatever the CPU (for tests that compare the two paths).
void dl_sha256_compress_portable(uint32_t state[8], const uint8_t *blocks, size_t count);

/// Asks the CPU to start loading the cache line at `address` (a hint: nothing is read, nothing can fault), so
/// a lookup in a large table a few steps later does not wait for memory.
static inline void dl_prefetch(const void *address) { __builtin_prefetch(address); }

/// Fills `length` bytes at `buffer` with the kernel's cryptographic random bytes (getrandom(2)); returns 0, or
/// -1 when the kernel cannot give them.
int dl_random_fill(void *buffer, size_t length);

/// Makes a pipe whose two ends (`fds[0]` to read, `fds[1]` to write) are closed on exec, atomically, so a
/// program another thread starts meanwhile cannot inherit them; returns 0, or -1 with errno set.
int dl_pipe_cloexec(int fds[2]);

#endif

// Random bytes in bulk from the kernel, for making many event ids at once.
#include "decisionlog_kernels.h"

#include <errno.h>
#include <sys/random.h>

int dl_random_fill(void *buffer, size_t length) {
    size_t filled = 0;
    while (filled < length) {
        ssize_t got = getrandom((char *)buffer + filled, length - filled, 0);
        if (got > 0) {
            filled += (size_t)got;
        } else if (got < 0 && errno != EINTR) {
            return -1;
        }
    }
    return 0;
}

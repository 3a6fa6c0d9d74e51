// A pipe whose ends are closed on exec from the moment they exist, for running helper programs from several
// threads at once: pipe2(2) is declared only under _GNU_SOURCE, which Swift's Glibc module does not set.
#define _GNU_SOURCE
#include "decisionlog_kernels.h"

#include <fcntl.h>
#include <unistd.h>

int dl_pipe_cloexec(int fds[2]) { return pipe2(fds, O_CLOEXEC); }

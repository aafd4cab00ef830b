#ifndef CSYSTEM_H
#define CSYSTEM_H

/* GNU extensions that Glibc's Swift module does not declare, for the
   parallel runs (-j) of AcctCore. */

/* The CPUs in this process's affinity mask (sched_getaffinity(2)), or 0
   when it cannot be read. */
int csystem_affinity_count(void);

/* Makes malloc keep one arena for every thread (mallopt M_ARENA_MAX);
   nonzero on success. */
int csystem_share_malloc_arena(void);

#include <stddef.h>

/* The number of bytes equal to `byte` among the first `count` at `bytes`:
   the line count of a chunk, sixteen bytes a step where SSE2 is there
   (every x86-64), a byte a step elsewhere. */
size_t csystem_count_byte(const unsigned char *bytes, size_t count, unsigned char byte);

#endif

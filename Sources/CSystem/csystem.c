#define _GNU_SOURCE
#include <malloc.h>
#include <sched.h>

#include "csystem.h"

int csystem_affinity_count(void) {
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(0, sizeof set, &set) != 0) return 0;
    return CPU_COUNT(&set);
}

int csystem_share_malloc_arena(void) {
    return mallopt(M_ARENA_MAX, 1);
}

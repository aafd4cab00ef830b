#define _GNU_SOURCE
#include <malloc.h>
#include <sched.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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

size_t csystem_count_byte(const unsigned char *bytes, size_t count, unsigned char byte) {
    size_t total = 0;
    size_t i = 0;
#if defined(__SSE2__)
    const __m128i wanted = _mm_set1_epi8((char)byte);
    const __m128i zero = _mm_setzero_si128();
    while (count - i >= 16) {
        /* Each lane counts up to 255 matches (a match is -1, subtracted)
           before the lanes are summed into two 64-bit halves. */
        __m128i lanes = zero;
        size_t steps = (count - i) / 16;
        if (steps > 255) steps = 255;
        for (size_t s = 0; s < steps; s++, i += 16) {
            __m128i chunk = _mm_loadu_si128((const __m128i *)(bytes + i));
            lanes = _mm_sub_epi8(lanes, _mm_cmpeq_epi8(chunk, wanted));
        }
        __m128i sums = _mm_sad_epu8(lanes, zero);
        total += (size_t)_mm_cvtsi128_si64(sums) + (size_t)_mm_cvtsi128_si64(_mm_unpackhi_epi64(sums, sums));
    }
#endif
    for (; i < count; i++) total += bytes[i] == byte;
    return total;
}

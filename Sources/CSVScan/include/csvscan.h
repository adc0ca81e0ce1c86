#ifndef CSVSCAN_H
#define CSVSCAN_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
// Included here too, not only found in the umbrella folder: a build folder from before the
// header was added does not see it otherwise.
#include "csvscan_utf8.h"

/// The index of the first byte in bytes[start..<count] equal to a, b or c; count if none: the
/// parser's look for line breaks (records themselves are scanned by csvscan_record.h).
///
/// Sixteen bytes at a time with SSE2 (every x86-64 has it): one comparison per byte value and
/// a bit mask of the matches. Swift has no portable way to turn a vector comparison into a bit
/// mask, which is what makes this fast, so this loop is C, inlined where Swift calls it. On
/// other processors, eight bytes at a time in a 64-bit word: a byte equal to the one looked
/// for is a zero byte of their exclusive or, which (x - 0x01..) & ~x & 0x80.. marks (the
/// lowest mark is always a true one).
static inline long csvscan_first_of3(const uint8_t *bytes, long start, long count, uint8_t a, uint8_t b, uint8_t c) {
    long index = start;
#if defined(__SSE2__)
    const __m128i va = _mm_set1_epi8((char)a), vb = _mm_set1_epi8((char)b), vc = _mm_set1_epi8((char)c);
    while (index + 16 <= count) {
        const __m128i chunk = _mm_loadu_si128((const __m128i *)(bytes + index));
        const __m128i hits = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(chunk, va), _mm_cmpeq_epi8(chunk, vb)),
                                          _mm_cmpeq_epi8(chunk, vc));
        const int mask = _mm_movemask_epi8(hits);
        if (mask != 0) return index + __builtin_ctz((unsigned)mask);
        index += 16;
    }
#else
    const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
    const uint64_t sa = ones * a, sb = ones * b, sc = ones * c;
    while (index + 8 <= count) {
        uint64_t word;
        memcpy(&word, bytes + index, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
        word = __builtin_bswap64(word);
#endif
        const uint64_t xa = word ^ sa, xb = word ^ sb, xc = word ^ sc;
        const uint64_t marks = (((xa - ones) & ~xa) | ((xb - ones) & ~xb) | ((xc - ones) & ~xc)) & highs;
        if (marks != 0) return index + (__builtin_ctzll(marks) >> 3);
        index += 8;
    }
#endif
    while (index < count && bytes[index] != a && bytes[index] != b && bytes[index] != c) index++;
    return index;
}

/// How many bytes of bytes[0..<count] start a UTF-8 character (are not 10xxxxxx): the column
/// of an error on a line too long to decode whole. In C for the same reason as above: it runs
/// over many megabytes, and a debug build of Swift takes nanoseconds per byte.
static inline long csvscan_count_utf8_starts(const uint8_t *bytes, long count) {
    long starts = 0;
    for (long index = 0; index < count; index++) starts += (bytes[index] & 0xC0) != 0x80;
    return starts;
}

#endif

#include "csvscan_utf8.h"
#include <string.h>

/// From a character start on, byte by byte past ASCII words: the exact offset of a bad byte.
static long scalar_invalid(const uint8_t *bytes, long index, long count) {
    while (index < count) {
        if (index + 8 <= count) {
            uint64_t word;
            memcpy(&word, bytes + index, 8);
            if ((word & 0x8080808080808080ULL) == 0) {
                index += 8;
                continue;
            }
        }
        const uint8_t lead = bytes[index];
        if (lead < 0x80) {
            index++;
            continue;
        }
        long length;
        if (lead >= 0xC2 && lead <= 0xDF) length = 2;
        else if (lead >= 0xE0 && lead <= 0xEF) length = 3;
        else if (lead >= 0xF0 && lead <= 0xF4) length = 4;
        else return index;
        if (index + length > count) return index;
        for (long offset = 1; offset < length; offset++) {
            if ((bytes[index + offset] & 0xC0) != 0x80) return index;
        }
        // Overlong forms and surrogates: the second byte's range depends on the lead.
        const uint8_t second = bytes[index + 1];
        if ((lead == 0xE0 && second < 0xA0) || (lead == 0xED && second > 0x9F)
            || (lead == 0xF0 && second < 0x90) || (lead == 0xF4 && second > 0x8F)) return index;
        index += length;
    }
    return count;
}

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#include <tmmintrin.h>

// What can be wrong, one bit each, as the paper names them: a pair of bytes is bad when the
// three tables (first byte's high and low half, second byte's high half) share a bit.
enum {
    TOO_SHORT = 1 << 0, TOO_LONG = 1 << 1, OVERLONG_3 = 1 << 2, TOO_LARGE = 1 << 3, SURROGATE = 1 << 4,
    OVERLONG_2 = 1 << 5, TOO_LARGE_1000 = 1 << 6, OVERLONG_4 = 1 << 6, TWO_CONTS = 1 << 7,
    CARRY = TOO_SHORT | TOO_LONG | TWO_CONTS,
};

__attribute__((target("ssse3")))
static inline __m128i high_halves(__m128i bytes) {
    return _mm_and_si128(_mm_srli_epi16(bytes, 4), _mm_set1_epi8(0x0F));
}

/// Non-zero where the block (with the end of the one before) is not valid UTF-8, but for a
/// sequence it leaves open at its end, which the next block shows.
__attribute__((target("ssse3")))
static inline __m128i block_errors(__m128i input, __m128i previous) {
    const __m128i first_high = _mm_setr_epi8(
        TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG, TOO_LONG,
        (char)TWO_CONTS, (char)TWO_CONTS, (char)TWO_CONTS, (char)TWO_CONTS,
        TOO_SHORT | OVERLONG_2, TOO_SHORT, TOO_SHORT | OVERLONG_3 | SURROGATE,
        (char)(TOO_SHORT | TOO_LARGE | TOO_LARGE_1000 | OVERLONG_4));
    const __m128i first_low = _mm_setr_epi8(
        (char)(CARRY | OVERLONG_3 | OVERLONG_2 | OVERLONG_4), (char)(CARRY | OVERLONG_2), (char)CARRY, (char)CARRY,
        (char)(CARRY | TOO_LARGE), (char)(CARRY | TOO_LARGE | TOO_LARGE_1000), (char)(CARRY | TOO_LARGE | TOO_LARGE_1000),
        (char)(CARRY | TOO_LARGE | TOO_LARGE_1000), (char)(CARRY | TOO_LARGE | TOO_LARGE_1000),
        (char)(CARRY | TOO_LARGE | TOO_LARGE_1000), (char)(CARRY | TOO_LARGE | TOO_LARGE_1000),
        (char)(CARRY | TOO_LARGE | TOO_LARGE_1000), (char)(CARRY | TOO_LARGE | TOO_LARGE_1000),
        (char)(CARRY | TOO_LARGE | TOO_LARGE_1000 | SURROGATE), (char)(CARRY | TOO_LARGE | TOO_LARGE_1000),
        (char)(CARRY | TOO_LARGE | TOO_LARGE_1000));
    const __m128i second_high = _mm_setr_epi8(
        TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT,
        (char)(TOO_LONG | OVERLONG_2 | TWO_CONTS | OVERLONG_3 | TOO_LARGE_1000 | OVERLONG_4),
        (char)(TOO_LONG | OVERLONG_2 | TWO_CONTS | OVERLONG_3 | TOO_LARGE),
        (char)(TOO_LONG | OVERLONG_2 | TWO_CONTS | SURROGATE | TOO_LARGE),
        (char)(TOO_LONG | OVERLONG_2 | TWO_CONTS | SURROGATE | TOO_LARGE),
        TOO_SHORT, TOO_SHORT, TOO_SHORT, TOO_SHORT);
    const __m128i prev1 = _mm_alignr_epi8(input, previous, 15);
    const __m128i special = _mm_and_si128(
        _mm_and_si128(_mm_shuffle_epi8(first_high, high_halves(prev1)),
                      _mm_shuffle_epi8(first_low, _mm_and_si128(prev1, _mm_set1_epi8(0x0F)))),
        _mm_shuffle_epi8(second_high, high_halves(input)));
    // The third and fourth bytes of three- and four-byte sequences must be continuations
    // (and only they, of the bytes two or three after a lead).
    const __m128i prev2 = _mm_alignr_epi8(input, previous, 14), prev3 = _mm_alignr_epi8(input, previous, 13);
    const __m128i third = _mm_subs_epu8(prev2, _mm_set1_epi8((char)(0xE0 - 0x80)));
    const __m128i fourth = _mm_subs_epu8(prev3, _mm_set1_epi8((char)(0xF0 - 0x80)));
    const __m128i must_continue = _mm_and_si128(_mm_or_si128(third, fourth), _mm_set1_epi8((char)0x80));
    return _mm_xor_si128(must_continue, special);
}

/// Non-zero when the block ends inside a sequence: an error if the next block is ASCII.
__attribute__((target("ssse3")))
static inline __m128i open_at_end(__m128i block) {
    const __m128i largest = _mm_setr_epi8(-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
                                          (char)(0xF0 - 1), (char)(0xE0 - 1), (char)(0xC0 - 1));
    return _mm_subs_epu8(block, largest);
}

/// An offset where a character starts, before which every byte from `start` is valid: the
/// start of the block where an error shows, or of the last whole block, moved back to the
/// start of the character that block begins inside of.
__attribute__((target("ssse3")))
static long ssse3_valid_until(const uint8_t *bytes, long start, long count) {
    __m128i previous = _mm_setzero_si128();
    long index = start;
    while (index + 16 <= count) {
        const __m128i input = _mm_loadu_si128((const __m128i *)(bytes + index));
        const __m128i errors = _mm_movemask_epi8(input) == 0 ? open_at_end(previous) : block_errors(input, previous);
        if (_mm_movemask_epi8(_mm_cmpeq_epi8(errors, _mm_setzero_si128())) != 0xFFFF) break;
        previous = input;
        index += 16;
    }
    for (long back = 1; back <= 3 && index - back >= start; back++) {
        const uint8_t byte = bytes[index - back];
        if (byte < 0x80) break;
        if (byte >= 0xC0) return index - back;
    }
    return index;
}

static int has_ssse3(void) {
    // 0 not yet asked, 1 no, 2 yes. Two threads may both ask; they get the same answer.
    static int known = 0;
    int answer = __atomic_load_n(&known, __ATOMIC_RELAXED);
    if (answer == 0) {
        unsigned int a, b, c, d;
        answer = __get_cpuid(1, &a, &b, &c, &d) && (c & bit_SSSE3) ? 2 : 1;
        __atomic_store_n(&known, answer, __ATOMIC_RELAXED);
    }
    return answer == 2;
}
#endif

long csvscan_utf8_invalid(const uint8_t *bytes, long start, long count) {
    long index = start;
#if defined(__x86_64__) || defined(__i386__)
    if (count - start >= 64 && has_ssse3()) index = ssse3_valid_until(bytes, start, count);
#endif
    return scalar_invalid(bytes, index, count);
}

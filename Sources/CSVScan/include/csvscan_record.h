#ifndef CSVSCAN_RECORD_H
#define CSVSCAN_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "csvscan.h"
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/// One field of a record: bytes[start..<end], a quoted field's inside when it was quoted. The
/// layout of ReportKit's RawField (two Ints and a Bool), which the parser's fields are, so
/// that the scanner writes them in place.
typedef struct {
    long start;
    long end;
    /// The bytes hold `""` for each `"`.
    bool escaped;
} csvscan_field;

/// What csvscan_record found at the start of its bytes.
typedef enum {
    /// A record: its fields are written, `next` is where the next record starts.
    CSVSCAN_RECORD,
    /// Only line breaks until the end of the input.
    CSVSCAN_END,
    /// The record goes on past the bytes read so far.
    CSVSCAN_NEED_MORE,
    /// The record has more fields than `capacity`: scan it again with more room.
    CSVSCAN_FIELDS_FULL,
    /// The quoted field at `position` is still open at the end of the input.
    CSVSCAN_UNCLOSED_QUOTE,
    /// `position` holds a byte other than a delimiter or line break after a closing quote.
    CSVSCAN_TEXT_AFTER_QUOTE,
    /// The field at `position` is one past `limit`.
    CSVSCAN_TOO_MANY_FIELDS,
} csvscan_status;

/// The field ends csvscan_ends found in bytes[start..<start + 64] that no record has taken yet,
/// kept from one record to the next: a record is shorter than a block, so the next one starts
/// in it. Its owner starts it (and starts it again when the bytes change) with `start` far
/// below any index, which no index is within 64 bytes of.
typedef struct {
    long start;
    uint64_t ends;
} csvscan_block;

/// Where csvscan_record found things, as indices of its bytes.
typedef struct {
    /// Where the record starts, after the blank lines before it.
    long start;
    /// Where the next record starts.
    long next;
    /// How many fields were written.
    long fields;
    /// The byte an error is at.
    long position;
} csvscan_found;

#if !defined(__SSE2__)
/// 0x80 in each byte of `word` that is zero, nothing elsewhere (exact: no carry between bytes).
static inline uint64_t csvscan_zero_bytes(uint64_t word) {
    const uint64_t low7 = 0x7F7F7F7F7F7F7F7FULL;
    return ~(((word & low7) + low7) | word | low7);
}

/// The 0x80 marks of `marks` gathered into eight bits, byte k's into bit k.
static inline uint64_t csvscan_gather_marks(uint64_t marks) {
    return ((marks >> 7) * 0x0102040810204080ULL) >> 56;
}
#endif

/// Which of the 64 bytes from bytes[at] (at < count) end an unquoted field (the delimiter, CR
/// or LF), one bit per byte (bit 0 is bytes[at]); bits past `count` are zero. A record is
/// scanned by taking the set bits off this mask, rather than by looking for each field's end
/// on its own. Not inlined: the record loop keeps its few values in registers without it.
__attribute__((noinline)) static uint64_t csvscan_ends(const uint8_t *bytes, long count, long at, uint8_t delimiter) {
    bytes += at;
    const long left = count - at;
    uint8_t tail[64];
    if (left < 64) {
        memset(tail, 0, sizeof tail);
        memcpy(tail, bytes, (size_t)left);
        bytes = tail;
    }
    uint64_t ends = 0;
#if defined(__SSE2__)
    // Swift has no portable way to turn a vector comparison into a bit mask, which is what
    // makes this fast, so the scanner is C (the record loop inlined where Swift calls it).
    const __m128i delimiters = _mm_set1_epi8((char)delimiter), lineFeed = _mm_set1_epi8('\n'),
                  carriageReturn = _mm_set1_epi8('\r');
    for (int part = 0; part < 4; part++) {
        const __m128i chunk = _mm_loadu_si128((const __m128i *)(bytes + 16 * part));
        const __m128i hits = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(chunk, delimiters), _mm_cmpeq_epi8(chunk, lineFeed)),
                                          _mm_cmpeq_epi8(chunk, carriageReturn));
        ends |= (uint64_t)(unsigned)_mm_movemask_epi8(hits) << (16 * part);
    }
#else
    // Eight bytes at a time in a 64-bit word: a byte equal to the one looked for is a zero
    // byte of their exclusive or.
    const uint64_t ones = 0x0101010101010101ULL;
    const uint64_t delimiters = ones * delimiter, lineFeed = ones * '\n', carriageReturn = ones * '\r';
    for (int part = 0; part < 8; part++) {
        uint64_t word;
        memcpy(&word, bytes + 8 * part, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
        word = __builtin_bswap64(word);
#endif
        const uint64_t hits = csvscan_zero_bytes(word ^ delimiters) | csvscan_zero_bytes(word ^ lineFeed)
                            | csvscan_zero_bytes(word ^ carriageReturn);
        ends |= csvscan_gather_marks(hits) << (8 * part);
    }
#endif
    if (left < 64) ends &= (1ULL << left) - 1;
    return ends;
}

/// Scans the record at bytes[index..<count] (RFC 4180: quoted fields with `""`, delimiters and
/// line breaks inside quotes, LF, CRLF or CR line ends, blank lines before it skipped), writing
/// its fields into fields[0..<capacity] and the block it ends in into `kept`. `at_end` says
/// that the input ends at `count`; otherwise a record that reaches `count` needs more bytes.
/// A record with more than `limit` fields is an error at the first field past it (a delimiter
/// at the very end of the input adds its empty field unchecked), found without reading
/// further. The parser's Swift turns each status into its result or positioned error.
static inline csvscan_status csvscan_record(const uint8_t *bytes, long index, long count, bool at_end, uint8_t delimiter,
                                            csvscan_block *kept, csvscan_field *fields, long capacity, long limit,
                                            csvscan_found *found) {
    long i = index;
    while (i < count && (bytes[i] == '\n' || bytes[i] == '\r')) i++;
    if (i >= count) return at_end ? CSVSCAN_END : CSVSCAN_NEED_MORE;
    found->start = i;
    // The bytes that end an unquoted field in bytes[block..<block + 64], those before the
    // field at hand taken off.
    long block = kept->start;
    uint64_t ends;
    if ((unsigned long)(i - block) < 64) {
        ends = kept->ends & (~0ULL << (i - block));
    } else {
        block = i;
        ends = csvscan_ends(bytes, count, block, delimiter);
    }
    // One comparison per field for both limits; which one it was is sorted out after.
    csvscan_field *next = fields;
    csvscan_field *const full = fields + (capacity < limit ? capacity : limit);
    long fieldStart, end;
    // The common case, an unquoted field ended by a delimiter in the block at hand, is the
    // short loop from `field` to the jump back to it; everything else jumps out of it.
    // Here i < count: the first field starts before `count`, and a later one only after a
    // delimiter that is not the last byte.
field:
    fieldStart = i;
    if (bytes[i] == '"') goto quoted;
    while (ends == 0) {
        if (block + 64 >= count) goto last_field;
        block += 64;
        ends = csvscan_ends(bytes, count, block, delimiter);
    }
    end = block + __builtin_ctzll(ends);
    ends &= ends - 1;
    if (next == full) goto no_room;
    *next++ = (csvscan_field){fieldStart, end, false};
ended:
    i = end + 1;
    if (bytes[end] == delimiter) {
        if (i < count) goto field;
        if (!at_end) return CSVSCAN_NEED_MORE;
        // The empty field after a delimiter that ends the input, which the limit lets by.
        if (next - fields >= capacity) return CSVSCAN_FIELDS_FULL;
        *next++ = (csvscan_field){i, i, false};
    } else if (bytes[end] == '\r') {
        if (i >= count) {
            if (!at_end) return CSVSCAN_NEED_MORE;
        } else if (bytes[i] == '\n') {
            i++;
        }
    }
    found->next = i;
    found->fields = next - fields;
    *kept = (csvscan_block){block, ends};
    return CSVSCAN_RECORD;

last_field:
    // An unquoted field that runs to the end of the bytes.
    if (next == full) goto no_room;
    *next++ = (csvscan_field){fieldStart, count, false};
    if (!at_end) return CSVSCAN_NEED_MORE;
    found->next = count;
    found->fields = next - fields;
    return CSVSCAN_RECORD;

quoted: {
    bool escaped = false;
    i++;
    while (true) {
        // Quoted fields are few and short: searched for their quote alone.
        i = csvscan_first_of3(bytes, i, count, '"', '"', '"');
        if (i >= count) {
            if (!at_end) return CSVSCAN_NEED_MORE;
            found->position = fieldStart;
            return CSVSCAN_UNCLOSED_QUOTE;
        }
        if (i + 1 >= count) {
            if (!at_end) return CSVSCAN_NEED_MORE;
            break;
        }
        if (bytes[i + 1] != '"') break;
        escaped = true;
        i += 2;
    }
    if (next == full) goto no_room;
    *next++ = (csvscan_field){fieldStart + 1, i, escaped};
    end = i + 1;
    if (end >= count) {
        if (!at_end) return CSVSCAN_NEED_MORE;
        found->next = end;
        found->fields = next - fields;
        return CSVSCAN_RECORD;
    }
    if (bytes[end] != delimiter && bytes[end] != '\n' && bytes[end] != '\r') {
        found->position = end;
        return CSVSCAN_TEXT_AFTER_QUOTE;
    }
    // The bytes inside the quotes are no field's end, nor is this one any more.
    if (end - block >= 64) {
        block = end;
        ends = csvscan_ends(bytes, count, block, delimiter);
    }
    ends &= ~1ULL << (end - block);
    goto ended;
}

no_room:
    if (next - fields < limit) return CSVSCAN_FIELDS_FULL;
    found->position = fieldStart;
    return CSVSCAN_TOO_MANY_FIELDS;
}

#endif

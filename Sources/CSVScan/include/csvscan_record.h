#ifndef CSVSCAN_RECORD_H
#define CSVSCAN_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
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

/// Which bytes of bytes[block..<block + 64] end an unquoted field (the delimiter, CR, LF) and
/// which are quotes, one bit per byte (bit 0 is bytes[block]); bits past `count` are zero.
/// A record is scanned by taking set bits off these masks, 64 bytes at a time, rather than
/// looking for each field's end separately: `ends` holds only the bytes after the field
/// being scanned.
typedef struct {
    const uint8_t *bytes;
    long count;
    long block;
    uint64_t ends;
    uint64_t quotes;
    uint8_t delimiter;
} csvscan_masks;

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

/// The masks of the 64 bytes from `at` (< count), which is then their block.
static inline void csvscan_load(csvscan_masks *masks, long at) {
    const uint8_t *bytes = masks->bytes + at;
    const long left = masks->count - at;
    uint8_t tail[64];
    if (left < 64) {
        memset(tail, 0, sizeof tail);
        memcpy(tail, bytes, (size_t)left);
        bytes = tail;
    }
    uint64_t ends = 0, quotes = 0;
#if defined(__SSE2__)
    // Swift has no portable way to turn a vector comparison into a bit mask, which is what
    // makes this fast, so the scanner is C, inlined where Swift calls it.
    const __m128i delimiter = _mm_set1_epi8((char)masks->delimiter), lineFeed = _mm_set1_epi8('\n'),
                  carriageReturn = _mm_set1_epi8('\r'), quote = _mm_set1_epi8('"');
    for (int part = 0; part < 4; part++) {
        const __m128i chunk = _mm_loadu_si128((const __m128i *)(bytes + 16 * part));
        const __m128i hits = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(chunk, delimiter), _mm_cmpeq_epi8(chunk, lineFeed)),
                                          _mm_cmpeq_epi8(chunk, carriageReturn));
        ends |= (uint64_t)(unsigned)_mm_movemask_epi8(hits) << (16 * part);
        quotes |= (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(chunk, quote)) << (16 * part);
    }
#else
    // Eight bytes at a time in a 64-bit word: a byte equal to the one looked for is a zero
    // byte of their exclusive or.
    const uint64_t ones = 0x0101010101010101ULL;
    const uint64_t delimiter = ones * masks->delimiter, lineFeed = ones * '\n', carriageReturn = ones * '\r', quote = ones * '"';
    for (int part = 0; part < 8; part++) {
        uint64_t word;
        memcpy(&word, bytes + 8 * part, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
        word = __builtin_bswap64(word);
#endif
        const uint64_t hits = csvscan_zero_bytes(word ^ delimiter) | csvscan_zero_bytes(word ^ lineFeed)
                            | csvscan_zero_bytes(word ^ carriageReturn);
        ends |= csvscan_gather_marks(hits) << (8 * part);
        quotes |= csvscan_gather_marks(csvscan_zero_bytes(word ^ quote)) << (8 * part);
    }
#endif
    if (left < 64) {
        const uint64_t inside = (1ULL << left) - 1;
        ends &= inside;
        quotes &= inside;
    }
    masks->block = at;
    masks->ends = ends;
    masks->quotes = quotes;
}

/// The next byte that ends an unquoted field, taken off `ends`; `count` if none does. `ends`
/// holds no byte before the field, so this is the lowest bit: a few instructions a field.
static inline long csvscan_next_end(csvscan_masks *masks) {
    while (masks->ends == 0) {
        if (masks->block + 64 >= masks->count) return masks->count;
        csvscan_load(masks, masks->block + 64);
    }
    const long end = masks->block + __builtin_ctzll(masks->ends);
    masks->ends &= masks->ends - 1;
    return end;
}

/// Takes the bytes up to `end` (< count) off `ends`: those inside a quoted field, and its end.
static inline void csvscan_skip_past(csvscan_masks *masks, long end) {
    if (end - masks->block >= 64) csvscan_load(masks, end);
    masks->ends &= ~1ULL << (end - masks->block);
}

/// The first quote from `at` on; `count` if none is. Quotes can be anywhere in an unquoted
/// field, so `quotes` may hold some before `at`.
static inline long csvscan_next_quote(csvscan_masks *masks, long at) {
    while (at < masks->count) {
        if (at - masks->block >= 64) csvscan_load(masks, at);
        const uint64_t found = masks->quotes >> (at - masks->block);
        if (found != 0) return at + __builtin_ctzll(found);
        at = masks->block + 64;
    }
    return masks->count;
}

/// Scans the record at bytes[index..<count] (RFC 4180: quoted fields with `""`, delimiters and
/// line breaks inside quotes, LF, CRLF or CR line ends, blank lines before it skipped), writing
/// its fields into fields[0..<capacity]. `at_end` says that the input ends at `count`;
/// otherwise a record that reaches `count` needs more bytes. A record with more than `limit`
/// fields is an error at the first field past it (a delimiter at the very end of the input
/// adds its empty field unchecked), found without reading further.
static inline csvscan_status csvscan_record(const uint8_t *bytes, long index, long count, bool at_end, uint8_t delimiter,
                                            csvscan_field *fields, long capacity, long limit, csvscan_found *found) {
    long i = index;
    while (i < count && (bytes[i] == '\n' || bytes[i] == '\r')) i++;
    if (i >= count) return at_end ? CSVSCAN_END : CSVSCAN_NEED_MORE;
    found->start = i;
    csvscan_masks masks = {bytes, count, 0, 0, 0, delimiter};
    csvscan_load(&masks, i);
    // One comparison per field for both limits; which one it was is sorted out after.
    const long room = capacity < limit ? capacity : limit;
    long width = 0;
    // Here i < count: the first field starts before `count`, and a later one only after a
    // delimiter that is not the last byte.
    while (true) {
        const long fieldStart = i;
        long end;
        if (bytes[i] == '"') {
            bool escaped = false;
            i++;
            while (true) {
                i = csvscan_next_quote(&masks, i);
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
            if (width >= room) {
                if (width < limit) return CSVSCAN_FIELDS_FULL;
                found->position = fieldStart;
                return CSVSCAN_TOO_MANY_FIELDS;
            }
            fields[width++] = (csvscan_field){fieldStart + 1, i, escaped};
            end = i + 1;
            if (end >= count) {
                if (!at_end) return CSVSCAN_NEED_MORE;
                i = end;
                break;
            }
            if (bytes[end] != delimiter && bytes[end] != '\n' && bytes[end] != '\r') {
                found->position = end;
                return CSVSCAN_TEXT_AFTER_QUOTE;
            }
            csvscan_skip_past(&masks, end);
        } else {
            end = csvscan_next_end(&masks);
            if (width >= room) {
                if (width < limit) return CSVSCAN_FIELDS_FULL;
                found->position = fieldStart;
                return CSVSCAN_TOO_MANY_FIELDS;
            }
            fields[width++] = (csvscan_field){fieldStart, end, false};
            if (end >= count) {
                if (!at_end) return CSVSCAN_NEED_MORE;
                i = end;
                break;
            }
        }
        const uint8_t byte = bytes[end];
        i = end + 1;
        if (byte == delimiter) {
            if (i < count) continue;
            if (!at_end) return CSVSCAN_NEED_MORE;
            if (width >= capacity) return CSVSCAN_FIELDS_FULL;
            fields[width++] = (csvscan_field){i, i, false};
            break;
        }
        if (byte == '\r') {
            if (i >= count) {
                if (!at_end) return CSVSCAN_NEED_MORE;
            } else if (bytes[i] == '\n') {
                i++;
            }
        }
        break;
    }
    found->next = i;
    found->fields = width;
    return CSVSCAN_RECORD;
}

#endif

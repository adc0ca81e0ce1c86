#ifndef CSVSCAN_UTF8_H
#define CSVSCAN_UTF8_H

#include <stdint.h>

/// The offset of the first byte in bytes[start..<count] that begins no valid UTF-8 sequence
/// (a stray continuation byte, a lead byte not followed by its continuations, an overlong
/// form, a surrogate, a code point past U+10FFFF) or begins one that `count` cuts short;
/// `count` when there is none. `start` must be where a character begins.
///
/// Every byte of every CSV file goes through it, and text in Vietnamese has a multi-byte
/// letter every few bytes, where a byte-at-a-time loop takes a fifth of a large run. With
/// SSSE3 (nearly every x86-64 since 2006; asked of the processor once) sixteen bytes are
/// checked at a time by Keiser and Lemire's lookup algorithm ("Validating UTF-8 in less than
/// one instruction per byte", 2021); elsewhere, and to find the exact offset of a bad byte,
/// a scalar loop that skips ASCII eight bytes at a time. Written here because the library
/// that implements it (simdutf) is C++ and not among Debian 12's packages.
long csvscan_utf8_invalid(const uint8_t *bytes, long start, long count);

#endif

/* SPDX-License-Identifier: MIT */
/*
 * endian.h: byte order as glibc and musl give it — the BYTE_ORDER
 * macros (newlib's <machine/endian.h>) and htobe16() and friends.
 */
#ifndef UKOS_ENDIAN_H
#define UKOS_ENDIAN_H

#include <machine/endian.h>
#include <stdint.h>

#define __LITTLE_ENDIAN _LITTLE_ENDIAN
#define __BIG_ENDIAN    _BIG_ENDIAN
#define __PDP_ENDIAN    _PDP_ENDIAN
#define __BYTE_ORDER    _BYTE_ORDER

/* x86-64 is little-endian. */
#define htobe16(x) __builtin_bswap16(x)
#define htole16(x) ((uint16_t)(x))
#define be16toh(x) __builtin_bswap16(x)
#define le16toh(x) ((uint16_t)(x))
#define htobe32(x) __builtin_bswap32(x)
#define htole32(x) ((uint32_t)(x))
#define be32toh(x) __builtin_bswap32(x)
#define le32toh(x) ((uint32_t)(x))
#define htobe64(x) __builtin_bswap64(x)
#define htole64(x) ((uint64_t)(x))
#define be64toh(x) __builtin_bswap64(x)
#define le64toh(x) ((uint64_t)(x))

#endif

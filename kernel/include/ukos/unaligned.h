/* SPDX-License-Identifier: MIT */
/*
 * unaligned.h: little-endian loads from byte buffers at any alignment
 * (firmware tables, boot structures). x86 is little-endian; memcpy keeps
 * the compiler honest about alignment and aliasing.
 */
#ifndef UKOS_UNALIGNED_H
#define UKOS_UNALIGNED_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* The 16/32/64-bit value at p + off. */
static inline uint16_t load_le16(const void *p, size_t off)
{
	uint16_t v;
	memcpy(&v, (const uint8_t *)p + off, sizeof(v));
	return v;
}

static inline uint32_t load_le32(const void *p, size_t off)
{
	uint32_t v;
	memcpy(&v, (const uint8_t *)p + off, sizeof(v));
	return v;
}

static inline uint64_t load_le64(const void *p, size_t off)
{
	uint64_t v;
	memcpy(&v, (const uint8_t *)p + off, sizeof(v));
	return v;
}

#endif

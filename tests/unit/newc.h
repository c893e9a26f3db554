/* SPDX-License-Identifier: MIT */
/*
 * newc.h: building a cpio (newc) archive in memory for the tests, laid out
 * as `cpio -H newc` writes one.
 */
#ifndef TESTS_UNIT_NEWC_H
#define TESTS_UNIT_NEWC_H

#include <stddef.h>
#include <stdint.h>

/* Append one entry (data NULL: none) to the archive arc[0, *len) and
 * advance *len; mtime 1700000000. The caller makes arc large enough. */
void newc_add(uint8_t *arc, size_t *len, const char *name, unsigned mode,
	      const char *data);

#endif

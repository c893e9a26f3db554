/* SPDX-License-Identifier: MIT */
/*
 * newc.c: see newc.h. Header and name, then data, each padded to 4 bytes
 * (the newc format as GNU cpio documents it).
 */
#include <stdio.h>
#include <string.h>

#include "newc.h"

void newc_add(uint8_t *arc, size_t *len, const char *name, unsigned mode,
	      const char *data)
{
	size_t nlen = strlen(name) + 1, dlen = data ? strlen(data) : 0;
	char hdr[160];

	snprintf(hdr, sizeof(hdr),
		 "070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X",
		 1u, mode, 0u, 0u, 1u, 1700000000u, (unsigned)dlen, 0u, 0u, 0u,
		 0u, (unsigned)nlen, 0u);
	memcpy(arc + *len, hdr, 110);
	*len += 110;
	memcpy(arc + *len, name, nlen);
	*len = (*len + nlen + 3) & ~(size_t)3;
	if (dlen)
		memcpy(arc + *len, data, dlen);
	*len = (*len + dlen + 3) & ~(size_t)3;
}

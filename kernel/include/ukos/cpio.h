/* SPDX-License-Identifier: MIT */
/*
 * cpio.h: reading a cpio archive in the "newc" format (the one Linux's
 * initramfs and `cpio -H newc` use): ASCII headers of hexadecimal fields,
 * names and data padded to 4 bytes, a last entry named TRAILER!!!.
 */
#ifndef UKOS_CPIO_H
#define UKOS_CPIO_H

#include <stddef.h>
#include <stdint.h>

struct cpio_entry {
	const char *name; /* NUL-terminated inside the archive */
	size_t name_len;  /* without the NUL */
	uint32_t mode;    /* st_mode: type and permissions */
	uint32_t mtime;
	const uint8_t *data;
	size_t size;
};

/*
 * The entry at *off of the archive [a, a + len): fills *e, moves *off to
 * the next and returns 1; returns 0 at the trailer; -EINVAL if the header
 * is not newc's, a field is not hexadecimal, or the name or data run past
 * the end. Pure; host-testable.
 */
int cpio_next(const uint8_t *a, size_t len, size_t *off, struct cpio_entry *e);

#endif

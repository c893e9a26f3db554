/* SPDX-License-Identifier: MIT */
/*
 * cpio.c: walking a newc cpio archive. Everything in it is outside input:
 * each field is checked before it is used, and nothing is read past the
 * archive's end.
 */
#include <errno.h>
#include <string.h>
#include <ukos/cpio.h>

#define HDR_LEN    110 /* "070701" and 13 fields of 8 hex digits */
#define F_MODE     1   /* field numbers after the magic */
#define F_MTIME    5
#define F_FILESIZE 6
#define F_NAMESIZE 11
#define TRAILER    "TRAILER!!!"

static size_t pad4(size_t n)
{
	return (n + 3) & ~(size_t)3;
}

/* Field i of the header at h, or -1 if it is not 8 hex digits. */
static int64_t field(const uint8_t *h, unsigned i)
{
	const uint8_t *p = h + 6 + 8 * i;
	uint32_t v = 0;

	for (int k = 0; k < 8; k++) {
		uint8_t c = p[k];
		unsigned d;
		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else
			return -1;
		v = v << 4 | d;
	}
	return v;
}

int cpio_next(const uint8_t *a, size_t len, size_t *off, struct cpio_entry *e)
{
	const uint8_t *h = a + *off;
	int64_t mode, mtime, size, namesize;
	size_t name_end, data_end;

	if (*off > len || len - *off < HDR_LEN ||
	    (memcmp(h, "070701", 6) != 0 && memcmp(h, "070702", 6) != 0))
		return -EINVAL;
	mode = field(h, F_MODE);
	mtime = field(h, F_MTIME);
	size = field(h, F_FILESIZE);
	namesize = field(h, F_NAMESIZE);
	if (mode < 0 || mtime < 0 || size < 0 || namesize < 1)
		return -EINVAL;
	name_end = *off + HDR_LEN + (size_t)namesize;
	if (name_end > len || h[HDR_LEN + namesize - 1] != '\0')
		return -EINVAL;
	*e = (struct cpio_entry){ .name = (const char *)h + HDR_LEN,
				  .name_len = (size_t)namesize - 1,
				  .mode = (uint32_t)mode,
				  .mtime = (uint32_t)mtime,
				  .size = (size_t)size };
	if (memchr(e->name, '\0', e->name_len))
		return -EINVAL; /* a NUL inside the name */
	if (strcmp(e->name, TRAILER) == 0)
		return 0;
	data_end = pad4(name_end) + (size_t)size;
	if (pad4(name_end) > len || data_end > len)
		return -EINVAL;
	e->data = a + pad4(name_end);
	*off = pad4(data_end) < len ? pad4(data_end) : len;
	return 1;
}

/* SPDX-License-Identifier: MIT */
/*
 * dump_loader.c: reading "bootdump:" captures (see dump_loader.h).
 */
#include "dump_loader.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int add_bytes(struct dump *d, uint64_t pa, const char *hex)
{
	size_t n = strlen(hex) / 2;
	struct dump_seg *s = d->nseg ? &d->seg[d->nseg - 1] : NULL;

	if (!s || s->pa + s->len != pa) { /* a new contiguous segment */
		if (d->nseg == DUMP_MAX_SEGS)
			return -1;
		s = &d->seg[d->nseg++];
		*s = (struct dump_seg){ pa, 0, NULL };
	}
	s->bytes = realloc(s->bytes, s->len + n);
	for (size_t i = 0; i < n; i++) {
		unsigned v;
		if (sscanf(hex + 2 * i, "%2x", &v) != 1)
			return -1;
		s->bytes[s->len + i] = (uint8_t)v;
	}
	s->len += n;
	return 0;
}

int dump_load(struct dump *d, const char *path)
{
	char line[256], kind[8], hex[130];
	uint64_t pa;
	FILE *f = fopen(path, "r");

	memset(d, 0, sizeof(*d));
	if (!f) {
		perror(path);
		return -1;
	}
	while (fgets(line, sizeof(line), f)) {
		if (strncmp(line, "bootdump: end", 13) == 0)
			break;
		if (sscanf(line, "bootdump: begin %7s %" SCNx64, kind, &pa) ==
		    2) {
			d->is_pvh = strcmp(kind, "pvh") == 0;
			d->info_pa = pa;
		} else if (sscanf(line, "bootdump: %" SCNx64 " %129s", &pa,
				  hex) == 2 &&
			   add_bytes(d, pa, hex) != 0) {
			fclose(f);
			return -1;
		}
	}
	fclose(f);
	return d->nseg ? 0 : -1;
}

void dump_free(struct dump *d)
{
	for (int i = 0; i < d->nseg; i++)
		free(d->seg[i].bytes);
	d->nseg = 0;
}

const void *dump_map(void *ctx, uint64_t pa, size_t len)
{
	struct dump *d = ctx;

	for (int i = 0; i < d->nseg; i++) {
		struct dump_seg *s = &d->seg[i];
		if (pa >= s->pa && pa - s->pa <= s->len &&
		    len <= s->len - (pa - s->pa))
			return s->bytes + (pa - s->pa);
	}
	return NULL;
}

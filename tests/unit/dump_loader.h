/* SPDX-License-Identifier: MIT */
/*
 * dump_loader.h: physical memory captured from a real boot with
 * ukos.dumpboot (data/NAME.dump, made by data/capture.sh), served to the
 * boot-info parsers through struct bootinfo_phys.
 */
#ifndef DUMP_LOADER_H
#define DUMP_LOADER_H

#include <stdbool.h>
#include <stdint.h>
#include <ukos/bootinfo.h>

#define DUMP_MAX_SEGS 64

struct dump_seg {
	uint64_t pa;
	size_t len;
	uint8_t *bytes;
};

struct dump {
	bool is_pvh;
	uint64_t info_pa;
	struct dump_seg seg[DUMP_MAX_SEGS];
	int nseg;
};

/* Load data/<name>; returns 0 or -1 (and prints why). */
int dump_load(struct dump *d, const char *path);
void dump_free(struct dump *d);

/* A bootinfo_phys whose ctx is a struct dump. */
const void *dump_map(void *ctx, uint64_t pa, size_t len);

#endif

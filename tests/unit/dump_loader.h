/* SPDX-License-Identifier: MIT */
/*
 * dump_loader.h: fake physical memory for the boot-info parsers. Holds
 * captures of real boots ("bootdump:" lines from ukos.dumpboot, see
 * kernel/bootinfo_dump.c and data/capture.sh) or hand-built segments, and
 * serves them through struct bootinfo_phys. Every segment is its own
 * exactly-sized heap block, so ASan catches a parser reading past one.
 */
#ifndef DUMP_LOADER_H
#define DUMP_LOADER_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
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

/* Read "bootdump:" lines (others are skipped) up to "bootdump: end".
 * Returns 0, or -1 (and prints why) if the capture is unusable. */
int dump_read(struct dump *d, FILE *f);
/* dump_read() from a file; a relative name is taken in DATA_DIR. */
int dump_load(struct dump *d, const char *name);

/* Add a copy of bytes[0, len) as memory at pa; returns the copy. */
uint8_t *dump_add(struct dump *d, uint64_t pa, const void *bytes, size_t len);
/* The segment that starts at pa, or NULL. */
struct dump_seg *dump_seg_at(struct dump *d, uint64_t pa);
void dump_free(struct dump *d);

/* map() for struct bootinfo_phys; ctx is a struct dump. NULL unless all of
 * [pa, pa + len) lies in one segment. */
const void *dump_map(void *ctx, uint64_t pa, size_t len);

/* Parse d with the parser its "begin" line names. */
int dump_parse(struct dump *d, struct bootinfo *bi);

/* Run the kernel's bootinfo_dump() on identity-mapped memory at info_pa
 * (see lowmem.h) and read its lines back into d. Returns dump_read()'s. */
int dump_capture(struct dump *d, uint64_t info_pa, bool is_pvh);

/* Field by field (padding is not compared); prints the first difference. */
bool bootinfo_equal(const struct bootinfo *a, const struct bootinfo *b);

#endif

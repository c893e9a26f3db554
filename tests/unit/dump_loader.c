/* SPDX-License-Identifier: MIT */
/*
 * dump_loader.c: fake physical memory from captures and hand-built
 * segments (see dump_loader.h).
 */
#include "dump_loader.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

static int unhex(const char *hex, uint8_t *out, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned v;

		if (sscanf(hex + 2 * i, "%2x", &v) != 1)
			return -1;
		out[i] = (uint8_t)v;
	}
	return 0;
}

/* Append the bytes of one data line, extending the last segment when the
 * line continues it (the dump emits each structure in ascending order). */
static int add_line(struct dump *d, uint64_t pa, const char *hex)
{
	size_t n = strlen(hex);
	struct dump_seg *s = d->nseg ? &d->seg[d->nseg - 1] : NULL;
	uint8_t *bytes;

	if (n % 2 || n > 64)
		return -1;
	n /= 2;
	if (!s || s->pa + s->len != pa) {
		if (d->nseg == DUMP_MAX_SEGS)
			return -1;
		s = &d->seg[d->nseg++];
		*s = (struct dump_seg){ pa, 0, NULL };
	}
	bytes = realloc(s->bytes, s->len + n);
	if (!bytes)
		return -1;
	s->bytes = bytes;
	if (unhex(hex, s->bytes + s->len, n))
		return -1;
	s->len += n;
	return 0;
}

static int read_line(struct dump *d, const char *line, bool *begun)
{
	char kind[8], hex[80];
	uint64_t pa;

	if (sscanf(line, "bootdump: begin %7s %" SCNx64, kind, &pa) == 2) {
		if (strcmp(kind, "pvh") && strcmp(kind, "mb2"))
			return -1;
		d->is_pvh = strcmp(kind, "pvh") == 0;
		d->info_pa = pa;
		*begun = true;
		return 0;
	}
	if (sscanf(line, "bootdump: %" SCNx64 " %79s", &pa, hex) == 2)
		return *begun ? add_line(d, pa, hex) : -1;
	return 0; /* anything else: not ours */
}

int dump_read(struct dump *d, FILE *f)
{
	char line[256];
	bool begun = false, ended = false;

	memset(d, 0, sizeof(*d));
	while (!ended && fgets(line, sizeof(line), f)) {
		ended = strncmp(line, "bootdump: end", 13) == 0;
		if (!ended && read_line(d, line, &begun)) {
			fprintf(stderr, "dump: bad line: %s", line);
			dump_free(d);
			return -1;
		}
	}
	if (!begun || !ended || !d->nseg) {
		fprintf(stderr, "dump: no complete capture\n");
		dump_free(d);
		return -1;
	}
	return 0;
}

int dump_load(struct dump *d, const char *name)
{
	char path[512];
	FILE *f;
	int err;

	snprintf(path, sizeof(path), "%s%s%s", name[0] == '/' ? "" : DATA_DIR,
		 name[0] == '/' ? "" : "/", name);
	f = fopen(path, "r");
	if (!f) {
		perror(path);
		return -1;
	}
	err = dump_read(d, f);
	fclose(f);
	return err;
}

uint8_t *dump_add(struct dump *d, uint64_t pa, const void *bytes, size_t len)
{
	struct dump_seg *s;

	if (d->nseg == DUMP_MAX_SEGS)
		abort(); /* a test bug */
	s = &d->seg[d->nseg++];
	*s = (struct dump_seg){ pa, len, malloc(len ? len : 1) };
	if (!s->bytes)
		abort();
	memcpy(s->bytes, bytes, len);
	return s->bytes;
}

struct dump_seg *dump_seg_at(struct dump *d, uint64_t pa)
{
	for (int i = 0; i < d->nseg; i++)
		if (d->seg[i].pa == pa)
			return &d->seg[i];
	return NULL;
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

int dump_parse(struct dump *d, struct bootinfo *bi)
{
	struct bootinfo_phys phys = { dump_map, d };

	return d->is_pvh ? bootinfo_from_pvh(bi, d->info_pa, &phys)
			 : bootinfo_from_multiboot2(bi, d->info_pa, &phys);
}

static FILE *capture_out;

static void capture_line(const char *line)
{
	fprintf(capture_out, "%s\n", line);
}

int dump_capture(struct dump *d, uint64_t info_pa, bool is_pvh)
{
	char *text = NULL;
	size_t len = 0;
	FILE *in;
	int err;

	capture_out = open_memstream(&text, &len);
	if (!capture_out)
		abort();
	bootinfo_dump(info_pa, is_pvh, capture_line);
	fclose(capture_out);
	in = fmemopen(text, len, "r");
	if (!in)
		abort();
	err = dump_read(d, in);
	fclose(in);
	free(text);
	return err;
}

#define DIFFER(what)                                                           \
	do {                                                                   \
		fprintf(stderr, "bootinfo differs: %s\n", what);               \
		return false;                                                  \
	} while (0)

static bool mem_equal(const struct bootinfo *a, const struct bootinfo *b)
{
	for (unsigned i = 0; i < a->mem_count; i++)
		if (a->mem[i].base != b->mem[i].base ||
		    a->mem[i].len != b->mem[i].len ||
		    a->mem[i].type != b->mem[i].type)
			return false;
	for (unsigned i = 0; i < a->module_count; i++)
		if (a->modules[i].start != b->modules[i].start ||
		    a->modules[i].end != b->modules[i].end ||
		    strcmp(a->modules[i].name, b->modules[i].name))
			return false;
	return true;
}

bool bootinfo_equal(const struct bootinfo *a, const struct bootinfo *b)
{
	if (strcmp(a->loader, b->loader) || a->info_pa != b->info_pa)
		DIFFER("loader or info_pa");
	if (strcmp(a->cmdline, b->cmdline) ||
	    a->cmdline_truncated != b->cmdline_truncated)
		DIFFER("cmdline");
	if (a->mem_count != b->mem_count || a->module_count != b->module_count)
		DIFFER("mem_count or module_count");
	if (!mem_equal(a, b))
		DIFFER("memory map or modules");
	if (a->rsdp_len != b->rsdp_len || a->rsdp_addr != b->rsdp_addr ||
	    memcmp(a->rsdp, b->rsdp, a->rsdp_len))
		DIFFER("rsdp");
	if (a->has_fb != b->has_fb ||
	    (a->has_fb && memcmp(&a->fb, &b->fb, sizeof(a->fb))))
		DIFFER("framebuffer");
	return true;
}

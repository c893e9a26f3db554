/* SPDX-License-Identifier: MIT */
/*
 * bootinfo_dump.c: print the loader's raw structures (ukos.dumpboot) so
 * that host tests replay real boots (tests/unit/data/, capture.sh).
 *
 * Format, one line each, every line starting "bootdump: ":
 *   bootdump: begin mb2|pvh <info_pa, 16 hex digits>
 *   bootdump: <pa, 16 hex digits> <up to 32 bytes as hex pairs>
 *   bootdump: end
 * The data lines hold every byte the parsers read, in ascending address
 * order within each structure; a structure's lines are contiguous.
 */
#include <string.h>
#include <ukos/bootinfo.h>
#include <ukos/unaligned.h>

#define PREFIX     "bootdump: "
#define PREFIX_LEN 10
#define CHUNK      32

/* What the parsers read at most (bootinfo_mb2.c, bootinfo_pvh.c). */
#define MB2_INFO_MAX (1u << 20)
#define PVH_MAX_MODS 1024
#define PVH_MAX_MEM  4096

static const void *map(uint64_t pa, size_t len)
{
	return bootinfo_phys_identity.map(bootinfo_phys_identity.ctx, pa, len);
}

static char *hex(char *p, uint64_t v, int digits)
{
	for (int i = digits - 1; i >= 0; i--)
		*p++ = "0123456789abcdef"[(v >> (i * 4)) & 0xf];
	return p;
}

/* One data line per CHUNK bytes of [pa, pa + len); nothing if unmapped. */
static void dump_range(uint64_t pa, uint64_t len,
		       void (*emit)(const char *line))
{
	char line[PREFIX_LEN + 16 + 1 + 2 * CHUNK + 1];
	const uint8_t *src = len ? map(pa, len) : NULL;

	for (uint64_t off = 0; src && off < len; off += CHUNK) {
		char *p = hex(line + PREFIX_LEN, pa + off, 16);

		memcpy(line, PREFIX, PREFIX_LEN);
		*p++ = ' ';
		for (uint64_t i = off; i < len && i < off + CHUNK; i++)
			p = hex(p, src[i], 2);
		*p = '\0';
		emit(line);
	}
}

/* The little-endian value of n (4 or 8) bytes at pa; 0 if not mapped. */
static uint64_t rd(uint64_t pa, size_t n)
{
	const void *p = map(pa, n);

	if (!p)
		return 0;
	return n == 8 ? load_le64(p, 0) : load_le32(p, 0);
}

/* A NUL-terminated string with its NUL, but at most the cap bytes the
 * parser looks at. */
static void dump_string(uint64_t pa, size_t cap, void (*emit)(const char *line))
{
	size_t n;

	for (n = 0; pa && n < cap; n++) {
		const char *c = map(pa + n, 1);

		if (!c)
			break; /* the parser fails there too */
		if (*c == '\0') {
			n++;
			break;
		}
	}
	dump_range(pa, n, emit);
}

/* ACPI 6.4 §5.2.5.3: revision (byte 15) 2 and later are 36 bytes long. */
static size_t rsdp_len(uint64_t pa)
{
	const uint8_t *r = map(pa, 20);

	return r && r[15] >= 2 ? 36 : 20;
}

/* hvm_start_info (offsets as in bootinfo_pvh.c) and all it points to. */
static void dump_pvh(uint64_t si, void (*emit)(const char *line))
{
	uint32_t version = rd(si + 4, 4), nmods = rd(si + 12, 4);
	uint64_t mods = rd(si + 16, 8), rsdp = rd(si + 32, 8);
	uint32_t nmem = rd(si + 48, 4);

	dump_range(si, version >= 1 ? 56 : 40, emit);
	dump_string(rd(si + 24, 8), BOOTINFO_CMDLINE_MAX, emit);
	if (nmods && nmods <= PVH_MAX_MODS) {
		dump_range(mods, nmods * 32ull, emit);
		for (uint32_t i = 0; i < nmods && i < BOOTINFO_MAX_MODULES; i++)
			dump_string(rd(mods + i * 32ull + 16, 8),
				    BOOTINFO_MODNAME_MAX, emit);
	}
	if (version >= 1 && nmem <= PVH_MAX_MEM)
		dump_range(rd(si + 40, 8), nmem * 24ull, emit);
	if (rsdp)
		dump_range(rsdp, rsdp_len(rsdp), emit);
}

static void dump_mb2(uint64_t info, void (*emit)(const char *line))
{
	uint32_t total = rd(info, 4);

	/* A bad total_size is dumped as the header alone: the replay then
	 * fails the way the boot did. */
	if (total < 16 || total > MB2_INFO_MAX || !map(info, total))
		total = 8;
	dump_range(info, total, emit);
}

void bootinfo_dump(uint64_t info_pa, int is_pvh, void (*emit)(const char *line))
{
	char line[PREFIX_LEN + 6 + 4 + 16 + 1] = PREFIX "begin ";
	char *p = line + PREFIX_LEN + 6;

	memcpy(p, is_pvh ? "pvh " : "mb2 ", 4);
	*hex(p + 4, info_pa, 16) = '\0';
	emit(line);
	if (is_pvh)
		dump_pvh(info_pa, emit);
	else
		dump_mb2(info_pa, emit);
	emit(PREFIX "end");
}

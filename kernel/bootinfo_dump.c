/* SPDX-License-Identifier: MIT */
/*
 * bootinfo_dump.c: print the loader's raw structures so tests can replay
 * them on the host (tests/unit/data/). Lines: "bootdump: <pa> <hex...>"
 * for each 32-byte chunk of each physical range, framed by "bootdump:
 * begin mb2|pvh <info_pa>" and "bootdump: end".
 */
#include <string.h>
#include <ukos/bootinfo.h>

#define CHUNK 32

static char *hex(char *p, uint64_t v, int digits)
{
	for (int i = digits - 1; i >= 0; i--)
		*p++ = "0123456789abcdef"[v >> (i * 4) & 0xf];
	return p;
}

static void dump_range(uint64_t pa, uint64_t len,
		       void (*emit)(const char *line))
{
	char line[16 + 17 + CHUNK * 2 + 1];

	for (uint64_t off = 0; off < len; off += CHUNK) {
		const uint8_t *src = (const uint8_t *)(uintptr_t)(pa + off);
		char *p = line;
		memcpy(p, "bootdump: ", 10);
		p = hex(p + 10, pa + off, 16);
		*p++ = ' ';
		for (uint64_t i = 0; i < CHUNK && off + i < len; i++)
			p = hex(p, src[i], 2);
		*p = '\0';
		emit(line);
	}
}

static void dump_string(uint64_t pa, void (*emit)(const char *line))
{
	if (pa)
		dump_range(pa, strlen((const char *)(uintptr_t)pa) + 1, emit);
}

static void dump_pvh(uint64_t si, void (*emit)(const char *line))
{
	const uint8_t *p = (const uint8_t *)(uintptr_t)si;
	uint32_t version, nmods, nmem;
	uint64_t mods, cmdline, memmap;

	memcpy(&version, p + 4, 4);
	memcpy(&nmods, p + 12, 4);
	memcpy(&mods, p + 16, 8);
	memcpy(&cmdline, p + 24, 8);
	dump_range(si, version >= 1 ? 56 : 40, emit);
	dump_string(cmdline, emit);
	if (nmods && mods && nmods < 64) {
		dump_range(mods, nmods * 32ull, emit);
		for (uint32_t i = 0; i < nmods; i++) {
			uint64_t c;
			memcpy(&c,
			       (const uint8_t *)(uintptr_t)mods + i * 32 + 16,
			       8);
			dump_string(c, emit);
		}
	}
	if (version >= 1) {
		memcpy(&memmap, p + 40, 8);
		memcpy(&nmem, p + 48, 4);
		if (memmap && nmem < 4096)
			dump_range(memmap, nmem * 24ull, emit);
	}
}

void bootinfo_dump(uint64_t info_pa, int is_pvh, void (*emit)(const char *line))
{
	char line[48] = "bootdump: begin ";
	char *p = line + strlen(line);
	uint32_t total;

	memcpy(p, is_pvh ? "pvh " : "mb2 ", 4);
	*hex(p + 4, info_pa, 16) = '\0';
	emit(line);
	if (is_pvh) {
		dump_pvh(info_pa, emit);
	} else {
		memcpy(&total, (const void *)(uintptr_t)info_pa, 4);
		dump_range(info_pa, total < (1u << 20) ? total : 8, emit);
	}
	emit("bootdump: end");
}

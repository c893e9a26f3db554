/* SPDX-License-Identifier: MIT */
/*
 * test_bootinfo_mb2.c: the multiboot2 parser (kernel/bootinfo_mb2.c) fed
 * GRUB's real structures (data/mb2-*.dump), hand-built and broken ones, and
 * bootinfo_dump() replayed against the parser.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ukos/bootinfo.h>

#include "dump_loader.h"
#include "lowmem.h"

#define KiB (1ull << 10)
#define MiB (1ull << 20)
/* What data/capture.sh passes on every boot. */
#define CAPTURED_CMDLINE "ukos.dumpboot -- \"arg one\""

static struct bootinfo bi;

/* ---- real captures ------------------------------------------------- */

struct mem_expect {
	uint64_t base, len;
	uint32_t type;
};

static void load(struct dump *d, const char *name)
{
	assert_int_equal(dump_load(d, name), 0);
	assert_false(d->is_pvh);
}

static void check_map(const struct mem_expect *e, unsigned n)
{
	assert_int_equal(bi.mem_count, n);
	for (unsigned i = 0; i < n; i++) {
		assert_int_equal(bi.mem[i].base, e[i].base);
		assert_int_equal(bi.mem[i].len, e[i].len);
		assert_int_equal(bi.mem[i].type, e[i].type);
	}
}

static void check_captured(struct dump *d, unsigned rsdp_len)
{
	assert_int_equal(dump_parse(d, &bi), 0);
	assert_string_equal(bi.loader, "multiboot2");
	assert_int_equal(bi.info_pa, d->info_pa);
	assert_string_equal(bi.cmdline, CAPTURED_CMDLINE);
	assert_false(bi.cmdline_truncated);
	assert_int_equal(bi.module_count, 0);
	assert_int_equal(bi.rsdp_len, rsdp_len);
	assert_memory_equal(bi.rsdp, "RSD PTR ", 8); /* ACPI §5.2.5.3 */
	assert_int_equal(bi.rsdp[15], rsdp_len == 36 ? 2 : 0); /* revision */
	assert_int_equal(bi.rsdp_addr, 0); /* multiboot2 gives a copy only */
}

/* SeaBIOS's E820 map for a 128 MiB pc, as GRUB passes it on. */
static const struct mem_expect bios_map[] = {
	{ 0, 0x9fc00, 1 },
	{ 0x9fc00, 0x400, 2 },
	{ 0xf0000, 0x10000, 2 },
	{ 0x100000, 0x7ee0000, 1 },
	{ 0x7fe0000, 0x20000, 2 },
	{ 0xfffc0000, 0x40000, 2 },
	{ 0xfd00000000, 0x300000000, 2 },
};

static void test_real_bios(void **state)
{
	struct dump d;

	(void)state;
	load(&d, "mb2-bios.dump");
	check_captured(&d, 20);
	check_map(bios_map, 7);
	assert_false(bi.has_fb); /* no display adapter */
	dump_free(&d);
}

/* With a VGA adapter GRUB leaves it in text mode: an EGA text
 * "framebuffer" at 0xb8000, 80x25, 2 bytes a cell (§3.6.12). */
static void test_real_bios_vga(void **state)
{
	struct dump d;

	(void)state;
	load(&d, "mb2-bios-vga.dump");
	check_captured(&d, 20);
	check_map(bios_map, 7);
	assert_true(bi.has_fb);
	assert_int_equal(bi.fb.addr, 0xb8000);
	assert_int_equal(bi.fb.type, 2);
	assert_int_equal(bi.fb.width, 80);
	assert_int_equal(bi.fb.height, 25);
	assert_int_equal(bi.fb.pitch, 160);
	assert_int_equal(bi.fb.bpp, 16);
	dump_free(&d);
}

/* GRUB's type-6 map under OVMF (GRUB numbers EFI persistent memory 20). */
static const struct mem_expect uefi_map[] = {
	{ 0, 0xa0000, 1 },
	{ 0x100000, 0x706000, 1 },
	{ 0x806000, 0x2000, 4 },
	{ 0x808000, 0x8000, 1 },
	{ 0x810000, 0xf0000, 4 },
	{ 0x900000, 0x61a0000, 1 },
	{ 0x6aa0000, 0x102000, 2 },
	{ 0x6ba2000, 0x94a000, 1 },
	{ 0x74ec000, 0x100000, 2 },
	{ 0x75ec000, 0x100000, 20 },
	{ 0x76ec000, 0x80000, 2 },
	{ 0x776c000, 0x12000, 3 },
	{ 0x777e000, 0x80000, 4 },
	{ 0x77fe000, 0x6f6000, 1 },
	{ 0x7ef4000, 0x84000, 2 },
	{ 0x7f78000, 0x88000, 4 },
	{ 0xb0000000, 0x10000000, 2 },
	{ 0xffc00000, 0x400000, 2 },
};

/* The same boot's EFI map (tag 17, 126 descriptors), converted. */
static const struct mem_expect uefi_efi_map[] = {
	{ 0, 0xa0000, 1 },
	{ 0x100000, 0x706000, 1 },
	{ 0x806000, 0x2000, 4 },
	{ 0x808000, 0x8000, 1 },
	{ 0x810000, 0xf0000, 4 },
	{ 0x900000, 0x61a0000, 1 },
	{ 0x6aa0000, 0x102000, 2 },
	{ 0x6ba2000, 0x94a000, 1 },
	{ 0x74ec000, 0x280000, 2 },
	{ 0x776c000, 0x12000, 3 },
	{ 0x777e000, 0x80000, 4 },
	{ 0x77fe000, 0x6f6000, 1 },
	{ 0x7ef4000, 0x84000, 2 },
	{ 0x7f78000, 0x88000, 4 },
	{ 0xb0000000, 0x10000000, 2 },
	{ 0xffc00000, 0x400000, 2 },
};

/* The offset of the first tag of type in a captured structure. */
static uint32_t find_tag(const uint8_t *info, uint32_t type)
{
	uint32_t total, off = 8, t, size;

	memcpy(&total, info, 4);
	for (; off < total; off += (size + 7) & ~7u) {
		memcpy(&t, info + off, 4);
		memcpy(&size, info + off + 4, 4);
		if (t == type)
			return off;
	}
	fail_msg("no tag %u", type);
	return 0;
}

static void test_real_uefi(void **state)
{
	struct dump d;

	(void)state;
	load(&d, "mb2-uefi.dump");
	check_captured(&d, 36); /* OVMF has ACPI 2.0+: tag 15 wins */
	check_map(uefi_map, 18);
	dump_free(&d);
}

/* Without the type-6 tag the EFI map is converted: it must agree with
 * what GRUB made of the very same map. */
static void test_real_uefi_efi_map(void **state)
{
	struct dump d;
	uint8_t *info;

	(void)state;
	load(&d, "mb2-uefi.dump");
	info = d.seg[0].bytes;
	info[find_tag(info, 6)] = 0x66; /* an unknown tag: skipped */
	check_captured(&d, 36);
	check_map(uefi_efi_map, 16);
	dump_free(&d);
}

/* Every shortened copy of a real structure is refused, never misread. */
static void check_every_prefix(const char *name)
{
	struct dump d;
	uint32_t total;

	load(&d, name);
	memcpy(&total, d.seg[0].bytes, 4);
	assert_int_equal(d.seg[0].pa, d.info_pa);
	assert_int_equal(d.seg[0].len, total);
	for (size_t n = 0; n < total; n++) {
		d.seg[0].len = n; /* memory past n is not there */
		assert_int_equal(dump_parse(&d, &bi), -EINVAL);
	}
	d.seg[0].len = total;
	assert_int_equal(dump_parse(&d, &bi), 0);
	dump_free(&d);
}

static void test_real_truncated(void **state)
{
	(void)state;
	check_every_prefix("mb2-bios.dump");
	check_every_prefix("mb2-uefi.dump");
}

/* Random damage to a real structure: the parser answers 0 or -EINVAL and
 * never reads outside it (ASan would stop the test). */
static void test_real_fuzzed(void **state)
{
	uint64_t x = 0x9e3779b97f4a7c15ull;
	struct dump d;
	uint8_t *copy;
	size_t len;

	(void)state;
	load(&d, "mb2-uefi.dump");
	len = d.seg[0].len;
	copy = malloc(len);
	memcpy(copy, d.seg[0].bytes, len);
	for (int round = 0; round < 3000; round++) {
		memcpy(d.seg[0].bytes, copy, len);
		for (int k = 0; k < 1 + round % 4; k++) {
			x ^= x << 13, x ^= x >> 7, x ^= x << 17;
			/* Mostly hit headers and sizes, where it hurts. */
			size_t at = round % 2 ? (x >> 8) % 64 : (x >> 8) % len;
			d.seg[0].bytes[at] = (uint8_t)x;
		}
		int err = dump_parse(&d, &bi);
		assert_true(err == 0 || err == -EINVAL);
		assert_true(bi.mem_count <= BOOTINFO_MAX_MEM);
		assert_true(strlen(bi.cmdline) < BOOTINFO_CMDLINE_MAX);
	}
	free(copy);
	dump_free(&d);
}

/* ---- hand-built structures ----------------------------------------- */

#define MBI_PA 0x10000

static uint8_t mbi[64 * KiB];
static uint32_t mbi_len;

static void mbi_begin(void)
{
	memset(mbi, 0, sizeof(mbi));
	mbi_len = 8;
}

static void put32(uint32_t off, uint32_t v)
{
	memcpy(mbi + off, &v, 4);
}

static void put64(uint32_t off, uint64_t v)
{
	memcpy(mbi + off, &v, 8);
}

/* Start a tag of size bytes; returns its offset. The next one starts at
 * the following 8-byte boundary (§3.6.2). */
static uint32_t mbi_tag(uint32_t type, uint32_t size)
{
	uint32_t off = mbi_len;

	assert_true(off + size + 8 <= sizeof(mbi));
	put32(off, type);
	put32(off + 4, size);
	mbi_len = (off + size + 7) & ~7u;
	return off;
}

static void mbi_end(void)
{
	mbi_tag(0, 8);
	put32(0, mbi_len);
}

/* Parse mbi[0, mbi_len) given as exactly that much memory at MBI_PA. */
static int mbi_parse_len(uint32_t len)
{
	struct dump d = { .info_pa = MBI_PA };
	int err;

	dump_add(&d, MBI_PA, mbi, len);
	err = dump_parse(&d, &bi);
	dump_free(&d);
	return err;
}

static int mbi_parse(void)
{
	return mbi_parse_len(mbi_len);
}

static void tag_string(uint32_t type, const char *s)
{
	uint32_t off = mbi_tag(type, 8 + strlen(s) + 1);

	memcpy(mbi + off + 8, s, strlen(s) + 1);
}

static void tag_module(uint32_t start, uint32_t end, const char *name)
{
	uint32_t off = mbi_tag(3, 16 + strlen(name) + 1);

	put32(off + 8, start);
	put32(off + 12, end);
	memcpy(mbi + off + 16, name, strlen(name) + 1);
}

/* A type-6 map of n entries with entry_size esize (≥ 24). */
static void tag_mmap(uint32_t esize, const struct mem_expect *e, unsigned n)
{
	uint32_t off = mbi_tag(6, 16 + n * esize);

	put32(off + 8, esize);
	for (unsigned i = 0; i < n; i++) {
		uint32_t at = off + 16 + i * esize;

		put64(at, e[i].base);
		put64(at + 8, e[i].len);
		put32(at + 16, e[i].type);
		memset(mbi + at + 20, 0xee, esize - 20); /* reserved, extra */
	}
}

struct efi_desc {
	uint32_t type;
	uint64_t phys, pages;
};

static void tag_efi(uint32_t dsize, const struct efi_desc *e, unsigned n)
{
	uint32_t off = mbi_tag(17, 16 + n * dsize);

	put32(off + 8, dsize);
	put32(off + 12, 1); /* EFI_MEMORY_DESCRIPTOR_VERSION */
	for (unsigned i = 0; i < n; i++) {
		uint32_t at = off + 16 + i * dsize;

		put32(at, e[i].type);
		put64(at + 8, e[i].phys);
		put64(at + 16, 0xdead000000000000ull); /* virtual: unused */
		put64(at + 24, e[i].pages);
	}
}

/* An RSDP copy (tag 14 or 15) of len bytes, revision rev. */
static void tag_rsdp(uint32_t type, uint32_t len, uint8_t rev)
{
	uint32_t off = mbi_tag(type, 8 + len);

	memcpy(mbi + off + 8, "RSD PTR ", len < 8 ? len : 8);
	if (len > 15)
		mbi[off + 8 + 15] = rev;
}

static void test_minimal(void **state)
{
	(void)state;
	mbi_begin();
	mbi_end();
	assert_int_equal(mbi_len, 16);
	assert_int_equal(mbi_parse(), 0);
	assert_string_equal(bi.loader, "multiboot2");
	assert_int_equal(bi.info_pa, MBI_PA);
	assert_string_equal(bi.cmdline, "");
	assert_int_equal(bi.mem_count + bi.module_count + bi.rsdp_len, 0);
	assert_false(bi.has_fb);
}

static void test_all_tags(void **state)
{
	static const struct mem_expect map[] = {
		{ 0, 0x9fc00, 1 },
		{ 0x100000, 0x7f00000, 1 },
		{ 0xfeffc000, 0x4000, 2 },
		{ 0x100000000, 0x40000000, 7 }, /* kept as given */
	};
	(void)state;
	mbi_begin();
	tag_string(2, "GRUB 2.12"); /* loader name: ignored */
	tag_string(1, "net.ip=10.0.2.15/24 -- a");
	tag_module(0x200000, 0x201234, "initrd.tar root=/");
	tag_module(0x300000, 0x300000, ""); /* empty module, no name */
	tag_mmap(24, map, 4);
	tag_rsdp(14, 20, 0);
	mbi_tag(0x1234, 8); /* a tag from the future: skipped */
	mbi_end();
	assert_int_equal(mbi_parse(), 0);
	assert_string_equal(bi.cmdline, "net.ip=10.0.2.15/24 -- a");
	assert_int_equal(bi.module_count, 2);
	assert_int_equal(bi.modules[0].start, 0x200000);
	assert_int_equal(bi.modules[0].end, 0x201234);
	assert_string_equal(bi.modules[0].name, "initrd.tar root=/");
	assert_int_equal(bi.modules[1].start, bi.modules[1].end);
	assert_string_equal(bi.modules[1].name, "");
	check_map(map, 4);
	assert_int_equal(bi.rsdp_len, 20);
	assert_memory_equal(bi.rsdp, "RSD PTR ", 8);
}

/* entry_size is a stride: a larger one (a later version) still parses,
 * and bytes after the last whole entry are ignored. */
static void test_mmap_entry_size(void **state)
{
	static const struct mem_expect map[] = {
		{ 0x100000, 0x100000, 1 },
		{ 0x200000, 0, 1 }, /* empty: dropped */
		{ 0x300000, 0x1000, 3 },
	};
	(void)state;
	mbi_begin();
	uint32_t off = mbi_len;
	tag_mmap(40, map, 3);
	put32(off + 4, 16 + 3 * 40 + 20); /* and a partial 4th entry */
	mbi_len = (off + 16 + 3 * 40 + 20 + 7) & ~7u;
	mbi_end();
	assert_int_equal(mbi_parse(), 0);
	assert_int_equal(bi.mem_count, 2);
	assert_int_equal(bi.mem[0].base, 0x100000);
	assert_int_equal(bi.mem[1].base, 0x300000);
	assert_int_equal(bi.mem[1].type, BOOTINFO_MEM_ACPI);
}

/* UEFI 2.10 §7.2.1 memory types and what ukos makes of them. */
static void test_efi_types(void **state)
{
	static const struct {
		uint32_t efi, want;
	} types[] = {
		{ 0, 2 },          /* reserved */
		{ 1, 1 },          /* loader code */
		{ 2, 1 },          /* loader data */
		{ 3, 1 },          /* boot services code */
		{ 4, 1 },          /* boot services data */
		{ 5, 2 },          /* runtime services code */
		{ 6, 2 },          /* runtime services data */
		{ 7, 1 },          /* conventional */
		{ 8, 5 },          /* unusable */
		{ 9, 3 },          /* ACPI reclaim */
		{ 10, 4 },         /* ACPI NVS */
		{ 11, 2 },         /* MMIO */
		{ 12, 2 },         /* MMIO port space */
		{ 13, 2 },         /* PAL code */
		{ 14, 2 },         /* persistent */
		{ 0x80000001, 2 }, /* OEM */
	};
	struct efi_desc e[16];
	(void)state;
	/* Gaps between entries so that none merge. */
	for (unsigned i = 0; i < 16; i++)
		e[i] = (struct efi_desc){ types[i].efi, 0x100000 * (i + 1), 1 };
	mbi_begin();
	tag_efi(48, e, 16);
	mbi_end();
	assert_int_equal(mbi_parse(), 0);
	assert_int_equal(bi.mem_count, 16);
	for (unsigned i = 0; i < 16; i++) {
		assert_int_equal(bi.mem[i].base, 0x100000 * (i + 1));
		assert_int_equal(bi.mem[i].len, 4096);
		assert_int_equal(bi.mem[i].type, types[i].want);
	}
}

/* Neighbours of the same converted type merge; anything else does not;
 * absurd page counts are dropped. */
static void test_efi_merge(void **state)
{
	static const struct efi_desc e[] = {
		{ 7, 0x100000, 16 },
		{ 3, 0x110000, 16 }, /* RAM + RAM */
		{ 9, 0x120000, 1 },
		{ 7, 0x121000, 1 },          /* ACPI, RAM */
		{ 7, 0x200000, 1 },          /* a gap before */
		{ 7, 0x300000, 1ull << 40 }, /* 2^52 bytes */
		{ 7, 0x201000, 0 },          /* empty */
	};
	(void)state;
	mbi_begin();
	tag_efi(40, e, 7);
	mbi_end();
	assert_int_equal(mbi_parse(), 0);
	assert_int_equal(bi.mem_count, 4);
	assert_int_equal(bi.mem[0].base, 0x100000);
	assert_int_equal(bi.mem[0].len, 32 * 4096);
	assert_int_equal(bi.mem[1].type, BOOTINFO_MEM_ACPI);
	assert_int_equal(bi.mem[2].base, 0x121000);
	assert_int_equal(bi.mem[3].base, 0x200000);

	/* Never merged into an entry that wraps around 2^64. */
	static const struct efi_desc top[] = {
		{ 7, UINT64_MAX - 0x1fff, 1 },
		{ 7, UINT64_MAX - 0xfff, 1 },
	};
	mbi_begin();
	tag_efi(48, top, 2);
	mbi_end();
	assert_int_equal(mbi_parse(), 0);
	assert_int_equal(bi.mem_count, 2);
}

/* The type-6 map wins over the EFI one, whichever comes first. */
static void test_map_precedence(void **state)
{
	static const struct mem_expect map[] = { { 0x100000, 0x1000, 1 } };
	static const struct efi_desc efi[] = { { 7, 0x500000, 1 } };
	(void)state;
	mbi_begin();
	tag_efi(48, efi, 1);
	tag_mmap(24, map, 1);
	mbi_end();
	assert_int_equal(mbi_parse(), 0);
	check_map(map, 1);

	mbi_begin();
	tag_mmap(24, map, 1);
	tag_efi(48, efi, 1);
	mbi_end();
	assert_int_equal(mbi_parse(), 0);
	check_map(map, 1);
}

/* The ACPI 2.0 RSDP wins over the 1.0 one, in either order. */
static void test_rsdp_precedence(void **state)
{
	(void)state;
	mbi_begin();
	tag_rsdp(15, 36, 2);
	tag_rsdp(14, 20, 0);
	mbi_end();
	assert_int_equal(mbi_parse(), 0);
	assert_int_equal(bi.rsdp_len, 36);
	assert_int_equal(bi.rsdp[15], 2);

	mbi_begin();
	tag_rsdp(14, 20, 0);
	tag_rsdp(15, 36, 2);
	mbi_end();
	assert_int_equal(mbi_parse(), 0);
	assert_int_equal(bi.rsdp_len, 36);
}

static void test_framebuffer_rgb(void **state)
{
	uint32_t off;

	(void)state;
	mbi_begin();
	off = mbi_tag(8, 38); /* GRUB's layout: u16 reserved, then colours */
	put64(off + 8, 0xfd000000);
	put32(off + 16, 4096);
	put32(off + 20, 1024);
	put32(off + 24, 768);
	mbi[off + 28] = 32;
	mbi[off + 29] = 1;
	memcpy(mbi + off + 32, (uint8_t[]){ 16, 8, 8, 8, 0, 8 }, 6);
	mbi_end();
	assert_int_equal(mbi_parse(), 0);
	assert_true(bi.has_fb);
	assert_int_equal(bi.fb.addr, 0xfd000000);
	assert_int_equal(bi.fb.pitch, 4096);
	assert_int_equal(bi.fb.width, 1024);
	assert_int_equal(bi.fb.height, 768);
	assert_int_equal(bi.fb.bpp, 32);
	assert_int_equal(bi.fb.type, 1);
	assert_int_equal(bi.fb.red_pos, 16);
	assert_int_equal(bi.fb.green_pos, 8);
	assert_int_equal(bi.fb.blue_pos, 0);
	assert_int_equal(bi.fb.blue_size, 8);
}

/* An RGB tag too short for its colour fields leaves them 0 rather than
 * reading the next tag's bytes. */
static void test_framebuffer_short(void **state)
{
	uint32_t off;

	(void)state;
	mbi_begin();
	off = mbi_tag(8, 32);
	mbi[off + 28] = 32;
	mbi[off + 29] = 1;
	mbi_end();
	assert_int_equal(mbi_parse(), 0);
	assert_true(bi.has_fb);
	assert_int_equal(bi.fb.red_pos + bi.fb.red_size + bi.fb.green_pos +
				 bi.fb.green_size + bi.fb.blue_pos +
				 bi.fb.blue_size,
			 0);
}

static void test_cmdline_lengths(void **state)
{
	char s[BOOTINFO_CMDLINE_MAX + 10];
	uint32_t off;

	(void)state;
	memset(s, 'x', sizeof(s));
	s[BOOTINFO_CMDLINE_MAX - 1] = '\0'; /* the longest that fits */
	mbi_begin();
	tag_string(1, s);
	mbi_end();
	assert_int_equal(mbi_parse(), 0);
	assert_false(bi.cmdline_truncated);
	assert_int_equal(strlen(bi.cmdline), BOOTINFO_CMDLINE_MAX - 1);

	s[BOOTINFO_CMDLINE_MAX - 1] = 'y'; /* one more */
	s[BOOTINFO_CMDLINE_MAX] = '\0';
	mbi_begin();
	tag_string(1, s);
	mbi_end();
	assert_int_equal(mbi_parse(), 0);
	assert_true(bi.cmdline_truncated);
	assert_int_equal(strlen(bi.cmdline), BOOTINFO_CMDLINE_MAX - 1);
	assert_int_equal(bi.cmdline[BOOTINFO_CMDLINE_MAX - 2], 'x');

	mbi_begin(); /* no NUL inside the tag: ends with the tag */
	off = mbi_tag(1, 8 + 3);
	memcpy(mbi + off + 8, "abc", 3);
	mbi[off + 11] = 'Z'; /* padding, not part of the tag */
	mbi_end();
	assert_int_equal(mbi_parse(), 0);
	assert_string_equal(bi.cmdline, "abc");
}

/* More entries than bootinfo holds are dropped, not overflowed. */
static void test_caps(void **state)
{
	struct mem_expect map[BOOTINFO_MAX_MEM + 6];
	char name[BOOTINFO_MODNAME_MAX + 20];

	(void)state;
	for (unsigned i = 0; i < BOOTINFO_MAX_MEM + 6; i++)
		map[i] = (struct mem_expect){ i * 2 * MiB, MiB, 1 };
	memset(name, 'n', sizeof(name));
	name[sizeof(name) - 1] = '\0';
	mbi_begin();
	tag_mmap(24, map, BOOTINFO_MAX_MEM + 6);
	for (unsigned i = 0; i < BOOTINFO_MAX_MODULES + 3; i++)
		tag_module(i * 4096, i * 4096 + 1, name);
	mbi_end();
	assert_int_equal(mbi_parse(), 0);
	check_map(map, BOOTINFO_MAX_MEM);
	assert_int_equal(bi.module_count, BOOTINFO_MAX_MODULES);
	assert_int_equal(bi.modules[BOOTINFO_MAX_MODULES - 1].start,
			 (BOOTINFO_MAX_MODULES - 1) * 4096);
	assert_int_equal(strlen(bi.modules[0].name), BOOTINFO_MODNAME_MAX - 1);
}

/* Tags whose size is not a multiple of 8 are followed by padding. */
static void test_unaligned_tag_sizes(void **state)
{
	(void)state;
	mbi_begin();
	tag_string(1, "ab"); /* size 11, next tag at +16 */
	tag_module(0x1000, 0x2000, "m");
	mbi_end();
	assert_int_equal(mbi_parse(), 0);
	assert_string_equal(bi.cmdline, "ab");
	assert_int_equal(bi.module_count, 1);
}

/* ---- malformed structures -------------------------------------------- */

static void test_bad_header(void **state)
{
	struct dump d = { .info_pa = MBI_PA };

	(void)state;
	assert_int_equal(dump_parse(&d, &bi), -EINVAL); /* nothing mapped */
	assert_string_equal(bi.loader, "multiboot2");

	mbi_begin();
	mbi_end();
	assert_int_equal(mbi_parse_len(7), -EINVAL); /* header cut */
	put32(0, 8);                                 /* no room for a tag */
	assert_int_equal(mbi_parse(), -EINVAL);
	put32(0, 15);
	assert_int_equal(mbi_parse(), -EINVAL);
	put32(0, 4); /* smaller than the header itself */
	assert_int_equal(mbi_parse(), -EINVAL);
	put32(0, 24); /* larger than the memory there */
	assert_int_equal(mbi_parse(), -EINVAL);
	put32(0, 0xffffffff); /* huge */
	assert_int_equal(mbi_parse_len(sizeof(mbi)), -EINVAL);
	put32(0, 1u << 30);
	assert_int_equal(mbi_parse_len(sizeof(mbi)), -EINVAL);
}

/* A well-formed structure larger than any loader's (1 MiB) is refused:
 * in the kernel, walking it could read device memory. */
static void test_too_large(void **state)
{
	size_t len = (1u << 20) + 16;
	uint8_t *big = calloc(1, len);
	struct dump d = { .info_pa = MBI_PA };
	uint32_t v;

	(void)state;
	v = len;
	memcpy(big, &v, 4);
	v = 0x1234; /* one unknown tag filling it all, then the end tag */
	memcpy(big + 8, &v, 4);
	v = len - 16;
	memcpy(big + 12, &v, 4);
	v = 8;
	memcpy(big + len - 4, &v, 4);
	dump_add(&d, MBI_PA, big, len);
	assert_int_equal(dump_parse(&d, &bi), -EINVAL);
	v = 1u << 20; /* exactly the limit */
	memcpy(d.seg[0].bytes, &v, 4);
	v -= 16;
	memcpy(d.seg[0].bytes + 12, &v, 4);
	memcpy(d.seg[0].bytes + (1u << 20) - 4, &(uint32_t){ 8 }, 4);
	assert_int_equal(dump_parse(&d, &bi), 0);
	dump_free(&d);
	free(big);
}

static void test_bad_tag_sizes(void **state)
{
	(void)state;
	mbi_begin();
	uint32_t off = mbi_tag(1, 12);
	mbi_end();
	put32(off + 4, 7); /* smaller than a tag header */
	assert_int_equal(mbi_parse(), -EINVAL);
	put32(off + 4, 0); /* would loop forever if accepted */
	assert_int_equal(mbi_parse(), -EINVAL);
	put32(off + 4, 25); /* runs past total_size */
	assert_int_equal(mbi_parse(), -EINVAL);
	put32(off + 4, 0xfffffff8); /* offsets would wrap */
	assert_int_equal(mbi_parse(), -EINVAL);
	put32(off + 4, 24); /* ends exactly at total: no end tag */
	assert_int_equal(mbi_parse(), -EINVAL);
	put32(off + 4, 20); /* it and its padding cover the end tag */
	assert_int_equal(mbi_parse(), -EINVAL);
	put32(off + 4, 16); /* the end tag is found at 24 again */
	assert_int_equal(mbi_parse(), 0);
	put32(0, 30); /* total not 8-aligned, padding runs past it */
	put32(off + 4, 21);
	assert_int_equal(mbi_parse_len(30), -EINVAL);
}

static void test_bad_end_tag(void **state)
{
	(void)state;
	mbi_begin();
	tag_string(1, "x");
	mbi_end();
	put32(mbi_len - 4, 16); /* end tag of the wrong size */
	assert_int_equal(mbi_parse(), -EINVAL);
	put32(mbi_len - 4, 8);
	put32(0, mbi_len - 4); /* end tag straddling total_size */
	assert_int_equal(mbi_parse(), -EINVAL);
	put32(0, mbi_len - 8); /* no end tag at all */
	assert_int_equal(mbi_parse(), -EINVAL);
	mbi_begin(); /* only zeroes after the header: an end tag of size 0 */
	put32(0, 64);
	assert_int_equal(mbi_parse_len(64), -EINVAL);
}

/* A tag that is too short for its own fields is refused. */
static void check_short_tag(uint32_t type, uint32_t size)
{
	mbi_begin();
	mbi_tag(type, size);
	mbi_end();
	assert_int_equal(mbi_parse(), -EINVAL);
}

static void test_bad_tag_contents(void **state)
{
	static const struct mem_expect one[] = { { 0x100000, 4096, 1 } };
	static const struct efi_desc efi[] = { { 7, 0x100000, 1 } };
	uint32_t off;

	(void)state;
	check_short_tag(3, 16);  /* module without a name's NUL */
	check_short_tag(6, 15);  /* memory map header cut */
	check_short_tag(8, 30);  /* framebuffer fields cut */
	check_short_tag(14, 27); /* RSDP 1.0 needs 20 bytes */
	check_short_tag(15, 43); /* RSDP 2.0 needs 36 */
	check_short_tag(17, 15); /* EFI map header cut */

	uint32_t bad_esize[] = { 0, 8, 20, 28 }; /* < 24 or not 8-aligned */
	for (unsigned i = 0; i < 4; i++) {
		mbi_begin();
		off = mbi_len;
		tag_mmap(24, one, 1);
		put32(off + 8, bad_esize[i]);
		mbi_end();
		assert_int_equal(mbi_parse(), -EINVAL);
	}
	uint32_t bad_dsize[] = { 0, 32, 44 }; /* < 40 or not 8-aligned */
	for (unsigned i = 0; i < 3; i++) {
		mbi_begin();
		off = mbi_len;
		tag_efi(48, efi, 1);
		put32(off + 8, bad_dsize[i]);
		mbi_end();
		assert_int_equal(mbi_parse(), -EINVAL);
	}
	mbi_begin();
	tag_module(0x2000, 0x1000, "backwards");
	mbi_end();
	assert_int_equal(mbi_parse(), -EINVAL);
}

/* ---- bootinfo_dump() and the identity map ----------------------------- */

static void test_identity_map(void **state)
{
	const struct bootinfo_phys *id = &bootinfo_phys_identity;

	(void)state;
	assert_ptr_equal(id->map(id->ctx, 0x1000, 16), (void *)0x1000);
	assert_null(id->map(id->ctx, 0, 1));           /* page 0 is NULL */
	assert_null(id->map(id->ctx, 0xfffffff0, 32)); /* past 4 GiB */
	assert_null(id->map(id->ctx, 1ull << 32, 1));
	assert_null(id->map(id->ctx, UINT64_MAX, 2)); /* wraps */
	assert_null(id->map(id->ctx, 0x1000, SIZE_MAX));
	assert_non_null(id->map(id->ctx, 0xfffffff0, 16)); /* up to 4 GiB */
}

/* A rich structure parsed in place (identity map) and parsed again from
 * the dump of it gives the same bootinfo: capture loses nothing. */
static void test_dump_roundtrip(void **state)
{
	static const struct mem_expect map[] = {
		{ 0, 0x9fc00, 1 },
		{ 0x100000, 0x7f00000, 1 },
	};
	struct bootinfo direct;
	uint8_t *low = lowmem_get();
	uint64_t pa = LOWMEM_BASE + 0x1008; /* 8-aligned, not page-aligned */
	struct dump d;

	(void)state;
	if (!low)
		skip();
	mbi_begin();
	tag_string(1, "a b -- 'c d'");
	tag_module(0x200000, 0x300000, "mod");
	tag_mmap(24, map, 2);
	tag_rsdp(14, 20, 0);
	tag_rsdp(15, 36, 2);
	mbi_end();
	memcpy(low + 0x1008, mbi, mbi_len);
	assert_int_equal(
		bootinfo_from_multiboot2(&direct, pa, &bootinfo_phys_identity),
		0);
	assert_int_equal(dump_capture(&d, pa, false), 0);
	assert_int_equal(d.nseg, 1);
	assert_int_equal(d.seg[0].len, mbi_len);
	assert_int_equal(dump_parse(&d, &bi), 0);
	assert_true(bootinfo_equal(&direct, &bi));
	dump_free(&d);
}

/* A real capture moved into identity-mapped memory (multiboot2 holds no
 * pointers) dumps back to the very bytes that were captured. */
static void test_dump_real_again(void **state)
{
	uint8_t *low = lowmem_get();
	struct dump orig, again;

	(void)state;
	if (!low)
		skip();
	load(&orig, "mb2-uefi.dump");
	memcpy(low + 0x4000, orig.seg[0].bytes, orig.seg[0].len);
	assert_int_equal(dump_capture(&again, LOWMEM_BASE + 0x4000, false), 0);
	assert_int_equal(again.nseg, 1);
	assert_int_equal(again.seg[0].len, orig.seg[0].len);
	assert_memory_equal(again.seg[0].bytes, orig.seg[0].bytes,
			    orig.seg[0].len);
	dump_free(&again);
	dump_free(&orig);
}

/* A broken structure dumps so that its replay fails as the boot did. */
static void test_dump_broken(void **state)
{
	uint8_t *low = lowmem_get();
	struct dump d;

	(void)state;
	if (!low)
		skip();
	mbi_begin();
	mbi_end();
	put32(0, 1u << 30);
	memcpy(low + 0x1000, mbi, mbi_len);
	assert_int_equal(dump_capture(&d, LOWMEM_BASE + 0x1000, false), 0);
	assert_int_equal(d.seg[0].len, 8); /* the header alone */
	assert_int_equal(dump_parse(&d, &bi), -EINVAL);
	dump_free(&d);
	/* Nothing mapped there: begin and end only, no crash. */
	assert_int_equal(dump_capture(&d, 5ull << 32, false), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_real_bios),
		cmocka_unit_test(test_real_bios_vga),
		cmocka_unit_test(test_real_uefi),
		cmocka_unit_test(test_real_uefi_efi_map),
		cmocka_unit_test(test_real_truncated),
		cmocka_unit_test(test_real_fuzzed),
		cmocka_unit_test(test_minimal),
		cmocka_unit_test(test_all_tags),
		cmocka_unit_test(test_mmap_entry_size),
		cmocka_unit_test(test_efi_types),
		cmocka_unit_test(test_efi_merge),
		cmocka_unit_test(test_map_precedence),
		cmocka_unit_test(test_rsdp_precedence),
		cmocka_unit_test(test_framebuffer_rgb),
		cmocka_unit_test(test_framebuffer_short),
		cmocka_unit_test(test_cmdline_lengths),
		cmocka_unit_test(test_caps),
		cmocka_unit_test(test_unaligned_tag_sizes),
		cmocka_unit_test(test_bad_header),
		cmocka_unit_test(test_too_large),
		cmocka_unit_test(test_bad_tag_sizes),
		cmocka_unit_test(test_bad_end_tag),
		cmocka_unit_test(test_bad_tag_contents),
		cmocka_unit_test(test_identity_map),
		cmocka_unit_test(test_dump_roundtrip),
		cmocka_unit_test(test_dump_real_again),
		cmocka_unit_test(test_dump_broken),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

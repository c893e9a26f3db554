/* SPDX-License-Identifier: MIT */
/*
 * test_bootinfo_pvh.c: the PVH start_info parser (kernel/bootinfo_pvh.c)
 * fed QEMU's real structures (data/pvh-*.dump), hand-built and broken ones,
 * and bootinfo_dump() replayed against the parser.
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

#define MiB              (1ull << 20)
#define CAPTURED_CMDLINE "ukos.dumpboot -- \"arg one\""

/* hvm_start_info (Xen public/arch-x86/hvm/start_info.h). */
#define PVH_MAGIC   0x336ec578
#define SI_VERSION  4
#define SI_NR_MODS  12
#define SI_MODLIST  16
#define SI_CMDLINE  24
#define SI_RSDP     32
#define SI_MEMMAP   40
#define SI_MEMMAP_N 48

static struct bootinfo bi;

struct mem_expect {
	uint64_t base, len;
	uint32_t type;
};

static void check_map(const struct mem_expect *e, unsigned n)
{
	assert_int_equal(bi.mem_count, n);
	for (unsigned i = 0; i < n; i++) {
		assert_int_equal(bi.mem[i].base, e[i].base);
		assert_int_equal(bi.mem[i].len, e[i].len);
		assert_int_equal(bi.mem[i].type, e[i].type);
	}
}

/* ---- real captures ------------------------------------------------- */

static void load(struct dump *d, const char *name)
{
	assert_int_equal(dump_load(d, name), 0);
	assert_true(d->is_pvh);
}

static void check_captured(struct dump *d, uint64_t rsdp_addr,
			   unsigned rsdp_len)
{
	assert_int_equal(dump_parse(d, &bi), 0);
	assert_string_equal(bi.loader, "pvh");
	assert_int_equal(bi.info_pa, d->info_pa);
	assert_string_equal(bi.cmdline, CAPTURED_CMDLINE);
	assert_false(bi.cmdline_truncated);
	assert_int_equal(bi.module_count, 0);
	assert_false(bi.has_fb);
	assert_int_equal(bi.rsdp_addr, rsdp_addr);
	assert_int_equal(bi.rsdp_len, rsdp_len);
	assert_memory_equal(bi.rsdp, "RSD PTR ", 8); /* ACPI §5.2.5.3 */
	assert_int_equal(bi.rsdp[15], rsdp_len == 36 ? 2 : 0);
}

/* QEMU's microvm map ends with an all-zero entry, which is dropped. */
static void test_real_microvm(void **state)
{
	static const struct mem_expect map[] = {
		{ 0, 0x9fc00, 1 },          { 0x9fc00, 0x400, 2 },
		{ 0xd0000, 0x20000, 4 },    { 0xf0000, 0x10000, 2 },
		{ 0x100000, 0x7f00000, 1 },
	};
	struct dump d;

	(void)state;
	load(&d, "pvh-microvm.dump");
	check_captured(&d, 0xf3490, 36);
	check_map(map, 5);
	dump_free(&d);
}

static void test_real_pc(void **state)
{
	static const struct mem_expect map[] = {
		{ 0, 0x9fc00, 1 },
		{ 0x9fc00, 0x400, 2 },
		{ 0xf0000, 0x10000, 2 },
		{ 0x100000, 0x7ee0000, 1 },
		{ 0x7fe0000, 0x20000, 2 },
		{ 0xfffc0000, 0x40000, 2 },
		{ 0xfd00000000, 0x300000000, 2 },
	};
	struct dump d;

	(void)state;
	load(&d, "pvh-pc.dump");
	check_captured(&d, 0xf59d0, 20); /* SeaBIOS: an ACPI 1.0 RSDP */
	check_map(map, 7);
	dump_free(&d);
}

/* Shortening any captured range makes the parse fail, except the RSDP,
 * which is optional: its copy then shrinks to what is there. */
static void check_every_prefix(const char *name)
{
	struct dump d;

	load(&d, name);
	assert_int_equal(dump_parse(&d, &bi), 0);
	uint64_t rsdp_pa = bi.rsdp_addr;
	unsigned rsdp_len = bi.rsdp_len;
	for (int i = 0; i < d.nseg; i++) {
		struct dump_seg *s = &d.seg[i];
		size_t full = s->len;

		for (size_t n = 0; n < full; n++) {
			s->len = n;
			int err = dump_parse(&d, &bi);
			if (s->pa != rsdp_pa) {
				assert_int_equal(err, -EINVAL);
				continue;
			}
			assert_int_equal(err, 0);
			assert_int_equal(bi.rsdp_len, n < 20 ? 0
						      : n < rsdp_len
							      ? 20
							      : rsdp_len);
		}
		s->len = full;
	}
	dump_free(&d);
}

static void test_real_truncated(void **state)
{
	(void)state;
	check_every_prefix("pvh-microvm.dump");
	check_every_prefix("pvh-pc.dump");
}

/* Random pointers and counts in a real start_info: 0 or -EINVAL, never
 * a read outside the captured memory (ASan would stop the test). */
static void test_real_fuzzed(void **state)
{
	uint64_t x = 0x2545f4914f6cdd1dull;
	uint8_t orig[56];
	struct dump d;

	(void)state;
	load(&d, "pvh-microvm.dump");
	struct dump_seg *si = dump_seg_at(&d, d.info_pa);
	assert_non_null(si);
	memcpy(orig, si->bytes, 56);
	for (int round = 0; round < 20000; round++) {
		memcpy(si->bytes, orig, 56);
		for (int k = 0; k < 1 + round % 3; k++) {
			x ^= x << 13, x ^= x >> 7, x ^= x << 17;
			/* Small shifts of pointers hit range edges. */
			size_t at = 4 + (x >> 8) % 52;
			if (round % 2)
				si->bytes[at] ^= 1u << (x % 8);
			else
				si->bytes[at] = (uint8_t)x;
		}
		si->bytes[0] = 0x78; /* keep the magic */
		int err = dump_parse(&d, &bi);
		assert_true(err == 0 || err == -EINVAL);
		assert_true(bi.mem_count <= BOOTINFO_MAX_MEM);
		assert_true(bi.module_count <= BOOTINFO_MAX_MODULES);
		assert_true(strlen(bi.cmdline) < BOOTINFO_CMDLINE_MAX);
	}
	dump_free(&d);
}

/* ---- hand-built structures ----------------------------------------- */

#define SI_PA      0x2000
#define CMDLINE_PA 0x3000
#define MODLIST_PA 0x4000
#define NAMES_PA   0x5000
#define MEMMAP_PA  0x6000
#define RSDP_PA    0x7000

static struct dump mem; /* everything but start_info */
static uint8_t si[56];

static void put32(uint8_t *p, uint32_t v)
{
	memcpy(p, &v, 4);
}

static void put64(uint8_t *p, uint64_t v)
{
	memcpy(p, &v, 8);
}

static void pvh_begin(uint32_t version)
{
	dump_free(&mem);
	mem = (struct dump){ .is_pvh = true, .info_pa = SI_PA };
	memset(si, 0, sizeof(si));
	put32(si, PVH_MAGIC);
	put32(si + SI_VERSION, version);
}

/* Parse with the first si_len bytes of si mapped at SI_PA. */
static int pvh_parse_len(size_t si_len)
{
	int err;

	dump_add(&mem, SI_PA, si, si_len);
	err = dump_parse(&mem, &bi);
	free(mem.seg[--mem.nseg].bytes);
	return err;
}

static int pvh_parse(void)
{
	return pvh_parse_len(sizeof(si));
}

static void pvh_cmdline(const char *s)
{
	dump_add(&mem, CMDLINE_PA, s, strlen(s) + 1);
	put64(si + SI_CMDLINE, CMDLINE_PA);
}

/* n modules of 1 MiB each at 16 MiB + i MiB, module i named names[i]
 * (NULL: no name). */
static void pvh_modules(unsigned n, const char *const *names)
{
	uint8_t list[32 * 16];
	uint64_t name_pa = NAMES_PA;

	assert_true(n <= 16);
	memset(list, 0xee, sizeof(list)); /* reserved fields: ignored */
	for (unsigned i = 0; i < n; i++) {
		put64(list + 32 * i, 16 * MiB + i * MiB);
		put64(list + 32 * i + 8, MiB);
		put64(list + 32 * i + 16, names[i] ? name_pa : 0);
		if (names[i]) {
			dump_add(&mem, name_pa, names[i], strlen(names[i]) + 1);
			name_pa += 0x100;
		}
	}
	dump_add(&mem, MODLIST_PA, list, 32 * n);
	put32(si + SI_NR_MODS, n);
	put64(si + SI_MODLIST, MODLIST_PA);
}

static void pvh_memmap(const struct mem_expect *e, unsigned n)
{
	uint8_t *table = calloc(n ? n : 1, 24);

	for (unsigned i = 0; i < n; i++) {
		put64(table + 24 * i, e[i].base);
		put64(table + 24 * i + 8, e[i].len);
		put32(table + 24 * i + 16, e[i].type);
		put32(table + 24 * i + 20, 0xeeeeeeee);
	}
	dump_add(&mem, MEMMAP_PA, table, 24 * n);
	free(table);
	put64(si + SI_MEMMAP, MEMMAP_PA);
	put32(si + SI_MEMMAP_N, n);
}

/* An RSDP of revision rev, len bytes of it mapped. */
static void pvh_rsdp(uint8_t rev, size_t len)
{
	uint8_t r[36] = "RSD PTR ";

	r[15] = rev;
	r[35] = 0x5a;
	dump_add(&mem, RSDP_PA, r, len);
	put64(si + SI_RSDP, RSDP_PA);
}

static const struct mem_expect small_map[] = {
	{ 0, 0x9fc00, 1 },
	{ 0x100000, 0x7f00000, 1 },
	{ 0xfeffc000, 0x4000, 2 },
};

static void test_version0(void **state)
{
	(void)state;
	pvh_begin(0);
	assert_int_equal(pvh_parse_len(40), 0); /* v0 is 40 bytes long */
	assert_string_equal(bi.loader, "pvh");
	assert_int_equal(bi.info_pa, SI_PA);
	assert_string_equal(bi.cmdline, "");
	assert_int_equal(bi.mem_count + bi.module_count + bi.rsdp_len, 0);

	/* v0 has no memory map: fields past 40 bytes are not read. */
	pvh_memmap(small_map, 3);
	pvh_cmdline("x");
	assert_int_equal(pvh_parse_len(40), 0);
	assert_int_equal(bi.mem_count, 0);
	assert_string_equal(bi.cmdline, "x");
}

static void test_version1(void **state)
{
	static const char *const names[] = { "initrd", NULL };

	(void)state;
	pvh_begin(1);
	pvh_cmdline("net.ip=10.0.2.15/24 -- 'a b'");
	pvh_modules(2, names);
	pvh_memmap(small_map, 3);
	pvh_rsdp(2, 36);
	assert_int_equal(pvh_parse(), 0);
	assert_string_equal(bi.cmdline, "net.ip=10.0.2.15/24 -- 'a b'");
	assert_int_equal(bi.module_count, 2);
	assert_int_equal(bi.modules[0].start, 16 * MiB);
	assert_int_equal(bi.modules[0].end, 17 * MiB);
	assert_string_equal(bi.modules[0].name, "initrd");
	assert_int_equal(bi.modules[1].start, 17 * MiB);
	assert_string_equal(bi.modules[1].name, "");
	check_map(small_map, 3);
	assert_int_equal(bi.rsdp_addr, RSDP_PA);
	assert_int_equal(bi.rsdp_len, 36);
	assert_int_equal(bi.rsdp[35], 0x5a);
	assert_int_equal(pvh_parse_len(55), -EINVAL); /* v1 is 56 bytes */
}

/* Later versions only append fields: parsed as version 1. */
static void test_later_version(void **state)
{
	(void)state;
	pvh_begin(7);
	pvh_memmap(small_map, 3);
	assert_int_equal(pvh_parse(), 0);
	check_map(small_map, 3);
}

static void test_memmap_entries(void **state)
{
	struct mem_expect map[BOOTINFO_MAX_MEM + 5];

	(void)state;
	for (unsigned i = 0; i < BOOTINFO_MAX_MEM + 5; i++)
		map[i] = (struct mem_expect){ i * 2 * MiB, i % 2 ? MiB : 0,
					      i % 7 }; /* types as given */
	pvh_begin(1);
	pvh_memmap(map, BOOTINFO_MAX_MEM + 5);
	assert_int_equal(pvh_parse(), 0);
	assert_int_equal(bi.mem_count, (BOOTINFO_MAX_MEM + 5) / 2);
	for (unsigned i = 0; i < bi.mem_count; i++) {
		assert_int_equal(bi.mem[i].base, (2 * i + 1) * 2 * MiB);
		assert_int_equal(bi.mem[i].type, (2 * i + 1) % 7);
	}

	for (unsigned i = 0; i < BOOTINFO_MAX_MEM + 5; i++)
		map[i].len = MiB; /* more than fit: the rest is dropped */
	pvh_begin(1);
	pvh_memmap(map, BOOTINFO_MAX_MEM + 5);
	assert_int_equal(pvh_parse(), 0);
	check_map(map, BOOTINFO_MAX_MEM);

	pvh_begin(1);
	pvh_memmap(map, 0); /* an empty map: none */
	assert_int_equal(pvh_parse(), 0);
	assert_int_equal(bi.mem_count, 0);
}

static void test_modules_capped(void **state)
{
	static const char *const names[12] = { "m0", "m1", "m2",  "m3",
					       "m4", "m5", "m6",  "m7",
					       "m8", "m9", "m10", "m11" };
	char long_name[BOOTINFO_MODNAME_MAX + 50];
	const char *one[] = { long_name };

	(void)state;
	pvh_begin(1);
	pvh_modules(12, names);
	assert_int_equal(pvh_parse(), 0);
	assert_int_equal(bi.module_count, BOOTINFO_MAX_MODULES);
	assert_string_equal(bi.modules[BOOTINFO_MAX_MODULES - 1].name, "m7");

	memset(long_name, 'n', sizeof(long_name) - 1);
	long_name[sizeof(long_name) - 1] = '\0';
	pvh_begin(1);
	pvh_modules(1, one);
	assert_int_equal(pvh_parse(), 0);
	assert_int_equal(strlen(bi.modules[0].name), BOOTINFO_MODNAME_MAX - 1);
}

static void test_cmdline_lengths(void **state)
{
	char s[BOOTINFO_CMDLINE_MAX + 10];

	(void)state;
	memset(s, 'x', sizeof(s));
	s[BOOTINFO_CMDLINE_MAX - 1] = '\0'; /* the longest that fits */
	pvh_begin(1);
	pvh_cmdline(s);
	assert_int_equal(pvh_parse(), 0);
	assert_false(bi.cmdline_truncated);
	assert_int_equal(strlen(bi.cmdline), BOOTINFO_CMDLINE_MAX - 1);

	s[BOOTINFO_CMDLINE_MAX - 1] = 'y';
	s[BOOTINFO_CMDLINE_MAX] = '\0'; /* one more */
	pvh_begin(1);
	pvh_cmdline(s);
	assert_int_equal(pvh_parse(), 0);
	assert_true(bi.cmdline_truncated);
	assert_int_equal(strlen(bi.cmdline), BOOTINFO_CMDLINE_MAX - 1);

	/* Longer than the cap and no NUL in memory: reading stops at the
	 * cap, so this is a cut line, not a failure. */
	pvh_begin(1);
	dump_add(&mem, CMDLINE_PA, s, BOOTINFO_CMDLINE_MAX);
	put64(si + SI_CMDLINE, CMDLINE_PA);
	assert_int_equal(pvh_parse(), 0);
	assert_true(bi.cmdline_truncated);

	pvh_begin(1);
	pvh_cmdline("");
	assert_int_equal(pvh_parse(), 0);
	assert_string_equal(bi.cmdline, "");
	assert_false(bi.cmdline_truncated);
}

static void test_rsdp(void **state)
{
	(void)state;
	pvh_begin(1);
	pvh_rsdp(0, 20); /* ACPI 1.0: 20 bytes */
	assert_int_equal(pvh_parse(), 0);
	assert_int_equal(bi.rsdp_len, 20);

	pvh_begin(1);
	pvh_rsdp(2, 20); /* 2.0, but only 20 bytes there */
	assert_int_equal(pvh_parse(), 0);
	assert_int_equal(bi.rsdp_len, 20);
	assert_int_equal(bi.rsdp_addr, RSDP_PA);

	pvh_begin(1);
	put64(si + SI_RSDP, 0xabc000); /* nowhere: the address only */
	assert_int_equal(pvh_parse(), 0);
	assert_int_equal(bi.rsdp_addr, 0xabc000);
	assert_int_equal(bi.rsdp_len, 0);

	pvh_begin(1); /* none */
	assert_int_equal(pvh_parse(), 0);
	assert_int_equal(bi.rsdp_addr + bi.rsdp_len, 0);
}

/* ---- malformed structures -------------------------------------------- */

static void test_bad_magic(void **state)
{
	static const uint32_t bad[] = { 0, 0x78c56e33, 0xb36ec578,
					PVH_MAGIC ^ 1 };
	(void)state;
	for (unsigned i = 0; i < 4; i++) {
		pvh_begin(1);
		put32(si, bad[i]);
		assert_int_equal(pvh_parse(), -EINVAL);
		assert_string_equal(bi.loader, "pvh");
	}
}

static void test_bad_start_info(void **state)
{
	(void)state;
	pvh_begin(0);
	assert_int_equal(pvh_parse_len(0), -EINVAL);
	assert_int_equal(pvh_parse_len(39), -EINVAL);
	pvh_begin(1);
	assert_int_equal(pvh_parse_len(40), -EINVAL);
	mem.info_pa = 0; /* a NULL start_info */
	assert_int_equal(pvh_parse(), -EINVAL);
}

static void test_bad_cmdline(void **state)
{
	(void)state;
	pvh_begin(1);
	put64(si + SI_CMDLINE, 0x123456); /* nowhere */
	assert_int_equal(pvh_parse(), -EINVAL);

	pvh_begin(1); /* runs into unmapped memory before its NUL */
	dump_add(&mem, CMDLINE_PA, "abc", 3);
	put64(si + SI_CMDLINE, CMDLINE_PA);
	assert_int_equal(pvh_parse(), -EINVAL);

	pvh_begin(1); /* would wrap around to a NUL at address 0 */
	put64(si + SI_CMDLINE, UINT64_MAX - 1);
	dump_add(&mem, UINT64_MAX - 1, "ab", 2);
	dump_add(&mem, 0, "", 1);
	assert_int_equal(pvh_parse(), -EINVAL);
}

static void test_bad_modules(void **state)
{
	static const char *const names[] = { "a", "b" };

	(void)state;
	pvh_begin(1);
	pvh_modules(2, names);
	put32(si + SI_NR_MODS, 3); /* more than the list holds */
	assert_int_equal(pvh_parse(), -EINVAL);
	put32(si + SI_NR_MODS, 0xffffffff); /* absurd */
	assert_int_equal(pvh_parse(), -EINVAL);
	put32(si + SI_NR_MODS, 2);
	put64(si + SI_MODLIST, 0); /* no list */
	assert_int_equal(pvh_parse(), -EINVAL);
	put64(si + SI_MODLIST, MODLIST_PA);
	assert_int_equal(pvh_parse(), 0);

	uint8_t *list = mem.seg[mem.nseg - 1].bytes;
	put64(list + 32 + 16, 0xdead000); /* a name nowhere */
	assert_int_equal(pvh_parse(), -EINVAL);
	put64(list + 32 + 16, 0);
	put64(list + 8, UINT64_MAX - MiB); /* paddr + size wraps */
	assert_int_equal(pvh_parse(), -EINVAL);
}

/* Counts far beyond any real loader's are refused even where that much
 * memory is readable (bootinfo_dump() relies on the same bounds). */
static void test_absurd_counts(void **state)
{
	static uint8_t zeroes[4097 * 24];

	(void)state;
	pvh_begin(1);
	dump_add(&mem, MODLIST_PA, zeroes, 1025 * 32);
	put64(si + SI_MODLIST, MODLIST_PA);
	put32(si + SI_NR_MODS, 1024);
	assert_int_equal(pvh_parse(), 0);
	assert_int_equal(bi.module_count, BOOTINFO_MAX_MODULES);
	put32(si + SI_NR_MODS, 1025);
	assert_int_equal(pvh_parse(), -EINVAL);

	pvh_begin(1);
	dump_add(&mem, MEMMAP_PA, zeroes, 4097 * 24);
	put64(si + SI_MEMMAP, MEMMAP_PA);
	put32(si + SI_MEMMAP_N, 4096);
	assert_int_equal(pvh_parse(), 0);
	assert_int_equal(bi.mem_count, 0); /* all of them empty */
	put32(si + SI_MEMMAP_N, 4097);
	assert_int_equal(pvh_parse(), -EINVAL);
}

static void test_bad_memmap(void **state)
{
	(void)state;
	pvh_begin(1);
	pvh_memmap(small_map, 3);
	put32(si + SI_MEMMAP_N, 4); /* more than the table holds */
	assert_int_equal(pvh_parse(), -EINVAL);
	put32(si + SI_MEMMAP_N, 0xffffffff);
	assert_int_equal(pvh_parse(), -EINVAL);
	put32(si + SI_MEMMAP_N, 3);
	put64(si + SI_MEMMAP, 0x999000); /* nowhere */
	assert_int_equal(pvh_parse(), -EINVAL);
	put64(si + SI_MEMMAP, 0); /* none: no map, no error */
	assert_int_equal(pvh_parse(), 0);
	assert_int_equal(bi.mem_count, 0);
}

/* ---- bootinfo_dump() through the identity map ------------------------ */

/* Copy a capture's ranges into identity-mapped memory at LOWMEM_BASE + pa
 * (all of QEMU's lie below 1 MiB) and move start_info's pointers along. */
static uint64_t relocate(struct dump *d, uint8_t *low)
{
	static const unsigned ptrs[] = { SI_MODLIST, SI_CMDLINE, SI_RSDP,
					 SI_MEMMAP };
	uint8_t *s;

	for (int i = 0; i < d->nseg; i++) {
		assert_true(d->seg[i].pa + d->seg[i].len <= LOWMEM_SIZE);
		memcpy(low + d->seg[i].pa, d->seg[i].bytes, d->seg[i].len);
	}
	s = low + d->info_pa;
	for (unsigned i = 0; i < 4; i++) {
		uint64_t p;

		memcpy(&p, s + ptrs[i], 8);
		if (p)
			put64(s + ptrs[i], p + LOWMEM_BASE);
	}
	return LOWMEM_BASE + d->info_pa;
}

/* The dump of a real layout holds every byte the parser needs: parsing the
 * dump gives what parsing memory in place gives. */
static void check_dump_real(const char *name)
{
	struct bootinfo direct;
	uint8_t *low = lowmem_get();
	struct dump d, again;
	uint64_t pa;

	if (!low)
		skip();
	load(&d, name);
	pa = relocate(&d, low);
	assert_int_equal(
		bootinfo_from_pvh(&direct, pa, &bootinfo_phys_identity), 0);
	assert_string_equal(direct.cmdline, CAPTURED_CMDLINE);
	assert_true(direct.rsdp_len > 0);
	assert_int_equal(dump_capture(&again, pa, true), 0);
	assert_int_equal(again.nseg, d.nseg);
	assert_int_equal(dump_parse(&again, &bi), 0);
	assert_true(bootinfo_equal(&direct, &bi));
	dump_free(&again);
	dump_free(&d);
}

static void test_dump_real(void **state)
{
	(void)state;
	check_dump_real("pvh-microvm.dump");
	check_dump_real("pvh-pc.dump");
}

/* Modules and their names go into the dump too. */
static void test_dump_modules(void **state)
{
	static const char *const names[] = { "first", NULL, "third" };
	struct bootinfo direct;
	uint8_t *low = lowmem_get();
	struct dump d;

	(void)state;
	if (!low)
		skip();
	pvh_begin(1);
	pvh_cmdline("a");
	pvh_modules(3, names);
	pvh_memmap(small_map, 3);
	pvh_rsdp(2, 36);
	dump_add(&mem, SI_PA, si, sizeof(si));
	uint64_t pa = relocate(&mem, low);
	/* relocate() moves start_info's pointers; the names' are here. */
	for (unsigned i = 0; i < 3; i++) {
		uint8_t *e = low + MODLIST_PA + 32 * i + 16;
		uint64_t p;

		memcpy(&p, e, 8);
		if (p)
			put64(e, p + LOWMEM_BASE);
	}
	assert_int_equal(
		bootinfo_from_pvh(&direct, pa, &bootinfo_phys_identity), 0);
	assert_string_equal(direct.modules[2].name, "third");
	assert_int_equal(dump_capture(&d, pa, true), 0);
	assert_int_equal(dump_parse(&d, &bi), 0);
	assert_true(bootinfo_equal(&direct, &bi));
	dump_free(&d);
	dump_free(&mem);
}

/* Pointers outside the identity map fail cleanly, both in the parser
 * and in the dump (which must not fault either). */
static void test_identity_bad_pointers(void **state)
{
	struct bootinfo direct;
	uint8_t *low = lowmem_get();
	struct dump d;

	(void)state;
	if (!low)
		skip();
	put32(low + 0x100, PVH_MAGIC);
	put32(low + 0x100 + SI_VERSION, 1);
	put64(low + 0x100 + SI_CMDLINE, 1ull << 40); /* beyond 4 GiB */
	put64(low + 0x100 + SI_MEMMAP, 8ull << 32);
	put32(low + 0x100 + SI_MEMMAP_N, 1);
	assert_int_equal(bootinfo_from_pvh(&direct, LOWMEM_BASE + 0x100,
					   &bootinfo_phys_identity),
			 -EINVAL);
	assert_int_equal(dump_capture(&d, LOWMEM_BASE + 0x100, true), 0);
	assert_int_equal(d.nseg, 1); /* start_info alone */
	assert_int_equal(dump_parse(&d, &bi), -EINVAL);
	dump_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_real_microvm),
		cmocka_unit_test(test_real_pc),
		cmocka_unit_test(test_real_truncated),
		cmocka_unit_test(test_real_fuzzed),
		cmocka_unit_test(test_version0),
		cmocka_unit_test(test_version1),
		cmocka_unit_test(test_later_version),
		cmocka_unit_test(test_memmap_entries),
		cmocka_unit_test(test_modules_capped),
		cmocka_unit_test(test_cmdline_lengths),
		cmocka_unit_test(test_rsdp),
		cmocka_unit_test(test_bad_magic),
		cmocka_unit_test(test_bad_start_info),
		cmocka_unit_test(test_bad_cmdline),
		cmocka_unit_test(test_bad_modules),
		cmocka_unit_test(test_absurd_counts),
		cmocka_unit_test(test_bad_memmap),
		cmocka_unit_test(test_dump_real),
		cmocka_unit_test(test_dump_modules),
		cmocka_unit_test(test_identity_bad_pointers),
	};
	int failed = cmocka_run_group_tests(tests, NULL, NULL);

	dump_free(&mem);
	return failed;
}

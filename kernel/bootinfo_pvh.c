/* SPDX-License-Identifier: MIT */
/*
 * bootinfo_pvh.c: struct bootinfo from the PVH hvm_start_info that QEMU,
 * Firecracker or Xen pass in %ebx (Xen public/arch-x86/hvm/start_info.h,
 * docs/misc/pvh.pandoc). The only file that reads start_info.
 */
#include <errno.h>
#include <string.h>
#include <ukos/bootinfo.h>
#include <ukos/unaligned.h>

/* "xEn3" with 0x80 cleared in the top byte (start_info.h). */
#define PVH_MAGIC 0x336ec578

/* struct hvm_start_info: field offsets and the size of each version. */
#define SI_MAGIC          0
#define SI_VERSION        4
#define SI_NR_MODULES     12
#define SI_MODLIST        16
#define SI_CMDLINE        24
#define SI_RSDP           32
#define SI_MEMMAP         40 /* version >= 1 */
#define SI_MEMMAP_ENTRIES 48 /* version >= 1 */
#define SI_SIZE_V0        40
#define SI_SIZE_V1        56

/* struct hvm_modlist_entry {u64 paddr, size, cmdline_paddr, reserved}. */
#define MOD_ENTRY_SIZE 32
/* struct hvm_memmap_table_entry {u64 addr, size; u32 type, reserved};
 * type is an E820 type, numbered as enum bootinfo_mem_type. */
#define MEM_ENTRY_SIZE 24

/* Far above what fits in bootinfo; a larger count is garbage. */
#define MAX_MODULES 1024
#define MAX_MEMMAP  4096

/* ACPI 6.4 §5.2.5.3: RSDP revision at byte 15; 2+ means 36 bytes. */
#define RSDP_REVISION 15
#define RSDP_V1_LEN   20
#define RSDP_V2_LEN   36

/*
 * Copy the NUL-terminated string at pa into dst[cap], mapping one byte at a
 * time so that a string running into unavailable memory fails cleanly
 * instead of being read past. Sets *truncated if it did not fit.
 */
static int copy_cstring(const struct bootinfo_phys *phys, uint64_t pa,
			char *dst, size_t cap, bool *truncated)
{
	size_t i;

	for (i = 0; i < cap; i++) {
		const char *c =
			pa + i < pa ? NULL : phys->map(phys->ctx, pa + i, 1);

		if (!c)
			return -EINVAL;
		if (*c == '\0')
			break;
		if (i == cap - 1) {
			*truncated = true; /* more follows: cut here */
			break;
		}
		dst[i] = *c;
	}
	dst[i] = '\0';
	return 0;
}

static int parse_memmap(struct bootinfo *bi, const uint8_t *si,
			const struct bootinfo_phys *phys)
{
	uint64_t pa = load_le64(si, SI_MEMMAP);
	uint32_t n = load_le32(si, SI_MEMMAP_ENTRIES);
	const uint8_t *e;

	if (!pa || !n)
		return 0; /* no map: the kernel must find RAM elsewhere */
	if (n > MAX_MEMMAP)
		return -EINVAL;
	e = phys->map(phys->ctx, pa, (size_t)n * MEM_ENTRY_SIZE);
	if (!e)
		return -EINVAL;
	for (uint32_t i = 0; i < n && bi->mem_count < BOOTINFO_MAX_MEM; i++) {
		const uint8_t *m = e + (size_t)i * MEM_ENTRY_SIZE;

		if (load_le64(m, 8))
			bi->mem[bi->mem_count++] =
				(struct bootinfo_mem){ load_le64(m, 0),
						       load_le64(m, 8),
						       load_le32(m, 16) };
	}
	return 0;
}

static int take_module(struct bootinfo_module *mod, const uint8_t *m,
		       const struct bootinfo_phys *phys)
{
	uint64_t start = load_le64(m, 0), size = load_le64(m, 8),
		 name = load_le64(m, 16);
	bool truncated = false;

	if (size > UINT64_MAX - start)
		return -EINVAL;
	mod->start = start;
	mod->end = start + size;
	mod->name[0] = '\0';
	if (!name)
		return 0;
	return copy_cstring(phys, name, mod->name, sizeof(mod->name),
			    &truncated);
}

static int parse_modules(struct bootinfo *bi, const uint8_t *si,
			 const struct bootinfo_phys *phys)
{
	uint32_t n = load_le32(si, SI_NR_MODULES);
	uint64_t pa = load_le64(si, SI_MODLIST);
	const uint8_t *e;

	if (!n)
		return 0;
	if (n > MAX_MODULES)
		return -EINVAL;
	e = phys->map(phys->ctx, pa, (size_t)n * MOD_ENTRY_SIZE);
	if (!e)
		return -EINVAL;
	if (n > BOOTINFO_MAX_MODULES)
		n = BOOTINFO_MAX_MODULES; /* more than fit: dropped */
	for (uint32_t i = 0; i < n; i++) {
		int err = take_module(&bi->modules[i],
				      e + (size_t)i * MOD_ENTRY_SIZE, phys);
		if (err)
			return err;
		bi->module_count++;
	}
	return 0;
}

/* Record the RSDP's address, and copy it while the loader's memory is
 * still intact; an unmappable RSDP leaves only the address. */
static void take_rsdp(struct bootinfo *bi, uint64_t pa,
		      const struct bootinfo_phys *phys)
{
	const uint8_t *r = pa ? phys->map(phys->ctx, pa, RSDP_V1_LEN) : NULL;
	const uint8_t *r2;

	bi->rsdp_addr = pa;
	if (!r)
		return;
	bi->rsdp_len = RSDP_V1_LEN;
	if (r[RSDP_REVISION] >= 2) {
		r2 = phys->map(phys->ctx, pa, RSDP_V2_LEN);
		if (r2) {
			r = r2;
			bi->rsdp_len = RSDP_V2_LEN;
		}
	}
	memcpy(bi->rsdp, r, bi->rsdp_len);
}

static int parse_start_info(struct bootinfo *bi, const uint8_t *si,
			    uint32_t version, const struct bootinfo_phys *phys)
{
	uint64_t cmdline = load_le64(si, SI_CMDLINE);
	int err;

	if (cmdline &&
	    copy_cstring(phys, cmdline, bi->cmdline, sizeof(bi->cmdline),
			 &bi->cmdline_truncated))
		return -EINVAL;
	err = parse_modules(bi, si, phys);
	if (err)
		return err;
	if (version >= 1) {
		err = parse_memmap(bi, si, phys);
		if (err)
			return err;
	}
	take_rsdp(bi, load_le64(si, SI_RSDP), phys);
	return 0;
}

int bootinfo_from_pvh(struct bootinfo *bi, uint64_t si_pa,
		      const struct bootinfo_phys *phys)
{
	const uint8_t *si = phys->map(phys->ctx, si_pa, SI_SIZE_V0);
	uint32_t version;

	memset(bi, 0, sizeof(*bi));
	bi->loader = "pvh";
	bi->info_pa = si_pa;
	if (!si || load_le32(si, SI_MAGIC) != PVH_MAGIC)
		return -EINVAL;
	/* Later versions only append fields, so read them as version 1. */
	version = load_le32(si, SI_VERSION);
	if (version >= 1) {
		si = phys->map(phys->ctx, si_pa, SI_SIZE_V1);
		if (!si)
			return -EINVAL;
	}
	return parse_start_info(bi, si, version, phys);
}

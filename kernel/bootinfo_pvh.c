/* SPDX-License-Identifier: MIT */
/*
 * bootinfo_pvh.c: struct bootinfo from the Xen PVH hvm_start_info that
 * qemu -kernel passes in %ebx (Xen public/arch-x86/hvm/start_info.h).
 * The only file that reads start_info.
 */
#include <errno.h>
#include <string.h>
#include <ukos/bootinfo.h>

#define PVH_MAGIC 0x336ec578

/* Field offsets of struct hvm_start_info. */
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
#define MOD_ENTRY_SIZE    32 /* hvm_modlist_entry: paddr, size, cmdline, rsvd */
#define MEM_ENTRY_SIZE    24 /* hvm_memmap_table_entry: addr, size, type, rsvd */

static uint32_t u32_at(const uint8_t *p, unsigned off)
{
	uint32_t v;
	memcpy(&v, p + off, 4);
	return v;
}

static uint64_t u64_at(const uint8_t *p, unsigned off)
{
	uint64_t v;
	memcpy(&v, p + off, 8);
	return v;
}

/* Copy a NUL-terminated string a byte at a time through map(), so that a
 * string running into unmapped memory ends cleanly. */
static int copy_cstring(const struct bootinfo_phys *phys, uint64_t pa,
			char *dst, size_t cap, bool *truncated)
{
	size_t i;

	for (i = 0; i + 1 < cap; i++) {
		const char *c = phys->map(phys->ctx, pa + i, 1);
		if (!c)
			return -EINVAL;
		if (!*c)
			break;
		dst[i] = *c;
	}
	dst[i] = '\0';
	if (i + 1 == cap && truncated) {
		const char *c = phys->map(phys->ctx, pa + i, 1);
		*truncated = c && *c;
	}
	return 0;
}

static int parse_memmap(struct bootinfo *bi, const uint8_t *si,
			const struct bootinfo_phys *phys)
{
	uint64_t pa = u64_at(si, SI_MEMMAP);
	uint32_t n = u32_at(si, SI_MEMMAP_ENTRIES);

	if (!pa || !n)
		return 0;
	if (n > 4096)
		return -EINVAL;
	const uint8_t *e = phys->map(phys->ctx, pa, (size_t)n * MEM_ENTRY_SIZE);
	if (!e)
		return -EINVAL;
	for (uint32_t i = 0; i < n && bi->mem_count < BOOTINFO_MAX_MEM; i++) {
		const uint8_t *m = e + i * MEM_ENTRY_SIZE;
		if (u64_at(m, 8))
			bi->mem[bi->mem_count++] = (struct bootinfo_mem){
				u64_at(m, 0), u64_at(m, 8), u32_at(m, 16)
			};
	}
	return 0;
}

static int parse_modules(struct bootinfo *bi, const uint8_t *si,
			 const struct bootinfo_phys *phys)
{
	uint32_t n = u32_at(si, SI_NR_MODULES);
	uint64_t pa = u64_at(si, SI_MODLIST);

	if (!n)
		return 0;
	if (n > 1024 || !pa)
		return -EINVAL;
	const uint8_t *e = phys->map(phys->ctx, pa, (size_t)n * MOD_ENTRY_SIZE);
	if (!e)
		return -EINVAL;
	for (uint32_t i = 0; i < n && bi->module_count < BOOTINFO_MAX_MODULES;
	     i++) {
		const uint8_t *m = e + i * MOD_ENTRY_SIZE;
		struct bootinfo_module *mod = &bi->modules[bi->module_count++];
		mod->start = u64_at(m, 0);
		mod->end = mod->start + u64_at(m, 8);
		if (mod->end < mod->start)
			return -EINVAL;
		mod->name[0] = '\0';
		if (u64_at(m, 16) &&
		    copy_cstring(phys, u64_at(m, 16), mod->name,
				 sizeof(mod->name), NULL))
			return -EINVAL;
	}
	return 0;
}

static void take_rsdp(struct bootinfo *bi, uint64_t pa,
		      const struct bootinfo_phys *phys)
{
	const uint8_t *r = pa ? phys->map(phys->ctx, pa, 20) : NULL;

	bi->rsdp_addr = pa;
	if (!r)
		return;
	/* ACPI 6.4 §5.2.5.3: revision 2+ is 36 bytes long. */
	unsigned len = r[15] >= 2 ? 36 : 20;
	if (len == 36 && !(r = phys->map(phys->ctx, pa, 36)))
		len = 20, r = phys->map(phys->ctx, pa, 20);
	memcpy(bi->rsdp, r, len);
	bi->rsdp_len = len;
}

int bootinfo_from_pvh(struct bootinfo *bi, uint64_t si_pa,
		      const struct bootinfo_phys *phys)
{
	const uint8_t *si = phys->map(phys->ctx, si_pa, SI_SIZE_V0);
	int err;

	memset(bi, 0, sizeof(*bi));
	bi->loader = "pvh";
	bi->info_pa = si_pa;
	if (!si || u32_at(si, SI_MAGIC) != PVH_MAGIC)
		return -EINVAL;
	uint32_t version = u32_at(si, SI_VERSION);
	if (version >= 1 && !(si = phys->map(phys->ctx, si_pa, SI_SIZE_V1)))
		return -EINVAL;
	if (u64_at(si, SI_CMDLINE) &&
	    copy_cstring(phys, u64_at(si, SI_CMDLINE), bi->cmdline,
			 sizeof(bi->cmdline), &bi->cmdline_truncated))
		return -EINVAL;
	if ((err = parse_modules(bi, si, phys)) != 0)
		return err;
	if (version >= 1 && (err = parse_memmap(bi, si, phys)) != 0)
		return err;
	take_rsdp(bi, u64_at(si, SI_RSDP), phys);
	return 0;
}

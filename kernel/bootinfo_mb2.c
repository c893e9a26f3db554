/* SPDX-License-Identifier: MIT */
/*
 * bootinfo_mb2.c: struct bootinfo from GRUB's multiboot2 information
 * (multiboot2 spec §3.6). The only file that reads multiboot2 tags.
 */
#include <errno.h>
#include <string.h>
#include <ukos/bootinfo.h>

/* Tag types, §3.6. */
#define TAG_END         0
#define TAG_CMDLINE     1
#define TAG_MODULE      3
#define TAG_MMAP        6
#define TAG_FRAMEBUFFER 8
#define TAG_ACPI_OLD    14
#define TAG_ACPI_NEW    15
#define TAG_EFI_MMAP    17

#define INFO_MAX (16u << 20) /* far above any real information */

/* EFI memory types (UEFI 2.10 §7.2.3, EFI_MEMORY_TYPE). */
#define EFI_LOADER_CODE        1
#define EFI_BOOT_SERVICES_DATA 4
#define EFI_CONVENTIONAL       7
#define EFI_UNUSABLE           8
#define EFI_ACPI_RECLAIM       9
#define EFI_ACPI_NVS           10

struct tag {
	uint32_t type;
	uint32_t size;
};

static void copy_string(char *dst, size_t cap, const char *src, size_t len,
			bool *truncated)
{
	size_t n = strnlen(src, len);

	if (n >= cap) {
		n = cap - 1;
		if (truncated)
			*truncated = true;
	}
	memcpy(dst, src, n);
	dst[n] = '\0';
}

static void add_mem(struct bootinfo *bi, uint64_t base, uint64_t len,
		    uint32_t type)
{
	if (bi->mem_count < BOOTINFO_MAX_MEM && len)
		bi->mem[bi->mem_count++] =
			(struct bootinfo_mem){ base, len, type };
}

/* §3.6.8: entry_size, entry_version, then entries {u64 base, u64 len,
 * u32 type, u32 reserved}. */
static int parse_mmap(struct bootinfo *bi, const uint8_t *t, uint32_t size)
{
	uint32_t esize;

	if (size < 16)
		return -EINVAL;
	memcpy(&esize, t + 8, 4);
	if (esize < 24 || esize % 8)
		return -EINVAL;
	for (uint32_t off = 16; off + esize <= size; off += esize) {
		uint64_t base, len;
		uint32_t type;
		memcpy(&base, t + off, 8);
		memcpy(&len, t + off + 8, 8);
		memcpy(&type, t + off + 16, 4);
		add_mem(bi, base, len, type);
	}
	return 0;
}

static uint32_t efi_type(uint32_t t)
{
	if ((t >= EFI_LOADER_CODE && t <= EFI_BOOT_SERVICES_DATA) ||
	    t == EFI_CONVENTIONAL)
		return BOOTINFO_MEM_RAM;
	if (t == EFI_ACPI_RECLAIM)
		return BOOTINFO_MEM_ACPI;
	if (t == EFI_ACPI_NVS)
		return BOOTINFO_MEM_NVS;
	return t == EFI_UNUSABLE ? BOOTINFO_MEM_BAD : BOOTINFO_MEM_RESERVED;
}

/* §3.6.17: descr_size, descr_vers, then EFI_MEMORY_DESCRIPTORs {u32 type,
 * u32 pad, u64 phys, u64 virt, u64 pages, u64 attr}. */
static int parse_efi_mmap(struct bootinfo *bi, const uint8_t *t, uint32_t size)
{
	uint32_t dsize;

	if (size < 16)
		return -EINVAL;
	memcpy(&dsize, t + 8, 4);
	if (dsize < 40)
		return -EINVAL;
	for (uint32_t off = 16; off + dsize <= size; off += dsize) {
		uint32_t type;
		uint64_t base, pages;
		memcpy(&type, t + off, 4);
		memcpy(&base, t + off + 8, 8);
		memcpy(&pages, t + off + 24, 8);
		if (pages < (1ull << 40))
			add_mem(bi, base, pages * 4096, efi_type(type));
	}
	return 0;
}

/* §3.6.6: mod_start, mod_end, then the module's command line. */
static int parse_module(struct bootinfo *bi, const uint8_t *t, uint32_t size)
{
	uint32_t start, end;

	if (size < 17)
		return -EINVAL;
	memcpy(&start, t + 8, 4);
	memcpy(&end, t + 12, 4);
	if (end < start)
		return -EINVAL;
	if (bi->module_count == BOOTINFO_MAX_MODULES)
		return 0;
	struct bootinfo_module *m = &bi->modules[bi->module_count++];
	m->start = start;
	m->end = end;
	copy_string(m->name, sizeof(m->name), (const char *)t + 16, size - 16,
		    NULL);
	return 0;
}

/* §3.6.12: addr, pitch, width, height, bpp, type, reserved; RGB fields. */
static int parse_framebuffer(struct bootinfo *bi, const uint8_t *t,
			     uint32_t size)
{
	struct bootinfo_fb *fb = &bi->fb;

	if (size < 31)
		return -EINVAL;
	memcpy(&fb->addr, t + 8, 8);
	memcpy(&fb->pitch, t + 16, 4);
	memcpy(&fb->width, t + 20, 4);
	memcpy(&fb->height, t + 24, 4);
	fb->bpp = t[28];
	fb->type = t[29];
	if (fb->type == 1 && size >= 38) {
		fb->red_pos = t[32], fb->red_size = t[33];
		fb->green_pos = t[34], fb->green_size = t[35];
		fb->blue_pos = t[36], fb->blue_size = t[37];
	}
	bi->has_fb = true;
	return 0;
}

static void take_rsdp(struct bootinfo *bi, const uint8_t *t, uint32_t size,
		      bool is_new)
{
	uint32_t n = size - 8;

	if (bi->rsdp_len && !is_new)
		return; /* a v2 RSDP wins over the old one */
	if (n > BOOTINFO_RSDP_MAX)
		n = BOOTINFO_RSDP_MAX;
	memcpy(bi->rsdp, t + 8, n);
	bi->rsdp_len = n;
}

static int parse_tag(struct bootinfo *bi, const uint8_t *t, uint32_t type,
		     uint32_t size, bool *have_mmap)
{
	switch (type) {
	case TAG_CMDLINE:
		copy_string(bi->cmdline, sizeof(bi->cmdline),
			    (const char *)t + 8, size - 8,
			    &bi->cmdline_truncated);
		return 0;
	case TAG_MODULE:
		return parse_module(bi, t, size);
	case TAG_MMAP:
		if (*have_mmap) /* an EFI map came first: this one wins */
			bi->mem_count = 0;
		*have_mmap = true;
		return parse_mmap(bi, t, size);
	case TAG_EFI_MMAP:
		return *have_mmap ? 0 : parse_efi_mmap(bi, t, size);
	case TAG_FRAMEBUFFER:
		return parse_framebuffer(bi, t, size);
	case TAG_ACPI_OLD:
	case TAG_ACPI_NEW:
		take_rsdp(bi, t, size, type == TAG_ACPI_NEW);
		return 0;
	default:
		return 0; /* tags ukos does not use */
	}
}

int bootinfo_from_multiboot2(struct bootinfo *bi, uint64_t mbi_pa,
			     const struct bootinfo_phys *phys)
{
	const uint8_t *hdr = phys->map(phys->ctx, mbi_pa, 8);
	uint32_t total;
	bool have_mmap = false;

	memset(bi, 0, sizeof(*bi));
	bi->loader = "multiboot2";
	bi->info_pa = mbi_pa;
	if (!hdr)
		return -EINVAL;
	memcpy(&total, hdr, 4);
	if (total < 16 || total > INFO_MAX)
		return -EINVAL;
	const uint8_t *info = phys->map(phys->ctx, mbi_pa, total);
	if (!info)
		return -EINVAL;
	for (uint32_t off = 8; off + 8 <= total;) {
		struct tag tag;
		memcpy(&tag, info + off, sizeof(tag));
		if (tag.type == TAG_END)
			return tag.size == 8 ? 0 : -EINVAL;
		if (tag.size < 8 || tag.size > total - off)
			return -EINVAL;
		int err = parse_tag(bi, info + off, tag.type, tag.size,
				    &have_mmap);
		if (err)
			return err;
		off += (tag.size + 7) & ~7u; /* tags are 8-byte aligned */
	}
	return -EINVAL; /* no end tag */
}

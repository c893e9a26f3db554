/* SPDX-License-Identifier: MIT */
/*
 * bootinfo_mb2.c: struct bootinfo from the multiboot2 boot information that
 * GRUB passes in %ebx (multiboot2 spec §3.6). The only file that reads tags.
 */
#include <errno.h>
#include <string.h>
#include <ukos/bootinfo.h>
#include <ukos/unaligned.h>

/* Tag types, §3.6.5 - §3.6.19. */
#define TAG_END         0
#define TAG_CMDLINE     1
#define TAG_MODULE      3
#define TAG_MMAP        6
#define TAG_FRAMEBUFFER 8
#define TAG_ACPI_OLD    14
#define TAG_ACPI_NEW    15
#define TAG_EFI_MMAP    17

#define HDR_SIZE 8 /* §3.6.1: u32 total_size, u32 reserved */
#define TAG_HDR  8 /* §3.6.2: u32 type, u32 size */
/* GRUB's is ~8 KiB even with a UEFI map; a larger total_size is garbage,
 * and walking it could read device memory. */
#define INFO_MAX (1u << 20)

/* EFI_MEMORY_TYPE (UEFI 2.10 §7.2.1) and its descriptor (§7.2.3). */
#define EFI_LOADER_CODE        1
#define EFI_BOOT_SERVICES_DATA 4
#define EFI_CONVENTIONAL       7
#define EFI_UNUSABLE           8
#define EFI_ACPI_RECLAIM       9
#define EFI_ACPI_NVS           10
#define EFI_DESC_MIN           40 /* type, pad, phys, virt, pages, attr */
#define EFI_PAGE_SHIFT         12
#define EFI_MAX_PAGES          (1ull << 40) /* 2^52 bytes, the x86 limit */

/* Which map filled bi->mem. The type-6 map wins over the EFI one: GRUB
 * derives it from the same firmware map, already in E820 types. */
enum map_source { MAP_NONE, MAP_E820, MAP_EFI };

/* Copy the string in src[0, len) (NUL-terminated or not) into dst[cap]. */
static bool copy_string(char *dst, size_t cap, const uint8_t *src, size_t len)
{
	size_t n = strnlen((const char *)src, len);
	bool truncated = n >= cap;

	if (truncated)
		n = cap - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
	return truncated;
}

static void add_mem(struct bootinfo *bi, uint64_t base, uint64_t len,
		    uint32_t type)
{
	if (len == 0 || bi->mem_count == BOOTINFO_MAX_MEM)
		return; /* empty, or more than fit: dropped */
	bi->mem[bi->mem_count++] = (struct bootinfo_mem){ base, len, type };
}

/* §3.6.8: u32 entry_size, u32 entry_version (0), then entries of
 * {u64 base_addr, u64 length, u32 type, u32 reserved}. entry_size is the
 * stride so that later versions may append fields. */
static int parse_mmap(struct bootinfo *bi, const uint8_t *t, uint32_t size)
{
	uint32_t esize;

	if (size < 16)
		return -EINVAL;
	esize = load_le32(t, 8);
	if (esize < 24 || esize % 8)
		return -EINVAL;
	for (uint32_t off = 16; esize <= size - off; off += esize)
		add_mem(bi, load_le64(t, off), load_le64(t, off + 8),
			load_le32(t, off + 16));
	return 0;
}

static uint32_t efi_type(uint32_t t)
{
	/* Loader and boot-services memory is free once the kernel runs. */
	if ((t >= EFI_LOADER_CODE && t <= EFI_BOOT_SERVICES_DATA) ||
	    t == EFI_CONVENTIONAL)
		return BOOTINFO_MEM_RAM;
	if (t == EFI_ACPI_RECLAIM)
		return BOOTINFO_MEM_ACPI;
	if (t == EFI_ACPI_NVS)
		return BOOTINFO_MEM_NVS;
	return t == EFI_UNUSABLE ? BOOTINFO_MEM_BAD : BOOTINFO_MEM_RESERVED;
}

/*
 * EFI maps are far finer than E820 ones (OVMF's has 126 descriptors for
 * 128 MiB, 16 once converted), so an entry that continues the previous one
 * with the same converted type extends it: the map then fits in bi->mem.
 */
static void add_efi_mem(struct bootinfo *bi, uint64_t base, uint64_t len,
			uint32_t type)
{
	struct bootinfo_mem *prev;

	if (bi->mem_count) {
		prev = &bi->mem[bi->mem_count - 1];
		if (prev->type == type && base - prev->base == prev->len &&
		    len <= UINT64_MAX - base) {
			prev->len += len;
			return;
		}
	}
	add_mem(bi, base, len, type);
}

/* §3.6.19: u32 descr_size, u32 descr_vers, then EFI_MEMORY_DESCRIPTORs
 * {u32 type, u32 pad, u64 phys, u64 virt, u64 pages, u64 attr}. */
static int parse_efi_mmap(struct bootinfo *bi, const uint8_t *t, uint32_t size)
{
	uint32_t dsize;

	if (size < 16)
		return -EINVAL;
	dsize = load_le32(t, 8);
	if (dsize < EFI_DESC_MIN || dsize % 8)
		return -EINVAL;
	for (uint32_t off = 16; dsize <= size - off; off += dsize) {
		uint64_t pages = load_le64(t, off + 24);

		if (pages < EFI_MAX_PAGES)
			add_efi_mem(bi, load_le64(t, off + 8),
				    pages << EFI_PAGE_SHIFT,
				    efi_type(load_le32(t, off)));
	}
	return 0;
}

/* §3.6.6: u32 mod_start, u32 mod_end, then the module's NUL-terminated
 * command line. */
static int parse_module(struct bootinfo *bi, const uint8_t *t, uint32_t size)
{
	struct bootinfo_module *m;
	uint32_t start, end;

	if (size < 17)
		return -EINVAL;
	start = load_le32(t, 8);
	end = load_le32(t, 12);
	if (end < start)
		return -EINVAL;
	if (bi->module_count == BOOTINFO_MAX_MODULES)
		return 0; /* more than fit: dropped */
	m = &bi->modules[bi->module_count++];
	m->start = start;
	m->end = end;
	copy_string(m->name, sizeof(m->name), t + 16, size - 16);
	return 0;
}

/*
 * §3.6.12: u64 addr, u32 pitch, u32 width, u32 height, u8 bpp, u8 type,
 * then reserved and color_info. The spec's table shows a u8 reserved, but
 * GRUB (the reference loader) writes a u16, so RGB fields start at 32.
 */
static int parse_framebuffer(struct bootinfo *bi, const uint8_t *t,
			     uint32_t size)
{
	struct bootinfo_fb *fb = &bi->fb;

	if (size < 31)
		return -EINVAL;
	fb->addr = load_le64(t, 8);
	fb->pitch = load_le32(t, 16);
	fb->width = load_le32(t, 20);
	fb->height = load_le32(t, 24);
	fb->bpp = t[28];
	fb->type = t[29];
	if (fb->type == 1 && size >= 38) {
		fb->red_pos = t[32];
		fb->red_size = t[33];
		fb->green_pos = t[34];
		fb->green_size = t[35];
		fb->blue_pos = t[36];
		fb->blue_size = t[37];
	}
	bi->has_fb = true;
	return 0;
}

/* §3.6.16/§3.6.17: a copy of the RSDP, 20 bytes for ACPI 1.0 and 36 for
 * 2.0+ (ACPI 6.4 §5.2.5.3). The 2.0 one wins, whatever the tag order. */
static int take_rsdp(struct bootinfo *bi, const uint8_t *t, uint32_t size,
		     bool is_new)
{
	unsigned len = is_new ? 36 : 20;

	if (size - TAG_HDR < len)
		return -EINVAL;
	if (!is_new && bi->rsdp_len == 36)
		return 0;
	memcpy(bi->rsdp, t + TAG_HDR, len);
	bi->rsdp_len = len;
	return 0;
}

static int parse_maps(struct bootinfo *bi, const uint8_t *t, uint32_t type,
		      uint32_t size, enum map_source *src)
{
	if (type == TAG_EFI_MMAP) {
		if (*src == MAP_E820)
			return 0;
		*src = MAP_EFI;
		return parse_efi_mmap(bi, t, size);
	}
	if (*src == MAP_EFI)
		bi->mem_count = 0; /* an EFI map came first: replace it */
	*src = MAP_E820;
	return parse_mmap(bi, t, size);
}

static int parse_tag(struct bootinfo *bi, const uint8_t *t, uint32_t type,
		     uint32_t size, enum map_source *src)
{
	switch (type) {
	case TAG_CMDLINE:
		bi->cmdline_truncated =
			copy_string(bi->cmdline, sizeof(bi->cmdline),
				    t + TAG_HDR, size - TAG_HDR);
		return 0;
	case TAG_MODULE:
		return parse_module(bi, t, size);
	case TAG_MMAP:
	case TAG_EFI_MMAP:
		return parse_maps(bi, t, type, size, src);
	case TAG_FRAMEBUFFER:
		return parse_framebuffer(bi, t, size);
	case TAG_ACPI_OLD:
	case TAG_ACPI_NEW:
		return take_rsdp(bi, t, size, type == TAG_ACPI_NEW);
	default:
		return 0; /* tags ukos does not use */
	}
}

/* Walk the tags (§3.6.2: each 8-byte aligned, the last one type 0 size 8)
 * without ever reading past total bytes. */
static int parse_tags(struct bootinfo *bi, const uint8_t *info, uint32_t total)
{
	enum map_source src = MAP_NONE;
	uint32_t off = HDR_SIZE;

	while (total - off >= TAG_HDR) {
		uint32_t type = load_le32(info, off),
			 size = load_le32(info, off + 4);
		int err;

		if (type == TAG_END)
			return size == TAG_HDR ? 0 : -EINVAL;
		if (size < TAG_HDR || size > total - off)
			return -EINVAL;
		err = parse_tag(bi, info + off, type, size, &src);
		if (err)
			return err;
		if (((size + 7) & ~7u) >= total - off)
			break; /* no room left for the end tag */
		off += (size + 7) & ~7u;
	}
	return -EINVAL;
}

int bootinfo_from_multiboot2(struct bootinfo *bi, uint64_t mbi_pa,
			     const struct bootinfo_phys *phys)
{
	const uint8_t *info = phys->map(phys->ctx, mbi_pa, HDR_SIZE);
	uint32_t total;

	memset(bi, 0, sizeof(*bi));
	bi->loader = "multiboot2";
	bi->info_pa = mbi_pa;
	if (!info)
		return -EINVAL;
	total = load_le32(info, 0);
	if (total < HDR_SIZE + TAG_HDR || total > INFO_MAX)
		return -EINVAL;
	info = phys->map(phys->ctx, mbi_pa, total);
	if (!info)
		return -EINVAL;
	return parse_tags(bi, info, total);
}

/* SPDX-License-Identifier: MIT */
/*
 * struct bootinfo: what the boot loader told us, in one portable form.
 * Filled once by bootinfo_from_multiboot2() or bootinfo_from_pvh(); nothing
 * else in ukos reads multiboot2 tags or PVH start_info.
 */
#ifndef UKOS_BOOTINFO_H
#define UKOS_BOOTINFO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define BOOTINFO_MAX_MEM     64
#define BOOTINFO_MAX_MODULES 8
#define BOOTINFO_CMDLINE_MAX 1024
#define BOOTINFO_MODNAME_MAX 128
#define BOOTINFO_RSDP_MAX    36 /* ACPI 6.4 §5.2.5.3: v2 RSDP is 36 bytes */

/* Memory region types, numbered as the E820 / multiboot2 / PVH maps do. */
enum bootinfo_mem_type {
	BOOTINFO_MEM_RAM = 1,
	BOOTINFO_MEM_RESERVED = 2,
	BOOTINFO_MEM_ACPI = 3,
	BOOTINFO_MEM_NVS = 4,
	BOOTINFO_MEM_BAD = 5,
};

struct bootinfo_mem {
	uint64_t base;
	uint64_t len;
	uint32_t type; /* enum bootinfo_mem_type; other values kept as given */
};

struct bootinfo_module {
	uint64_t start;                  /* physical, inclusive */
	uint64_t end;                    /* physical, exclusive */
	char name[BOOTINFO_MODNAME_MAX]; /* the module's command line */
};

struct bootinfo_fb {
	uint64_t addr;  /* physical address of the first pixel */
	uint32_t pitch; /* bytes per line */
	uint32_t width, height;
	uint8_t bpp;
	uint8_t type; /* multiboot2 §3.6.12: 0 indexed, 1 RGB, 2 EGA text */
	uint8_t red_pos, red_size, green_pos, green_size, blue_pos, blue_size;
};

struct bootinfo {
	const char *loader;                 /* "multiboot2" or "pvh" */
	char cmdline[BOOTINFO_CMDLINE_MAX]; /* copied, NUL-terminated */
	bool cmdline_truncated;

	struct bootinfo_mem mem[BOOTINFO_MAX_MEM];
	unsigned mem_count;

	struct bootinfo_module modules[BOOTINFO_MAX_MODULES];
	unsigned module_count;

	/* A copy of the RSDP itself (multiboot2 hands over a copy, not its
	 * address); rsdp_len is 0 when the loader gave none. */
	uint8_t rsdp[BOOTINFO_RSDP_MAX];
	unsigned rsdp_len;
	uint64_t rsdp_addr; /* physical address when known (PVH), else 0 */

	bool has_fb;
	struct bootinfo_fb fb;

	/* Where the loader's own structure was (for ukos.dumpboot). */
	uint64_t info_pa;
};

/*
 * Access to physical memory for the parsers. In the kernel this is the
 * identity map; host tests map captured blobs. map() returns a pointer to
 * len readable bytes at physical address pa, or NULL if that range is not
 * available (the parser then fails with -EINVAL rather than fault).
 */
struct bootinfo_phys {
	const void *(*map)(void *ctx, uint64_t pa, size_t len);
	void *ctx;
};

/* The kernel's identity map: a range maps to itself if it lies within the
 * low 4 GiB that the early page tables map and does not touch page 0;
 * anything else gives NULL. */
extern const struct bootinfo_phys bootinfo_phys_identity;

/*
 * Fill bi from the multiboot2 information structure at physical address
 * mbi_pa (multiboot2 spec §3.6). The type-6 memory map is used, the EFI one
 * (converted) only when there is none; a new RSDP wins over an old one.
 * Entries beyond the arrays' sizes and empty memory regions are dropped.
 * Returns 0, or -EINVAL if the structure is malformed (bad sizes, tags
 * running past the end, no end tag). Boot context.
 */
int bootinfo_from_multiboot2(struct bootinfo *bi, uint64_t mbi_pa,
			     const struct bootinfo_phys *phys);

/*
 * Fill bi from the PVH hvm_start_info at physical address si_pa (Xen
 * arch-x86/hvm/start_info.h). A version-0 start_info carries no memory map:
 * mem_count is then 0 and the caller must find RAM another way. Returns 0,
 * or -EINVAL on a bad magic or a malformed structure (pointers to memory
 * that map() refuses, absurd counts). Boot context.
 */
int bootinfo_from_pvh(struct bootinfo *bi, uint64_t si_pa,
		      const struct bootinfo_phys *phys);

/*
 * Print the loader's raw structure at info_pa (and what it points to) as
 * "bootdump: " lines through emit() (one line per call, no newline), for
 * capturing test data (tests/unit/data/; the format is described in
 * bootinfo_dump.c). Reads through bootinfo_phys_identity. Boot context.
 */
void bootinfo_dump(uint64_t info_pa, int is_pvh,
		   void (*emit)(const char *line));

#endif

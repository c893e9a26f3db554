/* SPDX-License-Identifier: MIT */
/*
 * ksyms.c: the image's own function symbols, embedded by the second link
 * pass (tools/ukos-ksyms), so crash reports name functions without a
 * debugger or the ELF file at hand.
 */
#include <stddef.h>
#include <stdint.h>
#include <ukos/crash.h>

/* Layout written by tools/ukos-ksyms, sorted by address. */
struct ksym {
	uint32_t addr;
	uint32_t name; /* offset into the string table */
};

struct ksym_table {
	uint32_t count;
	uint32_t strings; /* offset of the string table from the start */
	struct ksym syms[];
};

extern const struct ksym_table ukos_ksyms;
extern char __text_start[], __text_end[];

const char *ksym_lookup(uintptr_t addr, uintptr_t *off)
{
	const struct ksym_table *t = &ukos_ksyms;
	size_t lo = 0, hi = t->count;

	if (addr < (uintptr_t)__text_start || addr >= (uintptr_t)__text_end)
		return NULL;
	while (lo < hi) { /* first symbol above addr */
		size_t mid = lo + (hi - lo) / 2;
		if (t->syms[mid].addr <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return NULL;
	*off = addr - t->syms[lo - 1].addr;
	return (const char *)t + t->strings + t->syms[lo - 1].name;
}

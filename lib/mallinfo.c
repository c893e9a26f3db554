/* SPDX-License-Identifier: MIT */
/*
 * mallinfo.c: mallinfo() that works on x86_64. newlib 3.3.0's malloc
 * (stdlib/mallocr.c) fills a struct of ten ints, while its <malloc.h>
 * declares ten size_t fields: a program reading uordblks or fordblks gets
 * whatever lay beyond the 40 bytes written. This reads the ints and
 * widens them; defining mallinfo here keeps newlib's out of the link.
 */
#include <malloc.h>
#include <reent.h>

struct mallinfo_ints {
	int arena, ordblks, smblks, hblks, hblkhd;
	int usmblks, fsmblks, uordblks, fordblks, keepcost;
};

/* newlib's function, under the type it really returns. */
extern struct mallinfo_ints
mallinfo_ints_r(struct _reent *r) __asm__("_mallinfo_r");

struct mallinfo mallinfo(void)
{
	struct mallinfo_ints i = mallinfo_ints_r(_REENT);

	return (struct mallinfo){
		.arena = (unsigned)i.arena,
		.ordblks = (unsigned)i.ordblks,
		.smblks = (unsigned)i.smblks,
		.hblks = (unsigned)i.hblks,
		.hblkhd = (unsigned)i.hblkhd,
		.usmblks = (unsigned)i.usmblks,
		.fsmblks = (unsigned)i.fsmblks,
		.uordblks = (unsigned)i.uordblks,
		.fordblks = (unsigned)i.fordblks,
		.keepcost = (unsigned)i.keepcost,
	};
}

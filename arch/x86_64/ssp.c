/* SPDX-License-Identifier: MIT */
/*
 * ssp.c: the stack-protector canary, and the CPU's random numbers. GCC's x86_64 code reads it from
 * %fs:0x28 (the System V TLS ABI's TCB layout); boot.S points %fs at
 * x86_boot_tcb before any C runs, and x86_ssp_init() fills in a secret value.
 */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>

#include <ukos/arch.h>

#include "cpu.h"

struct tcb {
	struct tcb *self; /* %fs:0, as the TLS ABI wants */
	uint64_t reserved[4];
	uint64_t canary; /* %fs:0x28 */
};

_Static_assert(offsetof(struct tcb, canary) == 0x28, "canary at %fs:0x28");

struct tcb x86_boot_tcb = { .self = &x86_boot_tcb };

/* RDSEED/RDRAND may fail transiently (Intel SDM 1 §7.3.17.1): retry a few
 * times, then fall back. */
static int rand64(uint64_t *out, int use_seed)
{
	for (int i = 0; i < 10; i++) {
		unsigned char ok;
		if (use_seed)
			__asm__ volatile("rdseed %0; setc %1"
					 : "=r"(*out), "=qm"(ok));
		else
			__asm__ volatile("rdrand %0; setc %1"
					 : "=r"(*out), "=qm"(ok));
		if (ok)
			return 1;
	}
	return 0;
}

int arch_random(uint64_t *out)
{
	uint32_t r[4];

	cpuid(1, 0, r);
	if (!(r[2] & CPUID1_ECX_RDRAND))
		return -ENOSYS;
	return rand64(out, 0) ? 0 : -EIO;
}

/* Runs with the boot stack's frames already holding the old (zero)
 * canary, so it must not be protected itself. */
__attribute__((no_stack_protector)) void x86_ssp_init(void)
{
	uint32_t r1[4], r7[4];
	uint64_t v = 0;

	cpuid(1, 0, r1);
	cpuid(7, 0, r7);
	if (!((r7[1] & CPUID7_EBX_RDSEED) && rand64(&v, 1)) &&
	    !((r1[2] & CPUID1_ECX_RDRAND) && rand64(&v, 0))) {
		uint64_t t = rdtsc();
		v = t * 0x9e3779b97f4a7c15ull ^ (t >> 29); /* spread the bits */
	}
	/* A zero low byte stops string overflows from reading past it. */
	x86_boot_tcb.canary = v & ~0xffull;
}

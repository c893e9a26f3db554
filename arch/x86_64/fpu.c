/* SPDX-License-Identifier: MIT */
/*
 * fpu.c: how much FPU/SSE/AVX state an interrupt must save (XSAVE with the
 * components boot.S enabled in XCR0, else the 512-byte FXSAVE image).
 */
#include <stdint.h>

#include "cpu.h"

#define FXSAVE_SIZE 512

uint64_t x86_fpu_area_size = FXSAVE_SIZE + 64; /* + alignment slack */
uint8_t x86_fpu_use_xsave;

void x86_fpu_init(void)
{
	uint32_t r[4];

	cpuid(1, 0, r);
	if (!(r[2] & CPUID1_ECX_XSAVE) || !(read_cr4() & CR4_OSXSAVE))
		return;
	cpuid(0xd, 0, r); /* EBX: size for the components XCR0 enables */
	x86_fpu_area_size = r[1] + 64;
	x86_fpu_use_xsave = 1;
}

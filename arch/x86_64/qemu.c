/* SPDX-License-Identifier: MIT */
/*
 * qemu.c: knowing when we run under QEMU, whose isa-debug-exit device
 * turns an I/O write into the emulator's exit status; and halting.
 */
#include <stdbool.h>
#include <string.h>
#include <ukos/arch.h>

#include "cpu.h"

#define HYPERVISOR_LEAF 0x40000000 /* Intel SDM 2A: reserved for VMMs */
#define DEBUG_EXIT_PORT 0xf4       /* the port ukos-run configures */

static bool under_qemu;

/* TCG and KVM (the accelerators QEMU runs us with) sign leaf 0x40000000;
 * bare metal has no hypervisor bit, so we never write to a port blind. */
void x86_qemu_detect(void)
{
	uint32_t r[4];
	char sig[13];

	cpuid(1, 0, r);
	if (!(r[2] & CPUID1_ECX_HYPERVISOR))
		return;
	cpuid(HYPERVISOR_LEAF, 0, r);
	memcpy(sig, &r[1], 4);
	memcpy(sig + 4, &r[2], 4);
	memcpy(sig + 8, &r[3], 4);
	sig[12] = '\0';
	under_qemu = strcmp(sig, "TCGTCGTCGTCG") == 0 ||
		     memcmp(sig, "KVMKVMKVM", 9) == 0;
}

bool arch_under_qemu(void)
{
	return under_qemu;
}

void arch_debug_exit(int code)
{
	arch_outl(DEBUG_EXIT_PORT, (uint32_t)code);
}

void arch_halt(void)
{
	for (;;)
		__asm__ volatile("cli; hlt");
}

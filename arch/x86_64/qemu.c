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
/* An isa-debugcon ukos-run adds for statuses of 128 and more (a signal's
 * 128 + N), which QEMU's (code << 1) | 1 cannot carry in the 8 bits of a
 * process status; it reads back 0xe9 like every debugcon. */
#define STATUS_PORT   0x4f0
#define DEBUGCON_ECHO 0xe9
/* QEMU's firmware configuration device (docs/specs/fw_cfg.rst): select
 * item 0, the signature, then read "QEMU" from the data port. */
#define FW_CFG_SELECTOR  0x510
#define FW_CFG_DATA      0x511
#define FW_CFG_SIGNATURE 0

static bool under_qemu;

static bool fw_cfg_says_qemu(void)
{
	char sig[4];

	arch_outw(FW_CFG_SELECTOR, FW_CFG_SIGNATURE);
	for (int i = 0; i < 4; i++)
		sig[i] = (char)arch_inb(FW_CFG_DATA);
	return memcmp(sig, "QEMU", 4) == 0;
}

/* TCG and KVM (the accelerators QEMU runs us with) sign leaf 0x40000000;
 * older machine types leave TCG's leaf out, but QEMU's fw_cfg device is
 * there. Bare metal has no hypervisor bit, so we never touch a port
 * blind. */
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
		     memcmp(sig, "KVMKVMKVM", 9) == 0 || fw_cfg_says_qemu();
}

bool arch_under_qemu(void)
{
	return under_qemu;
}

/* The status in decimal and a newline, if the device is there. */
static void write_status(int code)
{
	char digits[12];
	int n = 0;

	if (arch_inb(STATUS_PORT) != DEBUGCON_ECHO)
		return;
	do
		digits[n++] = (char)('0' + code % 10);
	while ((code /= 10) && n < (int)sizeof(digits));
	while (n)
		arch_outb(STATUS_PORT, (uint8_t)digits[--n]);
	arch_outb(STATUS_PORT, '\n');
}

void arch_debug_exit(int code)
{
	if (code > 127)
		write_status(code);
	arch_outl(DEBUG_EXIT_PORT, (uint32_t)code);
}

void arch_halt(void)
{
	for (;;)
		__asm__ volatile("cli; hlt");
}

/* SPDX-License-Identifier: MIT */
/*
 * arch_boot.c: the first C code. Makes the CPU safe to run C on (canary,
 * GDT/TSS, exception table), turns the loader's structures into a struct
 * bootinfo and hands over to kmain().
 */
#include <stdint.h>
#include <ukos/bootinfo.h>
#include <ukos/crash.h>
#include <ukos/kmain.h>

#include "cpu.h"

#define BOOT_MB2 1 /* as boot.S passes them */
#define BOOT_PVH 2

static struct bootinfo bootinfo;

__attribute__((no_stack_protector, noreturn)) void arch_boot(uint32_t protocol,
							     uint32_t info)
{
	int err;

	x86_ssp_init(); /* canary first: everything after is protected */
	x86_gdt_init(); /* TSS with the fault stacks */
	x86_idt_init(); /* from here every exception prints a crash report */
	x86_qemu_detect();
	if (protocol == BOOT_PVH)
		err = bootinfo_from_pvh(&bootinfo, info,
					&bootinfo_phys_identity);
	else
		err = bootinfo_from_multiboot2(&bootinfo, info,
					       &bootinfo_phys_identity);
	if (err)
		ukos_panic("malformed boot information from the %s loader (%d)",
			   protocol == BOOT_PVH ? "PVH" : "multiboot2", err);
	bootinfo.info_pa = info;
	kmain(&bootinfo);
}

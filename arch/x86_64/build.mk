# SPDX-License-Identifier: MIT
# arch/x86_64: boot entry, CPU set-up, traps, paging. Built like kernel/.
ARCH_SRCS := $(addprefix arch/x86_64/, boot.S traps.S arch_boot.c gdt.c \
	idt.c io.c paging.c qemu.c reset.c ssp.c stack.c trap.c tsc.c \
	fpu.c ioapic.c irq.c irq_stubs.S lapic.c pic.c pvclock.c switch.S)

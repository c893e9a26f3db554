# SPDX-License-Identifier: MIT
# kernel/: portable kernel code and drivers (no SSE: may run in interrupts).
KERNEL_SRCS := $(addprefix kernel/drivers/, pci.c pci_mcfg.c virtio.c virtio_mmio.c \
	virtio_mmio_find.c virtio_pci.c virtio_pci_modern.c virtio_pci_legacy.c \
	virtqueue.c) $(addprefix kernel/, acpi.c acpi_gas.c acpi_poweroff.c acpi_reset.c bootinfo_dump.c \
	bootinfo_mb2.c bootinfo_phys.c bootinfo_pvh.c clock.c cmdline.c \
	irq.c kmutex.c madt.c mptable.c sched.c thread.c timer.c timer_heap.c \
	tqueue.c waitq.c \
	console.c cpio.c crash.c debugcon.c exit.c fbcon.c fbcon_draw.c font5x7.c initrd.c kmain.c kprintf.c ksyms.c mem.c options.c \
	physmem.c rtc_cmos.c uart16550.c)

/* SPDX-License-Identifier: MIT */
/*
 * arch.h: THE boundary between portable ukos code and the CPU and board.
 * Implemented only under arch/<cpu>/; nothing else in kernel/, lib/ or net/
 * contains inline assembly or touches CPU registers.
 */
#ifndef UKOS_ARCH_H
#define UKOS_ARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct bootinfo;
struct physmem;

/* Port I/O (ISA devices: 16550, CMOS, ACPI PM1 blocks). Any context. */
void arch_outb(uint16_t port, uint8_t v);
void arch_outw(uint16_t port, uint16_t v);
void arch_outl(uint16_t port, uint32_t v);
uint8_t arch_inb(uint16_t port);
uint16_t arch_inw(uint16_t port);
uint32_t arch_inl(uint16_t port);

/* A spin-wait hint (PAUSE): lets a sibling thread or the host run. */
void arch_cpu_relax(void);

/* Time stamp counter; monotonic per CPU. Any context. */
uint64_t arch_cycles(void);

/* TSC value read by the image's very first instructions. */
uint64_t arch_boot_cycles(void);

/*
 * TSC frequency in Hz: from CPUID leaf 0x15/0x16 or the hypervisor's timing
 * leaf when the CPU tells, else measured once against the PIT (about 0.5 ms,
 * on first use, not at boot). Thread context.
 */
uint64_t arch_cycles_hz(void);

/*
 * Build ukos's own page tables — image text RX, rodata R, data RW, the
 * first ARCH_NULL_GUARD bytes absent, all RAM of bi and the low 4 GiB
 * RW+NX (MMIO uncached) — taking table pages from pm, and switch to them.
 * pm stays in use for later arch_mm_unmap_page() splits. Nothing may be
 * read below ARCH_NULL_GUARD afterwards: the boot-info parsers have
 * copied what the loader left there.
 * Boot context, once.
 */
void arch_mm_init(struct physmem *pm, const struct bootinfo *bi);

#define ARCH_PAGE_SIZE 4096u

/* Addresses below this fault: NULL, and NULL plus a field's offset or an
 * index (64 KiB, Linux's default vm.mmap_min_addr). */
#define ARCH_NULL_GUARD 0x10000u

/* Make the 4 KiB page of RAM at va not present (a stack guard). Returns 0,
 * or -ENOMEM when no page is left for the table this needs. Boot or
 * thread context. */
int arch_mm_unmap_page(uintptr_t va);

/* Map the RAM page at va again (read/write, not executable), undoing
 * arch_mm_unmap_page. Thread context. */
void arch_mm_map_page(uintptr_t va);

/* Call fn(arg) on the stack [base, base + size), never returning. */
__attribute__((noreturn)) void arch_run_on_stack(void (*fn)(void *), void *arg,
						 uintptr_t base, size_t size);

/* Call fn(arg) with the stack pointer at top (another stack: a signal
 * handler's sigaltstack) and return on the caller's own. Any context. */
void arch_call_on_stack(void (*fn)(void *), void *arg, uintptr_t top);

/*
 * Threads. A stack that a first arch_thread_switch() to it starts in
 * sched_thread_start() (kernel/sched.c), with a clean frame chain; returns
 * the stack pointer to switch to. Any context.
 */
uintptr_t arch_thread_stack_init(uintptr_t base, size_t size);

/*
 * Save the caller's callee-saved registers and FPU control words (MXCSR,
 * x87 CW) on its stack, store its stack pointer in *save_sp, and continue
 * the thread whose saved stack pointer is sp. Returns when some thread
 * switches back. Interrupts disabled.
 */
void arch_thread_switch(uintptr_t *save_sp, uintptr_t sp);

/* A random 64-bit value from the CPU's generator (RDSEED/RDRAND).
 * Returns 0, or -ENOSYS if the CPU has none, -EIO if it keeps failing.
 * Any context. */
int arch_random(uint64_t *out);

/*
 * Interrupts. Vectors: GSI n arrives on ARCH_IRQ_VECTOR(n); the arch code
 * calls irq_dispatch(gsi) and timer_interrupt() (kernel/) for them, with
 * interrupts off, on the interrupted thread's stack (below its red zone),
 * with all its registers and FPU state saved there, between
 * sched_irq_enter() and sched_irq_exit() — which may switch threads.
 */
struct madt_info;

/* Bring up the local APIC and the I/O APICs mi names (mi may be NULL:
 * local APIC only) and mask the legacy PICs. Boot context, once. */
void arch_irq_init(const struct madt_info *mi);

/* Route gsi to this CPU, with its trigger mode and polarity, unmasked.
 * Returns 0, or -ENOENT if no I/O APIC serves gsi. */
int arch_irq_unmask(unsigned gsi, bool level, bool active_low);

/* Mask gsi at its I/O APIC. */
void arch_irq_mask(unsigned gsi);

/* Message-signalled interrupts (PCI MSI/MSI-X): the address and data a
 * device writes to raise interrupt n (0 .. ARCH_MSI_MAX - 1) on this CPU;
 * the arch code then calls irq_msi_dispatch(n). Any context. */
#define ARCH_MSI_MAX 15
void arch_msi_message(unsigned n, uint64_t *addr, uint32_t *data);

/* Interrupts on this CPU: save-and-disable, restore, enable. */
unsigned long arch_irq_save(void);
void arch_irq_restore(unsigned long flags);
void arch_irq_enable(void);
/* Whether interrupts are enabled on this CPU now. */
bool arch_irq_enabled(void);

/* With interrupts disabled: enable them and halt until one arrives, as one
 * step (no wake-up can be lost in between); return with them disabled. */
void arch_wait_for_interrupt(void);

/* Fire timer_interrupt() once at TSC value deadline (TSC-deadline mode
 * where the CPU has it, else the local APIC's one-shot count); 0 stops
 * the timer. Interrupts disabled. */
void arch_timer_set(uint64_t deadline_cycles);

/* True when a hypervisor that honours isa-debug-exit (QEMU) is detected. */
bool arch_under_qemu(void);

/* Leave the VM through QEMU's isa-debug-exit with status code. Returns if
 * there was no such device. */
void arch_debug_exit(int code);

/* Reset the machine the legacy PC ways (chipset reset control, keyboard
 * controller). Returns if neither worked. */
void arch_reset(void);

/* Stop this CPU for good: interrupts off, halt forever. */
__attribute__((noreturn)) void arch_halt(void);

/*
 * Print the caller's backtrace through print(addr) — one call per frame,
 * innermost first, at most max frames, from the frame pointer chain.
 */
void arch_backtrace_here(void (*print)(uintptr_t addr), int max);

#endif

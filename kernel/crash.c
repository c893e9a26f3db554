/* SPDX-License-Identifier: MIT */
/*
 * crash.c: printing the crash report and ending the VM (see crash.h).
 */
#include <stdarg.h>
#include <ukos/arch.h>
#include <ukos/console.h>
#include <ukos/crash.h>
#include <ukos/exit.h>
#include <ukos/thread.h>

#define BACKTRACE_MAX 32

static int crashing;
static int frame_no;

void crash_begin(void)
{
	arch_irq_save(); /* nothing else runs from here on */
	if (crashing++) {
		/* The report itself faulted: say so and stop here. */
		kprintf("\nukos: CRASH while printing a crash report\n");
		kernel_exit_now(UKOS_EXIT_CRASH);
	}
	console_emergency();
	frame_no = 0;
	kprintf("\nukos: CRASH: ");
}

static void print_symbol(uintptr_t addr)
{
	uintptr_t off;
	const char *name = ksym_lookup(addr, &off);

	if (name)
		kprintf(" %s+0x%lx", name, (unsigned long)off);
	else
		kprintf(" ?");
}

void crash_addr(const char *label, uintptr_t addr)
{
	kprintf("%s: 0x%016lx", label, (unsigned long)addr);
	print_symbol(addr);
	kprintf("\n");
}

void crash_frame(uintptr_t addr)
{
	if (frame_no == 0)
		kprintf("backtrace:\n");
	kprintf("  #%-2d 0x%016lx", frame_no, (unsigned long)addr);
	/* A return address points after its call; look up the call. */
	print_symbol(frame_no ? addr - 1 : addr);
	kprintf("\n");
	frame_no++;
}

/* Which thread crashed, and what every thread was doing. */
static void report_threads(void)
{
	struct thread *t = sched_current();

	if (!t)
		return;
	kprintf("thread: %s (id %u)\n", t->name, t->id);
	thread_report_all();
}

void crash_end(void)
{
	crash_end_status(UKOS_EXIT_CRASH);
}

void crash_end_status(int status)
{
	report_threads();
	kernel_exit_now(status);
}

void crash_fault_address(uintptr_t addr)
{
	struct thread *t = thread_by_guard(addr);

	if (t)
		kprintf("stack overflow in thread '%s' (id %u): 0x%lx is its "
			"guard page\n",
			t->name, t->id, (unsigned long)addr);
}

void ukos_panic(const char *fmt, ...)
{
	va_list ap;

	crash_begin();
	va_start(ap, fmt);
	kvprintf(fmt, ap);
	va_end(ap);
	kprintf("\n");
	arch_backtrace_here(crash_frame, BACKTRACE_MAX);
	crash_end();
}

/* GCC calls this when a function's canary was overwritten. */
__attribute__((noreturn)) void __stack_chk_fail(void)
{
	ukos_panic("stack smashing detected");
}

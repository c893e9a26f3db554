/* SPDX-License-Identifier: MIT */
/*
 * crash: each way a program can die must end in a crash report naming
 * the faulting function, and status 112 — never a hang or a reboot.
 * argv[1] picks the fault.
 */
#include <assert.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ukos.h>

/* noipa: no inlining, cloning (".constprop") or other interprocedural
 * changes, so each fault happens in the function named for it. */
#define NOINLINE __attribute__((noipa))

static volatile int zero;
static volatile uintptr_t null_addr;

NOINLINE static int crash_null_read(void)
{
	return *(volatile int *)null_addr;
}

NOINLINE static void crash_null_write(void)
{
	*(volatile int *)null_addr = 1;
}

NOINLINE static int crash_divide(void)
{
	return 100 / zero;
}

NOINLINE static void crash_ud2(void)
{
	__builtin_trap();
}

NOINLINE static void crash_write_text(void)
{
	volatile uint8_t *code = (volatile uint8_t *)(uintptr_t)&crash_ud2;
	*code = 0x90;
}

NOINLINE static void crash_exec_heap(void)
{
	uint8_t *buf = malloc(64);
	buf[0] = 0xc3; /* ret: harmless if it ever ran */
	((void (*)(void))(uintptr_t)buf)();
	__asm__ volatile("" ::: "memory"); /* not a tail call */
}

NOINLINE static void crash_abort(void)
{
	abort();
}

NOINLINE static void crash_assert(void)
{
	assert(zero == 1);
}

NOINLINE static void crash_stack_protector(const char *src, size_t n)
{
	char buf[16];
	memcpy(buf, src, n); /* n > sizeof(buf): the canary is hit */
	printf("%s\n", buf);
}

/* Never reached: the guard page under the stack ends the recursion. */
static volatile int depth_limit = 1 << 30;

NOINLINE static int crash_recurse(int depth)
{
	volatile char pad[1024];
	pad[0] = (char)depth;
	if (depth < depth_limit)
		return crash_recurse(depth + 1) + pad[0];
	return pad[0];
}

/* One frame of 1 MiB, twice the main stack and four times a thread's: the
 * compiler's probes must meet the guard page on the way down instead of
 * writing past it into whatever lies below the stack. */
NOINLINE static int crash_stack_clash(int i)
{
	volatile char big[1 << 20];
	big[i] = 1;
	return big[i];
}

static void *stack_clash_thread(void *arg)
{
	(void)arg;
	crash_stack_clash(0);
	return NULL;
}

NOINLINE static void crash_stack_clash_thread(void)
{
	pthread_t t;
	pthread_attr_t a;

	pthread_attr_init(&a);
	pthread_attr_setstacksize(&a, 256 << 10);
	pthread_create(&t, &a, stack_clash_thread, NULL);
	pthread_join(t, NULL);
}

/* Use about kib KiB of stack, 1 KiB a frame. */
NOINLINE static int use_stack(int kib)
{
	volatile char pad[1000];
	pad[0] = (char)kib;
	return kib ? use_stack(kib - 1) + pad[0] : 0;
}

int main(int argc, char **argv)
{
	static const char big[64] = "this string is far longer than 16 bytes";
	const char *what = argc > 1 ? argv[1] : "";

	printf("crashing: %s\n", what);
	/* No "return f()": a tail call would take main off the backtrace. */
	if (!strcmp(what, "null-read"))
		crash_null_read();
	else if (!strcmp(what, "null-write"))
		crash_null_write();
	else if (!strcmp(what, "divide"))
		crash_divide();
	else if (!strcmp(what, "ud2"))
		crash_ud2();
	else if (!strcmp(what, "write-text"))
		crash_write_text();
	else if (!strcmp(what, "exec-heap"))
		crash_exec_heap();
	else if (!strcmp(what, "abort"))
		crash_abort();
	else if (!strcmp(what, "assert"))
		crash_assert();
	else if (!strcmp(what, "stack-protector"))
		crash_stack_protector(big, sizeof(big));
	else if (!strcmp(what, "stack-overflow"))
		crash_recurse(0);
	else if (!strcmp(what, "stack-clash"))
		crash_stack_clash(0);
	else if (!strcmp(what, "stack-clash-thread"))
		crash_stack_clash_thread();
	else if (!strcmp(what, "low") && argc > 2) {
		null_addr = strtoul(argv[2], NULL, 0);
		crash_null_read();
	} else if (!strcmp(what, "deep") && argc > 2) {
		volatile int r = use_stack(atoi(argv[2]));
		(void)r;
		printf("PASS deep %s KiB\n", argv[2]);
		return 0;
	}
	printf("FAIL crash: '%s' did not crash\n", what);
	return 1;
}

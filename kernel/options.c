/* SPDX-License-Identifier: MIT */
/*
 * options.c: the boot command line — kernel options before "--" are
 * applied (an unknown one is reported, never silently ignored), the
 * words after it become the application's argv.
 */
#include <errno.h>
#include <string.h>
#include <ukos/bootinfo.h>
#include <ukos/console.h>
#include <ukos/options.h>

extern const struct kernel_option __kopts_start[], __kopts_end[];

static char buf[BOOTINFO_CMDLINE_MAX];
static bool dump_requested;

static int set_dumpboot(const char *v)
{
	(void)v;
	dump_requested = true;
	return 0;
}
KERNEL_OPTION(dumpboot, "ukos.dumpboot", set_dumpboot,
	      "print the loader's raw boot structures (for tests)");

static void report(const char *key, const char *why)
{
	kprintf("ukos: kernel option '%s': %s (ignored)\n", key, why);
}

static void emit_line(const char *line)
{
	kprintf("%s\n", line);
}

/* argv[0] is the application's name; the split left argv[0] for the
 * first user argument, so shift by one. A copy: C lets the program
 * modify its argv strings (C11 §5.1.2.2.1), and programs do (Redis
 * writes its title there). */
static void add_app_name(struct cmdline *cl)
{
	static char argv0[256];

	if (cl->argc == CMDLINE_MAX_ARGS) {
		kprintf("ukos: more than %d arguments, the last one dropped\n",
			CMDLINE_MAX_ARGS - 1);
		cl->argc--;
		cl->argv[cl->argc] = NULL;
	}
	memmove(&cl->argv[1], &cl->argv[0], (cl->argc + 1) * sizeof(char *));
	ksnprintf(argv0, sizeof(argv0), "%s", ukos_app_name);
	cl->argv[0] = argv0;
	cl->argc++;
}

/* argv[0] when the link did not name the app (ukos.pc's plain link; the
 * Makefile and ukos-cc compile the name in, which takes precedence). */
__attribute__((weak)) const char ukos_app_name[] = "app";

void options_init(const struct bootinfo *bi, struct cmdline *cl)
{
	int err;

	memcpy(buf, bi->cmdline, sizeof(buf));
	buf[sizeof(buf) - 1] = '\0';
	if (bi->cmdline_truncated)
		kprintf("ukos: command line longer than %d bytes, cut short\n",
			BOOTINFO_CMDLINE_MAX - 1);
	err = cmdline_split(buf, cl);
	if (err)
		kprintf("ukos: command line: %s; using what came before it\n",
			err == -E2BIG
				? "too many options, variables or arguments"
				: "unclosed quote");
	cmdline_apply(cl, __kopts_start, __kopts_end, report);
	add_app_name(cl);
	if (dump_requested)
		bootinfo_dump(bi->info_pa, strcmp(bi->loader, "pvh") == 0,
			      emit_line);
}

/* SPDX-License-Identifier: MIT */
/*
 * kmain.c: bring the kernel up in order, then run the application.
 */
#include <ukos/acpi.h>
#include <ukos/arch.h>
#include <ukos/cmdline.h>
#include <ukos/console.h>
#include <ukos/fbcon.h>
#include <ukos/initrd.h>
#include <ukos/irq.h>
#include <ukos/kmain.h>
#include <ukos/mem.h>
#include <ukos/options.h>
#include <ukos/thread.h>

static struct cmdline cmdline;
const char *ukos_boot_loader_name;

static void run_app(void *arg)
{
	struct cmdline *cl = arg;
	ukos_app_start(cl->argc, cl->argv, cl->env);
}

void kmain(const struct bootinfo *bi)
{
	struct mem_stack stack;

	ukos_boot_loader_name = bi->loader;
	console_init();             /* serial console: output from here on */
	options_init(bi, &cmdline); /* kernel options applied, argv kept */
	mem_setup(bi, &stack);      /* page tables, main stack, heap */
	fbcon_init(bi);             /* the screen too, if the loader set one */
	initrd_init(bi);            /* the root file system's archive */
	acpi_init(bi);              /* find the RSDP for power-off */
	sched_init(&stack);         /* we are "main"; the idle thread */
	irq_init();                 /* APICs from the MADT, PICs masked */
	arch_irq_enable();          /* timers and devices may interrupt */
	arch_run_on_stack(run_app, &cmdline, stack.base, stack.size);
}

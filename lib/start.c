/* SPDX-License-Identifier: MIT */
/*
 * start.c: the application's start — stdio fds, the environment,
 * constructors, main(), exit() with its result (which flushes stdio and
 * ends the VM).
 */
#include <stdlib.h>
#include <ukos/arch.h>
#include <ukos/kmain.h>

#include "env/environ.h"
#include "fd.h"

int main(int argc, char **argv);

extern void (*const __init_array_start[])(void);
extern void (*const __init_array_end[])(void);

uint64_t ukos_main_cycles;

void ukos_app_start(int argc, char **argv, char **envp)
{
	console_files_init();
	env_init(envp);
	env_progname(argc > 0 ? argv[0] : NULL);
	for (void (*const *f)(void) = __init_array_start; f < __init_array_end;
	     f++)
		(*f)();
	ukos_main_cycles = arch_cycles();
	exit(main(argc, argv));
}

/* SPDX-License-Identifier: MIT */
/*
 * ukos_api.c: the ukos.h extras for applications.
 */
#include <ukos.h>
#include <ukos/arch.h>
#include <ukos/clock.h>
#include <ukos/kmain.h>

uint64_t ukos_boot_to_main_ns(void)
{
	return clock_cycles_to_ns(ukos_main_cycles - arch_boot_cycles());
}

uint64_t ukos_uptime_ns(void)
{
	return clock_uptime_ns();
}

const char *ukos_boot_loader(void)
{
	return ukos_boot_loader_name;
}

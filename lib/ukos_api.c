/* SPDX-License-Identifier: MIT */
/*
 * ukos_api.c: the ukos.h extras for applications.
 */
#include <ukos.h>
#include <ukos/arch.h>
#include <ukos/clock.h>
#include <ukos/irq.h>
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

void ukos_irq_stats(struct ukos_irq_stats *out)
{
	unsigned long flags = arch_irq_save();

	out->timer = irq_stats.timer;
	out->device = irq_stats.device;
	out->spurious = irq_stats.spurious;
	out->unexpected = irq_stats.unexpected;
	arch_irq_restore(flags);
}

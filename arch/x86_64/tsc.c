/* SPDX-License-Identifier: MIT */
/*
 * tsc.c: the TSC's frequency. CPUID tells it on recent CPUs (leaf 0x15
 * crystal ratio, leaf 0x16 base MHz) and hypervisors (leaf 0x40000010, the
 * de-facto VMware/KVM timing leaf), and KVM's kvmclock does (pvclock.c);
 * otherwise it is measured once, briefly, against the PIT — on first use,
 * never on the boot path.
 */
#include <ukos/arch.h>

#include "cpu.h"

#define PIT_HZ                 1193182 /* 8254 input clock */
#define PIT_CH0                0x40
#define PIT_CMD                0x43
#define PIT_CMD_CH0_LOHI_MODE0 0x30
#define PIT_CMD_LATCH_CH0      0x00
#define CALIBRATE_TICKS        597 /* 0.5 ms of PIT input clock: ~0.3% */
#define FALLBACK_HZ            1000000000ull

static uint64_t tsc_hz;

static uint64_t from_cpuid(void)
{
	uint32_t r[4];

	cpuid(0, 0, r);
	uint32_t max = r[0];
	if (max >= 0x15) {
		cpuid(0x15, 0, r); /* TSC/crystal = ebx/eax; ecx = crystal Hz */
		if (r[0] && r[1] && r[2])
			return (uint64_t)r[2] * r[1] / r[0];
	}
	if (max >= 0x16) {
		cpuid(0x16, 0, r);
		if (r[0])
			return (uint64_t)r[0] * 1000000;
	}
	cpuid(1, 0, r);
	if (r[2] & CPUID1_ECX_HYPERVISOR) {
		cpuid(0x40000000, 0, r);
		if (r[0] >= 0x40000010) {
			cpuid(0x40000010, 0, r);
			if (r[0])
				return (uint64_t)r[0] * 1000; /* kHz */
		}
	}
	return 0;
}

static uint16_t pit_read(void)
{
	arch_outb(PIT_CMD, PIT_CMD_LATCH_CH0);
	uint8_t lo = arch_inb(PIT_CH0);
	uint8_t hi = arch_inb(PIT_CH0);
	return (uint16_t)(hi << 8 | lo);
}

/* Count the PIT's channel 0 down from 0xffff in mode 0 and time a fixed
 * number of its ticks with the TSC. Interrupts are off, so IRQ0 at the
 * terminal count goes nowhere. A missing PIT (reads that never change) is
 * detected by a TSC bound and gives 0. */
static uint64_t from_pit(void)
{
	arch_outb(PIT_CMD, PIT_CMD_CH0_LOHI_MODE0);
	arch_outb(PIT_CH0, 0xff);
	arch_outb(PIT_CH0, 0xff);

	uint16_t start = pit_read();
	uint64_t t0 = rdtsc(), t1;
	for (;;) {
		uint16_t now = pit_read();
		t1 = rdtsc();
		if ((uint16_t)(start - now) >= CALIBRATE_TICKS)
			break;
		if (t1 - t0 > (1ull << 32)) /* > 1 s at 4 GHz: no PIT */
			return 0;
	}
	return (t1 - t0) * PIT_HZ / CALIBRATE_TICKS;
}

uint64_t arch_cycles_hz(void)
{
	if (!tsc_hz)
		tsc_hz = from_cpuid();
	if (!tsc_hz)
		tsc_hz = x86_kvmclock_hz();
	if (!tsc_hz)
		tsc_hz = from_pit();
	if (!tsc_hz)
		tsc_hz = FALLBACK_HZ;
	return tsc_hz;
}

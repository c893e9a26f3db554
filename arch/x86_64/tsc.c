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
#define CALIBRATE_TRIES        8
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

/* A PIT reading and when it was taken: halfway between the TSC before and
 * after it, within width cycles. A wide one was interrupted (a virtual
 * CPU descheduled by its host, say), and so says little of when. */
struct pit_sample {
	uint16_t count;
	uint64_t tsc, width;
};

static void pit_sample(struct pit_sample *s)
{
	uint64_t before = rdtsc();

	s->count = pit_read();
	s->width = rdtsc() - before;
	s->tsc = before + s->width / 2;
}

/* Count the PIT's channel 0 down from 0xffff in mode 0 and time at least
 * CALIBRATE_TICKS of its ticks with the TSC: the TSC's Hz, with *error the
 * cycles by which the two ends' times may be off. Interrupts are off, so
 * IRQ0 at the terminal count goes nowhere. A missing PIT (reads that
 * never change) is detected by a TSC bound and gives 0. */
static uint64_t pit_window(uint64_t *error)
{
	struct pit_sample a, b;

	arch_outb(PIT_CMD, PIT_CMD_CH0_LOHI_MODE0);
	arch_outb(PIT_CH0, 0xff);
	arch_outb(PIT_CH0, 0xff);
	pit_sample(&a);
	do {
		pit_sample(&b);
		if (b.tsc - a.tsc > (1ull << 32)) /* > 1 s at 4 GHz: no PIT */
			return 0;
	} while ((uint16_t)(a.count - b.count) < CALIBRATE_TICKS);
	*error = a.width + b.width;
	return (b.tsc - a.tsc) * PIT_HZ / (uint16_t)(a.count - b.count);
}

/* The PIT's measure of the TSC, from a window whose ends were read
 * promptly: under a busy host one read in a window can take as long as
 * the window (a clock off by half, sleeps twice as long). A window whose
 * ends may be off by more than 1/64 of it is measured again, and after
 * CALIBRATE_TRIES the most precise one is taken. */
static uint64_t from_pit(void)
{
	uint64_t best = 0, best_error = ~0ull;

	for (int i = 0; i < CALIBRATE_TRIES; i++) {
		uint64_t error, hz = pit_window(&error);
		uint64_t cycles = hz * CALIBRATE_TICKS / PIT_HZ;
		if (!hz)
			return 0;
		if (error < best_error)
			best = hz, best_error = error;
		if (error <= cycles / 64)
			break;
	}
	return best;
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

/* SPDX-License-Identifier: MIT */
/*
 * lapic.c: this CPU's local APIC (Intel SDM 3A ch. 10/11): x2APIC through
 * MSRs where the CPU has it, else xAPIC through MMIO; end of interrupt;
 * the one-shot timer, in TSC-deadline mode where available.
 */
#include <stdbool.h>
#include <stdint.h>
#include <ukos/arch.h>

#include "cpu.h"
#include "irq_arch.h"

#define MSR_APIC_BASE    0x1b
#define APIC_BASE_ENABLE (1u << 11)
#define APIC_BASE_X2APIC (1u << 10)
#define MSR_TSC_DEADLINE 0x6e0
#define MSR_X2APIC_BASE  0x800 /* + register offset / 16 */

/* Register offsets, SDM 3A Table 11-1. */
#define REG_ID           0x20
#define REG_TPR          0x80
#define REG_EOI          0xb0
#define REG_SVR          0xf0
#define REG_LVT_TIMER    0x320
#define REG_TIMER_INIT   0x380
#define REG_TIMER_CUR    0x390
#define REG_TIMER_DIV    0x3e0
#define SVR_ENABLE       (1u << 8)
#define LVT_MASKED       (1u << 16)
#define LVT_TSC_DEADLINE (2u << 17)
#define TIMER_DIV_1      0xb

static bool x2apic;
static bool tsc_deadline;
static volatile uint32_t *mmio;
static uint64_t lapic_hz; /* one-shot count rate, measured on first use */

static void lapic_write(unsigned reg, uint32_t v)
{
	if (x2apic)
		wrmsr(MSR_X2APIC_BASE + reg / 16, v);
	else
		mmio[reg / 4] = v;
}

static uint32_t lapic_read(unsigned reg)
{
	return x2apic ? (uint32_t)rdmsr(MSR_X2APIC_BASE + reg / 16)
		      : mmio[reg / 4];
}

void x86_lapic_init(uint64_t madt_addr)
{
	uint32_t r[4];
	uint64_t base = rdmsr(MSR_APIC_BASE);

	cpuid(1, 0, r);
	x2apic = r[2] & CPUID1_ECX_X2APIC;
	tsc_deadline = r[2] & CPUID1_ECX_TSC_DEADLINE;
	base |= APIC_BASE_ENABLE;
	if (x2apic)
		base |= APIC_BASE_X2APIC;
	wrmsr(MSR_APIC_BASE, base);
	/* The MSR is authoritative; the MADT's copy is a fallback. */
	uint64_t pa = base & 0xffffff000ull;
	mmio = (volatile uint32_t *)(uintptr_t)(pa ? pa : madt_addr);
	lapic_write(REG_TPR, 0);
	lapic_write(REG_SVR, SVR_ENABLE | VEC_SPURIOUS);
	lapic_write(REG_LVT_TIMER, LVT_MASKED | VEC_TIMER);
}

void x86_lapic_eoi(void)
{
	lapic_write(REG_EOI, 0);
}

/* xAPIC keeps the ID in bits 31:24 of its ID register; x2APIC uses all
 * 32 (SDM 3A §10.4.6, §10.12.5.1). */
uint32_t x86_lapic_id(void)
{
	uint32_t id = lapic_read(REG_ID);

	return x2apic ? id : id >> 24;
}

/* Count the one-shot timer against the TSC for ~100 µs (interrupts are
 * off; the timer is masked while measuring). */
static uint64_t measure_lapic_hz(void)
{
	uint64_t hz = arch_cycles_hz(), t0, t1;

	lapic_write(REG_LVT_TIMER, LVT_MASKED | VEC_TIMER);
	lapic_write(REG_TIMER_DIV, TIMER_DIV_1);
	lapic_write(REG_TIMER_INIT, 0xffffffff);
	t0 = rdtsc();
	while ((t1 = rdtsc()) - t0 < hz / 10000)
		;
	uint32_t left = lapic_read(REG_TIMER_CUR);
	lapic_write(REG_TIMER_INIT, 0);
	return (uint64_t)(0xffffffffu - left) * hz / (t1 - t0);
}

void arch_timer_set(uint64_t deadline)
{
	if (tsc_deadline) {
		lapic_write(REG_LVT_TIMER, LVT_TSC_DEADLINE | VEC_TIMER);
		wrmsr(MSR_TSC_DEADLINE, deadline);
		return;
	}
	if (!deadline) {
		lapic_write(REG_TIMER_INIT, 0);
		return;
	}
	if (!lapic_hz)
		lapic_hz = measure_lapic_hz();
	uint64_t now = rdtsc(), hz = arch_cycles_hz();
	uint64_t cycles = deadline > now ? deadline - now : 1;
	uint64_t count = cycles / hz * lapic_hz + cycles % hz * lapic_hz / hz;
	lapic_write(REG_LVT_TIMER, VEC_TIMER); /* one-shot */
	lapic_write(REG_TIMER_DIV, TIMER_DIV_1);
	lapic_write(REG_TIMER_INIT, count == 0            ? 1
				    : count > 0xffffffffu ? 0xffffffffu
							  : (uint32_t)count);
}

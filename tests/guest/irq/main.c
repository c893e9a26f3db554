/* SPDX-License-Identifier: MIT */
/*
 * irq: a device interrupt travels the whole way — the RTC's periodic
 * interrupt (ISA IRQ 8, MC146818A register B PIE) through the MADT's
 * routing and the I/O APIC to a handler registered with irq_register() —
 * while the app sleeps; bad registrations are refused; an interrupt
 * nobody registered for is reported and masked, not fatal.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>
#include <ukos.h>

/* Kernel interfaces (kernel/include/ukos/irq.h, arch.h): a test may use
 * them; applications have no need to. */
int irq_register(unsigned gsi, void (*handler)(void *arg), void *arg,
		 bool level, bool active_low);
unsigned irq_isa(unsigned isa_irq, bool *level, bool *active_low);
int arch_irq_unmask(unsigned gsi, bool level, bool active_low);
void arch_outb(uint16_t port, uint8_t v);
uint8_t arch_inb(uint16_t port);

#define CMOS_INDEX 0x70
#define CMOS_DATA  0x71
#define NMI_OFF    0x80
#define RTC_A      0x0a
#define RTC_B      0x0b
#define RTC_C      0x0c
#define RTC_A_2HZ  0x2f /* 32.768 kHz base, rate 15: 2 Hz */
#define RTC_B_PIE  0x40

static volatile unsigned ticks;

static uint8_t cmos_read(uint8_t reg)
{
	arch_outb(CMOS_INDEX, NMI_OFF | reg);
	return arch_inb(CMOS_DATA);
}

static void cmos_write(uint8_t reg, uint8_t v)
{
	arch_outb(CMOS_INDEX, NMI_OFF | reg);
	arch_outb(CMOS_DATA, v);
}

/* Reading register C acknowledges the interrupt; without it the RTC
 * raises no more. */
static void rtc_interrupt(void *arg)
{
	(void)arg;
	cmos_read(RTC_C);
	ticks++;
}

static void nothing(void *arg)
{
	(void)arg;
}

/* An interrupt nobody registered for: reported once, masked, survived. */
static int unexpected(unsigned gsi, bool level, bool low)
{
	struct ukos_irq_stats st;
	struct timespec one = { 1, 0 };

	arch_irq_unmask(gsi, level, low); /* behind irq_register's back */
	cmos_write(RTC_A, RTC_A_2HZ);
	cmos_write(RTC_B, cmos_read(RTC_B) | RTC_B_PIE);
	cmos_read(RTC_C);
	nanosleep(&one, NULL);
	cmos_write(RTC_B, cmos_read(RTC_B) & ~RTC_B_PIE);
	ukos_irq_stats(&st);
	printf("unexpected interrupts: %llu\n",
	       (unsigned long long)st.unexpected);
	if (st.unexpected != 1)
		return 1;
	printf("PASS irq unexpected\n");
	return 0;
}

int main(int argc, char **argv)
{
	bool level, low;
	unsigned gsi = irq_isa(8, &level, &low);
	struct ukos_irq_stats st;
	int failed = 0;

	if (argc > 1 && argv[1][0] == 'u')
		return unexpected(gsi, level, low);

	printf("RTC: ISA IRQ 8 is GSI %u (%s, active %s)\n", gsi,
	       level ? "level" : "edge", low ? "low" : "high");
	if (irq_register(gsi, rtc_interrupt, NULL, level, low) != 0) {
		printf("FAIL irq: cannot register GSI %u\n", gsi);
		return 1;
	}
	failed |= irq_register(gsi, nothing, NULL, false, false) != -EBUSY;
	failed |= irq_register(100000, nothing, NULL, false, false) != -EINVAL;
	failed |= irq_register(3, NULL, NULL, false, false) != -EINVAL;
	/* A level line is shared by handlers agreeing on its polarity (PCI
	 * INTx); an edge line or a disagreeing one is not. GSI 21 is unused
	 * on QEMU's machines. */
	failed |= irq_register(21, nothing, NULL, true, true) != 0;
	failed |= irq_register(21, nothing, NULL, true, true) != 0;
	failed |= irq_register(21, nothing, NULL, true, false) != -EBUSY;
	failed |= irq_register(21, nothing, NULL, false, true) != -EBUSY;

	cmos_write(RTC_A, RTC_A_2HZ);
	cmos_write(RTC_B, cmos_read(RTC_B) | RTC_B_PIE);
	cmos_read(RTC_C); /* clear anything pending */
	struct timespec two = { 2, 100000000 };
	nanosleep(&two, NULL);
	cmos_write(RTC_B, cmos_read(RTC_B) & ~RTC_B_PIE);

	ukos_irq_stats(&st);
	printf("RTC interrupts in 2.1 s at 2 Hz: %u (device %llu, "
	       "unexpected %llu)\n",
	       ticks, (unsigned long long)st.device,
	       (unsigned long long)st.unexpected);
	failed |= ticks < 3 || ticks > 6;
	failed |= st.unexpected != 0;
	if (failed) {
		printf("FAIL irq\n");
		return 1;
	}
	printf("PASS irq\n");
	return 0;
}

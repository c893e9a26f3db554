/* SPDX-License-Identifier: MIT */
/*
 * rtc_cmos.c: the PC's MC146818 real-time clock (CMOS registers 0x00-0x0b,
 * Motorola MC146818A data sheet), read the careful way: wait for no update
 * in progress, then read until two reads agree.
 */
#include <errno.h>
#include <stdbool.h>
#include <ukos/arch.h>
#include <ukos/clock.h>

#define CMOS_INDEX 0x70
#define CMOS_DATA  0x71
#define NMI_OFF    0x80 /* keep NMIs masked while the index is set */
#define REG_SEC    0x00
#define REG_MIN    0x02
#define REG_HOUR   0x04
#define REG_DAY    0x07
#define REG_MONTH  0x08
#define REG_YEAR   0x09
#define REG_A      0x0a
#define REG_B      0x0b
#define A_UIP      0x80
#define B_24H      0x02
#define B_BINARY   0x04
#define HOUR_PM    0x80

struct rtc_time {
	uint8_t sec, min, hour, day, month, year;
};

static uint8_t cmos(uint8_t reg)
{
	arch_outb(CMOS_INDEX, NMI_OFF | reg);
	return arch_inb(CMOS_DATA);
}

/* An update takes under 2 ms (§"Update cycle"); bound the wait anyway. */
static bool wait_no_update(void)
{
	for (int i = 0; i < 1000000; i++) {
		if (!(cmos(REG_A) & A_UIP))
			return true;
		arch_cpu_relax();
	}
	return false;
}

static void read_raw(struct rtc_time *t)
{
	t->sec = cmos(REG_SEC);
	t->min = cmos(REG_MIN);
	t->hour = cmos(REG_HOUR);
	t->day = cmos(REG_DAY);
	t->month = cmos(REG_MONTH);
	t->year = cmos(REG_YEAR);
}

static int bcd(int v)
{
	return (v & 0x0f) + (v >> 4) * 10;
}

int rtc_cmos_read(int64_t *epoch_secs)
{
	struct rtc_time a, b;
	int tries = 0;

	do {
		if (!wait_no_update() || ++tries > 5)
			return -EIO;
		read_raw(&a);
		read_raw(&b);
	} while (a.sec != b.sec || a.min != b.min || a.hour != b.hour ||
		 a.day != b.day || a.month != b.month || a.year != b.year);

	uint8_t regb = cmos(REG_B);
	bool pm = a.hour & HOUR_PM;
	int hour = a.hour & ~HOUR_PM, sec = a.sec, min = a.min, day = a.day,
	    month = a.month, year = a.year;
	if (!(regb & B_BINARY)) {
		sec = bcd(sec), min = bcd(min), hour = bcd(hour);
		day = bcd(day), month = bcd(month), year = bcd(year);
	}
	if (!(regb & B_24H))
		hour = hour % 12 + (pm ? 12 : 0);
	if (sec > 59 || min > 59 || hour > 23 || day < 1 || day > 31 ||
	    month < 1 || month > 12 || year > 99)
		return -EIO;
	/* Two-digit year: the century register is not standard; assume
	 * 2000-2099, as any machine running ukos is. */
	*epoch_secs = clock_days_from_civil(2000 + year, month, day) * 86400 +
		      hour * 3600 + min * 60 + sec;
	return 0;
}

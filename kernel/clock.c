/* SPDX-License-Identifier: MIT */
/*
 * clock.c: monotonic time from the TSC, wall-clock time from the RTC.
 */
#include <ukos/arch.h>
#include <ukos/clock.h>
#include <ukos/console.h>

#define NS_PER_S 1000000000ull

static int64_t boot_epoch_ns; /* realtime at the first instruction */
static int realtime_known;

/* ns = cycles * mult / 2^32: one multiplication per clock read, where
 * dividing by the frequency would take three 64-bit divisions (slow on
 * hardware, a helper call under emulation). The error, under 1 ns per
 * 2^32 cycles, is the same for every reading: the clock stays monotonic. */
static uint64_t mult, boot_cycles;

static uint64_t ns_mult(void)
{
	if (!mult) {
		boot_cycles = arch_boot_cycles();
		mult = (uint64_t)(((unsigned __int128)NS_PER_S << 32) /
				  arch_cycles_hz());
	}
	return mult;
}

uint64_t clock_cycles_to_ns(uint64_t cycles)
{
	return (uint64_t)(((unsigned __int128)cycles * ns_mult()) >> 32);
}

/* The first TSC value at which clock_uptime_ns() reads ns or more, so a
 * timer programmed for it never finds its deadline not yet reached. */
uint64_t clock_ns_to_cycles(uint64_t ns)
{
	unsigned __int128 scaled = (unsigned __int128)ns << 32;
	uint64_t m = ns_mult();

	return boot_cycles + (uint64_t)((scaled + m - 1) / m);
}

uint64_t clock_uptime_ns(void)
{
	uint64_t m = ns_mult();

	return (uint64_t)(((unsigned __int128)(arch_cycles() - boot_cycles) *
			   m) >>
			  32);
}

/* Howard Hinnant's days-from-civil: exact for the Gregorian calendar. */
int64_t clock_days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

int64_t clock_realtime_ns(void)
{
	if (!realtime_known) {
		int64_t secs;
		uint64_t up = clock_uptime_ns();
		if (rtc_cmos_read(&secs) != 0) {
			kprintf("ukos: no usable RTC; the date starts at "
				"1970\n");
			secs = 0;
		}
		boot_epoch_ns = secs * (int64_t)NS_PER_S - (int64_t)up;
		realtime_known = 1;
	}
	return boot_epoch_ns + (int64_t)clock_uptime_ns();
}

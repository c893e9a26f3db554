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

uint64_t clock_cycles_to_ns(uint64_t cycles)
{
	uint64_t hz = arch_cycles_hz();
	/* Split to keep cycles * 1e9 from overflowing 64 bits. */
	return cycles / hz * NS_PER_S + cycles % hz * NS_PER_S / hz;
}

uint64_t clock_ns_to_cycles(uint64_t ns)
{
	uint64_t hz = arch_cycles_hz();
	return arch_boot_cycles() + ns / NS_PER_S * hz +
	       ns % NS_PER_S * hz / NS_PER_S;
}

uint64_t clock_uptime_ns(void)
{
	return clock_cycles_to_ns(arch_cycles() - arch_boot_cycles());
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

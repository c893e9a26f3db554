/* SPDX-License-Identifier: MIT */
/*
 * clock.h: kernel time. Monotonic time counts from the image's first
 * instruction; wall-clock time is the CMOS RTC read once, plus that.
 */
#ifndef UKOS_CLOCK_H
#define UKOS_CLOCK_H

#include <stdint.h>

/* Nanoseconds for a count of TSC cycles. Thread context (the first call
 * may calibrate the TSC, about 0.5 ms). */
uint64_t clock_cycles_to_ns(uint64_t cycles);

/* The TSC value at which clock_uptime_ns() reaches ns. */
uint64_t clock_ns_to_cycles(uint64_t ns);

/* Nanoseconds since the first instruction. Any context (after the first
 * call from thread context, which may calibrate). */
uint64_t clock_uptime_ns(void);

/* Nanoseconds since the Unix epoch, from the RTC (UTC) read on first use.
 * Thread context. */
int64_t clock_realtime_ns(void);

/*
 * Convert a broken-down UTC date to seconds since the epoch (proleptic
 * Gregorian; year ≥ 1970). Pure; host-testable.
 */
int64_t clock_days_from_civil(int year, int month, int day);

/* Read the CMOS RTC as seconds since the epoch. Returns 0, or -EIO when the
 * RTC does not answer sensibly. Thread context; takes up to a few ms. */
int rtc_cmos_read(int64_t *epoch_secs);

#endif

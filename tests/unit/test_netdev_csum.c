/* SPDX-License-Identifier: MIT */
/*
 * test_netdev_csum.c: preparing TCP frames for a device that finishes the
 * checksum (kernel/netdev_csum.c). The device's part is played here: sum
 * from start to the end with the prepared field in place, store the
 * complement; the result must equal the checksum computed from scratch
 * the way RFC 9293 and RFC 8200 define it. Anything but plain TCP over
 * IPv4/IPv6, fragments, and lengths that do not add up are left alone.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <string.h>
#include <ukos/netdev.h>

static uint32_t sum_bytes(const uint8_t *p, size_t n, uint32_t s)
{
	for (size_t i = 0; i + 1 < n; i += 2)
		s += (uint32_t)(p[i] << 8 | p[i + 1]);
	if (n & 1)
		s += (uint32_t)p[n - 1] << 8;
	return s;
}

static uint16_t fold(uint32_t s)
{
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return (uint16_t)s;
}

/* The device: complement of the sum from start to the end. */
static void device_finish(uint8_t *f, size_t len, uint16_t start, uint16_t off)
{
	uint16_t c = (uint16_t)~fold(sum_bytes(f + start, len - start, 0));
	f[start + off] = (uint8_t)(c >> 8);
	f[start + off + 1] = (uint8_t)c;
}

static size_t build_v4(uint8_t *f, size_t payload, uint8_t proto)
{
	size_t total = 20 + 20 + payload;

	memset(f, 0, 14 + total);
	f[12] = 0x08, f[13] = 0x00;
	uint8_t *ip = f + 14;
	ip[0] = 0x45, ip[2] = (uint8_t)(total >> 8), ip[3] = (uint8_t)total;
	ip[6] = 0x40; /* DF */
	ip[8] = 64, ip[9] = proto;
	memcpy(ip + 12, "\x0a\x00\x02\x0f\xc0\xa8\x64\x01", 8);
	uint8_t *tcp = ip + 20;
	tcp[0] = 0x1f, tcp[1] = 0x90, tcp[12] = 0x50, tcp[13] = 0x18;
	tcp[16] = 0xde, tcp[17] = 0xad; /* garbage: must not matter */
	for (size_t i = 0; i < payload; i++)
		tcp[20 + i] = (uint8_t)(i * 7 + 3);
	return 14 + total;
}

static size_t build_v6(uint8_t *f, size_t payload)
{
	size_t l4 = 20 + payload;

	memset(f, 0, 14 + 40 + l4);
	f[12] = 0x86, f[13] = 0xdd;
	uint8_t *ip = f + 14;
	ip[0] = 0x60, ip[4] = (uint8_t)(l4 >> 8), ip[5] = (uint8_t)l4;
	ip[6] = 6, ip[7] = 64;
	ip[8] = 0xfe, ip[9] = 0x80, ip[23] = 1;
	ip[24] = 0xfe, ip[25] = 0x80, ip[39] = 2;
	uint8_t *tcp = ip + 40;
	tcp[12] = 0x50;
	for (size_t i = 0; i < payload; i++)
		tcp[20 + i] = (uint8_t)(255 - i);
	return 14 + 40 + l4;
}

/* The checksum from scratch: pseudo-header + segment with field 0. */
static uint16_t reference(uint8_t *f, size_t len, bool v6)
{
	size_t l4 = v6 ? 54 : 34, n = len - l4;
	uint32_t s;

	f[l4 + 16] = f[l4 + 17] = 0;
	s = v6 ? sum_bytes(f + 14 + 8, 32, 0) : sum_bytes(f + 14 + 12, 8, 0);
	s += 6 + (uint32_t)n;
	return (uint16_t)~fold(sum_bytes(f + l4, n, s));
}

static void check(uint8_t *f, size_t len, bool v6)
{
	uint8_t copy[2048];
	uint16_t start = 0, off = 0, want;

	memcpy(copy, f, len);
	want = reference(copy, len, v6);
	assert_true(netdev_csum_partial(f, len, &start, &off));
	assert_int_equal(start, v6 ? 54 : 34);
	assert_int_equal(off, 16);
	device_finish(f, len, start, off);
	assert_int_equal(f[start + 16] << 8 | f[start + 17], want);
}

static void test_tcp(void **state)
{
	static const size_t sizes[] = { 0, 1, 2, 3, 517, 1460 };
	uint8_t f[2048];

	(void)state;
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		check(f, build_v4(f, sizes[i], 6), false);
		check(f, build_v6(f, sizes[i]), true);
	}
	/* Ethernet padding after a short IPv4 packet: not summed. */
	size_t len = build_v4(f, 2, 6);
	memset(f + len, 0xee, 10);
	uint8_t copy[128];
	memcpy(copy, f, len);
	uint16_t want = reference(copy, len, false), start, off;
	assert_true(netdev_csum_partial(f, len + 10, &start, &off));
	device_finish(f, len, start, off); /* the device knows the IP length */
	assert_int_equal(f[start + 16] << 8 | f[start + 17], want);
}

static void test_left_alone(void **state)
{
	uint8_t f[2048], before[2048];
	uint16_t start = 0, off = 0;
	size_t len;

	(void)state;
	len = build_v4(f, 100, 17); /* UDP */
	memcpy(before, f, len);
	assert_false(netdev_csum_partial(f, len, &start, &off));
	assert_memory_equal(f, before, len);

	len = build_v4(f, 100, 6);
	f[14 + 6] = 0x20; /* more fragments */
	assert_false(netdev_csum_partial(f, len, &start, &off));
	f[14 + 6] = 0x00, f[14 + 7] = 0x08; /* a later fragment */
	assert_false(netdev_csum_partial(f, len, &start, &off));

	len = build_v4(f, 100, 6);
	assert_false(netdev_csum_partial(f, len - 1, &start, &off)); /* cut */
	f[14] = 0x44; /* IHL 4: below the minimum */
	assert_false(netdev_csum_partial(f, len, &start, &off));
	f[14] = 0x4f; /* IHL 15: the TCP header no longer fits */
	f[14 + 2] = 0, f[14 + 3] = 70;
	assert_false(netdev_csum_partial(f, len, &start, &off));

	len = build_v6(f, 10);
	f[14 + 6] = 0; /* hop-by-hop options first */
	assert_false(netdev_csum_partial(f, len, &start, &off));
	len = build_v6(f, 10);
	assert_false(netdev_csum_partial(f, len - 1, &start, &off));

	f[12] = 0x08, f[13] = 0x06; /* ARP */
	assert_false(netdev_csum_partial(f, 60, &start, &off));
	for (size_t n = 0; n < 60; n++) /* every truncation: no overrun */
		(void)netdev_csum_partial(f, n, &start, &off);
	len = build_v4(f, 0, 6);
	for (size_t n = 0; n < len; n++)
		assert_false(netdev_csum_partial(f, n, &start, &off));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tcp),
		cmocka_unit_test(test_left_alone),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* SPDX-License-Identifier: MIT */
/*
 * inet.c: text <-> binary Internet addresses (arpa/inet.h), as POSIX
 * specifies them: inet_pton takes only dotted quads for IPv4 and RFC 4291
 * text for IPv6; inet_ntop writes RFC 5952's canonical form.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Weak: lwIP defines in6addr_any too (the same 16 zero bytes), and
 * wins where the network is linked. */
__attribute__((weak)) const struct in6_addr in6addr_any = IN6ADDR_ANY_INIT;
const struct in6_addr in6addr_loopback = IN6ADDR_LOOPBACK_INIT;

/* "a.b.c.d", each 0-255 in decimal without leading zeros. */
static int pton4(const char *s, uint8_t out[4])
{
	for (int i = 0; i < 4; i++) {
		unsigned v = 0, digits = 0;
		while (*s >= '0' && *s <= '9') {
			if (digits && v == 0)
				return 0; /* a leading zero */
			v = v * 10 + (unsigned)(*s++ - '0');
			if (++digits > 3 || v > 255)
				return 0;
		}
		if (!digits || *s != (i < 3 ? '.' : '\0'))
			return 0;
		out[i] = (uint8_t)v;
		s++;
	}
	return 1;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Groups of up to 4 hex digits split by ':', at most one "::", an IPv4
 * dotted quad allowed as the last 32 bits. */
static int pton6(const char *s, uint8_t out[16])
{
	uint16_t g[8];
	int n = 0, gap = -1;

	if (s[0] == ':' && s[1] == ':') {
		gap = 0;
		s += 2;
	} else if (*s == ':')
		return 0;
	while (*s && n < 8) {
		const char *start = s;
		unsigned v = 0;
		int d;
		while ((d = hexval(*s)) >= 0 && s - start < 4)
			v = v * 16 + (unsigned)d, s++;
		if (*s == '.' && n <= 6) { /* embedded IPv4 */
			uint8_t v4[4];
			if (!pton4(start, v4))
				return 0;
			g[n++] = (uint16_t)(v4[0] << 8 | v4[1]);
			g[n++] = (uint16_t)(v4[2] << 8 | v4[3]);
			s = start + strlen(start);
			break;
		}
		if (s == start || hexval(*s) >= 0)
			return 0;
		g[n++] = (uint16_t)v;
		if (*s == ':') {
			s++;
			if (*s == ':') {
				if (gap >= 0)
					return 0;
				gap = n;
				s++;
			} else if (!*s)
				return 0;
		} else if (*s)
			return 0;
	}
	if (*s || (gap < 0 && n != 8) || (gap >= 0 && n > 7))
		return 0;
	memset(out, 0, 16);
	int tail = gap < 0 ? 0 : n - gap;
	for (int i = 0; i < n - tail; i++)
		out[2 * i] = (uint8_t)(g[i] >> 8),
			out[2 * i + 1] = (uint8_t)g[i];
	for (int i = 0; i < tail; i++) {
		int at = 8 - tail + i;
		out[2 * at] = (uint8_t)(g[gap + i] >> 8);
		out[2 * at + 1] = (uint8_t)g[gap + i];
	}
	return 1;
}

int inet_pton(int af, const char *src, void *dst)
{
	if (af == AF_INET)
		return pton4(src, dst);
	if (af == AF_INET6)
		return pton6(src, dst);
	errno = EAFNOSUPPORT;
	return -1;
}

static const char *ntop6(const uint8_t *a, char *dst, socklen_t size)
{
	char buf[INET6_ADDRSTRLEN], *p = buf;
	uint16_t g[8];
	int best = -1, best_len = 1, i;

	for (i = 0; i < 8; i++)
		g[i] = (uint16_t)(a[2 * i] << 8 | a[2 * i + 1]);
	/* The longest run of two or more zero groups becomes "::". */
	for (i = 0; i < 8;) {
		int j = i;
		while (j < 8 && !g[j])
			j++;
		if (j - i > best_len)
			best = i, best_len = j - i;
		i = j + 1;
	}
	if (best == 0 && (best_len == 6 || (best_len == 5 && g[5] == 0xffff))) {
		/* IPv4-compatible or -mapped: keep the dotted quad. */
		p += sprintf(p,
			     best_len == 5 ? "::ffff:%u.%u.%u.%u"
					   : "::%u.%u.%u.%u",
			     a[12], a[13], a[14], a[15]);
	} else {
		for (i = 0; i < 8; i++) {
			if (i == best) {
				p += sprintf(p, "::");
				i += best_len - 1;
				continue;
			}
			p += sprintf(p, "%s%x",
				     i && i != best + best_len ? ":" : "",
				     g[i]);
		}
	}
	if ((socklen_t)(p - buf) >= size) {
		errno = ENOSPC;
		return NULL;
	}
	return strcpy(dst, buf);
}

const char *inet_ntop(int af, const void *src, char *dst, socklen_t size)
{
	const uint8_t *a = src;

	if (af == AF_INET6)
		return ntop6(a, dst, size);
	if (af != AF_INET) {
		errno = EAFNOSUPPORT;
		return NULL;
	}
	if (snprintf(dst, size, "%u.%u.%u.%u", a[0], a[1], a[2], a[3]) >=
	    (int)size) {
		errno = ENOSPC;
		return NULL;
	}
	return dst;
}

/* inet_aton also takes the older forms: a, a.b, a.b.c, with octal and
 * hex parts (POSIX inet_addr). */
int inet_aton(const char *cp, struct in_addr *inp)
{
	unsigned long parts[4];
	int n = 0;
	char *end;

	for (;;) {
		if (n == 4 || !(*cp >= '0' && *cp <= '9'))
			return 0;
		parts[n++] = strtoul(cp, &end, 0);
		if (*end != '.')
			break;
		cp = end + 1;
	}
	if (*end)
		return 0;
	unsigned long v = parts[n - 1], max = 0xffffffffu >> (8 * (n - 1));
	if (v > max)
		return 0;
	for (int i = 0; i < n - 1; i++) {
		if (parts[i] > 255)
			return 0;
		v |= parts[i] << (24 - 8 * i);
	}
	if (inp)
		inp->s_addr = htonl((uint32_t)v);
	return 1;
}

in_addr_t inet_addr(const char *cp)
{
	struct in_addr a;

	return inet_aton(cp, &a) ? a.s_addr : INADDR_NONE;
}

char *inet_ntoa(struct in_addr in)
{
	static char buf[INET_ADDRSTRLEN];

	return (char *)inet_ntop(AF_INET, &in, buf, sizeof(buf));
}

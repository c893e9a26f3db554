/* SPDX-License-Identifier: MIT */
/*
 * netdev_csum.c: preparing a TCP frame for a device that finishes its
 * checksum. Such devices (virtio-net's CSUM, Intel's TCP segmentation
 * context) sum from a start offset to the end of the frame and store the
 * complement at start + offset; the field must already hold the folded
 * sum of the pseudo-header (RFC 9293 §3.1, RFC 8200 §8.1).
 */
#include <ukos/netdev.h>

#define ETH_HLEN       14
#define ETHERTYPE_IPV4 0x0800
#define ETHERTYPE_IPV6 0x86dd
#define IPPROTO_TCP_   6
#define TCP_CSUM_OFF   16 /* the checksum field in the TCP header */
#define TCP_HLEN_MIN   20
#define IPV6_HLEN      40

static unsigned be16(const uint8_t *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

/* One's complement sum of n bytes (n even), not folded. */
static uint32_t sum16(const uint8_t *p, size_t n, uint32_t sum)
{
	for (size_t i = 0; i < n; i += 2)
		sum += be16(p + i);
	return sum;
}

static uint16_t fold(uint32_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)sum;
}

bool netdev_csum_partial(uint8_t *f, size_t len, uint16_t *start,
			 uint16_t *offset)
{
	size_t l4, l4_len;
	uint32_t sum;

	if (len < ETH_HLEN)
		return false;
	if (be16(f + 12) == ETHERTYPE_IPV4) {
		const uint8_t *ip = f + ETH_HLEN;
		size_t ihl, total;

		if (len < ETH_HLEN + 20 || (ip[0] >> 4) != 4)
			return false;
		ihl = (size_t)(ip[0] & 0xf) * 4;
		total = be16(ip + 2);
		/* TCP, not a fragment (MF clear, offset 0), lengths sane. */
		if (ip[9] != IPPROTO_TCP_ || (be16(ip + 6) & 0x3fff) ||
		    ihl < 20 || total < ihl + TCP_HLEN_MIN ||
		    ETH_HLEN + total > len)
			return false;
		l4 = ETH_HLEN + ihl;
		l4_len = total - ihl;
		sum = sum16(ip + 12, 8, 0) + IPPROTO_TCP_ + (uint32_t)l4_len;
	} else if (be16(f + 12) == ETHERTYPE_IPV6) {
		const uint8_t *ip = f + ETH_HLEN;

		/* TCP right after the fixed header (no extension headers). */
		if (len < ETH_HLEN + IPV6_HLEN || (ip[0] >> 4) != 6 ||
		    ip[6] != IPPROTO_TCP_)
			return false;
		l4_len = be16(ip + 4);
		if (l4_len < TCP_HLEN_MIN ||
		    ETH_HLEN + IPV6_HLEN + l4_len > len)
			return false;
		l4 = ETH_HLEN + IPV6_HLEN;
		sum = sum16(ip + 8, 32, 0) + IPPROTO_TCP_ + (uint32_t)l4_len;
	} else {
		return false;
	}
	uint16_t pseudo = fold(sum);
	f[l4 + TCP_CSUM_OFF] = (uint8_t)(pseudo >> 8);
	f[l4 + TCP_CSUM_OFF + 1] = (uint8_t)pseudo;
	*start = (uint16_t)l4;
	*offset = TCP_CSUM_OFF;
	return true;
}

/* SPDX-License-Identifier: MIT */
/*
 * lwip: the network stack on ukos below the sockets layer — the address
 * the boot configured (DHCP or net.ip=), and a TCP stream through lwIP's
 * netconn API to QEMU's user-mode network, where a guestfwd rule runs
 * `cat` as the peer at 10.0.2.100:7: 1 MiB out must come back unchanged.
 * argv[1]: the address eth0 must have.
 */
#include <stdio.h>
#include <string.h>

#include "../check.h"
#include "lwip/api.h"
#include "lwip/netif.h"

#define STREAM_BYTES (1 << 20)

static uint32_t pattern(uint32_t i)
{
	return i * 2654435761u >> 7;
}

/* Send STREAM_BYTES of pattern while reading the echo back; returns the
 * bytes that came back matching. */
static long echo_through(struct netconn *c)
{
	static uint8_t out[8192];
	long sent = 0, got = 0, bad = 0;

	netconn_set_recvtimeout(c, 10);
	while (got < STREAM_BYTES) {
		if (sent < STREAM_BYTES) {
			size_t n = sizeof(out), written = 0;
			for (size_t i = 0; i < n; i++)
				out[i] = (uint8_t)pattern((uint32_t)(sent + i));
			if (netconn_write_partly(c, out, n, NETCONN_COPY,
						 &written) == ERR_OK)
				sent += (long)written;
		}
		struct netbuf *nb;
		err_t e = netconn_recv(c, &nb);
		if (e == ERR_TIMEOUT)
			continue;
		if (e != ERR_OK)
			break;
		do {
			void *data;
			u16_t len;
			netbuf_data(nb, &data, &len);
			for (u16_t i = 0; i < len; i++)
				bad += ((uint8_t *)data)[i] !=
				       (uint8_t)pattern((uint32_t)(got + i));
			got += len;
		} while (netbuf_next(nb) >= 0);
		netbuf_delete(nb);
	}
	printf("tcp echo: sent %ld, received %ld, %ld bytes differ\n", sent,
	       got, bad);
	return bad ? -1 : got;
}

int main(int argc, char **argv)
{
	ip_addr_t peer;
	struct netconn *c;
	char ip[16];

	if (argc < 2) {
		printf("usage: lwip EXPECTED_IPV4\n");
		return 2;
	}
	CHECK(netif_default != NULL);
	if (!netif_default)
		return check_verdict("lwip");
	ip4addr_ntoa_r(netif_ip4_addr(netif_default), ip, sizeof(ip));
	CHECK(strcmp(ip, argv[1]) == 0);

	IP_ADDR4(&peer, 10, 0, 2, 100);
	c = netconn_new(NETCONN_TCP);
	CHECK(c != NULL);
	err_t e = c ? netconn_connect(c, &peer, 7) : ERR_MEM;
	if (e != ERR_OK)
		printf("connect to 10.0.2.100:7: error %d\n", e);
	CHECK(e == ERR_OK);
	if (e == ERR_OK)
		CHECK(echo_through(c) == STREAM_BYTES);
	netconn_close(c);
	netconn_delete(c);
	return check_verdict("lwip");
}

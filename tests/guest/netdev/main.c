/* SPDX-License-Identifier: MIT */
/*
 * netdev: a NIC driver end to end, below any network stack: the driver
 * finds the device, reads its MAC, and sends an ARP request for QEMU's
 * user-mode gateway (10.0.2.2), whose reply must come back through the
 * device's interrupt and the poller thread — on each NIC, which may share
 * an INTx line. argv[1..]: the expected MACs of eth0, eth1, ..., or "none"
 * when the VM has no NIC.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <ukos/netdev.h>
#include <ukos/pci.h>
#include <unistd.h>

#include "../check.h"

static const uint8_t my_ip[4] = { 10, 0, 2, 15 }, gw_ip[4] = { 10, 0, 2, 2 };
#define NICS_MAX 4

struct seen {
	volatile int replies, frames;
	uint8_t gw_mac[6];
};
static struct seen seen[NICS_MAX];

/* An ARP reply (RFC 826) from gw_ip to us. */
static void rx(struct netdev *nd, const struct netdev_frag *frags,
	       unsigned nfrags, size_t len, unsigned flags)
{
	struct seen *s = nd->stack; /* the test is the stack */
	const uint8_t *f = frags[0].data;

	(void)flags, (void)nfrags;
	len = frags[0].len; /* ARP replies come in one piece */
	s->frames++;
	if (len < 42 || f[12] != 0x08 || f[13] != 0x06 || f[21] != 2)
		return;
	if (memcmp(f + 28, gw_ip, 4) == 0 && memcmp(f + 38, my_ip, 4) == 0) {
		memcpy(s->gw_mac, f + 22, 6);
		s->replies++;
	}
}

static size_t arp_request(const struct netdev *nd, uint8_t *f)
{
	static const uint8_t head[] = { 0x08, 0x06, 0, 1, 0x08, 0, 6, 4, 0, 1 };

	memset(f, 0, 60);
	memset(f, 0xff, 6);
	memcpy(f + 6, nd->mac, 6);
	memcpy(f + 12, head, sizeof(head));
	memcpy(f + 22, nd->mac, 6);
	memcpy(f + 28, my_ip, 4);
	memcpy(f + 38, gw_ip, 4);
	return 60; /* the minimum Ethernet payload, padded */
}

static int parse_mac(const char *s, uint8_t mac[6])
{
	unsigned v[6];

	if (sscanf(s, "%x:%x:%x:%x:%x:%x", &v[0], &v[1], &v[2], &v[3], &v[4],
		   &v[5]) != 6)
		return -1;
	for (int i = 0; i < 6; i++)
		mac[i] = (uint8_t)v[i];
	return 0;
}

/* The ARP exchange on eth<i>, which must have address want. */
static void exchange(unsigned i, const uint8_t want[6])
{
	char name[8];
	uint8_t frame[64];
	struct netdev *nd;
	struct seen *s = &seen[i];

	snprintf(name, sizeof(name), "eth%u", i);
	nd = netdev_find(name);
	CHECK(nd != NULL);
	if (!nd)
		return;
	printf("%s: %02x:%02x:%02x:%02x:%02x:%02x, link %s\n", name, nd->mac[0],
	       nd->mac[1], nd->mac[2], nd->mac[3], nd->mac[4], nd->mac[5],
	       !nd->ops->link_up || nd->ops->link_up(nd) ? "up" : "down");
	CHECK(memcmp(nd->mac, want, 6) == 0);
	nd->stack = s;
	nd->rx = rx;
	CHECK(netdev_start(nd) == 0);
	CHECK(netdev_tx(nd, frame, 2000) != 0); /* too long: refused */
	for (int t = 0; t < 30 && s->replies < 3; t++) {
		CHECK(netdev_tx(nd, frame, arp_request(nd, frame)) == 0);
		usleep(100000);
	}
	printf("%s: gateway 10.0.2.2 is %02x:%02x:%02x:%02x:%02x:%02x; %d "
	       "replies, %d frames, %llu interrupts\n",
	       name, s->gw_mac[0], s->gw_mac[1], s->gw_mac[2], s->gw_mac[3],
	       s->gw_mac[4], s->gw_mac[5], s->replies, s->frames,
	       (unsigned long long)nd->stats.irqs);
	CHECK(s->replies >= 3);
	CHECK(nd->stats.irqs >= 1);
	CHECK(nd->stats.tx_dropped == 1);
}

int main(int argc, char **argv)
{
	uint8_t want[NICS_MAX][6];
	unsigned n, nics = (unsigned)argc - 1;

	if (argc < 2 || nics > NICS_MAX) {
		printf("usage: netdev MAC... | none\n");
		return 2;
	}
	n = netdev_probe_all();
	printf("pci: %s\n", pci_config_method());
	if (strcmp(argv[1], "none") == 0) {
		CHECK(n == 0 && netdev_first() == NULL);
		return check_verdict("netdev none");
	}
	for (unsigned i = 0; i < nics; i++)
		CHECK(parse_mac(argv[i + 1], want[i]) == 0);
	CHECK(n == nics);
	/* One after the other: each device's interrupts alone, then all
	 * running at once while the later ones are tested. */
	for (unsigned i = 0; i < nics && i < n; i++)
		exchange(i, want[i]);
	return check_verdict("netdev");
}

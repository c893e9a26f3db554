/* SPDX-License-Identifier: MIT */
/*
 * net_init.c: bringing the network up before main() — in any app that
 * links it: find the NICs, start lwIP, give each NIC an interface, and
 * configure each from the command line (net.ip=[ethN:]..., net.gw=,
 * net.dns=) or by DHCP, waiting a few seconds for a lease. Each
 * interface's result is one console line.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ukos/clock.h>
#include <ukos/cmdline.h>
#include <ukos/console.h>
#include <ukos/netdev.h>
#include <ukos/timer.h>

#include "lwip/dhcp.h"
#include "lwip/dns.h"
#include "lwip/netif.h"
#include "lwip/tcpip.h"
#include "net.h"

#define NETIF_MAX 4

static struct netif netifs[NETIF_MAX];

/* What the command line says about ethN. */
struct if_config {
	ip4_addr_t ip, mask, gw;
	bool have_ip, have_gw;
};
static struct if_config configs[NETIF_MAX];
static ip_addr_t dns_servers[DNS_MAX_SERVERS];
static unsigned dns_count;
static unsigned dhcp_wait_s = 5;

/* "ethN:VALUE" names the interface a value is for; plain VALUE is eth0's.
 * Moves *v past the name. NULL for an interface there cannot be. */
static struct if_config *config_for(const char **v)
{
	const char *colon = *v ? strchr(*v, ':') : NULL;
	char *end;
	long n;

	if (!colon)
		return &configs[0];
	if (strncmp(*v, "eth", 3) != 0)
		return NULL;
	n = strtol(*v + 3, &end, 10);
	if (end != colon || end == *v + 3 || n < 0 || n >= NETIF_MAX)
		return NULL;
	*v = colon + 1;
	return &configs[n];
}

/* "net.ip=[ethN:]A.B.C.D/PREFIX" (PREFIX 1..32; /24 when left out). */
static int set_ip(const char *v)
{
	struct if_config *c = config_for(&v);
	char buf[32], *slash;
	long prefix = 24;
	ip4_addr_t ip;

	if (!c || !v || strlen(v) >= sizeof(buf))
		return -EINVAL;
	strcpy(buf, v);
	slash = strchr(buf, '/');
	if (slash) {
		char *end;
		*slash = '\0';
		prefix = strtol(slash + 1, &end, 10);
		if (*end || end == slash + 1 || prefix < 1 || prefix > 32)
			return -EINVAL;
	}
	if (!ip4addr_aton(buf, &ip))
		return -EINVAL;
	c->ip = ip;
	ip4_addr_set_u32(&c->mask,
			 lwip_htonl(prefix == 32 ? 0xffffffffu
						 : ~(0xffffffffu >> prefix)));
	c->have_ip = true;
	return 0;
}
KERNEL_OPTION(net_ip, "net.ip", set_ip,
	      "static IPv4 address/prefix, e.g. 10.0.2.15/24 for eth0 or "
	      "eth1:10.0.3.15/24 (default: DHCP); repeat for more");

static int set_gw(const char *v)
{
	struct if_config *c = config_for(&v);
	ip4_addr_t gw;

	if (!c || !v || !ip4addr_aton(v, &gw))
		return -EINVAL;
	c->gw = gw;
	c->have_gw = true;
	return 0;
}
KERNEL_OPTION(net_gw, "net.gw", set_gw,
	      "IPv4 gateway of eth0 (or ethN:A.B.C.D); eth0's is the "
	      "default route");

/* "net.dns=A[,B]": IPv4 or IPv6 name servers. */
static int set_dns(const char *v)
{
	char buf[96];
	unsigned n = 0;

	if (!v || strlen(v) >= sizeof(buf))
		return -EINVAL;
	strcpy(buf, v);
	for (char *s = strtok(buf, ","); s; s = strtok(NULL, ",")) {
		if (n == DNS_MAX_SERVERS || !ipaddr_aton(s, &dns_servers[n]))
			return -EINVAL;
		n++;
	}
	if (!n)
		return -EINVAL;
	dns_count = n;
	return 0;
}
KERNEL_OPTION(net_dns, "net.dns", set_dns,
	      "DNS servers, comma-separated (default: from DHCP)");

static int set_wait(const char *v)
{
	char *end;
	long s = v ? strtol(v, &end, 10) : -1;

	if (!v || *end || s < 0 || s > 600)
		return -EINVAL;
	dhcp_wait_s = (unsigned)s;
	return 0;
}
KERNEL_OPTION(net_wait, "net.wait", set_wait,
	      "seconds to wait for DHCP before main (default 5)");

static void report(struct netif *n, const char *how)
{
	char ip[16], gw[16], dns[48] = "";
	const ip_addr_t *d = dns_getserver(0);

	ip4addr_ntoa_r(netif_ip4_addr(n), ip, sizeof(ip));
	ip4addr_ntoa_r(netif_ip4_gw(n), gw, sizeof(gw));
	if (!ip_addr_isany(d))
		ipaddr_ntoa_r(d, dns, sizeof(dns));
	kprintf("net: %s %02x:%02x:%02x:%02x:%02x:%02x %s/%u gw %s%s%s "
		"(%s)\n",
		((struct netdev *)n->state)->name, n->hwaddr[0], n->hwaddr[1],
		n->hwaddr[2], n->hwaddr[3], n->hwaddr[4], n->hwaddr[5], ip,
		(unsigned)__builtin_popcount(
			ip4_addr_get_u32(netif_ip4_netmask(n))),
		gw, *dns ? " dns " : "", dns, how);
}

/* lwIP's DHCP client names its lease's servers here (the Makefile renames
 * its dns_setserver calls), under the core lock: net.dns= wins. */
void net_dhcp_dns_setserver(u8_t i, const ip_addr_t *server)
{
	if (!dns_count)
		dns_setserver(i, server);
}

static void set_dns_servers(void)
{
	LOCK_TCPIP_CORE();
	for (unsigned k = 0; k < dns_count; k++)
		dns_setserver((u8_t)k, &dns_servers[k]);
	UNLOCK_TCPIP_CORE();
}

static void configure_static(struct netif *n, const struct if_config *c)
{
	LOCK_TCPIP_CORE();
	netif_set_addr(n, &c->ip, &c->mask,
		       c->have_gw ? &c->gw : IP4_ADDR_ANY4);
	UNLOCK_TCPIP_CORE();
	report(n, "static");
}

/* Whether n holds a lease, asked under the core lock: lwIP's DHCP marks
 * itself bound before it sets the address, both under that lock. */
static bool leased(struct netif *n)
{
	bool yes;

	LOCK_TCPIP_CORE();
	yes = dhcp_supplied_address(n);
	UNLOCK_TCPIP_CORE();
	return yes;
}

static void configure_dhcp(struct netif *n)
{
	uint64_t until = clock_uptime_ns() + dhcp_wait_s * 1000000000ull;

	LOCK_TCPIP_CORE();
	dhcp_start(n);
	UNLOCK_TCPIP_CORE();
	while (!leased(n) && clock_uptime_ns() < until)
		timer_sleep_until(clock_uptime_ns() + 10000000);
	if (leased(n)) {
		report(n, "dhcp");
	} else {
		kprintf("net: %s: no DHCP lease within %u s; still asking\n",
			((struct netdev *)n->state)->name, dhcp_wait_s);
	}
}

static void tcpip_ready(void *arg)
{
	*(volatile bool *)arg = true;
}

__attribute__((constructor)) static void net_start(void)
{
	volatile bool ready = false;
	unsigned i = 0;

	/* The stack runs even without a NIC: sockets then work, reaching
	 * nobody, rather than crash. */
	tcpip_init(tcpip_ready, (void *)&ready);
	while (!ready)
		timer_sleep_until(clock_uptime_ns() + 1000000);
	if (!netdev_probe_all()) {
		kprintf("net: no network device\n");
		return;
	}
	set_dns_servers();
	for (struct netdev *nd = netdev_first(); nd && i < NETIF_MAX;
	     nd = nd->next, i++) {
		int err = net_netif_add(nd, &netifs[i]);
		if (err) {
			kprintf("net: %s: not started: error %d\n", nd->name,
				-err);
			continue;
		}
		if (configs[i].have_ip)
			configure_static(&netifs[i], &configs[i]);
		else
			configure_dhcp(&netifs[i]);
	}
}

/* SPDX-License-Identifier: MIT */
/*
 * ifaddrs.c: getifaddrs — an entry per interface address, lwIP's view
 * (lo's 127.0.0.1 and ::1; each device's IPv4 address with its netmask
 * and broadcast, and its valid IPv6 addresses), named as net/if.h names
 * the interfaces.
 */
#include <errno.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>

#include "lwip/netif.h"
#include "lwip/tcpip.h"
#include "net.h"

/* One entry and the addresses it points at, in one allocation. */
struct node {
	struct ifaddrs ifa;
	struct sockaddr_storage addr, mask, brd;
	char name[IF_NAMESIZE];
};

static unsigned flags_of(const struct netif *n)
{
	unsigned f = 0;

	if (netif_is_up(n))
		f |= IFF_UP;
	if (netif_is_link_up(n))
		f |= IFF_RUNNING;
	if (n->flags & NETIF_FLAG_BROADCAST)
		f |= IFF_BROADCAST;
	if (n->flags & (NETIF_FLAG_IGMP | NETIF_FLAG_MLD6))
		f |= IFF_MULTICAST;
	if (!(n->flags & NETIF_FLAG_ETHARP) &&
	    !(n->flags & NETIF_FLAG_ETHERNET))
		f |= IFF_LOOPBACK; /* lwIP's loop interface is the only one */
	return f;
}

static struct node *add(struct ifaddrs **tail, const struct netif *n)
{
	struct node *e = calloc(1, sizeof(*e));
	const char *name = e ? net_if_name(netif_get_index(n)) : NULL;

	if (!e)
		return NULL;
	strncpy(e->name, name ? name : "?", IF_NAMESIZE - 1);
	e->ifa.ifa_name = e->name;
	e->ifa.ifa_flags = flags_of(n);
	e->ifa.ifa_addr = (struct sockaddr *)&e->addr;
	*tail = &e->ifa;
	return e;
}

static void v4(struct sockaddr_storage *ss, uint32_t addr)
{
	struct sockaddr_in *s = (struct sockaddr_in *)ss;

	s->sin_family = AF_INET;
	s->sin_addr.s_addr = addr;
}

static int list(struct ifaddrs **out)
{
	struct ifaddrs *head = NULL, **tail = &head;
	struct netif *n;

	NETIF_FOREACH(n)
	{
		const ip4_addr_t *a = netif_ip4_addr(n);
		struct node *e;

		if (!ip4_addr_isany(a)) {
			if (!(e = add(tail, n)))
				goto err_nomem;
			v4(&e->addr, ip4_addr_get_u32(a));
			v4(&e->mask, ip4_addr_get_u32(netif_ip4_netmask(n)));
			e->ifa.ifa_netmask = (struct sockaddr *)&e->mask;
			if (e->ifa.ifa_flags & IFF_BROADCAST) {
				v4(&e->brd,
				   ip4_addr_get_u32(a) |
					   ~ip4_addr_get_u32(
						   netif_ip4_netmask(n)));
				e->ifa.ifa_broadaddr =
					(struct sockaddr *)&e->brd;
			}
			tail = &e->ifa.ifa_next;
		}
		for (int i = 0; i < LWIP_IPV6_NUM_ADDRESSES; i++) {
			if (!ip6_addr_isvalid(netif_ip6_addr_state(n, i)))
				continue;
			if (!(e = add(tail, n)))
				goto err_nomem;
			struct sockaddr_in6 *s6 =
				(struct sockaddr_in6 *)&e->addr;
			const ip6_addr_t *a6 = netif_ip6_addr(n, i);
			s6->sin6_family = AF_INET6;
			memcpy(&s6->sin6_addr, a6->addr, 16);
			if (ip6_addr_islinklocal(a6))
				s6->sin6_scope_id = netif_get_index(n);
			struct sockaddr_in6 *m6 =
				(struct sockaddr_in6 *)&e->mask;
			m6->sin6_family = AF_INET6;
			/* lwIP keeps no prefix length: a /64, or /128 for lo */
			memset(&m6->sin6_addr, 0xff,
			       (e->ifa.ifa_flags & IFF_LOOPBACK) ? 16 : 8);
			e->ifa.ifa_netmask = (struct sockaddr *)&e->mask;
			tail = &e->ifa.ifa_next;
		}
	}
	*out = head;
	return 0;

err_nomem:
	freeifaddrs(head);
	return -ENOMEM;
}

int getifaddrs(struct ifaddrs **out)
{
	int err;

	if (!out) {
		errno = EINVAL;
		return -1;
	}
	LOCK_TCPIP_CORE();
	err = list(out);
	UNLOCK_TCPIP_CORE();
	if (err) {
		errno = -err;
		return -1;
	}
	return 0;
}

void freeifaddrs(struct ifaddrs *ifa)
{
	while (ifa) {
		struct ifaddrs *next = ifa->ifa_next;
		free(ifa); /* the node's first member */
		ifa = next;
	}
}

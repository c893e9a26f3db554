/* SPDX-License-Identifier: MIT */
/*
 * ifname.c: interface names and indexes (net/if.h), as lwIP numbers its
 * interfaces (its index is the one an IPv6 scope id names): lo, the
 * loopback, is 1; the network devices follow in probe order, eth0 being
 * 2 — as on Linux.
 */
#include <errno.h>
#include <net/if.h>
#include <stdlib.h>
#include <string.h>
#include <ukos/netdev.h>

#include "net.h"

/* The name of interface index (1-based), or NULL. */
const char *net_if_name(unsigned index)
{
	unsigned i = 2;

	if (index == 1)
		return "lo";
	for (struct netdev *nd = netdev_first(); nd; nd = nd->next, i++)
		if (i == index)
			return nd->name;
	return NULL;
}

unsigned int if_nametoindex(const char *name)
{
	for (unsigned i = 1; net_if_name(i); i++)
		if (strcmp(net_if_name(i), name) == 0)
			return i;
	errno = ENXIO;
	return 0;
}

char *if_indextoname(unsigned int index, char *name)
{
	const char *n = net_if_name(index);

	if (!n) {
		errno = ENXIO;
		return NULL;
	}
	strncpy(name, n, IF_NAMESIZE);
	name[IF_NAMESIZE - 1] = '\0';
	return name;
}

struct if_nameindex *if_nameindex(void)
{
	unsigned n = 0;
	struct if_nameindex *list;

	while (net_if_name(n + 1))
		n++;
	list = calloc(n + 1, sizeof(*list));
	if (!list) {
		errno = ENOBUFS;
		return NULL;
	}
	for (unsigned i = 0; i < n; i++) {
		list[i].if_index = i + 1;
		list[i].if_name = (char *)net_if_name(i + 1);
	}
	return list;
}

void if_freenameindex(struct if_nameindex *list)
{
	free(list);
}

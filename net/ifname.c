/* SPDX-License-Identifier: MIT */
/*
 * ifname.c: interface names and indexes (net/if.h): the network devices
 * in probe order, eth0 being index 1.
 */
#include <errno.h>
#include <net/if.h>
#include <stdlib.h>
#include <string.h>
#include <ukos/netdev.h>

unsigned int if_nametoindex(const char *name)
{
	unsigned i = 1;

	for (struct netdev *nd = netdev_first(); nd; nd = nd->next, i++)
		if (strcmp(nd->name, name) == 0)
			return i;
	errno = ENXIO;
	return 0;
}

char *if_indextoname(unsigned int index, char *name)
{
	unsigned i = 1;

	for (struct netdev *nd = netdev_first(); nd; nd = nd->next, i++) {
		if (i == index) {
			strncpy(name, nd->name, IF_NAMESIZE);
			name[IF_NAMESIZE - 1] = '\0';
			return name;
		}
	}
	errno = ENXIO;
	return NULL;
}

struct if_nameindex *if_nameindex(void)
{
	unsigned n = 0, i = 0;
	struct if_nameindex *list;

	for (struct netdev *nd = netdev_first(); nd; nd = nd->next)
		n++;
	list = calloc(n + 1, sizeof(*list));
	if (!list) {
		errno = ENOBUFS;
		return NULL;
	}
	for (struct netdev *nd = netdev_first(); nd; nd = nd->next, i++) {
		list[i].if_index = i + 1;
		list[i].if_name = nd->name;
	}
	return list;
}

void if_freenameindex(struct if_nameindex *list)
{
	free(list);
}

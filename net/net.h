/* SPDX-License-Identifier: MIT */
/*
 * net.h: what the files of net/ share.
 */
#ifndef UKOS_NET_NET_H
#define UKOS_NET_NET_H

struct netdev;
struct netif;

/* netif_netdev.c: add nd to lwIP as netif (the first becomes the default
 * route), up, and start its receive side. 0 or -errno. Thread context,
 * after tcpip_init. */
int net_netif_add(struct netdev *nd, struct netif *netif);

/* ifname.c: the name of interface index (lwIP's: lo 1, eth0 2, ...), or
 * NULL. */
const char *net_if_name(unsigned index);

#endif

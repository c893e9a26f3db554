/* SPDX-License-Identifier: MIT */
/*
 * lwip_hooks.h: what ukos hangs on lwIP's hooks (LWIP_HOOK_*, lwip/opt.h),
 * declared for the lwIP files that call them (LWIP_HOOK_FILENAME).
 */
#ifndef UKOS_LWIP_HOOKS_H
#define UKOS_LWIP_HOOKS_H

struct pbuf;
struct netif;

/*
 * tcp_timewait.c: before lwIP's IPv4 or IPv6 input sees the packet p (the
 * IP header at p->payload) from netif inp, let a SYN that opens a new
 * connection take over the 4-tuple of one in TIME-WAIT. Returns 0: the
 * packet always goes on to lwIP. Core lock held (lwIP's input path).
 */
int net_tcp_timewait_ip4(struct pbuf *p, struct netif *inp);
int net_tcp_timewait_ip6(struct pbuf *p, struct netif *inp);

#endif

/* SPDX-License-Identifier: MIT */
/*
 * netif_netdev.c: each netdev as an lwIP network interface. Frames a device
 * receives are copied into a pbuf and enter the stack at once, in the
 * device's poller thread under the tcpip core lock
 * (LWIP_TCPIP_CORE_LOCKING_INPUT); frames the stack sends are handed to
 * the device, which copies them (netdev.h), so lwIP keeps its pbufs.
 * Checksums the device completes or vouches for are left to it, through
 * lwIP's per-interface checksum switches.
 */
#include <errno.h>
#include <string.h>
#include <ukos/console.h>
#include <ukos/netdev.h>
#include <ukos/thread.h>

#include "lwip/etharp.h"
#include "lwip/ethip6.h"
#include "lwip/netif.h"
#include "lwip/pbuf.h"
#include "lwip/tcpip.h"
#include "net.h"
#include "netif/ethernet.h"

#define TX_RETRIES 100 /* yields while the device's ring is full */

/* A device that coalesces TCP segments (virtio's GUEST_TSO) never makes
 * one larger than our window: with its headers it must fit one pbuf. */
_Static_assert(TCP_WND + 14 + 60 + 60 <= 0xffff,
	       "coalesced segments would not fit a pbuf");

static err_t linkoutput(struct netif *netif, struct pbuf *p)
{
	struct netdev *nd = netif->state;
	uint8_t copy[ETH_FRAME_MAX];
	const void *frame = p->payload;
	int err;

	if (p->tot_len > ETH_FRAME_MAX)
		return ERR_BUF;
	if (p->len != p->tot_len) { /* a chain: make it one piece */
		pbuf_copy_partial(p, copy, p->tot_len, 0);
		frame = copy;
	}
	for (int i = 0; (err = netdev_tx(nd, frame, p->tot_len)) == -EAGAIN &&
			i < TX_RETRIES;
	     i++)
		sched_yield();
	return err ? ERR_MEM : ERR_OK;
}

/* lwIP's checksum work on nd's interface, for frames received with
 * rx_flags (NETDEV_RX_*). */
static u16_t csum_ctrl(const struct netdev *nd, unsigned rx_flags)
{
	u16_t c = NETIF_CHECKSUM_ENABLE_ALL;

	if (nd->features & NETDEV_F_TX_CSUM_TCP)
		c &= (u16_t)~NETIF_CHECKSUM_GEN_TCP;
	if (rx_flags & NETDEV_RX_CSUM_OK)
		c &= (u16_t) ~(NETIF_CHECKSUM_CHECK_TCP |
			       NETIF_CHECKSUM_CHECK_UDP);
	return c;
}

static void rx(struct netdev *nd, const struct netdev_frag *frags,
	       unsigned nfrags, size_t len, unsigned flags)
{
	struct netif *netif = nd->stack;
	struct pbuf *p = len <= 0xffff /* a pbuf's limit */
				 ? pbuf_alloc(PBUF_RAW, (u16_t)len, PBUF_POOL)
				 : NULL;
	size_t at = 0;
	err_t err;

	if (!p) {
		nd->stats.rx_dropped++;
		return;
	}
	for (unsigned i = 0; i < nfrags; i++) {
		pbuf_take_at(p, frags[i].data, (u16_t)frags[i].len, (u16_t)at);
		at += frags[i].len;
	}
	if (!(flags & NETDEV_RX_CSUM_OK)) {
		err = netif->input(p, netif); /* takes the core lock */
	} else {
		/* Skip the check for this frame only. The switches are read
		 * while the frame is processed, and only under the core
		 * lock, which is held across; tcpip_input would take it
		 * itself and call ethernet_input just so. */
		LOCK_TCPIP_CORE();
		NETIF_SET_CHECKSUM_CTRL(netif, csum_ctrl(nd, flags));
		err = ethernet_input(p, netif);
		NETIF_SET_CHECKSUM_CTRL(netif, csum_ctrl(nd, 0));
		UNLOCK_TCPIP_CORE();
	}
	if (err != ERR_OK)
		pbuf_free(p);
}

/* The device's link moved (or may have): tell lwIP, which restarts DHCP
 * and address detection when it comes up. */
static void link_changed(struct netdev *nd, bool up)
{
	struct netif *netif = nd->stack;

	LOCK_TCPIP_CORE();
	if (up != !!netif_is_link_up(netif)) {
		kprintf("net: %s: link %s\n", nd->name, up ? "up" : "down");
		if (up)
			netif_set_link_up(netif);
		else
			netif_set_link_down(netif);
	}
	UNLOCK_TCPIP_CORE();
}

static err_t init(struct netif *netif)
{
	struct netdev *nd = netif->state;

	netif->name[0] = nd->name[0];
	netif->name[1] = nd->name[1];
	netif->hostname = "ukos";
	netif->mtu = (u16_t)nd->mtu;
	netif->hwaddr_len = ETH_ALEN;
	memcpy(netif->hwaddr, nd->mac, ETH_ALEN);
	netif->flags = NETIF_FLAG_BROADCAST | NETIF_FLAG_ETHARP |
		       NETIF_FLAG_ETHERNET | NETIF_FLAG_IGMP | NETIF_FLAG_MLD6;
	netif->output = etharp_output;
	netif->output_ip6 = ethip6_output;
	netif->linkoutput = linkoutput;
	NETIF_SET_CHECKSUM_CTRL(netif, csum_ctrl(nd, 0));
	return ERR_OK;
}

int net_netif_add(struct netdev *nd, struct netif *netif)
{
	bool up = !nd->ops->link_up || nd->ops->link_up(nd);

	nd->stack = netif;
	nd->rx = rx;
	nd->link = link_changed;
	LOCK_TCPIP_CORE();
	if (!netif_add(netif, NULL, NULL, NULL, nd, init, tcpip_input)) {
		UNLOCK_TCPIP_CORE();
		return -ENOMEM;
	}
	if (!netif_default)
		netif_set_default(netif);
	netif_create_ip6_linklocal_address(netif, 1);
	netif_set_ip6_autoconfig_enabled(netif, 1);
	netif_set_up(netif);
	if (up)
		netif_set_link_up(netif);
	UNLOCK_TCPIP_CORE();
	return netdev_start(nd);
}

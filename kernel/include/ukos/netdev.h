/* SPDX-License-Identifier: MIT */
/*
 * netdev.h: the network device class, between NIC drivers (virtio-net,
 * e1000, ...) and the network stack. A driver fills in a struct netdev
 * with its ops and registers it; the stack sets rx and starts the device;
 * received frames then arrive through rx in thread context, from a poller
 * thread the device's interrupt wakes (interrupts stay off while it
 * polls).
 *
 * Buffers: tx copies the frame before it returns, so the caller keeps
 * its buffer; rx lends the frame, in one or more pieces, for the duration
 * of the call only.
 */
#ifndef UKOS_NETDEV_H
#define UKOS_NETDEV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <ukos/thread.h>

#define NETDEV_NAME_MAX 8
#define ETH_ALEN        6
#define ETH_FRAME_MAX   1514 /* without the FCS; MTU 1500 */
/* A received frame may be larger when the device coalesces TCP segments
 * (virtio-net's GUEST_TSO): up to this, the most a stack's buffer holds. */
#define NETDEV_RX_MAX 65535

struct netdev;

/* A piece of a received frame. */
struct netdev_frag {
	const void *data;
	size_t len;
};

struct netdev_ops {
	/* Required. Send one Ethernet frame (len <= ETH_FRAME_MAX): 0,
	 * -EAGAIN when the device's ring is full, -EMSGSIZE. Thread
	 * context. */
	int (*tx)(struct netdev *nd, const void *frame, size_t len);
	/* Required. Hand up to budget received frames to nd->rx; returns
	 * how many. Thread context. */
	unsigned (*poll)(struct netdev *nd, unsigned budget);
	/* Required. Receive interrupts on or off. Turning them on returns
	 * true if frames arrived meanwhile (poll again). Thread context. */
	bool (*irq_enable)(struct netdev *nd, bool on);
	/* Optional. Whether the link is up (true if absent). */
	bool (*link_up)(struct netdev *nd);
};

/* What a device does for the stack (struct netdev's features). */
/* It completes TCP checksums over IPv4 and IPv6: the stack leaves them
 * for it (the field's contents are then undefined). */
#define NETDEV_F_TX_CSUM_TCP 1u

/* Flags of a received frame (netdev_rx). */
/* Its TCP/UDP checksum was verified by the device, or the frame comes from
 * the host with the checksum still to be completed (it never crossed a
 * wire): the stack need not check it. */
#define NETDEV_RX_CSUM_OK 1u

struct netdev_stats {
	uint64_t rx_packets, rx_bytes, rx_dropped;
	uint64_t tx_packets, tx_bytes, tx_dropped;
	uint64_t irqs;
};

struct netdev {
	/* Filled in by the driver. */
	uint8_t mac[ETH_ALEN];
	unsigned mtu;
	unsigned features; /* NETDEV_F_* */
	const struct netdev_ops *ops;
	void *priv;

	/* Set by the stack before netdev_start(): where frames go. */
	void (*rx)(struct netdev *nd, const struct netdev_frag *frags,
		   unsigned nfrags, size_t len, unsigned flags);
	/* Optional: the link went up or down (thread context). */
	void (*link)(struct netdev *nd, bool up);
	void *stack;

	/* Kept by netdev.c. */
	char name[NETDEV_NAME_MAX]; /* "eth0", "eth1", ... in probe order */
	struct netdev_stats stats;
	struct waitq wake;
	bool pending, link_pending;
	struct thread *poller;
	struct netdev *next;
};

/* Add nd (its required ops present, else -EINVAL) and name it. Thread
 * context (a driver's probe). */
int netdev_register(struct netdev *nd);

/* Find the NICs: probe every PCI device against the drivers linked in.
 * Returns how many network devices exist. Thread context. */
unsigned netdev_probe_all(void);

/* The registered devices, in probe order; by name (NULL if none). */
struct netdev *netdev_first(void);
struct netdev *netdev_find(const char *name);

/* Start delivering nd's frames to nd->rx from a poller thread. 0 or
 * -EAGAIN (no thread). Thread context. */
int netdev_start(struct netdev *nd);

/* From the driver's interrupt handler, its interrupts already off: wake
 * the poller. Interrupt context. */
void netdev_irq(struct netdev *nd);

/* From the driver's interrupt handler: the link may have changed. The
 * poller asks ops->link_up and tells the stack. Interrupt context. */
void netdev_link_irq(struct netdev *nd);

/* From the driver's poll: one received frame for the stack, counted;
 * flags NETDEV_RX_*. Thread context. */
void netdev_rx(struct netdev *nd, const void *frame, size_t len,
	       unsigned flags);

/* The same for a frame in nfrags pieces (len bytes in all, at most
 * NETDEV_RX_MAX, else it is dropped and counted). */
void netdev_rx_frags(struct netdev *nd, const struct netdev_frag *frags,
		     unsigned nfrags, unsigned flags);

/* Send through nd->ops->tx, counting. Thread context. */
int netdev_tx(struct netdev *nd, const void *frame, size_t len);

/* netdev_csum.c: for drivers of NETDEV_F_TX_CSUM_TCP devices. If frame
 * (len bytes, Ethernet) is TCP over IPv4 (not a fragment) or over IPv6 (no
 * extension headers), put the pseudo-header's folded sum in its checksum
 * field, store where the device is to start summing (*start, from the
 * frame's first byte) and where the checksum is (*offset, from *start),
 * and return true. false, and frame untouched, for anything else. */
bool netdev_csum_partial(uint8_t *frame, size_t len, uint16_t *start,
			 uint16_t *offset);

#endif

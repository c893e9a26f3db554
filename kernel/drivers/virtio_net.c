/* SPDX-License-Identifier: MIT */
/*
 * virtio_net.c: the virtio network device (virtio 1.1 §5.1) as a netdev.
 * Queue 0 receives into fixed buffers, a frame taking several when the
 * device merges them (MRG_RXBUF) — which lets it hand over TCP segments it
 * coalesced, up to 64 KiB (GUEST_TSO4/6), one trip through the stack
 * instead of dozens; queue 1 sends from fixed buffers the frame is copied
 * into, reclaimed lazily on later sends (no transmit interrupts). TCP
 * checksums are left to the device both ways where it offers that. On any
 * transport (virtio.h): receive interrupts are the device's queue
 * interrupts.
 */
#include <errno.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ukos/arch.h>
#include <ukos/console.h>
#include <ukos/netdev.h>
#include <ukos/virtio.h>

#define VIRTIO_NET_F_CSUM       (1ull << 0) /* §5.1.3 */
#define VIRTIO_NET_F_GUEST_CSUM (1ull << 1)
#define VIRTIO_NET_F_MAC        (1ull << 5)
#define VIRTIO_NET_F_GUEST_TSO4 (1ull << 7)
#define VIRTIO_NET_F_GUEST_TSO6 (1ull << 8)
#define VIRTIO_NET_F_MRG_RXBUF  (1ull << 15)
#define VIRTIO_NET_F_STATUS     (1ull << 16)
#define NET_CFG_STATUS          6 /* le16 in the device configuration */
#define NET_S_LINK_UP           1
#define HDR_LEN                 12   /* struct virtio_net_hdr, §5.1.6 */
#define HDR_LEN_LEGACY          10   /* without num_buffers (§5.1.6.1) */
#define HDR_FLAGS               0    /* u8: */
#define HDR_F_NEEDS_CSUM        1    /* finish the checksum (csum_start/off) */
#define HDR_F_DATA_VALID        2    /* received: the checksum is good */
#define HDR_CSUM_START          6    /* le16 */
#define HDR_CSUM_OFFSET         8    /* le16 */
#define HDR_NUM_BUFFERS         10   /* le16, with MRG_RXBUF */
#define BUF_SIZE                1536 /* HDR_LEN + ETH_FRAME_MAX, rounded */
#define QUEUE_MAX               256
/* Buffers one frame may take: NETDEV_RX_MAX in BUF_SIZE pieces, and then
 * some (a device may leave buffers short). */
#define RX_FRAGS_MAX 64
#define RX_QUEUE     0
#define TX_QUEUE     1
#define MSIX_RX      0

struct vnet {
	struct netdev nd;
	struct virtio_dev *v;
	struct virtq rx, tx;
	unsigned hdr_len;
	uint8_t *rx_bufs;
	uint8_t **tx_free; /* a stack of idle transmit buffers */
	unsigned tx_free_count;
	uint8_t *tx_bufs;
};

static void rx_irq(void *arg)
{
	struct vnet *vn = arg;

	virtq_irq_off(&vn->rx);
	netdev_irq(&vn->nd);
}

/* Give buf back to the device to receive into. */
static void rx_repost(struct vnet *vn, uint8_t *buf)
{
	virtq_add(&vn->rx, buf, BUF_SIZE, true, buf);
}

/* One received frame, which began in buf (len bytes used): with mergeable
 * buffers it continues in num_buffers - 1 more (§5.1.6.4), all used
 * together. Every buffer goes back to the device. */
static void rx_frame(struct vnet *vn, uint8_t *buf, uint32_t len)
{
	struct netdev_frag frags[RX_FRAGS_MAX];
	uint8_t *bufs[RX_FRAGS_MAX];
	unsigned count = 1, n = 1;
	bool ok = len > vn->hdr_len && len <= BUF_SIZE;
	/* NEEDS_CSUM marks a frame from the host whose checksum was never
	 * computed (§5.1.6.4): it crossed no wire, so nothing to verify. */
	unsigned flags = buf[HDR_FLAGS] & (HDR_F_NEEDS_CSUM | HDR_F_DATA_VALID)
				 ? NETDEV_RX_CSUM_OK
				 : 0;

	if (vn->v->features & VIRTIO_NET_F_MRG_RXBUF) {
		count = (unsigned)(buf[HDR_NUM_BUFFERS] |
				   buf[HDR_NUM_BUFFERS + 1] << 8);
		ok = ok && count >= 1 && count <= RX_FRAGS_MAX;
	}
	bufs[0] = buf;
	frags[0] = (struct netdev_frag){ buf + vn->hdr_len, len - vn->hdr_len };
	while (ok && n < count) {
		uint8_t *b = virtq_get(&vn->rx, &len);
		if (!b) { /* the device broke its promise */
			ok = false;
			break;
		}
		bufs[n] = b;
		frags[n++] = (struct netdev_frag){ b, len };
		ok = len > 0 && len <= BUF_SIZE;
	}
	if (ok)
		netdev_rx_frags(&vn->nd, frags, count, flags);
	else
		vn->nd.stats.rx_dropped++;
	for (unsigned i = 0; i < n; i++)
		rx_repost(vn, bufs[i]);
}

static unsigned vnet_poll(struct netdev *nd, unsigned budget)
{
	struct vnet *vn = nd->priv;
	unsigned n = 0;
	uint8_t *buf;
	uint32_t len;

	while (n < budget && (buf = virtq_get(&vn->rx, &len))) {
		rx_frame(vn, buf, len);
		n++;
	}
	if (n)
		virtq_kick(&vn->rx);
	return n;
}

static bool vnet_irq_enable(struct netdev *nd, bool on)
{
	struct vnet *vn = nd->priv;

	if (on)
		return virtq_irq_on(&vn->rx);
	virtq_irq_off(&vn->rx);
	return false;
}

static int vnet_tx(struct netdev *nd, const void *frame, size_t len)
{
	struct vnet *vn = nd->priv;
	unsigned long flags = arch_irq_save(); /* senders: any thread */
	uint8_t *buf;
	uint32_t used_len;
	int err = -EAGAIN;

	while ((buf = virtq_get(&vn->tx, &used_len)))
		vn->tx_free[vn->tx_free_count++] = buf;
	if (vn->tx_free_count) {
		buf = vn->tx_free[--vn->tx_free_count];
		uint16_t start, off;

		memset(buf, 0, vn->hdr_len);
		memcpy(buf + vn->hdr_len, frame, len);
		/* The stack left TCP checksums to us (§5.1.6.2). */
		if ((nd->features & NETDEV_F_TX_CSUM_TCP) &&
		    netdev_csum_partial(buf + vn->hdr_len, len, &start, &off)) {
			buf[HDR_FLAGS] = HDR_F_NEEDS_CSUM;
			memcpy(buf + HDR_CSUM_START, &start, 2); /* LE */
			memcpy(buf + HDR_CSUM_OFFSET, &off, 2);
		}
		err = virtq_add(&vn->tx, buf, (uint32_t)(vn->hdr_len + len),
				false, buf);
		virtq_kick(&vn->tx);
	}
	arch_irq_restore(flags);
	return err;
}

static bool vnet_link_up(struct netdev *nd)
{
	struct vnet *vn = nd->priv;

	if (!(vn->v->features & VIRTIO_NET_F_STATUS))
		return true;
	return virtio_cfg_read16(vn->v, NET_CFG_STATUS) & NET_S_LINK_UP;
}

static const struct netdev_ops vnet_ops = {
	.tx = vnet_tx,
	.poll = vnet_poll,
	.irq_enable = vnet_irq_enable,
	.link_up = vnet_link_up,
};

static int buffers_init(struct vnet *vn)
{
	vn->rx_bufs = memalign(64, (size_t)vn->rx.size * BUF_SIZE);
	vn->tx_bufs = memalign(64, (size_t)vn->tx.size * BUF_SIZE);
	vn->tx_free = calloc(vn->tx.size, sizeof(*vn->tx_free));
	if (!vn->rx_bufs || !vn->tx_bufs || !vn->tx_free)
		return -ENOMEM;
	for (unsigned i = 0; i < vn->tx.size; i++)
		vn->tx_free[vn->tx_free_count++] = vn->tx_bufs + i * BUF_SIZE;
	for (unsigned i = 0; i < vn->rx.size; i++) {
		uint8_t *b = vn->rx_bufs + i * BUF_SIZE;
		virtq_add(&vn->rx, b, BUF_SIZE, true, b);
	}
	virtq_irq_off(&vn->tx);
	return 0;
}

static void read_mac(struct vnet *vn)
{
	if (vn->v->features & VIRTIO_NET_F_MAC) {
		for (int i = 0; i < ETH_ALEN; i++)
			vn->nd.mac[i] = virtio_cfg_read8(vn->v, (unsigned)i);
		return;
	}
	/* No address from the device: a random locally administered one. */
	uint64_t r = 0;
	arch_random(&r);
	memcpy(vn->nd.mac, &r, ETH_ALEN);
	vn->nd.mac[0] = (uint8_t)((vn->nd.mac[0] & ~1u) | 2u);
}

/* One line at boot: what was found and how it is driven. */
static void describe(const struct vnet *vn, const char *irq)
{
	static const struct {
		uint64_t bit;
		const char *name;
	} offloads[] = {
		{ VIRTIO_NET_F_CSUM, " csum" },
		{ VIRTIO_NET_F_GUEST_CSUM, " guest-csum" },
		{ VIRTIO_NET_F_GUEST_TSO4, " guest-tso4" },
		{ VIRTIO_NET_F_GUEST_TSO6, " guest-tso6" },
		{ VIRTIO_NET_F_MRG_RXBUF, " mrg-rxbuf" },
	};
	char off[64] = "";

	for (size_t i = 0; i < sizeof(offloads) / sizeof(offloads[0]); i++)
		if (vn->v->features & offloads[i].bit)
			strcat(off, offloads[i].name);
	kprintf("ukos: %s: virtio-net at %s, %s interface, %s, offloads:%s\n",
		vn->nd.name, vn->v->where, vn->v->ops->name, irq,
		off[0] ? off : " none");
}

static int vnet_probe(struct virtio_dev *v)
{
	struct vnet *vn = calloc(1, sizeof(*vn));
	char irq[24];
	int err;

	if (!vn)
		return -ENOMEM;
	vn->v = v;
	/* Coalesced segments only into merged buffers (else each buffer
	 * would have to hold 64 KiB), and only with GUEST_CSUM (§5.1.3.1). */
	uint64_t offered = virtio_device_features(v);
	uint64_t guest_tso =
		(offered & VIRTIO_NET_F_MRG_RXBUF) &&
				(offered & VIRTIO_NET_F_GUEST_CSUM)
			? VIRTIO_NET_F_GUEST_TSO4 | VIRTIO_NET_F_GUEST_TSO6
			: 0;
	err = virtio_negotiate(
		v, VIRTIO_F_VERSION_1 | VIRTIO_NET_F_MAC | VIRTIO_NET_F_STATUS |
			   VIRTIO_NET_F_CSUM | VIRTIO_NET_F_GUEST_CSUM |
			   VIRTIO_NET_F_MRG_RXBUF | guest_tso);
	if (err)
		return err; /* vn stays: the device may point at its queues */
	if (v->features & VIRTIO_NET_F_CSUM)
		vn->nd.features |= NETDEV_F_TX_CSUM_TCP;
	vn->hdr_len =
		v->features & (VIRTIO_F_VERSION_1 | VIRTIO_NET_F_MRG_RXBUF)
			? HDR_LEN
			: HDR_LEN_LEGACY;
	err = virtio_irq_route(v, rx_irq, vn, irq, sizeof(irq));
	if (!err)
		err = virtio_queue_setup(v, RX_QUEUE, QUEUE_MAX, true, &vn->rx);
	if (!err)
		err = virtio_queue_setup(v, TX_QUEUE, QUEUE_MAX, false,
					 &vn->tx);
	if (!err)
		err = buffers_init(vn);
	if (err)
		return err;
	read_mac(vn);
	vn->nd.ops = &vnet_ops;
	vn->nd.priv = vn;
	virtq_irq_off(&vn->rx); /* until the stack starts the device */
	virtio_driver_ok(v);
	virtq_kick(&vn->rx);
	v->priv = vn;
	err = netdev_register(&vn->nd);
	if (err)
		return err;
	describe(vn, irq);
	return 0;
}

static const struct virtio_driver virtio_net_driver = {
	.name = "virtio-net",
	.type = VIRTIO_ID_NET,
	.probe = vnet_probe,
};
/* 0x1000: the transitional network device (§4.1.2.3). */
VIRTIO_DRIVER(virtio_net_driver, VIRTIO_ID_NET, 0x1000);

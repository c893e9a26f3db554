/* SPDX-License-Identifier: MIT */
/*
 * e1000.c: Intel's gigabit controllers as a netdev — the 8254x family
 * (82540EM is QEMU's default NIC "e1000"; 82544GC, 82545EM) and the 82574L
 * (QEMU's "e1000e"), through the legacy descriptor formats both families
 * keep. References: the PCI/PCI-X Family of Gigabit Ethernet Controllers
 * Software Developer's Manual ("SDM"), and the 82574 GbE Controller
 * Datasheet ("82574"). One receive ring of 2 KiB buffers, one frame per
 * descriptor; one transmit ring the frame is copied into, reclaimed
 * lazily. Receive interrupts through INTx (the line may be shared: the
 * cause register says whether it was this device), or MSI-X on the 82574.
 * TCP/UDP checksums of received IPv4 frames are checked by the device
 * (SDM §3.2.9); sending, the device finishes TCP checksums through a
 * context descriptor (SDM §3.3.6).
 */
#include <errno.h>
#include <malloc.h>
#include <stdlib.h>
#include <string.h>
#include <ukos/arch.h>
#include <ukos/clock.h>
#include <ukos/console.h>
#include <ukos/netdev.h>
#include <ukos/pci.h>

/* Registers (SDM §13.4, 82574 §10.2). */
#define REG_CTRL   0x0000
#define REG_STATUS 0x0008
#define REG_EERD   0x0014
#define REG_ICR    0x00c0
#define REG_ITR    0x00c4
#define REG_IMS    0x00d0
#define REG_IMC    0x00d8
#define REG_RCTL   0x0100
#define REG_TCTL   0x0400
#define REG_TIPG   0x0410
#define REG_RDBAL  0x2800
#define REG_RDBAH  0x2804
#define REG_RDLEN  0x2808
#define REG_RDH    0x2810
#define REG_RDT    0x2818
#define REG_RDTR   0x2820
#define REG_TDBAL  0x3800
#define REG_TDBAH  0x3804
#define REG_TDLEN  0x3808
#define REG_TDH    0x3810
#define REG_TDT    0x3818
#define REG_TXDCTL 0x3828
#define REG_RXCSUM 0x5000
#define REG_MTA    0x5200 /* 128 words */
#define REG_RAL0   0x5400
#define REG_RAH0   0x5404

#define CTRL_ASDE     (1u << 5)
#define CTRL_SLU      (1u << 6)
#define CTRL_RST      (1u << 26)
#define CTRL_PHY_RST  (1u << 31)
#define STATUS_LU     (1u << 1)
#define RAH_AV        (1u << 31)
#define RCTL_EN       (1u << 1)
#define RCTL_BAM      (1u << 15) /* broadcasts; BSIZE 00: 2048 bytes */
#define RCTL_SECRC    (1u << 26) /* strip the Ethernet CRC */
#define TCTL_EN       (1u << 1)
#define TCTL_PSP      (1u << 3)
#define TCTL_CT       (0x0fu << 4)  /* collision threshold (SDM §13.4.33) */
#define TCTL_COLD     (0x40u << 12) /* full-duplex collision distance */
#define TIPG_COPPER   (10u | 8u << 10 | 6u << 20) /* SDM §13.4.34 */
#define TXDCTL_82574  (1u << 22) /* "must be set" (82574 §10.2.6.9) */
#define RXCSUM_IPOFLD (1u << 8)
#define RXCSUM_TUOFLD (1u << 9)
#define INT_TXDW      (1u << 0)
#define INT_LSC       (1u << 2)
#define INT_RXDMT0    (1u << 4)
#define INT_RXO       (1u << 6)
#define INT_RXT0      (1u << 7)
#define INT_RX        (INT_RXDMT0 | INT_RXO | INT_RXT0)

/* Receive descriptor (SDM §3.2.3). */
struct rx_desc {
	uint64_t addr;
	uint16_t length;
	uint16_t csum;
	uint8_t status;
	uint8_t errors;
	uint16_t special;
};
#define RXS_DD    (1u << 0)
#define RXS_EOP   (1u << 1)
#define RXS_IXSM  (1u << 2) /* ignore the checksum bits */
#define RXS_TCPCS (1u << 5)
#define RXE_FRAME 0x97u /* CE, SE, SEQ, CXE, RXE: a broken frame */
#define RXE_TCPE  (1u << 5)

/* Transmit descriptors: legacy data and TCP/IP context (SDM §3.3.3,
 * §3.3.6), and extended data (§3.3.7), one 16-byte slot each. */
struct tx_desc {
	uint64_t addr;
	uint32_t cmd_len; /* length 15:0, CSO/DTYP 23:16, CMD 31:24 */
	uint32_t fields;  /* STA 3:0 (DD bit 0), CSS/POPTS 15:8 */
};
#define TXC_EOP        (1u << 24)
#define TXC_IFCS       (1u << 25)
#define TXC_RS         (1u << 27)
#define TXC_DEXT       (1u << 29)
#define TXD_DTYP_DATA  (1u << 20)
#define TXD_POPTS_TXSM (2u << 8) /* insert the TCP/UDP checksum */
#define TXS_DD         1u
/* Context descriptor words: TUCSS 7:0 | TUCSO 15:8 | TUCSE 31:16 in the
 * upper half of addr; TCP bit 24 of cmd_len (TUCMD.TCP). */
#define TXCTX_TCP (1u << 24)

#define RING          256 /* descriptors, a multiple of 8 (SDM §3.2.6) */
#define BUF_SIZE      2048
#define RX_BUDGET     64
#define RESET_WAIT_NS 10000000ull /* 10 ms; the SDM asks at least 1 us */

/* Which family: the EEPROM read register and a few bits move. */
enum model { M_8254X, M_82574 };

struct e1000 {
	struct netdev nd;
	volatile uint8_t *regs;
	enum model model;
	struct rx_desc *rx;
	struct tx_desc *tx;
	uint8_t *rx_bufs, *tx_bufs;
	unsigned rx_next;           /* next descriptor the device fills */
	unsigned tx_tail, tx_clean; /* next to fill; oldest not reclaimed */
	unsigned tx_free;
	int ctx_start, ctx_offset; /* the checksum context loaded, or -1 */
	bool discard;              /* inside a frame that spans buffers */
};

static uint32_t rd(const struct e1000 *e, unsigned reg)
{
	return *(volatile uint32_t *)(e->regs + reg);
}

static void wr(struct e1000 *e, unsigned reg, uint32_t v)
{
	*(volatile uint32_t *)(e->regs + reg) = v;
}

static const struct pci_id ids[] = {
	{ 0x8086, 0x100e }, /* 82540EM: QEMU's "e1000" */
	{ 0x8086, 0x100c }, /* 82544GC: QEMU's "e1000-82544gc" */
	{ 0x8086, 0x100f }, /* 82545EM: QEMU's "e1000-82545em" */
	{ 0x8086, 0x10d3 }, /* 82574L: QEMU's "e1000e" */
	{ 0, 0 },
};

/* The interrupt: INTx, perhaps for another device on the line. Reading
 * ICR clears it and lowers the line (SDM §13.4.17). */
static void e1000_irq(void *arg)
{
	struct e1000 *e = arg;
	uint32_t icr = rd(e, REG_ICR);

	if (icr & INT_RX) {
		wr(e, REG_IMC, INT_RX);
		netdev_irq(&e->nd);
	}
	if (icr & INT_LSC) /* e.g. auto-negotiation done after reset */
		netdev_link_irq(&e->nd);
}

static bool rx_ready(const struct e1000 *e)
{
	return __atomic_load_n(&e->rx[e->rx_next].status, __ATOMIC_ACQUIRE) &
	       RXS_DD;
}

static unsigned e1000_poll(struct netdev *nd, unsigned budget)
{
	struct e1000 *e = nd->priv;
	unsigned n = 0;

	while (n < budget && rx_ready(e)) {
		struct rx_desc *d = &e->rx[e->rx_next];
		uint8_t *buf = e->rx_bufs + (size_t)e->rx_next * BUF_SIZE;
		bool eop = d->status & RXS_EOP;
		unsigned flags = 0;

		/* The device checked the TCP/UDP checksum and found it good
		 * (SDM §3.2.9; IPv4 only on these parts). */
		if ((d->status & (RXS_TCPCS | RXS_IXSM)) == RXS_TCPCS &&
		    !(d->errors & RXE_TCPE))
			flags = NETDEV_RX_CSUM_OK;
		if (e->discard || !eop || (d->errors & RXE_FRAME) ||
		    d->length < 14 || d->length > BUF_SIZE)
			nd->stats.rx_dropped++; /* LPE is off: never spans */
		else
			netdev_rx(nd, buf, d->length, flags);
		e->discard = !eop;
		d->status = 0;
		e->rx_next = (e->rx_next + 1) % RING;
		n++;
	}
	if (n) /* hand the used descriptors back: RDT trails rx_next */
		wr(e, REG_RDT, (e->rx_next + RING - 1) % RING);
	return n;
}

static bool e1000_irq_enable(struct netdev *nd, bool on)
{
	struct e1000 *e = nd->priv;

	if (!on) {
		wr(e, REG_IMC, INT_RX);
		return false;
	}
	wr(e, REG_IMS, INT_RX | INT_LSC);
	return rx_ready(e);
}

static void tx_reclaim(struct e1000 *e)
{
	while (e->tx_free < RING &&
	       (__atomic_load_n(&e->tx[e->tx_clean].fields, __ATOMIC_ACQUIRE) &
		TXS_DD)) {
		e->tx[e->tx_clean].fields = 0;
		e->tx_clean = (e->tx_clean + 1) % RING;
		e->tx_free++;
	}
}

static uint8_t *tx_buf(const struct e1000 *e, unsigned slot)
{
	return e->tx_bufs + (size_t)slot * BUF_SIZE;
}

/* Post a context descriptor telling the device where to sum and store a
 * TCP checksum (SDM §3.3.6): TUCSS, TUCSO, TUCSE 0 (to the end). It takes
 * a slot; the caller made sure there are two. */
static void tx_context(struct e1000 *e, unsigned start, unsigned offset)
{
	struct tx_desc *c = &e->tx[e->tx_tail];

	/* IP checksum fields 0: the stack fills the IPv4 header's own. */
	c->addr = (uint64_t)(start | (start + offset) << 8) << 32;
	c->cmd_len = TXC_DEXT | TXC_RS | TXCTX_TCP;
	c->fields = 0;
	e->tx_tail = (e->tx_tail + 1) % RING;
	e->tx_free--;
	e->ctx_start = (int)start;
	e->ctx_offset = (int)offset;
}

static int e1000_tx(struct netdev *nd, const void *frame, size_t len)
{
	struct e1000 *e = nd->priv;
	unsigned long flags = arch_irq_save(); /* senders: any thread */
	uint16_t start, offset;
	struct tx_desc *d;
	uint8_t *buf;
	bool csum;

	tx_reclaim(e);
	if (e->tx_free < 2) { /* room for a context and the frame */
		arch_irq_restore(flags);
		return -EAGAIN;
	}
	buf = tx_buf(e, e->tx_tail);
	memcpy(buf, frame, len);
	csum = (nd->features & NETDEV_F_TX_CSUM_TCP) &&
	       netdev_csum_partial(buf, len, &start, &offset);
	if (csum && (start != e->ctx_start || offset != e->ctx_offset)) {
		/* A new context first (rarely: IPv4 and IPv6, IP options);
		 * the frame follows it into the next slot's buffer. */
		tx_context(e, start, offset);
		memcpy(tx_buf(e, e->tx_tail), buf, len);
		buf = tx_buf(e, e->tx_tail);
	}
	d = &e->tx[e->tx_tail];
	d->addr = (uintptr_t)buf;
	d->cmd_len = (uint32_t)len | TXC_EOP | TXC_IFCS | TXC_RS |
		     (csum ? TXC_DEXT | TXD_DTYP_DATA : 0);
	d->fields = csum ? TXD_POPTS_TXSM : 0;
	e->tx_tail = (e->tx_tail + 1) % RING;
	e->tx_free--;
	__atomic_thread_fence(__ATOMIC_RELEASE);
	wr(e, REG_TDT, e->tx_tail);
	arch_irq_restore(flags);
	return 0;
}

static bool e1000_link_up(struct netdev *nd)
{
	struct e1000 *e = nd->priv;

	return rd(e, REG_STATUS) & STATUS_LU;
}

static const struct netdev_ops e1000_ops = {
	.tx = e1000_tx,
	.poll = e1000_poll,
	.irq_enable = e1000_irq_enable,
	.link_up = e1000_link_up,
};

/* One EEPROM word through EERD (SDM §13.4.4; 82574 §10.2.2.6), or -1. */
static int eeprom_word(struct e1000 *e, unsigned addr)
{
	unsigned shift = e->model == M_82574 ? 2 : 8;
	uint32_t done = e->model == M_82574 ? 1u << 1 : 1u << 4;

	wr(e, REG_EERD, 1u | addr << shift);
	for (int i = 0; i < 100000; i++) {
		uint32_t v = rd(e, REG_EERD);
		if (v & done)
			return (int)(v >> 16);
	}
	return -1;
}

/* The station address: loaded into receive address 0 from the EEPROM
 * at reset (SDM §5.6.1), else read from the EEPROM's first words. */
static int read_mac(struct e1000 *e)
{
	uint32_t lo = rd(e, REG_RAL0), hi = rd(e, REG_RAH0);

	if (!(hi & RAH_AV)) {
		int w[3];
		for (unsigned i = 0; i < 3; i++)
			if ((w[i] = eeprom_word(e, i)) < 0)
				return -EIO;
		lo = (uint32_t)w[0] | (uint32_t)w[1] << 16;
		hi = (uint32_t)w[2] | RAH_AV;
		wr(e, REG_RAL0, lo);
		wr(e, REG_RAH0, hi);
	}
	for (int i = 0; i < 4; i++)
		e->nd.mac[i] = (uint8_t)(lo >> (8 * i));
	e->nd.mac[4] = (uint8_t)hi;
	e->nd.mac[5] = (uint8_t)(hi >> 8);
	return 0;
}

static int reset(struct e1000 *e)
{
	uint64_t until;

	wr(e, REG_IMC, ~0u);
	wr(e, REG_CTRL, rd(e, REG_CTRL) | CTRL_RST);
	until = clock_uptime_ns() + RESET_WAIT_NS;
	while (rd(e, REG_CTRL) & CTRL_RST)
		if (clock_uptime_ns() > until)
			return -EIO;
	wr(e, REG_IMC, ~0u); /* reset may have turned them on */
	(void)rd(e, REG_ICR);
	/* Link up by auto-negotiation (SDM §14.3). */
	wr(e, REG_CTRL,
	   (rd(e, REG_CTRL) | CTRL_SLU | CTRL_ASDE) & ~CTRL_PHY_RST);
	return 0;
}

static int rings_init(struct e1000 *e)
{
	/* Rings 128-byte aligned (SDM §3.2.6), buffers 16. */
	e->rx = memalign(128, RING * sizeof(*e->rx));
	e->tx = memalign(128, RING * sizeof(*e->tx));
	e->rx_bufs = memalign(64, (size_t)RING * BUF_SIZE);
	e->tx_bufs = memalign(64, (size_t)RING * BUF_SIZE);
	if (!e->rx || !e->tx || !e->rx_bufs || !e->tx_bufs)
		return -ENOMEM;
	memset(e->rx, 0, RING * sizeof(*e->rx));
	memset(e->tx, 0, RING * sizeof(*e->tx));
	for (unsigned i = 0; i < RING; i++)
		e->rx[i].addr = (uintptr_t)(e->rx_bufs + (size_t)i * BUF_SIZE);
	e->tx_free = RING;
	e->ctx_start = e->ctx_offset = -1;

	for (unsigned i = 0; i < 128; i++)
		wr(e, REG_MTA + 4 * i, 0);
	wr(e, REG_RDBAL, (uint32_t)(uintptr_t)e->rx);
	wr(e, REG_RDBAH, (uint32_t)((uint64_t)(uintptr_t)e->rx >> 32));
	wr(e, REG_RDLEN, RING * sizeof(*e->rx));
	wr(e, REG_RDH, 0);
	wr(e, REG_RDT, RING - 1);
	wr(e, REG_RDTR, 0);
	wr(e, REG_ITR, 0);
	wr(e, REG_RXCSUM, RXCSUM_IPOFLD | RXCSUM_TUOFLD);
	wr(e, REG_RCTL, RCTL_EN | RCTL_BAM | RCTL_SECRC);

	wr(e, REG_TDBAL, (uint32_t)(uintptr_t)e->tx);
	wr(e, REG_TDBAH, (uint32_t)((uint64_t)(uintptr_t)e->tx >> 32));
	wr(e, REG_TDLEN, RING * sizeof(*e->tx));
	wr(e, REG_TDH, 0);
	wr(e, REG_TDT, 0);
	if (e->model == M_82574)
		wr(e, REG_TXDCTL, rd(e, REG_TXDCTL) | TXDCTL_82574);
	wr(e, REG_TIPG, TIPG_COPPER);
	wr(e, REG_TCTL, TCTL_EN | TCTL_PSP | TCTL_CT | TCTL_COLD);
	return 0;
}

static int e1000_probe(struct pci_dev *dev)
{
	struct e1000 *e = calloc(1, sizeof(*e));
	unsigned gsi = 0;
	int err;

	if (!e)
		return -ENOMEM;
	e->model = dev->device == 0x10d3 ? M_82574 : M_8254X;
	e->regs = pci_bar_ptr(dev, 0);
	if (!e->regs) {
		free(e);
		return -ENODEV;
	}
	pci_enable(dev);
	err = reset(e);
	if (!err)
		err = read_mac(e);
	if (!err)
		err = pci_intx_route(dev, e1000_irq, e, &gsi);
	if (!err)
		err = rings_init(e); /* e stays: the device may own them */
	if (err)
		return err;
	e->nd.ops = &e1000_ops;
	e->nd.priv = e;
	e->nd.features = NETDEV_F_TX_CSUM_TCP;
	dev->priv = e;
	err = netdev_register(&e->nd);
	if (err)
		return err;
	kprintf("ukos: %s: %s, INTx on GSI %u, offloads: %srx-csum\n",
		e->nd.name,
		e->model == M_82574 ? "82574 (e1000e)" : "8254x (e1000)", gsi,
		e->nd.features & NETDEV_F_TX_CSUM_TCP ? "tx-csum " : "");
	return 0;
}

static const struct pci_driver e1000_driver = {
	.name = "e1000",
	.ids = ids,
	.probe = e1000_probe,
};
PCI_DRIVER(e1000_driver);

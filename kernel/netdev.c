/* SPDX-License-Identifier: MIT */
/*
 * netdev.c: registering network devices and running their receive side:
 * one poller thread per device sleeps until the device interrupts, then
 * polls with the device's interrupts off until it is drained (so a flood
 * costs no interrupt per frame), then sleeps again.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <ukos/arch.h>
#include <ukos/netdev.h>
#include <ukos/pci.h>
#include <ukos/virtio.h>
#include <ukos/wait.h>

#define POLL_BUDGET 64

static struct netdev *netdev_list;
static unsigned count;

int netdev_register(struct netdev *nd)
{
	const struct netdev_ops *ops = nd->ops;
	struct netdev **tail = &netdev_list;

	if (!ops || !ops->tx || !ops->poll || !ops->irq_enable)
		return -EINVAL;
	snprintf(nd->name, sizeof(nd->name), "eth%u", count++);
	if (!nd->mtu)
		nd->mtu = 1500;
	while (*tail)
		tail = &(*tail)->next;
	*tail = nd;
	return 0;
}

unsigned netdev_probe_all(void)
{
	pci_probe_all();
	virtio_mmio_probe_all();
	return count;
}

struct netdev *netdev_first(void)
{
	return netdev_list;
}

struct netdev *netdev_find(const char *name)
{
	for (struct netdev *nd = netdev_list; nd; nd = nd->next)
		if (strcmp(nd->name, name) == 0)
			return nd;
	return NULL;
}

void netdev_irq(struct netdev *nd)
{
	nd->stats.irqs++;
	nd->pending = true;
	waitq_wake_one(&nd->wake);
}

void netdev_link_irq(struct netdev *nd)
{
	nd->link_pending = true;
	nd->pending = true;
	waitq_wake_one(&nd->wake);
}

/* Tell the stack where the link stands, if it may have moved. */
static void report_link(struct netdev *nd)
{
	unsigned long flags = arch_irq_save();
	bool pending = nd->link_pending;

	nd->link_pending = false;
	arch_irq_restore(flags);
	if (pending && nd->link)
		nd->link(nd, !nd->ops->link_up || nd->ops->link_up(nd));
}

static void wait_for_irq(struct netdev *nd)
{
	unsigned long flags = arch_irq_save();

	while (!nd->pending)
		waitq_wait(&nd->wake, WAIT_FOREVER, "netdev");
	nd->pending = false;
	arch_irq_restore(flags);
}

static void *poller(void *arg)
{
	struct netdev *nd = arg;

	nd->link_pending = true; /* it may have moved since the stack looked */
	for (;;) {
		bool more;
		report_link(nd);
		do {
			while (nd->ops->poll(nd, POLL_BUDGET) == POLL_BUDGET)
				sched_yield(); /* let the stack keep up */
			more = nd->ops->irq_enable(nd, true);
			if (more)
				nd->ops->irq_enable(nd, false);
		} while (more);
		wait_for_irq(nd);
	}
	return NULL;
}

int netdev_start(struct netdev *nd)
{
	char name[THREAD_NAME_MAX];

	if (!nd->rx)
		return -EINVAL;
	snprintf(name, sizeof(name), "%s-rx", nd->name);
	nd->poller = thread_create(poller, nd, 0, name);
	return nd->poller ? 0 : -EAGAIN;
}

void netdev_rx(struct netdev *nd, const void *frame, size_t len, unsigned flags)
{
	struct netdev_frag f = { frame, len };

	netdev_rx_frags(nd, &f, 1, flags);
}

void netdev_rx_frags(struct netdev *nd, const struct netdev_frag *frags,
		     unsigned nfrags, unsigned flags)
{
	size_t len = 0;

	for (unsigned i = 0; i < nfrags; i++)
		len += frags[i].len;
	if (len > NETDEV_RX_MAX) {
		nd->stats.rx_dropped++;
		return;
	}
	nd->stats.rx_packets++;
	nd->stats.rx_bytes += len;
	nd->rx(nd, frags, nfrags, len, flags);
}

int netdev_tx(struct netdev *nd, const void *frame, size_t len)
{
	int err = len > ETH_FRAME_MAX ? -EMSGSIZE : nd->ops->tx(nd, frame, len);

	if (err) {
		nd->stats.tx_dropped++;
		return err;
	}
	nd->stats.tx_packets++;
	nd->stats.tx_bytes += len;
	return 0;
}

/* SPDX-License-Identifier: MIT */
/*
 * test_netif_netdev.c: the glue between a netdev and lwIP
 * (net/netif_netdev.c) against a fake netdev and just enough of lwIP's
 * pbufs and netifs: frames out (one piece or a chain, too long, a full
 * ring retried then given up), frames in (copied into a pbuf, dropped and
 * counted without memory, freed when the stack refuses them), the
 * interface taking the device's name, MAC and MTU, and lwIP's checksum
 * switches following the device's offloads.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <ukos/netdev.h>

#include "lwip/netif.h"
#include "lwip/pbuf.h"
#include "lwip/tcpip.h"
#include "net.h"

/* ---- the fake device ------------------------------------------------ */

static struct {
	uint8_t frame[2048];
	size_t len;
	int sent, full_for, tx_calls, started;
} dev;

static int fake_tx(struct netdev *nd, const void *frame, size_t len)
{
	(void)nd;
	dev.tx_calls++;
	if (dev.full_for > 0) {
		dev.full_for--;
		return -EAGAIN;
	}
	memcpy(dev.frame, frame, len);
	dev.len = len;
	dev.sent++;
	return 0;
}
static unsigned fake_poll(struct netdev *nd, unsigned budget)
{
	(void)nd, (void)budget;
	return 0;
}
static bool fake_irq(struct netdev *nd, bool on)
{
	(void)nd, (void)on;
	return false;
}
static const struct netdev_ops ops = { fake_tx, fake_poll, fake_irq, NULL };

int netdev_tx(struct netdev *nd, const void *frame, size_t len)
{
	return nd->ops->tx(nd, frame, len);
}
int netdev_start(struct netdev *nd)
{
	(void)nd;
	dev.started++;
	return 0;
}
int sched_yield(void)
{
	return 0;
}
void kprintf(const char *fmt, ...)
{
	(void)fmt;
}
void ukos_panic(const char *fmt, ...)
{
	(void)fmt;
	abort();
}

/* ---- just enough lwIP ----------------------------------------------- */

static int pool_left = 1000, freed, input_result;
static int core_locked; /* LOCK_TCPIP_CORE() depth */
static struct pbuf *last_input;
struct netif *netif_default;

struct pbuf *pbuf_alloc(pbuf_layer l, u16_t len, pbuf_type type)
{
	struct pbuf *p;

	(void)l, (void)type;
	if (pool_left-- <= 0)
		return NULL;
	p = calloc(1, sizeof(*p) + len);
	p->payload = p + 1;
	p->len = p->tot_len = len;
	return p;
}
err_t pbuf_take_at(struct pbuf *p, const void *data, u16_t len, u16_t at)
{
	assert_true(at + len <= p->tot_len);
	memcpy((char *)p->payload + at, data, len);
	return ERR_OK;
}
u8_t pbuf_free(struct pbuf *p)
{
	while (p) {
		struct pbuf *next = p->next;
		free(p);
		freed++;
		p = next;
	}
	return 1;
}
u16_t pbuf_copy_partial(const struct pbuf *p, void *out, u16_t len,
			u16_t offset)
{
	u16_t done = 0;

	assert_int_equal(offset, 0);
	for (; p && done < len; p = p->next) {
		u16_t n = p->len < len - done ? p->len : (u16_t)(len - done);
		memcpy((char *)out + done, p->payload, n);
		done += n;
	}
	return done;
}
static err_t input(struct pbuf *p, struct netif *n)
{
	(void)n;
	last_input = p;
	return (err_t)input_result;
}
struct netif *netif_add(struct netif *n, const ip4_addr_t *a,
			const ip4_addr_t *m, const ip4_addr_t *g, void *state,
			netif_init_fn init, netif_input_fn in)
{
	(void)a, (void)m, (void)g, (void)in;
	n->state = state;
	n->input = input;
	return init(n) == ERR_OK ? n : NULL;
}
void netif_set_default(struct netif *n)
{
	netif_default = n;
}
void netif_set_up(struct netif *n)
{
	n->flags |= NETIF_FLAG_UP;
}
void netif_set_link_up(struct netif *n)
{
	assert_int_equal(core_locked, 1);
	n->flags |= NETIF_FLAG_LINK_UP;
}
void netif_set_link_down(struct netif *n)
{
	assert_int_equal(core_locked, 1);
	n->flags &= (u8_t)~NETIF_FLAG_LINK_UP;
}
void netif_create_ip6_linklocal_address(struct netif *n, u8_t from_mac)
{
	(void)n, (void)from_mac;
}
err_t etharp_output(struct netif *n, struct pbuf *p, const ip4_addr_t *a)
{
	(void)n, (void)p, (void)a;
	return ERR_OK;
}
err_t ethip6_output(struct netif *n, struct pbuf *p, const ip6_addr_t *a)
{
	(void)n, (void)p, (void)a;
	return ERR_OK;
}
/* What lwIP's checksum switches and the core lock were when a frame
 * entered through ethernet_input (the trusted-checksum path). */
static u16_t flags_at_input;
static int locked_at_input, ethernet_inputs;
err_t ethernet_input(struct pbuf *p, struct netif *n)
{
	flags_at_input = n->chksum_flags;
	locked_at_input = core_locked;
	ethernet_inputs++;
	last_input = p;
	return (err_t)input_result;
}
err_t tcpip_input(struct pbuf *p, struct netif *n)
{
	(void)p, (void)n;
	return ERR_OK;
}
/* LOCK_TCPIP_CORE() is sys_mutex_lock(&lock_tcpip_core). */
sys_mutex_t lock_tcpip_core;
void sys_mutex_lock(sys_mutex_t *m)
{
	assert_ptr_equal(m, &lock_tcpip_core);
	assert_int_equal(core_locked++, 0);
}
void sys_mutex_unlock(sys_mutex_t *m)
{
	assert_ptr_equal(m, &lock_tcpip_core);
	assert_int_equal(--core_locked, 0);
}

/* ---- tests ---------------------------------------------------------- */

static struct netdev nd;
static struct netif nif;

static int setup(void **state)
{
	(void)state;
	memset(&dev, 0, sizeof(dev));
	memset(&nif, 0, sizeof(nif));
	nd = (struct netdev){ .mac = { 2, 0, 0, 0, 0, 9 },
			      .mtu = 1500,
			      .ops = &ops,
			      .name = "eth0" };
	netif_default = NULL;
	pool_left = 1000, freed = 0, input_result = ERR_OK, ethernet_inputs = 0;
	assert_int_equal(net_netif_add(&nd, &nif), 0);
	return 0;
}

static void test_add(void **state)
{
	(void)state;
	assert_memory_equal(nif.hwaddr, nd.mac, 6);
	assert_int_equal(nif.mtu, 1500);
	assert_true(nif.name[0] == 'e' && nif.name[1] == 't');
	assert_ptr_equal(netif_default, &nif);
	assert_true(nif.flags & NETIF_FLAG_UP);
	assert_true(nif.flags & NETIF_FLAG_LINK_UP); /* no link_up op */
	assert_int_equal(dev.started, 1);
	assert_int_equal(core_locked, 0); /* the core lock was released */
	assert_ptr_equal(nd.stack, &nif);
	assert_non_null(nd.rx);
}

static void test_output(void **state)
{
	struct pbuf *a = pbuf_alloc(PBUF_RAW, 100, PBUF_RAM);
	struct pbuf *b = pbuf_alloc(PBUF_RAW, 60, PBUF_RAM);

	(void)state;
	memset(a->payload, 'a', 100);
	memset(b->payload, 'b', 60);
	assert_int_equal(nif.linkoutput(&nif, a), ERR_OK); /* one piece */
	assert_int_equal(dev.len, 100);
	a->next = b, a->tot_len = 160; /* a chain: sent as one frame */
	assert_int_equal(nif.linkoutput(&nif, a), ERR_OK);
	assert_int_equal(dev.len, 160);
	assert_int_equal(dev.frame[99], 'a');
	assert_int_equal(dev.frame[100], 'b');

	dev.full_for = 3; /* the ring frees up: retried */
	assert_int_equal(nif.linkoutput(&nif, a), ERR_OK);
	assert_int_equal(dev.sent, 3);
	dev.full_for = 1000; /* it does not: given up */
	dev.tx_calls = 0;
	assert_int_equal(nif.linkoutput(&nif, a), ERR_MEM);
	assert_true(dev.tx_calls > 1 && dev.tx_calls < 1000);

	a->tot_len = ETH_FRAME_MAX + 1; /* too long for the wire */
	assert_int_equal(nif.linkoutput(&nif, a), ERR_BUF);
	a->tot_len = 160;
	pbuf_free(a);
}

/* Deliver frame as the device would: in one piece. */
static void rx1(const void *frame, size_t len, unsigned flags)
{
	struct netdev_frag f = { frame, len };

	nd.rx(&nd, &f, 1, len, flags);
}

static void test_input(void **state)
{
	uint8_t frame[64];

	(void)state;
	memset(frame, 7, sizeof(frame));
	rx1(frame, sizeof(frame), 0);
	assert_non_null(last_input);
	assert_int_equal(last_input->tot_len, 64);
	assert_memory_equal(last_input->payload, frame, 64);
	pbuf_free(last_input);

	input_result = ERR_MEM; /* the stack refuses it: freed here */
	freed = 0;
	rx1(frame, sizeof(frame), 0);
	assert_int_equal(freed, 1);

	pool_left = 0; /* no pbuf: dropped and counted */
	last_input = NULL;
	rx1(frame, sizeof(frame), 0);
	assert_null(last_input);
	assert_int_equal(nd.stats.rx_dropped, 1);
	assert_int_equal(ethernet_inputs, 0); /* all through netif->input */
}

/* A frame in pieces (mergeable buffers) is put together in order; one
 * larger than a pbuf can hold is dropped and counted. */
static void test_input_pieces(void **state)
{
	static uint8_t big[40000];
	struct netdev_frag f[3];

	(void)state;
	for (size_t i = 0; i < sizeof(big); i++)
		big[i] = (uint8_t)(i * 13 + i / 251);
	f[0] = (struct netdev_frag){ big, 1524 };
	f[1] = (struct netdev_frag){ big + 1524, 1524 };
	f[2] = (struct netdev_frag){ big + 3048, sizeof(big) - 3048 };
	nd.rx(&nd, f, 3, sizeof(big), 0);
	assert_non_null(last_input);
	assert_int_equal(last_input->tot_len, sizeof(big));
	assert_memory_equal(last_input->payload, big, sizeof(big));
	pbuf_free(last_input);

	last_input = NULL;
	f[2].len = 70000;
	nd.rx(&nd, f, 3, 1524 * 2 + 70000, 0);
	assert_null(last_input);
	assert_int_equal(nd.stats.rx_dropped, 1);
}

/* A device without offloads: lwIP computes and checks everything. One
 * that completes TCP checksums: lwIP leaves those out, on this interface.
 * A frame whose checksum the device vouches for skips lwIP's TCP/UDP
 * checks, for that frame only, under the core lock; refused, it is
 * freed. */
static void test_checksum_switches(void **state)
{
	uint8_t frame[64] = { 0 };
	const u16_t checks =
		NETIF_CHECKSUM_CHECK_TCP | NETIF_CHECKSUM_CHECK_UDP;

	(void)state;
	assert_int_equal(nif.chksum_flags, NETIF_CHECKSUM_ENABLE_ALL);

	memset(&nif, 0, sizeof(nif));
	nd.features = NETDEV_F_TX_CSUM_TCP;
	assert_int_equal(net_netif_add(&nd, &nif), 0);
	assert_int_equal(nif.chksum_flags,
			 NETIF_CHECKSUM_ENABLE_ALL & ~NETIF_CHECKSUM_GEN_TCP);

	ethernet_inputs = 0;
	rx1(frame, sizeof(frame), NETDEV_RX_CSUM_OK);
	assert_int_equal(ethernet_inputs, 1);
	assert_int_equal(locked_at_input, 1);
	assert_int_equal(flags_at_input & checks, 0);
	assert_true(flags_at_input & NETIF_CHECKSUM_CHECK_IP);
	assert_false(flags_at_input & NETIF_CHECKSUM_GEN_TCP);
	assert_int_equal(core_locked, 0);
	assert_int_equal(nif.chksum_flags & checks, checks); /* restored */
	pbuf_free(last_input);

	input_result = ERR_MEM;
	freed = 0;
	rx1(frame, sizeof(frame), NETDEV_RX_CSUM_OK);
	assert_int_equal(freed, 1);
	assert_int_equal(core_locked, 0);
}

/* The device says its link moved: lwIP hears it under the core lock, once
 * per change. */
static void test_link(void **state)
{
	(void)state;
	assert_non_null(nd.link);
	nd.link(&nd, false);
	assert_false(nif.flags & NETIF_FLAG_LINK_UP);
	nd.link(&nd, false);
	assert_false(nif.flags & NETIF_FLAG_LINK_UP);
	nd.link(&nd, true);
	assert_true(nif.flags & NETIF_FLAG_LINK_UP);
	assert_int_equal(core_locked, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_add, setup),
		cmocka_unit_test_setup(test_output, setup),
		cmocka_unit_test_setup(test_input, setup),
		cmocka_unit_test_setup(test_input_pieces, setup),
		cmocka_unit_test_setup(test_checksum_switches, setup),
		cmocka_unit_test_setup(test_link, setup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

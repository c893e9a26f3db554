/* SPDX-License-Identifier: MIT */
/*
 * test_tcp_timewait: net/tcp_timewait.c against a hand-made TIME-WAIT
 * list and packets built here (checksums summed by the test itself;
 * lwIP's own inet_chksum.c checks them in the hook). A SYN beyond the old
 * connection's last sequence number ends its TIME-WAIT; anything else,
 * or anything malformed, leaves the list alone; the oldest goes when
 * 256 are there.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "lwip/netif.h"
#include "lwip/pbuf.h"
#include "lwip/priv/tcp_priv.h"
#include "lwip/prot/ip4.h"
#include "lwip/prot/ip6.h"
#include "lwip/prot/tcp.h"
#include "lwip_hooks.h"

/* ---- what the hook uses of lwIP -------------------------------------- */

struct tcp_pcb *tcp_tw_pcbs;
u32_t tcp_ticks;
static struct tcp_pcb *aborted[8];
static int abort_count;

void tcp_abort(struct tcp_pcb *pcb)
{
	struct tcp_pcb **pp = &tcp_tw_pcbs;

	assert_int_equal(pcb->state, TIME_WAIT);
	while (*pp && *pp != pcb)
		pp = &(*pp)->next;
	assert_non_null(*pp); /* only pcbs on the list */
	*pp = pcb->next;
	assert_true(abort_count < 8);
	aborted[abort_count++] = pcb;
}

u8_t pbuf_remove_header(struct pbuf *p, size_t n)
{
	if (n > p->len)
		return 1;
	p->payload = (u8_t *)p->payload + n;
	p->len = (u16_t)(p->len - n);
	p->tot_len = (u16_t)(p->tot_len - n);
	return 0;
}

u8_t pbuf_add_header_force(struct pbuf *p, size_t n)
{
	p->payload = (u8_t *)p->payload - n;
	p->len = (u16_t)(p->len + n);
	p->tot_len = (u16_t)(p->tot_len + n);
	return 0;
}

void kprintf(const char *fmt, ...)
{
	(void)fmt;
}

void ukos_panic(const char *fmt, ...)
{
	(void)fmt;
	fail_msg("ukos_panic");
	abort();
}

/* ---- packets ------------------------------------------------------------ */

#define SERVER4 0x0a000002u /* 10.0.0.2 */
#define CLIENT4 0x0a000001u
#define SPORT   80
#define CPORT   40000

static u8_t frame[128];
static struct pbuf pb;
static struct netif nif;

static u32_t sum16(const u8_t *p, size_t n, u32_t s)
{
	for (size_t i = 0; i + 1 < n; i += 2)
		s += (u32_t)(p[i] << 8 | p[i + 1]);
	if (n & 1)
		s += (u32_t)(p[n - 1] << 8);
	return s;
}

static u16_t fold(u32_t s)
{
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return (u16_t)~s;
}

/* A 20-byte TCP header at t: flags, seq; checksum over pseudo-sum ps. */
static void tcp_at(u8_t *t, u8_t flags, u32_t seq, u32_t ps)
{
	struct tcp_hdr *th = (struct tcp_hdr *)t;

	memset(t, 0, TCP_HLEN);
	th->src = lwip_htons(CPORT);
	th->dest = lwip_htons(SPORT);
	th->seqno = lwip_htonl(seq);
	TCPH_HDRLEN_FLAGS_SET(th, 5, flags);
	th->wnd = lwip_htons(1000);
	th->chksum = lwip_htons(fold(sum16(t, TCP_HLEN, ps)));
}

/* An IPv4 SYN (or other flags) from the client to the server. */
static struct pbuf *ip4_segment(u8_t flags, u32_t seq)
{
	struct ip_hdr *ih = (struct ip_hdr *)frame;
	u32_t ps = (CLIENT4 >> 16) + (CLIENT4 & 0xffff) + (SERVER4 >> 16) +
		   (SERVER4 & 0xffff) + IP_PROTO_TCP + TCP_HLEN;

	memset(frame, 0, sizeof(frame));
	IPH_VHL_SET(ih, 4, 5);
	IPH_LEN_SET(ih, lwip_htons(IP_HLEN + TCP_HLEN));
	IPH_TTL_SET(ih, 64);
	IPH_PROTO_SET(ih, IP_PROTO_TCP);
	ih->src.addr = lwip_htonl(CLIENT4);
	ih->dest.addr = lwip_htonl(SERVER4);
	tcp_at(frame + IP_HLEN, flags, seq, ps);
	pb = (struct pbuf){ .payload = frame,
			    .len = IP_HLEN + TCP_HLEN,
			    .tot_len = IP_HLEN + TCP_HLEN };
	return &pb;
}

static const u8_t server6[16] = { 0xfe, 0x80, [15] = 2 };
static const u8_t client6[16] = { 0xfe, 0x80, [15] = 1 };

static struct pbuf *ip6_segment(u8_t flags, u32_t seq)
{
	struct ip6_hdr *ih = (struct ip6_hdr *)frame;
	u32_t ps = sum16(client6, 16, 0) + sum16(server6, 16, 0) +
		   IP6_NEXTH_TCP + TCP_HLEN;

	memset(frame, 0, sizeof(frame));
	IP6H_VTCFL_SET(ih, 6, 0, 0);
	IP6H_PLEN_SET(ih, TCP_HLEN);
	IP6H_NEXTH_SET(ih, IP6_NEXTH_TCP);
	IP6H_HOPLIM_SET(ih, 64);
	memcpy(&ih->src, client6, 16);
	memcpy(&ih->dest, server6, 16);
	tcp_at(frame + IP6_HLEN, flags, seq, ps);
	pb = (struct pbuf){ .payload = frame,
			    .len = IP6_HLEN + TCP_HLEN,
			    .tot_len = IP6_HLEN + TCP_HLEN };
	return &pb;
}

/* ---- the TIME-WAIT list ------------------------------------------------- */

static struct tcp_pcb pcbs[300];

/* pcb i: in TIME-WAIT since tick `since`, remote port rport. */
static struct tcp_pcb *timewait(int i, u16_t rport, u32_t since, int v6)
{
	struct tcp_pcb *pcb = &pcbs[i];

	memset(pcb, 0, sizeof(*pcb));
	pcb->state = TIME_WAIT;
	pcb->local_port = SPORT;
	pcb->remote_port = rport;
	pcb->rcv_nxt = 5000;
	pcb->tmr = since;
	if (v6) {
		IP_SET_TYPE_VAL(pcb->local_ip, IPADDR_TYPE_V6);
		IP_SET_TYPE_VAL(pcb->remote_ip, IPADDR_TYPE_V6);
		memcpy(ip_2_ip6(&pcb->local_ip)->addr, server6, 16);
		memcpy(ip_2_ip6(&pcb->remote_ip)->addr, client6, 16);
		ip_2_ip6(&pcb->local_ip)->zone = 1; /* zones are not compared */
	} else {
		ip_addr_set_ip4_u32_val(pcb->local_ip, lwip_htonl(SERVER4));
		ip_addr_set_ip4_u32_val(pcb->remote_ip, lwip_htonl(CLIENT4));
	}
	pcb->next = tcp_tw_pcbs;
	tcp_tw_pcbs = pcb;
	return pcb;
}

static int setup(void **state)
{
	(void)state;
	tcp_tw_pcbs = NULL;
	tcp_ticks = 1000;
	abort_count = 0;
	memset(&nif, 0, sizeof(nif));
	nif.chksum_flags = NETIF_CHECKSUM_ENABLE_ALL;
	return 0;
}

/* ---- tests ---------------------------------------------------------- */

static void test_newer_syn_takes_over(void **state)
{
	struct tcp_pcb *other = timewait(1, CPORT + 1, 10, 0);
	struct tcp_pcb *old = timewait(0, CPORT, 10, 0);

	(void)state;
	assert_int_equal(net_tcp_timewait_ip4(ip4_segment(TCP_SYN, 6000), &nif),
			 0);
	assert_int_equal(abort_count, 1);
	assert_ptr_equal(aborted[0], old);
	assert_ptr_equal(tcp_tw_pcbs, other);
	/* Always handed on to lwIP, whole. */
	assert_ptr_equal(pb.payload, frame);
	assert_int_equal(pb.len, IP_HLEN + TCP_HLEN);
}

static void test_older_syn_does_not(void **state)
{
	(void)state;
	timewait(0, CPORT, 10, 0);
	net_tcp_timewait_ip4(ip4_segment(TCP_SYN, 5000), &nif); /* = rcv_nxt */
	net_tcp_timewait_ip4(ip4_segment(TCP_SYN, 4000), &nif);
	net_tcp_timewait_ip4(ip4_segment(TCP_SYN, 5000u + 0x80000000u), &nif);
	assert_int_equal(abort_count, 0);
}

static void test_not_a_bare_syn(void **state)
{
	(void)state;
	timewait(0, CPORT, 10, 0);
	net_tcp_timewait_ip4(ip4_segment(TCP_SYN | TCP_ACK, 6000), &nif);
	net_tcp_timewait_ip4(ip4_segment(TCP_SYN | TCP_RST, 6000), &nif);
	net_tcp_timewait_ip4(ip4_segment(TCP_SYN | TCP_FIN, 6000), &nif);
	net_tcp_timewait_ip4(ip4_segment(TCP_ACK, 6000), &nif);
	assert_int_equal(abort_count, 0);
}

static void test_other_connection(void **state)
{
	struct pbuf *p;

	(void)state;
	timewait(0, CPORT + 1, 10, 0);
	net_tcp_timewait_ip4(ip4_segment(TCP_SYN, 6000), &nif);
	assert_int_equal(abort_count, 0);
	/* The same ports from another address. */
	tcp_tw_pcbs = NULL;
	timewait(0, CPORT, 10, 0);
	p = ip4_segment(TCP_SYN, 6000);
	((struct ip_hdr *)frame)->src.addr = lwip_htonl(CLIENT4 + 1);
	net_tcp_timewait_ip4(p, &nif);
	assert_int_equal(abort_count, 0);
}

static void test_bad_checksum(void **state)
{
	struct pbuf *p;

	(void)state;
	timewait(0, CPORT, 10, 0);
	p = ip4_segment(TCP_SYN, 6000);
	frame[IP_HLEN + 16] ^= 1; /* the checksum */
	net_tcp_timewait_ip4(p, &nif);
	assert_int_equal(abort_count, 0);
	assert_ptr_equal(pb.payload, frame);
	/* A device that vouched for it: not checked again. */
	NETIF_SET_CHECKSUM_CTRL(&nif, NETIF_CHECKSUM_DISABLE_ALL);
	net_tcp_timewait_ip4(p, &nif);
	assert_int_equal(abort_count, 1);
}

static void test_malformed_ip4(void **state)
{
	struct ip_hdr *ih = (struct ip_hdr *)frame;
	struct pbuf *p;

	(void)state;
	timewait(0, CPORT, 10, 0);
	p = ip4_segment(TCP_SYN, 6000);
	p->len = p->tot_len = IP_HLEN - 1; /* no whole IP header */
	net_tcp_timewait_ip4(p, &nif);
	p = ip4_segment(TCP_SYN, 6000);
	p->len = p->tot_len = IP_HLEN + TCP_HLEN - 1; /* TCP cut short */
	net_tcp_timewait_ip4(p, &nif);
	p = ip4_segment(TCP_SYN, 6000);
	IPH_VHL_SET(ih, 4, 4); /* header shorter than 20 bytes */
	net_tcp_timewait_ip4(p, &nif);
	p = ip4_segment(TCP_SYN, 6000);
	IPH_VHL_SET(ih, 4, 15); /* header past the segment */
	net_tcp_timewait_ip4(p, &nif);
	p = ip4_segment(TCP_SYN, 6000);
	IPH_LEN_SET(ih, lwip_htons(IP_HLEN + TCP_HLEN + 1)); /* past the pbuf */
	net_tcp_timewait_ip4(p, &nif);
	p = ip4_segment(TCP_SYN, 6000);
	IPH_LEN_SET(ih, lwip_htons(IP_HLEN + TCP_HLEN - 1)); /* TCP too short */
	net_tcp_timewait_ip4(p, &nif);
	p = ip4_segment(TCP_SYN, 6000);
	IPH_OFFSET_SET(ih, PP_HTONS(IP_MF)); /* a first fragment */
	net_tcp_timewait_ip4(p, &nif);
	p = ip4_segment(TCP_SYN, 6000);
	IPH_OFFSET_SET(ih, PP_HTONS(1)); /* a later one */
	net_tcp_timewait_ip4(p, &nif);
	p = ip4_segment(TCP_SYN, 6000);
	IPH_PROTO_SET(ih, IP_PROTO_UDP);
	net_tcp_timewait_ip4(p, &nif);
	assert_int_equal(abort_count, 0);
}

static void test_ip6(void **state)
{
	struct tcp_pcb *old;
	struct pbuf *p;

	(void)state;
	timewait(1, CPORT, 10, 0); /* the IPv4 one with the same ports */
	old = timewait(0, CPORT, 10, 1);
	net_tcp_timewait_ip6(ip6_segment(TCP_SYN, 4000), &nif);
	assert_int_equal(abort_count, 0);
	p = ip6_segment(TCP_SYN, 6000);
	frame[6] = IP6_NEXTH_HOPBYHOP; /* extension headers: left alone */
	net_tcp_timewait_ip6(p, &nif);
	p = ip6_segment(TCP_SYN, 6000);
	IP6H_PLEN_SET((struct ip6_hdr *)frame,
		      TCP_HLEN + 1); /* past the pbuf */
	net_tcp_timewait_ip6(p, &nif);
	p = ip6_segment(TCP_SYN, 6000);
	p->len = p->tot_len = IP6_HLEN - 1;
	net_tcp_timewait_ip6(p, &nif);
	assert_int_equal(abort_count, 0);
	net_tcp_timewait_ip6(ip6_segment(TCP_SYN, 6000), &nif);
	assert_int_equal(abort_count, 1);
	assert_ptr_equal(aborted[0], old);
}

static void test_oldest_goes_at_the_limit(void **state)
{
	(void)state;
	/* 255: nothing goes for a new connection. */
	for (int i = 0; i < 255; i++)
		timewait(i, (u16_t)(1000 + i), 500u + (u32_t)i, 0);
	net_tcp_timewait_ip4(ip4_segment(TCP_SYN, 6000), &nif);
	assert_int_equal(abort_count, 0);
	/* 256: the one longest in TIME-WAIT (tick 400) goes. */
	timewait(255, 2000, 400, 0);
	net_tcp_timewait_ip4(ip4_segment(TCP_SYN, 6000), &nif);
	assert_int_equal(abort_count, 1);
	assert_ptr_equal(aborted[0], &pcbs[255]);
	/* Not for a segment that is not a SYN. */
	timewait(256, 2001, 300, 0);
	net_tcp_timewait_ip4(ip4_segment(TCP_ACK, 6000), &nif);
	assert_int_equal(abort_count, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_newer_syn_takes_over, setup),
		cmocka_unit_test_setup(test_older_syn_does_not, setup),
		cmocka_unit_test_setup(test_not_a_bare_syn, setup),
		cmocka_unit_test_setup(test_other_connection, setup),
		cmocka_unit_test_setup(test_bad_checksum, setup),
		cmocka_unit_test_setup(test_malformed_ip4, setup),
		cmocka_unit_test_setup(test_ip6, setup),
		cmocka_unit_test_setup(test_oldest_goes_at_the_limit, setup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

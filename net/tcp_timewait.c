/* SPDX-License-Identifier: MIT */
/*
 * tcp_timewait.c: a new connection may reuse the 4-tuple of one in
 * TIME-WAIT, as RFC 1122 §4.2.2.13 allows and Linux does. lwIP answers
 * such a SYN with an ACK of the old connection (RFC 793's reply to a SYN
 * out of window); the client resets, lwIP ignores resets in TIME-WAIT
 * (RFC 1337), and the client's retries fail the same way until the old
 * connection's two minutes are up. A server that closes first (HTTP with
 * Connection: close) keeps a TIME-WAIT per connection, and clients reuse
 * their ports within that time once they open some hundred a second.
 *
 * So a SYN whose sequence number is beyond the old connection's last one
 * (RFC 6191's test without timestamps: no old segment can be mistaken
 * for the new connection's) ends the TIME-WAIT before lwIP looks, and
 * lwIP hands the SYN to the listener. A SYN that fails the test, or
 * whose checksum is wrong, finds the TIME-WAIT as before.
 *
 * lwIP keeps connections in lists that each incoming SYN walks, and with
 * its pools on the heap nothing bounds the TIME-WAIT list: at some
 * thousand connections a second it grew to tens of thousands and each
 * new connection cost milliseconds. So, as lwIP does when its pools run
 * out (and Linux past tcp_max_tw_buckets), a SYN that finds TIMEWAIT_MAX
 * of them ends the oldest.
 */
#include <stdbool.h>

#include "lwip/inet_chksum.h"
#include "lwip/ip_addr.h"
#include "lwip/netif.h"
#include "lwip/pbuf.h"
#include "lwip/priv/tcp_priv.h"
#include "lwip/prot/ip4.h"
#include "lwip/prot/ip6.h"
#include "lwip/prot/tcp.h"
#include "lwip_hooks.h"

#define TIMEWAIT_MAX 256

/* What a walk of the TIME-WAIT list finds for a SYN. */
struct timewait_scan {
	struct tcp_pcb *match;  /* the one with the SYN's 4-tuple */
	struct tcp_pcb *oldest; /* the one longest in TIME-WAIT */
	unsigned count;
};

static bool same_addr(const ip_addr_t *a, const ip_addr_t *b)
{
	if (IP_GET_TYPE(a) != IP_GET_TYPE(b))
		return false;
	return IP_IS_V6(a) ? ip6_addr_cmp_zoneless(ip_2_ip6(a), ip_2_ip6(b))
			   : ip4_addr_cmp(ip_2_ip4(a), ip_2_ip4(b));
}

/* One walk over the connections in TIME-WAIT, for a SYN from
 * remote:rport to local:lport. IPv6 addresses match without their
 * zones, which the input path has not assigned yet. */
static void timewait_scan(struct timewait_scan *s, const ip_addr_t *local,
			  u16_t lport, const ip_addr_t *remote, u16_t rport)
{
	*s = (struct timewait_scan){ NULL, NULL, 0 };
	for (struct tcp_pcb *pcb = tcp_tw_pcbs; pcb; pcb = pcb->next) {
		s->count++;
		if (!s->oldest || (u32_t)(tcp_ticks - pcb->tmr) >
					  (u32_t)(tcp_ticks - s->oldest->tmr))
			s->oldest = pcb;
		if (pcb->local_port == lport && pcb->remote_port == rport &&
		    same_addr(&pcb->local_ip, local) &&
		    same_addr(&pcb->remote_ip, remote))
			s->match = pcb;
	}
}

/* The TCP checksum of the len-byte segment after the hlen-byte IP header
 * at p->payload, unless the device vouched for it: true if right. */
static bool checksum_ok(struct pbuf *p, struct netif *inp, u16_t hlen,
			u16_t len, const ip_addr_t *src, const ip_addr_t *dst)
{
	u16_t sum;

	IF__NETIF_CHECKSUM_ENABLED(inp, NETIF_CHECKSUM_CHECK_TCP)
	{
		if (pbuf_remove_header(p, hlen))
			return false;
		sum = ip_chksum_pseudo_partial(p, IP_PROTO_TCP, len, len, src,
					       dst);
		pbuf_add_header_force(p, hlen);
		return sum == 0;
	}
	return true;
}

/* The segment of len bytes after an hlen-byte IP header at p->payload,
 * from src to dst: a SYN that may open a new connection over one in
 * TIME-WAIT ends that one, and a SYN that finds TIMEWAIT_MAX of them
 * ends the oldest. */
static void segment_in(struct pbuf *p, struct netif *inp, u16_t hlen, u16_t len,
		       const ip_addr_t *src, const ip_addr_t *dst)
{
	const struct tcp_hdr *th;
	struct timewait_scan tw;

	if (len < TCP_HLEN || p->len < hlen + TCP_HLEN)
		return;
	th = (const struct tcp_hdr *)((const u8_t *)p->payload + hlen);
	if ((TCPH_FLAGS(th) & (TCP_SYN | TCP_ACK | TCP_RST | TCP_FIN)) !=
	    TCP_SYN)
		return;
	timewait_scan(&tw, dst, lwip_ntohs(th->dest), src, lwip_ntohs(th->src));
	if (!tw.match && tw.count < TIMEWAIT_MAX)
		return;
	if (!checksum_ok(p, inp, hlen, len, src, dst))
		return;
	/* A TIME-WAIT pcb is freed without a reset. */
	if (tw.match && TCP_SEQ_GT(lwip_ntohl(th->seqno), tw.match->rcv_nxt))
		tcp_abort(tw.match);
	else if (tw.count >= TIMEWAIT_MAX)
		tcp_abort(tw.oldest);
}

int net_tcp_timewait_ip4(struct pbuf *p, struct netif *inp)
{
	const struct ip_hdr *ih = p->payload;
	u16_t hlen, total;
	ip_addr_t src, dst;

	if (p->len < IP_HLEN || !tcp_tw_pcbs)
		return 0;
	hlen = IPH_HL_BYTES(ih);
	total = lwip_ntohs(IPH_LEN(ih));
	/* Only a whole segment in one unfragmented datagram. */
	if (IPH_PROTO(ih) != IP_PROTO_TCP || hlen < IP_HLEN || total < hlen ||
	    total > p->tot_len ||
	    (IPH_OFFSET(ih) & PP_HTONS(IP_OFFMASK | IP_MF)))
		return 0;
	ip_addr_copy_from_ip4(src, ih->src);
	ip_addr_copy_from_ip4(dst, ih->dest);
	segment_in(p, inp, hlen, (u16_t)(total - hlen), &src, &dst);
	return 0;
}

int net_tcp_timewait_ip6(struct pbuf *p, struct netif *inp)
{
	const struct ip6_hdr *ih = p->payload;
	u16_t len;
	ip_addr_t src, dst;

	if (p->len < IP6_HLEN || !tcp_tw_pcbs)
		return 0;
	len = IP6H_PLEN(ih);
	/* TCP right after the fixed header: SYNs carry no extension headers. */
	if (IP6H_NEXTH(ih) != IP6_NEXTH_TCP || len > p->tot_len - IP6_HLEN)
		return 0;
	ip_addr_copy_from_ip6_packed(src, ih->src);
	ip_addr_copy_from_ip6_packed(dst, ih->dest);
	segment_in(p, inp, IP6_HLEN, len, &src, &dst);
	return 0;
}

/* SPDX-License-Identifier: MIT */
/*
 * lwipopts.h: how ukos configures lwIP 2.1.3 (see lwip/opt.h for each
 * option). Threaded (NO_SYS 0) with the tcpip core lock, so that sockets
 * and received frames enter the stack directly instead of through the
 * tcpip thread's mailbox; memory from the heap (malloc) rather than fixed
 * pools; IPv4 and IPv6, TCP, UDP, raw, DHCP, DNS.
 */
#ifndef UKOS_LWIPOPTS_H
#define UKOS_LWIPOPTS_H

#define NO_SYS                        0
#define SYS_LIGHTWEIGHT_PROT          1
#define LWIP_TCPIP_CORE_LOCKING       1
#define LWIP_TCPIP_CORE_LOCKING_INPUT 1
#define TCPIP_THREAD_NAME             "tcpip"
#define TCPIP_THREAD_STACKSIZE        (64 * 1024)
#define TCPIP_MBOX_SIZE               256
#define DEFAULT_THREAD_STACKSIZE      (64 * 1024)
#define DEFAULT_RAW_RECVMBOX_SIZE     128
#define DEFAULT_UDP_RECVMBOX_SIZE     256
#define DEFAULT_TCP_RECVMBOX_SIZE     256
#define DEFAULT_ACCEPTMBOX_SIZE       128

/* Memory: the C heap for everything; pool counts then only cap use. */
#define MEM_LIBC_MALLOC         1
#define MEMP_MEM_MALLOC         1
#define MEM_ALIGNMENT           8
#define MEMP_NUM_TCP_PCB        1024
#define MEMP_NUM_TCP_PCB_LISTEN 64
#define MEMP_NUM_UDP_PCB        64
#define MEMP_NUM_NETCONN        1000 /* + LWIP_SOCKET_OFFSET <= FD_SETSIZE */
#define MEMP_NUM_NETBUF         512
#define MEMP_NUM_TCP_SEG        4096
#define MEMP_NUM_PBUF           1024
#define MEMP_NUM_REASSDATA      32
#define MEMP_NUM_SYS_TIMEOUT    (LWIP_NUM_SYS_TIMEOUT_INTERNAL + 16)
#define PBUF_POOL_SIZE          1024

#define LWIP_IPV4                  1
#define LWIP_IPV6                  1
#define LWIP_ARP                   1
#define LWIP_ICMP                  1
#define LWIP_RAW                   1
#define LWIP_UDP                   1
#define LWIP_TCP                   1
#define LWIP_DHCP                  1
#define LWIP_DNS                   1
#define LWIP_IGMP                  1
#define LWIP_IPV6_AUTOCONFIG       1
#define LWIP_IPV6_MLD              1
#define LWIP_ETHERNET              1
#define DNS_MAX_SERVERS            2
#define LWIP_NETIF_HOSTNAME        1
#define LWIP_NETIF_STATUS_CALLBACK 1
#define LWIP_NETIF_LINK_CALLBACK   1
#define LWIP_NETIF_API             1
/* The loopback interface (lo: 127.0.0.1 and ::1) and packets to one's
 * own addresses looped back: a program may talk to itself, as servers'
 * self-pipes and tests do. Delivered through the tcpip thread (lwIP's
 * LWIP_NETIF_LOOPBACK_MULTITHREADING, on with NO_SYS 0). */
#define LWIP_NETIF_LOOPBACK     1
#define LWIP_LOOPBACK_MAX_PBUFS 256

/* TCP sized for a server on a fast virtual NIC. */
#define TCP_MSS            1460
#define TCP_WND            (32 * TCP_MSS)
#define TCP_SND_BUF        (32 * TCP_MSS)
#define TCP_SND_QUEUELEN   (4 * TCP_SND_BUF / TCP_MSS)
#define TCP_LISTEN_BACKLOG 1
#define LWIP_TCP_KEEPALIVE 1
#define TCP_QUEUE_OOSEQ    1
#define LWIP_WND_SCALE     1
#define TCP_RCV_SCALE      2
/* Timestamps (RFC 7323) whenever the peer's SYN offers them, as Linux:
 * besides RTT and PAWS, they let a client reuse a port whose connection
 * to us is still in its TIME-WAIT (Linux's tcp_tw_reuse), which a client
 * opening a connection per request runs into within a minute. */
#define LWIP_TCP_TIMESTAMPS 1

/* The sockets API, under lwip_ names only: lib/ gives apps the POSIX
 * names, in the one fd table. */
#define LWIP_SOCKET                 1
#define LWIP_NETCONN                1
#define LWIP_COMPAT_SOCKETS         0
#define LWIP_POSIX_SOCKETS_IO_NAMES 0
#define LWIP_SOCKET_OFFSET          3 /* never 0-2, stdio's numbers */
#define LWIP_SO_RCVTIMEO            1
#define LWIP_SO_SNDTIMEO            1
#define LWIP_SO_RCVBUF              1
#define LWIP_SO_LINGER              1
#define SO_REUSE                    1
#define LWIP_SOCKET_SELECT          1
#define LWIP_SOCKET_POLL            1
#define LWIP_FIONREAD_LINUXMODE     1
#define LWIP_NETBUF_RECVINFO        1
#define RECV_BUFSIZE_DEFAULT        (256 * 1024)

#define LWIP_STATS         1
#define LWIP_STATS_DISPLAY 0
/* Devices that complete or verify checksums switch lwIP's off for their
 * interface (net/netif_netdev.c). Summing while copying the data in would
 * do that work for them anyway; without offloads, summing apart costs the
 * same (measured over tap: 100 MB downloads at ~130 MB/s either way, ~145
 * with the device's offload). */
#define LWIP_CHECKSUM_ON_COPY        0
#define LWIP_CHECKSUM_CTRL_PER_NETIF 1

/* A SYN may reuse the 4-tuple of a connection in TIME-WAIT
 * (net/tcp_timewait.c). */
#define LWIP_HOOK_FILENAME          "lwip_hooks.h"
#define LWIP_HOOK_IP4_INPUT(p, inp) net_tcp_timewait_ip4(p, inp)
#define LWIP_HOOK_IP6_INPUT(p, inp) net_tcp_timewait_ip6(p, inp)

/* 64-bit pointers do not fit in the IPv6 fragment header lwIP reuses. */
#define IPV6_FRAG_COPYHEADER 1

#endif

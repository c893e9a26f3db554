# SPDX-License-Identifier: MIT
# The devices, in archives linked whole (so every driver's table entry is
# in) and only into apps that use them (tools/ukos-link decides); the buses
# and virtio's transports are in libukos.a, pulled in by the drivers.
# libukosdrv.a: the NIC drivers and the netdev class; libukosnet.a: the
# stack (net/ and lwIP), which needs them; libukosblk.a: the disk drivers,
# the blkdev class and the disks' file systems (lib/fs/ext2/build.mk).
DRV_SRCS := kernel/netdev.c kernel/netdev_csum.c $(addprefix kernel/drivers/, e1000.c virtio_net.c)
BLK_SRCS += kernel/blkdev.c kernel/gpt.c $(addprefix kernel/drivers/, nvme.c virtio_blk.c)
NET_SRCS := $(addprefix net/, getaddrinfo.c ifaddrs.c ifname.c net_init.c netif_netdev.c sock_lwip.c \
	socket_posix.c sys_arch.c tcp_timewait.c)

# lwIP 2.1.3, unmodified (tools/lwip.sh), into the same archive.
LWIP_SRCS := $(addprefix core/, def.c dns.c inet_chksum.c init.c ip.c mem.c \
	memp.c netif.c pbuf.c raw.c stats.c sys.c tcp.c tcp_in.c tcp_out.c \
	timeouts.c udp.c) \
	$(addprefix core/ipv4/, dhcp.c etharp.c icmp.c igmp.c ip4.c \
	ip4_addr.c ip4_frag.c) \
	$(addprefix core/ipv6/, ethip6.c icmp6.c inet6.c ip6.c ip6_addr.c \
	ip6_frag.c mld6.c nd6.c) \
	$(addprefix api/, api_lib.c api_msg.c err.c if_api.c netbuf.c netdb.c \
	netifapi.c sockets.c tcpip.c) \
	netif/ethernet.c

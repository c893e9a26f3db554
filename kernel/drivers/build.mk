# SPDX-License-Identifier: MIT
# kernel/drivers/ and the netdev class: libukosnet.a, linked (whole, so
# every driver's table entry is in) only into apps that use the network
# (tools/ukos-netlink decides). PCI itself is in libukos.a.
NET_SRCS := kernel/netdev.c $(addprefix kernel/drivers/, virtio_net.c \
	virtio_pci.c virtqueue.c)

/* SPDX-License-Identifier: MIT */
/*
 * linux_init.h: what a benchmark program needs when it is /init of the
 * minimal Linux guest (tools/linux-guest.sh) rather than a ukos app: a
 * console (the initramfs has no /dev, and making device nodes needs root),
 * a way to end the VM (init must not exit: the kernel would panic), and
 * the network: virtio-net's modules loaded, eth0 configured as QEMU's user
 * network expects (10.0.2.15/24, gateway 10.0.2.2) unless the kernel
 * command line says benchip=A.B.C.D benchgw=A.B.C.D (the kernel hands init
 * such options as environment variables).
 */
#ifndef LINUX_INIT_H
#define LINUX_INIT_H

#include <arpa/inet.h>
#include <dirent.h>
#include <fcntl.h>
#include <net/if.h>
#include <net/route.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

static inline void linux_init_console(void)
{
	int fd;

	mkdir("/dev", 0755);
	mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);
	fd = open("/dev/console", O_RDWR);
	if (fd >= 0) {
		dup2(fd, 0);
		dup2(fd, 1);
		dup2(fd, 2);
	}
}

static inline void linux_init_poweroff(void)
{
	fflush(stdout);
	sync();
	reboot(RB_POWER_OFF); /* ACPI S5: QEMU exits */
}

static inline int is_module(const struct dirent *d)
{
	return d->d_name[0] != '.';
}

/* Load /modules/NN-name.ko in name order (finit_module(2)). */
static inline void linux_init_modules(void)
{
	struct dirent **list;
	int n = scandir("/modules", &list, is_module, alphasort);

	for (int i = 0; i < n; i++) {
		char path[300];
		snprintf(path, sizeof(path), "/modules/%s", list[i]->d_name);
		int fd = open(path, O_RDONLY);
		if (fd >= 0 && syscall(SYS_finit_module, fd, "", 0) != 0)
			perror(path);
		if (fd >= 0)
			close(fd);
	}
}

static inline void set_addr(int s, const char *ifname, unsigned long req,
			    const char *addr)
{
	struct ifreq ifr;
	struct sockaddr_in *a = (struct sockaddr_in *)&ifr.ifr_addr;

	memset(&ifr, 0, sizeof(ifr));
	strncpy(ifr.ifr_name, ifname, IFNAMSIZ - 1);
	a->sin_family = AF_INET;
	inet_pton(AF_INET, addr, &a->sin_addr);
	if (ioctl(s, req, &ifr) != 0)
		perror(ifname);
}

static inline void link_up(int s, const char *ifname)
{
	struct ifreq ifr;

	memset(&ifr, 0, sizeof(ifr));
	strncpy(ifr.ifr_name, ifname, IFNAMSIZ - 1);
	ioctl(s, SIOCGIFFLAGS, &ifr);
	ifr.ifr_flags |= IFF_UP | IFF_RUNNING;
	if (ioctl(s, SIOCSIFFLAGS, &ifr) != 0)
		perror(ifname);
}

/* lo and eth0 up, eth0 at benchip (10.0.2.15)/24, default route via
 * benchgw (10.0.2.2). */
static inline void linux_init_network(void)
{
	int s = socket(AF_INET, SOCK_DGRAM, 0);
	const char *ip = getenv("benchip"), *gw = getenv("benchgw");
	struct rtentry rt;

	linux_init_modules();
	set_addr(s, "lo", SIOCSIFADDR, "127.0.0.1");
	link_up(s, "lo");
	set_addr(s, "eth0", SIOCSIFADDR, ip ? ip : "10.0.2.15");
	set_addr(s, "eth0", SIOCSIFNETMASK, "255.255.255.0");
	link_up(s, "eth0");
	memset(&rt, 0, sizeof(rt));
	((struct sockaddr_in *)&rt.rt_dst)->sin_family = AF_INET;
	((struct sockaddr_in *)&rt.rt_genmask)->sin_family = AF_INET;
	((struct sockaddr_in *)&rt.rt_gateway)->sin_family = AF_INET;
	inet_pton(AF_INET, gw ? gw : "10.0.2.2",
		  &((struct sockaddr_in *)&rt.rt_gateway)->sin_addr);
	rt.rt_flags = RTF_UP | RTF_GATEWAY;
	if (ioctl(s, SIOCADDRT, &rt) != 0)
		perror("default route");
	close(s);
}

#endif

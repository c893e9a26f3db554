/* SPDX-License-Identifier: MIT */
/*
 * uname.c: what the system is called. The system is ukos itself (not
 * Linux: a program that asks is told the truth), on x86-64; the node is
 * gethostname()'s.
 */
#include <errno.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "../fd.h"

#define UKOS_RELEASE "0.1"

int uname(struct utsname *name)
{
	if (!name)
		return (int)fd_ret(-EFAULT);
	memset(name, 0, sizeof(*name));
	strcpy(name->sysname, "ukos");
	if (gethostname(name->nodename, sizeof(name->nodename)) != 0)
		strcpy(name->nodename, "ukos");
	strcpy(name->release, UKOS_RELEASE);
	strcpy(name->version, "ukos " UKOS_RELEASE);
	strcpy(name->machine, "x86_64");
	strcpy(name->domainname, "(none)");
	return 0;
}

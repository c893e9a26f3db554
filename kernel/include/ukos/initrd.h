/* SPDX-License-Identifier: MIT */
/*
 * initrd.h: the boot module that holds the root file system (a cpio
 * archive): the first module GRUB or the PVH loader (qemu -initrd) gave.
 */
#ifndef UKOS_INITRD_H
#define UKOS_INITRD_H

#include <stddef.h>
#include <ukos/bootinfo.h>

/* Remember the first boot module. Boot context, after memory is set up
 * (modules are reserved there). */
void initrd_init(const struct bootinfo *bi);

/* The module's bytes and length, or NULL if the loader gave none. */
const void *initrd_get(size_t *len);

#endif

/* SPDX-License-Identifier: MIT */
/*
 * lowmem.h: host memory at a fixed address below 4 GiB, so that code using
 * the kernel's identity map (bootinfo_phys_identity, bootinfo_dump) can run
 * in a host test: there a "physical address" is the host pointer itself.
 */
#ifndef LOWMEM_H
#define LOWMEM_H

#include <stddef.h>
#include <stdint.h>

#define LOWMEM_BASE 0x10000000ull /* 256 MiB: inside ASan's low shadow */
#define LOWMEM_SIZE (1u << 20)

/* The zeroed arena [LOWMEM_BASE, + LOWMEM_SIZE), or NULL if that address
 * range is taken on this host (the caller then skips its test). */
uint8_t *lowmem_get(void);

#endif

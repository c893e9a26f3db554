/* SPDX-License-Identifier: MIT */
/*
 * arch/cc.h: lwIP's compiler and platform definitions for ukos (lwIP's
 * doc/sys_arch.txt, src/include/lwip/arch.h). newlib supplies the types,
 * errno and BYTE_ORDER; diagnostics go to the console, assertions panic.
 */
#ifndef UKOS_LWIP_ARCH_CC_H
#define UKOS_LWIP_ARCH_CC_H

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/types.h>

/* newlib's ssize_t, and the limit lwIP wants beside it. */
#ifndef SSIZE_MAX
#define SSIZE_MAX LONG_MAX
#endif

#define LWIP_ERRNO_STDINCLUDE 1
#define LWIP_TIMEVAL_PRIVATE  0

void kprintf(const char *fmt, ...);
__attribute__((noreturn)) void ukos_panic(const char *fmt, ...);
uint32_t ukos_lwip_rand(void);

#define LWIP_PLATFORM_DIAG(x)                                                  \
	do {                                                                   \
		kprintf x;                                                     \
	} while (0)
#define LWIP_PLATFORM_ASSERT(x)                                                \
	ukos_panic("lwIP assertion \"%s\" failed at %s:%d", x, __FILE__,       \
		   __LINE__)
#define LWIP_RAND() ukos_lwip_rand()

#endif

/* SPDX-License-Identifier: MIT */
/*
 * sys/cpuset.h: cpu_set_t and the CPU_* macros as glibc spells them
 * (newlib's <sched.h> declares the affinity calls once this is in);
 * lib/sched/affinity.c implements them.
 */
#ifndef _SYS_CPUSET_H_
#define _SYS_CPUSET_H_

#include <stddef.h>

#define CPU_SETSIZE 1024
#define __NCPUBITS  (8 * sizeof(unsigned long))

typedef struct {
	unsigned long __bits[CPU_SETSIZE / __NCPUBITS];
} cpu_set_t;

#define __CPU_OP_S(cpu, size, set, op)                                         \
	((size_t)(cpu) / 8 < (size) ? ((set)->__bits[(cpu) / __NCPUBITS] op(   \
					      1ul << ((cpu) % __NCPUBITS))),   \
	 1                          : 0)

#define CPU_ZERO_S(size, set)     __builtin_memset(set, 0, size)
#define CPU_SET_S(cpu, size, set) __CPU_OP_S(cpu, size, set, |=)
#define CPU_CLR_S(cpu, size, set) __CPU_OP_S(cpu, size, set, &= ~)
#define CPU_ISSET_S(cpu, size, set)                                            \
	((size_t)(cpu) / 8 < (size) &&                                         \
	 ((set)->__bits[(cpu) / __NCPUBITS] >> ((cpu) % __NCPUBITS) & 1))
#define CPU_COUNT_S(size, set)  __ukos_cpu_count(size, set)
#define CPU_EQUAL_S(size, a, b) (!__builtin_memcmp(a, b, size))

#define CPU_ZERO(set)       CPU_ZERO_S(sizeof(cpu_set_t), set)
#define CPU_SET(cpu, set)   CPU_SET_S(cpu, sizeof(cpu_set_t), set)
#define CPU_CLR(cpu, set)   CPU_CLR_S(cpu, sizeof(cpu_set_t), set)
#define CPU_ISSET(cpu, set) CPU_ISSET_S(cpu, sizeof(cpu_set_t), set)
#define CPU_COUNT(set)      CPU_COUNT_S(sizeof(cpu_set_t), set)
#define CPU_EQUAL(a, b)     CPU_EQUAL_S(sizeof(cpu_set_t), a, b)
#define CPU_ALLOC_SIZE(n)                                                      \
	((((size_t)(n) + __NCPUBITS - 1) / __NCPUBITS) * sizeof(unsigned long))

static inline int __ukos_cpu_count(size_t size, const cpu_set_t *set)
{
	int n = 0;

	for (size_t i = 0; i < size / sizeof(unsigned long); i++)
		n += __builtin_popcountl(set->__bits[i]);
	return n;
}

#endif

/* SPDX-License-Identifier: MIT */
/*
 * pvclock.c: the TSC frequency from KVM's paravirtual clock (kvmclock).
 * KVM publishes, in a structure the guest registers by MSR, the scale it
 * uses to turn TSC ticks into nanoseconds (Linux's
 * Documentation/virt/kvm/x86/msr.rst, MSR_KVM_SYSTEM_TIME_NEW):
 *   ns = ((ticks << tsc_shift, or >> -tsc_shift) * tsc_to_system_mul) >> 32
 * so the frequency follows from mul and shift without measuring anything.
 */
#include <stdbool.h>
#include <stdint.h>

#include "cpu.h"

#define KVM_SIGNATURE_LEAF       0x40000000
#define KVM_FEATURES_LEAF        0x40000001
#define KVM_FEATURE_CLOCKSOURCE2 (1u << 3)
#define MSR_KVM_SYSTEM_TIME_NEW  0x4b564d01
#define PVCLOCK_ENABLE           1u

/* The layout KVM writes (msr.rst: "pvclock_vcpu_time_info"); 32 bytes,
 * kept in one page by the alignment. */
struct pvclock_time {
	uint32_t version; /* odd while KVM updates the rest */
	uint32_t pad0;
	uint64_t tsc_timestamp;
	uint64_t system_time;
	uint32_t tsc_to_system_mul;
	int8_t tsc_shift;
	uint8_t flags;
	uint8_t pad[2];
} __attribute__((aligned(32)));

uint64_t x86_pvclock_hz(uint32_t mul, int8_t shift)
{
	uint64_t hz;

	if (!mul)
		return 0;
	hz = (uint64_t)((1000000000ull << 32) / mul);
	return shift >= 0 ? hz >> shift : hz << -shift;
}

static bool is_kvm(void)
{
	uint32_t r[4];

	cpuid(1, 0, r);
	if (!(r[2] & CPUID1_ECX_HYPERVISOR))
		return false;
	cpuid(KVM_SIGNATURE_LEAF, 0, r); /* "KVMKVMKVM\0\0\0" in ebx ecx edx */
	return r[1] == 0x4b4d564b && r[2] == 0x564b4d56 && r[3] == 0x4d;
}

uint64_t x86_kvmclock_hz(void)
{
	static struct pvclock_time pv;
	uint32_t r[4], version, mul;
	int8_t shift;

	if (!is_kvm())
		return 0;
	cpuid(KVM_FEATURES_LEAF, 0, r);
	if (!(r[0] & KVM_FEATURE_CLOCKSOURCE2))
		return 0;
	/* The image is identity-mapped: &pv is its physical address. */
	wrmsr(MSR_KVM_SYSTEM_TIME_NEW, (uintptr_t)&pv | PVCLOCK_ENABLE);
	do {
		version = __atomic_load_n(&pv.version, __ATOMIC_ACQUIRE);
		mul = pv.tsc_to_system_mul;
		shift = pv.tsc_shift;
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
	} while ((version & 1) || !version ||
		 version != __atomic_load_n(&pv.version, __ATOMIC_RELAXED));
	wrmsr(MSR_KVM_SYSTEM_TIME_NEW, 0); /* stop KVM writing to pv */
	return x86_pvclock_hz(mul, shift);
}

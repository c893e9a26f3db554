/* SPDX-License-Identifier: MIT */
/*
 * cpu.h: privileged x86_64 instructions as tiny inline wrappers, and the
 * arch-internal contract between the files of arch/x86_64/.
 */
#ifndef ARCH_X86_64_CPU_H
#define ARCH_X86_64_CPU_H

#include <stdint.h>

struct bootinfo;

static inline void cpuid(uint32_t leaf, uint32_t sub, uint32_t r[4])
{
	__asm__ volatile("cpuid"
			 : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3])
			 : "a"(leaf), "c"(sub));
}

static inline uint64_t rdmsr(uint32_t msr)
{
	uint32_t lo, hi;
	__asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((uint64_t)hi << 32) | lo;
}

static inline void wrmsr(uint32_t msr, uint64_t v)
{
	__asm__ volatile("wrmsr" ::"c"(msr), "a"((uint32_t)v),
			 "d"((uint32_t)(v >> 32)));
}

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;
	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

static inline uint64_t read_cr0(void)
{
	uint64_t v;
	__asm__ volatile("mov %%cr0, %0" : "=r"(v));
	return v;
}

static inline uint64_t read_cr2(void)
{
	uint64_t v;
	__asm__ volatile("mov %%cr2, %0" : "=r"(v));
	return v;
}

static inline uint64_t read_cr3(void)
{
	uint64_t v;
	__asm__ volatile("mov %%cr3, %0" : "=r"(v));
	return v;
}

static inline void write_cr3(uint64_t v)
{
	__asm__ volatile("mov %0, %%cr3" ::"r"(v) : "memory");
}

static inline uint64_t read_cr4(void)
{
	uint64_t v;
	__asm__ volatile("mov %%cr4, %0" : "=r"(v));
	return v;
}

static inline void invlpg(uintptr_t va)
{
	__asm__ volatile("invlpg (%0)" ::"r"(va) : "memory");
}

/* Intel SDM 2A CPUID: leaf 1 ECX/EDX and leaf 0x80000001 feature bits. */
#define CPUID1_ECX_X2APIC       (1u << 21)
#define CPUID1_ECX_TSC_DEADLINE (1u << 24)
#define CPUID1_ECX_XSAVE        (1u << 26)
#define CPUID1_ECX_RDRAND       (1u << 30)
#define CPUID1_ECX_HYPERVISOR   (1u << 31)
#define CPUID7_EBX_RDSEED       (1u << 18)
#define CPUID81_EDX_NX          (1u << 20)
#define CPUID81_EDX_PDPE1GB     (1u << 26)

#define CR4_OSXSAVE (1u << 18)
#define MSR_EFER    0xc0000080
#define EFER_NXE    (1u << 11)

/* Linker-script symbols bounding the image's parts. */
extern char __image_start[], __image_end[];
extern char __text_start[], __text_end[];
extern char __rodata_start[], __rodata_end[];
extern char __data_start[], __bss_start[], __bss_end[];

/* arch_boot.c: first C code, called by boot.S. */
void arch_boot(uint32_t protocol, uint32_t info);

/* gdt.c: GDT with a TSS whose IST stacks take exceptions. */
void x86_gdt_init(void);

/* pvclock.c: the TSC frequency from kvmclock's scale (0 if mul is 0),
 * and from KVM itself (0 when not under KVM or without kvmclock). */
uint64_t x86_pvclock_hz(uint32_t mul, int8_t shift);
uint64_t x86_kvmclock_hz(void);

/* idt.c: every exception vector routed to x86_trap_exception(). */
void x86_idt_init(void);

/* fpu.c: the FPU state size interrupt entry saves. */
void x86_fpu_init(void);

/* ssp.c: the stack-protector canary, from RDSEED/RDRAND or the TSC. */
void x86_ssp_init(void);

/* qemu.c: hypervisor detection. */
void x86_qemu_detect(void);

#endif

/* SPDX-License-Identifier: MIT */
/*
 * boot.S: the image's first instructions. Two 32-bit entries (multiboot2
 * from GRUB, PVH from qemu -kernel) meet in one path that checks the boot
 * magic, builds early page tables, enters long mode, turns on SSE and calls
 * arch_boot(protocol, info) in C.
 */

#define MB2_HEADER_MAGIC 0xe85250d6 /* multiboot2 §3.1.1 */
#define MB2_ARCH_I386 0
#define MB2_LOADER_MAGIC 0x36d76289 /* multiboot2 §3.2: %eax on entry */
#define PVH_START_MAGIC 0x336ec578  /* Xen hvm_start_info.magic */
#define XEN_ELFNOTE_PHYS32_ENTRY 18 /* Xen public/elfnote.h */

#define BOOT_MB2 1
#define BOOT_PVH 2

#define COM1 0x3f8

#define CR0_MP (1 << 1)
#define CR0_EM (1 << 2)
#define CR0_WP (1 << 16)
#define CR0_PG (1 << 31)
#define CR4_PAE (1 << 5)
#define CR4_OSFXSR (1 << 9)
#define CR4_OSXMMEXCPT (1 << 10)
#define CR4_OSXSAVE (1 << 18)
#define MSR_EFER 0xc0000080
#define EFER_LME (1 << 8)
#define EFER_NXE (1 << 11)
#define MSR_FS_BASE 0xc0000100

#define PTE_P 0x1
#define PTE_W 0x2
#define PTE_PS 0x80

#define BOOT_STACK_SIZE 16384

/* ---- multiboot2 header (§3.1), 8-byte aligned in the first 32 KiB ---- */
	.section .multiboot2, "a"
	.balign 8
mb2_header:
	.long MB2_HEADER_MAGIC
	.long MB2_ARCH_I386
	.long mb2_header_end - mb2_header
	.long -(MB2_HEADER_MAGIC + MB2_ARCH_I386 + (mb2_header_end - mb2_header))
	/* Framebuffer request (§3.1.10), optional (flags bit 0): a linear
	 * 1024x768 mode of 32 bits per pixel, or the closest the firmware
	 * has (VBE under BIOS, GOP under UEFI); the console draws on it. */
	.word 5, 1
	.long 20
	.long 1024, 768, 32
	.balign 8 /* tags start on 8-byte boundaries (§3.1.3) */
	/* end tag (§3.1.3): type 0, size 8 */
	.word 0, 0
	.long 8
mb2_header_end:

/* ---- Xen PVH note: the 32-bit entry qemu -kernel jumps to ---- */
	.section .note.Xen, "a"
	.balign 4
	.long 4			/* name size: "Xen\0" */
	.long 4			/* descriptor size */
	.long XEN_ELFNOTE_PHYS32_ENTRY
	.asciz "Xen"
	.long pvh_entry

/* ---- 32-bit protected mode, paging off, interrupts off ---- */
	.section .boot.text, "ax"
	.code32

	/* GRUB: %eax = loader magic, %ebx = multiboot2 information. */
	.globl mb2_entry
	.type mb2_entry, @function
mb2_entry:
	mov %eax, %edi
	rdtsc
	mov %eax, x86_boot_tsc
	mov %edx, x86_boot_tsc + 4
	cmp $MB2_LOADER_MAGIC, %edi
	jne bad_magic
	mov $BOOT_MB2, %edi
	jmp common32

	/* PVH: %ebx = hvm_start_info. %eax is not defined by the PVH ABI
	 * (microvm leaves garbage), so the magic is read from start_info. */
	.globl pvh_entry
	.type pvh_entry, @function
pvh_entry:
	rdtsc
	mov %eax, x86_boot_tsc
	mov %edx, x86_boot_tsc + 4
	cmpl $PVH_START_MAGIC, (%ebx)
	jne bad_magic
	mov $BOOT_PVH, %edi

common32:
	mov $boot_stack_top, %esp
	mov %ebx, %esi			/* arch_boot(%edi protocol, %esi info) */

	/* Long mode present? CPUID 0x80000001 EDX bit 29 (Intel SDM 2A). */
	mov $0x80000000, %eax
	cpuid
	cmp $0x80000001, %eax
	jb no_long_mode
	mov $0x80000001, %eax
	cpuid
	bt $29, %edx
	jnc no_long_mode
	mov %edx, %ebp			/* bit 20: NX */

	/* Early tables: identity map the low 4 GiB, enough for the image,
	 * the boot structures and the loader's data: four 1 GiB pages where
	 * the CPU has them (CPUID 0x80000001 EDX bit 26), else 2 MiB pages. */
	/* The tables start zeroed: .boot.bss is part of the data segment's
	 * p_memsz, which ELF loaders (QEMU's PVH, GRUB) zero-fill. */
	movl $(early_pdpt + PTE_P + PTE_W), early_pml4
	xor %ecx, %ecx
	bt $26, %ebp
	jnc 1f
0:	mov %ecx, %eax			/* pdpt[i] = i GiB, a 1 GiB page */
	shl $30, %eax
	or $(PTE_P + PTE_W + PTE_PS), %eax
	mov %eax, early_pdpt(, %ecx, 8)
	inc %ecx
	cmp $4, %ecx
	jb 0b
	jmp 3f
1:	mov %ecx, %eax			/* pdpt[i] = early_pd + i * 4 KiB */
	shl $12, %eax
	add $(early_pd + PTE_P + PTE_W), %eax
	mov %eax, early_pdpt(, %ecx, 8)
	inc %ecx
	cmp $4, %ecx
	jb 1b
	xor %ecx, %ecx			/* 2048 PDEs, entry i maps i * 2 MiB */
2:	mov %ecx, %eax
	shl $21, %eax
	or $(PTE_P + PTE_W + PTE_PS), %eax
	mov %eax, early_pd(, %ecx, 8)
	mov %ecx, %eax
	shr $11, %eax			/* high half of i * 2 MiB */
	mov %eax, early_pd + 4(, %ecx, 8)
	inc %ecx
	cmp $2048, %ecx
	jb 2b
3:
	mov %cr4, %eax
	or $CR4_PAE, %eax
	mov %eax, %cr4
	mov $early_pml4, %eax
	mov %eax, %cr3
	mov $MSR_EFER, %ecx
	rdmsr
	or $EFER_LME, %eax
	bt $20, %ebp
	jnc 4f
	or $EFER_NXE, %eax
4:	wrmsr
	mov %cr0, %eax
	or $(CR0_PG + CR0_WP), %eax
	mov %eax, %cr0
	lgdt gdt64_ptr
	ljmp $0x08, $long_entry

bad_magic:
	mov $msg_magic, %esi
	jmp die32
no_long_mode:
	mov $msg_lm, %esi
die32:	/* Print %esi to COM1 and stop: nothing can be trusted yet. */
	mov $COM1, %dx
1:	lodsb
	test %al, %al
	jz 2f
	out %al, %dx
	jmp 1b
2:	cli
	hlt
	jmp 2b

/* ---- 64-bit ---- */
	.code64
long_entry:
	mov $0x10, %eax
	mov %eax, %ds
	mov %eax, %es
	mov %eax, %ss
	xor %eax, %eax
	mov %eax, %fs
	mov %eax, %gs
	mov $boot_stack_top, %rsp
	xor %ebp, %ebp			/* ends the frame-pointer chain */

	/* SSE (Intel SDM 3A §13.1.3): CR0.EM clear, CR0.MP set,
	 * CR4.OSFXSR|OSXMMEXCPT; then XSAVE state components the CPU has. */
	mov %cr0, %rax
	and $~CR0_EM, %rax
	or $CR0_MP, %rax
	mov %rax, %cr0
	mov %cr4, %rax
	or $(CR4_OSFXSR + CR4_OSXMMEXCPT), %rax
	mov %rax, %cr4
	mov $1, %eax			/* cpuid keeps %esi, %edi */
	cpuid
	bt $26, %ecx			/* XSAVE */
	jnc 1f
	mov %cr4, %rax
	or $CR4_OSXSAVE, %rax
	mov %rax, %cr4
	mov $0xd, %eax			/* supported XCR0 bits (SDM 1 §13.2) */
	xor %ecx, %ecx
	cpuid
	and $0xe7, %eax			/* x87 SSE AVX opmask ZMM_Hi256 Hi16_ZMM */
	xor %edx, %edx
	xor %ecx, %ecx
	xsetbv
1:
	/* The stack protector reads its canary at %fs:0x28 (the x86_64 ABI's
	 * TCB layout), so %fs must point at a TCB before any C runs. */
	mov $x86_boot_tcb, %eax
	xor %edx, %edx
	mov $MSR_FS_BASE, %ecx
	wrmsr

	call arch_boot			/* (protocol, info): never returns */
	ud2

/* ---- GDT: null, 64-bit code, data; the TSS is added by gdt.c ---- */
	.section .rodata
	.balign 8
gdt64_boot:
	.quad 0
	.quad 0x00af9a000000ffff	/* 0x08: code, L=1, DPL 0 */
	.quad 0x00cf92000000ffff	/* 0x10: data */
gdt64_ptr:
	.word gdt64_ptr - gdt64_boot - 1
	.long gdt64_boot

msg_magic:
	.asciz "ukos: not started by a multiboot2 or PVH loader, stopping\r\n"
msg_lm:
	.asciz "ukos: this CPU has no long mode (x86_64), stopping\r\n"

	.section .data
	.balign 8
	.globl x86_boot_tsc
x86_boot_tsc:
	.quad 0

/* Zero-filled by the loader (p_memsz), not by C: in use before C runs. */
	.section .boot.bss, "aw", @nobits
	.balign 4096
early_pml4:
	.skip 4096
early_pdpt:
	.skip 4096
early_pd:
	.skip 4 * 4096
	.balign 16
boot_stack:
	.skip BOOT_STACK_SIZE
boot_stack_top:

/* SPDX-License-Identifier: MIT */
/*
 * empty.S: the benchmark's baseline guest — an image that is bootable the
 * way ukos images are (multiboot2 header, PVH note) and leaves QEMU
 * through isa-debug-exit at its first instruction.
 */
	.section .multiboot2, "a"
	.balign 8
hdr:	.long 0xe85250d6, 0, hdr_end - hdr
	.long -(0xe85250d6 + (hdr_end - hdr))
	.word 0, 0
	.long 8
hdr_end:

	.section .note.Xen, "a"
	.balign 4
	.long 4, 4, 18		/* XEN_ELFNOTE_PHYS32_ENTRY */
	.asciz "Xen"
	.long start

	.section .text
	.code32
	.globl start
start:
	xor %eax, %eax		/* status 0: QEMU exits with 1 */
	out %eax, $0xf4
1:	cli
	hlt
	jmp 1b

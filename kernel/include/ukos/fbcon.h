/* SPDX-License-Identifier: MIT */
/*
 * fbcon.h: a text console drawn on the framebuffer the boot loader set up
 * (multiboot2 §3.6.12: a linear RGB mode from VBE or UEFI GOP, or VGA text
 * mode), showing the same output as the serial console.
 */
#ifndef UKOS_FBCON_H
#define UKOS_FBCON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <ukos/bootinfo.h>

/* The drawing state: pure, so host tests can draw into plain memory. */
struct fbcon {
	uint8_t *base; /* first pixel (or text cell) */
	uint32_t pitch, width, height;
	unsigned bytes;  /* per pixel; 2 per cell in text mode */
	bool text;       /* VGA text mode: cells of character, attribute */
	uint32_t fg, bg; /* pixel values */
	unsigned scale;  /* font pixels per glyph pixel */
	unsigned cell_w, cell_h, cols, rows;
	unsigned col, row; /* the cursor */
};

/* Set f up for fb mapped at base. 0, or -EINVAL for a format it cannot
 * draw (indexed colour, fewer than 15 or more than 32 bits per pixel, too
 * small). Clears the screen. */
int fbcon_setup(struct fbcon *f, const struct bootinfo_fb *fb, void *base);

/* Draw len bytes: printable ASCII, "\n", "\r", "\t", "\b"; anything else
 * as '?'. Scrolls at the bottom. */
void fbcon_draw(struct fbcon *f, const char *buf, size_t len);

/* The loader's framebuffer as a console beside the others, if it left one
 * ukos can reach and draw. Boot context, after memory is set up. */
void fbcon_init(const struct bootinfo *bi);

#endif

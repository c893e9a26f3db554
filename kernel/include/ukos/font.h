/* SPDX-License-Identifier: MIT */
/*
 * font.h: the built-in bitmap font of the framebuffer console.
 */
#ifndef UKOS_FONT_H
#define UKOS_FONT_H

#include <stdint.h>

#define FONT_W     5
#define FONT_H     7
#define FONT_FIRST 0x20
#define FONT_LAST  0x7e

/* The FONT_H rows of c's glyph (bit FONT_W - 1 is the leftmost pixel);
 * '?' for characters the font lacks. */
const uint8_t *font_glyph(unsigned char c);

#endif

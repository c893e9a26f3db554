/* SPDX-License-Identifier: MIT */
/*
 * fbcon_draw.c: drawing text on a linear framebuffer or VGA text memory:
 * glyphs from the built-in font, scaled to stay legible on large modes,
 * in cells with a pixel of space around; the screen scrolls by moving its
 * rows up. Pure.
 */
#include <errno.h>
#include <string.h>
#include <ukos/fbcon.h>
#include <ukos/font.h>

#define FB_RGB      1 /* multiboot2 §3.6.12 framebuffer_type */
#define FB_EGA_TEXT 2
#define TEXT_ATTR   0x07 /* light grey on black */
#define FG          0xc0 /* light grey, each of red, green, blue */

/* A colour channel of 8 bits at its place in the pixel. */
static uint32_t channel(uint32_t v8, unsigned pos, unsigned size)
{
	return size ? (v8 >> (8 - (size > 8 ? 8 : size))) << pos : 0;
}

int fbcon_setup(struct fbcon *f, const struct bootinfo_fb *fb, void *base)
{
	*f = (struct fbcon){ .base = base,
			     .pitch = fb->pitch,
			     .width = fb->width,
			     .height = fb->height };
	if (fb->type == FB_EGA_TEXT) {
		f->text = true;
		f->bytes = 2;
		f->cell_w = f->cell_h = 1;
	} else if (fb->type == FB_RGB && fb->bpp >= 15 && fb->bpp <= 32) {
		f->bytes = (fb->bpp + 7u) / 8u;
		f->fg = channel(FG, fb->red_pos, fb->red_size) |
			channel(FG, fb->green_pos, fb->green_size) |
			channel(FG, fb->blue_pos, fb->blue_size);
		f->bg = 0;
		f->scale = fb->height >= 600 ? 2 : 1;
		f->cell_w = (FONT_W + 1) * f->scale;
		f->cell_h = (FONT_H + 2) * f->scale;
	} else {
		return -EINVAL;
	}
	if ((uint64_t)f->width * f->bytes > f->pitch)
		return -EINVAL;
	f->cols = f->width / f->cell_w;
	f->rows = f->height / f->cell_h;
	if (f->cols < 20 || f->rows < 5)
		return -EINVAL;
	if (f->text) {
		for (uint32_t y = 0; y < f->height; y++)
			for (uint32_t x = 0; x < f->width; x++) {
				uint8_t *c = f->base + y * f->pitch + x * 2;
				c[0] = ' ';
				c[1] = TEXT_ATTR;
			}
	} else {
		for (uint32_t y = 0; y < f->height; y++)
			memset(f->base + (size_t)y * f->pitch, 0,
			       (size_t)f->width * f->bytes);
	}
	return 0;
}

static void put_pixel(struct fbcon *f, unsigned x, unsigned y, uint32_t v)
{
	uint8_t *p = f->base + (size_t)y * f->pitch + (size_t)x * f->bytes;

	if (f->bytes == 4) {
		*(volatile uint32_t *)p = v;
		return;
	}
	for (unsigned i = 0; i < f->bytes; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static void draw_glyph(struct fbcon *f, unsigned char c)
{
	const uint8_t *g = font_glyph(c);
	unsigned x0 = f->col * f->cell_w, y0 = f->row * f->cell_h;

	if (f->text) {
		uint8_t *cell =
			f->base + (size_t)f->row * f->pitch + f->col * 2;
		cell[0] = c >= FONT_FIRST && c <= FONT_LAST ? c : '?';
		cell[1] = TEXT_ATTR;
		return;
	}
	/* The whole cell, background included: it may hold an old glyph. */
	for (unsigned y = 0; y < f->cell_h; y++) {
		int gy = (int)(y / f->scale) - 1; /* a blank row above */
		uint8_t bits = gy >= 0 && gy < FONT_H ? g[gy] : 0;
		for (unsigned x = 0; x < f->cell_w; x++) {
			unsigned gx = x / f->scale;
			bool on =
				gx < FONT_W && (bits >> (FONT_W - 1 - gx)) & 1;
			put_pixel(f, x0 + x, y0 + y, on ? f->fg : f->bg);
		}
	}
}

/* Text row r of the screen: its first byte, and how many bytes it spans
 * per line of pixels. */
static uint8_t *row_start(const struct fbcon *f, unsigned r)
{
	return f->base + (size_t)r * f->cell_h * f->pitch;
}

static void scroll(struct fbcon *f)
{
	size_t line = (size_t)f->cell_h * f->pitch;

	memmove(row_start(f, 0), row_start(f, 1), line * (f->rows - 1));
	if (f->text) {
		uint8_t *c = row_start(f, f->rows - 1);
		for (unsigned x = 0; x < f->cols; x++) {
			c[2 * x] = ' ';
			c[2 * x + 1] = TEXT_ATTR;
		}
		return;
	}
	for (unsigned y = 0; y < f->cell_h; y++)
		memset(row_start(f, f->rows - 1) + (size_t)y * f->pitch, 0,
		       (size_t)f->width * f->bytes);
}

static void newline(struct fbcon *f)
{
	f->col = 0;
	if (++f->row == f->rows) {
		scroll(f);
		f->row = f->rows - 1;
	}
}

void fbcon_draw(struct fbcon *f, const char *buf, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)buf[i];
		switch (c) {
		case '\n':
			newline(f);
			break;
		case '\r':
			f->col = 0;
			break;
		case '\b':
			if (f->col)
				f->col--;
			break;
		case '\t':
			do
				draw_glyph(f, ' ');
			while (++f->col % 8 && f->col < f->cols);
			if (f->col >= f->cols)
				newline(f);
			break;
		default:
			draw_glyph(f, c);
			if (++f->col == f->cols)
				newline(f);
		}
	}
}

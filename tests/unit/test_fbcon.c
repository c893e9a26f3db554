/* SPDX-License-Identifier: MIT */
/*
 * test_fbcon.c: the framebuffer console's drawing (kernel/fbcon_draw.c)
 * into plain memory: glyph pixels where the font has them, in the mode's
 * pixel format; wrapping, tabs, backspace; scrolling at the bottom; VGA
 * text cells; formats it cannot draw refused.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <ukos/fbcon.h>
#include <ukos/font.h>

static struct bootinfo_fb rgb(unsigned w, unsigned h, unsigned bpp)
{
	struct bootinfo_fb fb = {
		.type = 1, .bpp = (uint8_t)bpp, .width = w, .height = h
	};
	if (bpp == 16) {
		fb.red_pos = 11, fb.red_size = 5, fb.green_pos = 5;
		fb.green_size = 6, fb.blue_size = 5;
	} else {
		fb.red_pos = 16, fb.red_size = 8, fb.green_pos = 8;
		fb.green_size = 8, fb.blue_size = 8;
	}
	fb.pitch = w * ((bpp + 7) / 8) + 64; /* padded lines */
	return fb;
}

/* The pixel at (x, y) of a 32-bit screen. */
static uint32_t px32(const struct fbcon *f, unsigned x, unsigned y)
{
	uint32_t v;
	memcpy(&v, f->base + (size_t)y * f->pitch + x * 4, 4);
	return v;
}

/* Does cell (col, row) show character c, glyph pixel by glyph pixel? */
static int shows(const struct fbcon *f, unsigned col, unsigned row, char c)
{
	const uint8_t *g = font_glyph((unsigned char)c);
	for (unsigned gy = 0; gy < FONT_H; gy++)
		for (unsigned gx = 0; gx < FONT_W; gx++) {
			unsigned x = col * f->cell_w + gx * f->scale;
			unsigned y = row * f->cell_h + (gy + 1) * f->scale;
			int on = (g[gy] >> (FONT_W - 1 - gx)) & 1;
			if ((px32(f, x, y) == f->fg) != on)
				return 0;
		}
	return 1;
}

static void test_draw_32(void **state)
{
	struct bootinfo_fb fb = rgb(1024, 768, 32);
	uint8_t *mem = malloc((size_t)fb.pitch * fb.height);
	struct fbcon f;

	(void)state;
	memset(mem, 0x5a, (size_t)fb.pitch * fb.height);
	assert_int_equal(fbcon_setup(&f, &fb, mem), 0);
	assert_int_equal(px32(&f, 500, 500), 0); /* cleared */
	assert_int_equal(f.scale, 2);
	assert_int_equal(f.fg, 0xc0c0c0);
	fbcon_draw(&f, "Hi!\n\tX\bY", 8);
	assert_true(shows(&f, 0, 0, 'H'));
	assert_true(shows(&f, 1, 0, 'i'));
	assert_true(shows(&f, 2, 0, '!'));
	assert_true(shows(&f, 8, 1, 'Y')); /* tab to 8, X erased by Y */
	assert_int_equal(f.row, 1);
	assert_int_equal(f.col, 9);
	/* The padding beyond the visible width is never written. */
	assert_int_equal(mem[1024 * 4], 0x5a);

	/* Fill the screen: the first line scrolls away, 'H' moves up. */
	for (unsigned r = f.row; r < f.rows; r++)
		fbcon_draw(&f, "\n", 1);
	assert_int_equal(f.row, f.rows - 1);
	assert_true(shows(&f, 8, 0, 'Y'));
	assert_false(shows(&f, 0, 0, 'H'));

	/* A line longer than the screen wraps. */
	char line[200];
	memset(line, 'w', sizeof(line));
	f.row = 0, f.col = 0;
	fbcon_draw(&f, line, f.cols + 1);
	assert_int_equal(f.row, 1);
	assert_int_equal(f.col, 1);
	assert_true(shows(&f, f.cols - 1, 0, 'w'));
	assert_true(shows(&f, 0, 1, 'w'));
	fbcon_draw(&f, "\x01", 1); /* unprintable: '?' */
	assert_true(shows(&f, 1, 1, '?'));
	free(mem);
}

static void test_other_formats(void **state)
{
	struct bootinfo_fb fb = rgb(640, 480, 16);
	uint8_t *mem = calloc(fb.pitch, fb.height);
	struct fbcon f;

	(void)state;
	assert_int_equal(fbcon_setup(&f, &fb, mem), 0);
	assert_int_equal(f.scale, 1); /* small mode: no scaling */
	assert_int_equal(f.fg, (0x18u << 11) | (0x30u << 5) | 0x18u);
	fbcon_draw(&f, "|", 1); /* a vertical bar: the middle column lit */
	uint16_t v;
	memcpy(&v, mem + 3 * fb.pitch + 2 * 2, 2);
	assert_int_equal(v, f.fg);
	free(mem);

	fb = rgb(800, 600, 24);
	mem = calloc(fb.pitch, fb.height);
	assert_int_equal(fbcon_setup(&f, &fb, mem), 0);
	fbcon_draw(&f, "|", 1);
	uint8_t *p = mem + (size_t)(2 * 2) * fb.pitch + (2 * 2) * 3;
	assert_int_equal(p[0] | p[1] << 8 | p[2] << 16, 0xc0c0c0);
	free(mem);
}

static void test_text_mode(void **state)
{
	struct bootinfo_fb fb = {
		.type = 2, .width = 80, .height = 25, .pitch = 160, .bpp = 16
	};
	uint8_t mem[160 * 25];
	struct fbcon f;

	(void)state;
	assert_int_equal(fbcon_setup(&f, &fb, mem), 0);
	assert_int_equal(f.cols, 80);
	fbcon_draw(&f, "ok\nA", 4);
	assert_int_equal(mem[0], 'o');
	assert_int_equal(mem[1], 0x07);
	assert_int_equal(mem[2], 'k');
	assert_int_equal(mem[160], 'A');
	for (int i = 0; i < 24; i++)
		fbcon_draw(&f, "\n", 1);
	assert_int_equal(mem[0], 'A'); /* scrolled up by one row */
	assert_int_equal(mem[160 * 24], ' ');
}

static void test_refused(void **state)
{
	struct bootinfo_fb fb = rgb(1024, 768, 32);
	uint8_t mem[64];
	struct fbcon f;

	(void)state;
	fb.type = 0; /* indexed colour */
	assert_int_equal(fbcon_setup(&f, &fb, mem), -22);
	fb = rgb(1024, 768, 8);
	assert_int_equal(fbcon_setup(&f, &fb, mem), -22);
	fb = rgb(1024, 768, 32);
	fb.pitch = 1024; /* shorter than a line */
	assert_int_equal(fbcon_setup(&f, &fb, mem), -22);
	fb = rgb(40, 20, 32); /* too small for a console */
	assert_int_equal(fbcon_setup(&f, &fb, mem), -22);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_draw_32),
		cmocka_unit_test(test_other_formats),
		cmocka_unit_test(test_text_mode),
		cmocka_unit_test(test_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

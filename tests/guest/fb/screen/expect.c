/* SPDX-License-Identifier: MIT */
/*
 * expect.c (host side of tests/guest/fb, built by its host script): does a screenshot show these
 * lines? Each TEXT is drawn by ukos's own renderer (kernel/fbcon_draw.c,
 * the same font and layout, at the screenshot's size) and looked for,
 * cell-aligned, anywhere on the screen: every pixel of its cells must be
 * lit exactly where the rendering is.
 *   expect SHOT.ppm TEXT...     exit 0 if all are found, else 1
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ukos/fbcon.h>

static unsigned w, h;
static unsigned char *shot; /* 1 where the screenshot is not background */

static int load_ppm(const char *path)
{
	FILE *f = fopen(path, "rb");
	unsigned max;

	if (!f || fscanf(f, "P6 %u %u %u", &w, &h, &max) != 3 || max != 255 ||
	    fgetc(f) == EOF)
		return -1;
	shot = malloc((size_t)w * h);
	for (size_t i = 0; i < (size_t)w * h; i++) {
		unsigned char rgb[3];
		if (fread(rgb, 3, 1, f) != 1)
			return -1;
		shot[i] = rgb[0] | rgb[1] | rgb[2] ? 1 : 0;
	}
	fclose(f);
	return 0;
}

/* Is text drawn at cell (col, row) of a console laid out like f? */
static int found_at(const struct fbcon *f, const uint32_t *ref, size_t n,
		    unsigned col, unsigned row)
{
	for (unsigned y = 0; y < f->cell_h; y++)
		for (unsigned x = 0; x < n * f->cell_w; x++) {
			unsigned sx = col * f->cell_w + x,
				 sy = row * f->cell_h + y;
			int want = ref[(size_t)y * w + x] != 0;
			if (shot[(size_t)sy * w + sx] != want)
				return 0;
		}
	return 1;
}

int main(int argc, char **argv)
{
	struct bootinfo_fb fb = { .type = 1,
				  .bpp = 32,
				  .red_pos = 16,
				  .red_size = 8,
				  .green_pos = 8,
				  .green_size = 8,
				  .blue_size = 8 };
	int missing = 0;

	if (argc < 3 || load_ppm(argv[1]) != 0) {
		fprintf(stderr, "usage: expect SHOT.ppm TEXT... (a P6 PPM)\n");
		return 2;
	}
	fb.width = w, fb.height = h, fb.pitch = w * 4;
	for (int a = 2; a < argc; a++) {
		uint32_t *mem = calloc((size_t)w * h, 4);
		struct fbcon f;
		size_t n = strlen(argv[a]);
		int hit = 0;

		if (fbcon_setup(&f, &fb, mem) != 0 || n > f.cols) {
			fprintf(stderr, "expect: cannot lay out '%s'\n",
				argv[a]);
			return 2;
		}
		fbcon_draw(&f, argv[a], n); /* at cell (0, 0) of mem */
		for (unsigned r = 0; r < f.rows && !hit; r++)
			for (unsigned c = 0; c + n <= f.cols && !hit; c++)
				hit = found_at(&f, mem, n, c, r);
		printf("%s: '%s' (%ux%u, %ux%u cells)\n",
		       hit ? "on screen" : "NOT on screen", argv[a], w, h,
		       f.cols, f.rows);
		missing += !hit;
		free(mem);
	}
	return missing ? 1 : 0;
}

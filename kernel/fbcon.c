/* SPDX-License-Identifier: MIT */
/*
 * fbcon.c: the framebuffer console as a console device: the loader's mode,
 * checked, drawn by fbcon_draw.c. Output from any context, so each write
 * runs with interrupts off (a crash report may interrupt a printf).
 */
#include <ukos/arch.h>
#include <ukos/console.h>
#include <ukos/fbcon.h>

#define FOUR_GIB (1ull << 32) /* identity-mapped, MMIO uncached */

static struct fbcon screen;

static void fbcon_write(const char *buf, size_t len)
{
	unsigned long flags = arch_irq_save();

	fbcon_draw(&screen, buf, len);
	arch_irq_restore(flags);
}

static const struct console_ops fbcon_ops = {
	.name = "framebuffer",
	.write = fbcon_write,
};

void fbcon_init(const struct bootinfo *bi)
{
	const struct bootinfo_fb *fb = &bi->fb;
	uint64_t bytes = (uint64_t)fb->pitch * fb->height;

	if (!bi->has_fb)
		return;
	if (!fb->addr || fb->addr + bytes > FOUR_GIB) {
		kprintf("ukos: framebuffer at 0x%llx is out of reach: not "
			"used\n",
			(unsigned long long)fb->addr);
		return;
	}
	if (fbcon_setup(&screen, fb, (void *)(uintptr_t)fb->addr) != 0) {
		kprintf("ukos: framebuffer %ux%u, %u bits, type %u: cannot "
			"draw on it\n",
			fb->width, fb->height, fb->bpp, fb->type);
		return;
	}
	console_register(&fbcon_ops);
}

/* SPDX-License-Identifier: MIT */
/*
 * boot: the image reaches main() on every boot path with its arguments, a
 * running clock and a working heap, and says which loader started it.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ukos.h>

static int failures;

static void check(int ok, const char *what)
{
	if (!ok) {
		printf("FAIL boot: %s\n", what);
		failures++;
	}
}

int main(int argc, char **argv)
{
	const char *loader = ukos_boot_loader();
	uint64_t to_main = ukos_boot_to_main_ns();
	uint64_t up = ukos_uptime_ns();
	char *p = malloc(1 << 20);

	printf("loader: %s\n", loader ? loader : "(null)");
	for (int i = 0; i < argc; i++)
		printf("argv[%d]=<%s>\n", i, argv[i]);
	printf("boot-to-main: %llu us\n", (unsigned long long)(to_main / 1000));
	int known = loader &&
		    (!strcmp(loader, "pvh") || !strcmp(loader, "multiboot2"));
	check(known, "loader is neither pvh nor multiboot2");
	check(to_main > 0 && up >= to_main, "boot-to-main is 0 or after now");
	check(ukos_uptime_ns() > up, "uptime does not advance");
	check(argv[argc] == NULL, "argv[argc] is not NULL");
	check(p != NULL, "malloc(1 MiB) returned NULL");
	if (p) {
		memset(p, 0xa5, 1 << 20);
		free(p);
	}
	if (failures)
		return 1;
	printf("PASS boot\n");
	return 0;
}

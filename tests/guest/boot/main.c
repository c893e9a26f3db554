/* SPDX-License-Identifier: MIT */
/*
 * boot: the image reaches main() on every boot path, with a sane clock and
 * a working heap, and says which loader started it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ukos.h>

int main(void)
{
	const char *loader = ukos_boot_loader();
	char *p = malloc(1 << 20);

	if (!p || !loader) {
		printf("FAIL boot: no heap or no loader\n");
		return 1;
	}
	memset(p, 0xa5, 1 << 20);
	free(p);
	printf("loader: %s\n", loader);
	printf("boot-to-main: %llu us\n",
	       (unsigned long long)(ukos_boot_to_main_ns() / 1000));
	printf("PASS boot\n");
	return 0;
}

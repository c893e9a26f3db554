/* SPDX-License-Identifier: MIT */
/*
 * linux_main.c: /init of the Linux guest that `make bench` measures
 * apps/httpd in, beside ukos: bring up the console and the network, then
 * run the very same httpd source, included here with its main renamed
 * (and the files it calls).
 */
#define main httpd_main
#include "../../../apps/httpd/main.c"
#undef main
#include "../../../apps/httpd/files.c"
#include "../../../apps/httpd/response.c"

#include "../linux_init.h"

int main(void)
{
	char *argv[] = { "httpd", "80", NULL };

	linux_init_console();
	linux_init_network();
	printf("linux: eth0 up\n");
	fflush(stdout);
	return httpd_main(2, argv);
}

/* SPDX-License-Identifier: MIT */
/*
 * linux_main.c: /init of the Linux guest that `make bench` measures
 * apps/httpd in, beside ukos: bring up the console and the network, then
 * run the very same httpd source, included here with its main renamed
 * (and the files it calls). With benchroot=DIR on the kernel command line
 * (init gets it in its environment) it serves the files under DIR.
 */
#define main httpd_main
#include "../../../apps/httpd/main.c"
#undef main
#include "../../../apps/httpd/conns.c"
#include "../../../apps/httpd/files.c"
#include "../../../apps/httpd/request.c"
#include "../../../apps/httpd/response.c"

#include "../linux_init.h"

int main(void)
{
	char *root = getenv("benchroot");
	char *plain[] = { "httpd", "80", NULL };
	char *files[] = { "httpd", "-r", root, "80", NULL };

	linux_init_console();
	linux_init_network();
	printf("linux: eth0 up\n");
	fflush(stdout);
	return root ? httpd_main(4, files) : httpd_main(2, plain);
}

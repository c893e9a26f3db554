/* SPDX-License-Identifier: MIT */
/*
 * page.h: the page httpd serves at "/" until a file system gives it
 * files: 612 bytes, the size of the default page of nginx that HTTP
 * benchmarks serve, so figures compare.
 */
#ifndef HTTPD_PAGE_H
#define HTTPD_PAGE_H

static const char page[] =
	"<!DOCTYPE html>\n"
	"<html>\n"
	"<head>\n"
	"<title>Welcome to ukos!</title>\n"
	"<style>\n"
	"    body {\n"
	"        width: 35em;\n"
	"        margin: 0 auto;\n"
	"        font-family: Tahoma, Verdana, Arial, sans-serif;\n"
	"    }\n"
	"</style>\n"
	"</head>\n"
	"<body>\n"
	"<h1>Welcome to ukos!</h1>\n"
	"<p>If you see this page, the ukos web server is running: one C\n"
	"program, linked into one bootable image with its own kernel, C\n"
	"library and TCP/IP stack, and nothing else.</p>\n"
	"\n"
	"<p>It serves this page, <a href=\"/__stats\">its counters</a>, and\n"
	"generated test data at /pattern/BYTES.</p>\n"
	"\n"
	"<p>Served by ukos' httpd.</p>\n"
	"<p><em>Thank you for trying ukos.</em></p>\n"
	"</body>\n"
	"</html>\n";

#endif

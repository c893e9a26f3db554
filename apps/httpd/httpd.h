/* SPDX-License-Identifier: MIT */
/*
 * httpd.h: what httpd's files share: response.c writes the headers,
 * main.c parses requests and routes them, files.c maps a request's path
 * to a file under the document root.
 */
#ifndef HTTPD_H
#define HTTPD_H

#include <stddef.h>
#include <time.h>

/* response.c: responses */

/* The reason phrase of a status code ("Not Found"). */
const char *http_reason(int status);

/* Send all n bytes of p on fd: 0, or -1 when the peer is gone or too slow. */
int http_send_all(int fd, const void *p, size_t n);

/*
 * The status line and headers of a response whose body is length bytes.
 * extra: more header lines, each ending "\r\n" (or ""). 0 or -1 as above.
 */
int http_send_head(int fd, int status, const char *type,
		   unsigned long long length, int keep_alive,
		   const char *extra);

/* t as an HTTP-date, IMF-fixdate (RFC 9110, 5.6.7), into buf[32]. */
void http_date(time_t t, char buf[32]);

/* The HTTP-date v[0, n) in any of its three formats (RFC 9110, 5.6.7)
 * into *out: 0, or -1 when it is none of them. */
int http_parse_date(const char *v, size_t n, time_t *out);

/* main.c: errors, counted in /__stats */

/* A short text/plain error response ("404 Not Found"). 0 or -1. */
int http_send_error(int fd, int status, int keep_alive);

/* files.c: the document root */

/*
 * Serve files from the directory dir (httpd -r): 0, or -1 with errno set
 * when it is not a directory. Called once, before any connection; dir
 * must stay valid (an argv string).
 */
int files_set_root(const char *dir);

/* The document root as given to files_set_root, or NULL: none. */
const char *files_root(void);

/*
 * Answer GET or HEAD of target (the request-target, query already cut
 * off) from the document root; 304 without a body when the file has not
 * changed since a valid If-Modified-Since, given in since (0: none). 0
 * when the response went out, -1 when the connection broke and must
 * close.
 */
int files_serve(int fd, const char *target, int head_only, int keep_alive,
		time_t since);

#endif

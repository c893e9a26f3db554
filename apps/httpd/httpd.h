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

/* request.c: request heads */

struct http_request {
	const char *method; /* not NUL-terminated: method_len bytes */
	size_t method_len;
	char *target;       /* NUL-terminated in the request's buffer */
	int minor;          /* HTTP/1.minor */
	const char *fields; /* the header field lines, up to end */
	const char *end;
};

/*
 * Check and split the request head buf[0, end) (end: just past its blank
 * line) into r: 0, or the status to answer (400, 505). The target is
 * NUL-terminated in buf.
 */
int http_request_parse(char *buf, size_t end, struct http_request *r);

/* The value (trimmed) of r's first header field called name, with its
 * length in *len; NULL if there is none. */
const char *http_header(const struct http_request *r, const char *name,
			size_t *len);

/* r's Content-Length into *n: 1, 0 without one, -1 when a value is not a
 * number of at most max or two values disagree. */
int http_content_length(const struct http_request *r, unsigned long long max,
			unsigned long long *n);

/* conns.c: the open connections */

/* CLOCK_MONOTONIC in milliseconds: deadlines and waiting times. */
long long http_clock_ms(void);

/* Room for max connections: 0, or -1 (no memory). Once, first. */
int conns_init(int max);

/*
 * A place in the table for the new connection owner on fd: when all are
 * taken, the one that has waited longest for a request is shut down and
 * gives up its place. The slot, or -1 when every connection is busy with
 * a request (refuse the new one). The new one counts as waiting.
 */
int conns_open(int fd, const void *owner);

/* owner in slot now waits for a request (1) or works on one (0); nothing
 * if it was shed meanwhile. */
void conns_waiting(int slot, const void *owner, int waiting);

/* owner leaves slot (if it was not shed meanwhile). Before closing its
 * fd: till then the table may shut that fd down. */
void conns_close(int slot, const void *owner);

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

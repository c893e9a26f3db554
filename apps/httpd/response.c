/* SPDX-License-Identifier: MIT */
/*
 * response.c: httpd's status lines and headers (RFC 9110, RFC 9112): what
 * every response starts with, and the sends that carry it.
 */
#include <errno.h>
#include <stdio.h>
#include <sys/socket.h>
#include <time.h>

#include "httpd.h"

int http_send_all(int fd, const void *p, size_t n)
{
	const char *s = p;

	while (n) {
		ssize_t w = send(fd, s, n, MSG_NOSIGNAL);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		s += w;
		n -= (size_t)w;
	}
	return 0;
}

const char *http_reason(int status)
{
	switch (status) {
	case 200:
		return "OK";
	case 301:
		return "Moved Permanently";
	case 400:
		return "Bad Request";
	case 403:
		return "Forbidden";
	case 404:
		return "Not Found";
	case 405:
		return "Method Not Allowed";
	case 408:
		return "Request Timeout";
	case 411:
		return "Length Required";
	case 414:
		return "URI Too Long";
	case 431:
		return "Request Header Fields Too Large";
	case 501:
		return "Not Implemented";
	case 505:
		return "HTTP Version Not Supported";
	default:
		return "Error";
	}
}

void http_date(time_t t, char buf[32])
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(buf, 32, "%a, %d %b %Y %H:%M:%S GMT", &tm);
}

int http_send_head(int fd, int status, const char *type,
		   unsigned long long length, int keep_alive, const char *extra)
{
	char head[512 + 1100], date[32]; /* extra: a Location, at most */
	int n;

	http_date(time(NULL), date);
	n = snprintf(head, sizeof(head),
		     "HTTP/1.1 %d %s\r\n"
		     "Server: ukos-httpd\r\n"
		     "Date: %s\r\n"
		     "Content-Type: %s\r\n"
		     "Content-Length: %llu\r\n"
		     "%s%s"
		     "Connection: %s\r\n"
		     "\r\n",
		     status, http_reason(status), date, type, length,
		     status == 405 ? "Allow: GET, HEAD, POST\r\n" : "", extra,
		     keep_alive ? "keep-alive" : "close");
	if (n < 0 || (size_t)n >= sizeof(head))
		return -1;
	return http_send_all(fd, head, (size_t)n);
}

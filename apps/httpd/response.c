/* SPDX-License-Identifier: MIT */
/*
 * response.c: httpd's status lines and headers (RFC 9110, RFC 9112): what
 * every response starts with, and the sends that carry it.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
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
	case 304:
		return "Not Modified";
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

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian; m 1-12), by
 * Howard Hinnant's days-from-civil (an app cannot call the kernel's). */
static long days_from_civil(long y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static int month_of(const char *name)
{
	static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";

	for (int m = 0; m < 12; m++)
		if (!strncmp(months + 3 * m, name, 3) && !name[3])
			return m + 1;
	return 0;
}

int http_parse_date(const char *v, size_t n, time_t *out)
{
	char s[64], mon[4] = "";
	int d = 0, y = 0, h = 0, mi = 0, sec = 0, end = 0, m;

	if (n >= sizeof(s))
		return -1;
	memcpy(s, v, n);
	s[n] = '\0';
	/* IMF-fixdate, then RFC 850's, then asctime's (RFC 9110, 5.6.7). */
	if (sscanf(s, "%*3[A-Za-z], %2d %3[A-Za-z] %4d %2d:%2d:%2d GMT%n", &d,
		   mon, &y, &h, &mi, &sec, &end) != 6 ||
	    (size_t)end != n) {
		end = 0;
		if (sscanf(s,
			   "%*[A-Za-z], %2d-%3[A-Za-z]-%2d %2d:%2d:%2d GMT%n",
			   &d, mon, &y, &h, &mi, &sec, &end) == 6 &&
		    (size_t)end == n)
			y += y < 70 ? 2000 : 1900;
		else if (end = 0,
			 sscanf(s,
				"%*3[A-Za-z] %3[A-Za-z] %2d %2d:%2d:%2d %4d%n",
				mon, &d, &h, &mi, &sec, &y, &end) != 6 ||
				 (size_t)end != n)
			return -1;
	}
	m = month_of(mon);
	if (!m || d < 1 || d > 31 || y < 1970 || h > 23 || mi > 59 || sec > 60)
		return -1;
	*out = (time_t)(days_from_civil(y, m, d) * 86400 + h * 3600 + mi * 60 +
			sec);
	return 0;
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

/* SPDX-License-Identifier: MIT */
/*
 * request.c: httpd's request heads (RFC 9112 §2-§6, RFC 9110 §5): the
 * request line and header fields are checked whole before anything acts
 * on them, and what the RFCs say a server must reject is a 400: header
 * lines without a colon or with space before it, folded lines (obs-fold),
 * NUL, bare CR and other control characters, a missing or second Host in
 * HTTP/1.1, and Content-Length values that disagree.
 */
#include <string.h>
#include <strings.h>

#include "httpd.h"

/* tchar (RFC 9110 §5.6.2). */
static int is_tchar(unsigned char c)
{
	return c > 32 && c < 127 && !strchr("()<>@,;:\\\"/[]?={}", c);
}

/* A field value's octets (RFC 9110 §5.5): visible, space, tab, and
 * obs-text (0x80 and up); no NUL, CR, LF or other control. */
static int is_value_char(unsigned char c)
{
	return c == ' ' || c == '\t' || (c > 32 && c != 127);
}

/* The line starting at p, before end: its length without the line end,
 * and *next just past that end (LF, or CR LF). -1 if a bare CR is in it
 * or the line has no end. */
static long line_at(const char *p, const char *end, const char **next)
{
	const char *lf = memchr(p, '\n', (size_t)(end - p));
	const char *e;

	if (!lf)
		return -1;
	e = lf > p && lf[-1] == '\r' ? lf - 1 : lf;
	if (memchr(p, '\r', (size_t)(e - p)))
		return -1;
	*next = lf + 1;
	return e - p;
}

/* One field line "name: value": 0, or -1 when it is not one. */
static int check_field(const char *line, size_t len)
{
	const char *colon = memchr(line, ':', len);

	/* No colon, an empty name, or whitespace before the colon (which
	 * RFC 9112 §5.1 says a server MUST reject), or a line that starts
	 * with whitespace (obs-fold, §5.2). */
	if (!colon || colon == line)
		return -1;
	for (const char *c = line; c < colon; c++)
		if (!is_tchar((unsigned char)*c))
			return -1;
	for (const char *c = colon + 1; c < line + len; c++)
		if (!is_value_char((unsigned char)*c))
			return -1;
	return 0;
}

/* The request line "METHOD SP TARGET SP HTTP/1.x" into r. 0, or the
 * status to answer. */
static int parse_request_line(char *line, size_t len, struct http_request *r)
{
	char *sp1 = memchr(line, ' ', len), *sp2;

	if (!sp1 || sp1 == line)
		return 400;
	sp2 = memchr(sp1 + 1, ' ', len - (size_t)(sp1 + 1 - line));
	if (!sp2 || sp2 == sp1 + 1)
		return 400;
	for (const char *c = line; c < sp1; c++)
		if (!is_tchar((unsigned char)*c))
			return 400;
	/* The target: visible ASCII only, so no NUL can cut it short. */
	for (const char *c = sp1 + 1; c < sp2; c++)
		if ((unsigned char)*c <= 32 || (unsigned char)*c >= 127)
			return 400;
	if (line + len - (sp2 + 1) != 8 || strncmp(sp2 + 1, "HTTP/", 5) != 0)
		return 400;
	if (sp2[6] != '1' || sp2[7] != '.' || sp2[8] < '0' || sp2[8] > '9')
		return sp2[6] >= '0' && sp2[6] <= '9' ? 505 : 400;
	r->method = line;
	r->method_len = (size_t)(sp1 - line);
	r->target = sp1 + 1;
	*sp2 = '\0';
	r->minor = sp2[8] - '0';
	return 0;
}

int http_request_parse(char *buf, size_t end, struct http_request *r)
{
	const char *stop = buf + end, *next, *p;
	long len = line_at(buf, stop, &next);
	int status, hosts = 0;

	if (len < 0)
		return 400;
	r->fields = next;
	r->end = stop;
	/* Every field line first: the request line is cut (a NUL after the
	 * target) only once the whole head is known to be sound. */
	for (p = next; p < stop; p = next) {
		long n = line_at(p, stop, &next);
		if (n < 0)
			return 400;
		if (n == 0)
			break; /* the blank line ending the head */
		if (check_field(p, (size_t)n))
			return 400;
		if (n > 5 && !strncasecmp(p, "Host:", 5))
			hosts++;
	}
	status = parse_request_line(buf, (size_t)len, r);
	if (status)
		return status;
	/* HTTP/1.1 needs exactly one Host (RFC 9112 §3.2). */
	return r->minor >= 1 && hosts != 1 ? 400 : 0;
}

const char *http_header(const struct http_request *r, const char *name,
			size_t *len)
{
	size_t nl = strlen(name);

	for (const char *line = r->fields, *next; line < r->end; line = next) {
		long n = line_at(line, r->end, &next);
		if (n <= 0)
			break;
		if ((size_t)n > nl && line[nl] == ':' &&
		    strncasecmp(line, name, nl) == 0) {
			const char *v = line + nl + 1, *ve = line + n;
			while (v < ve && (*v == ' ' || *v == '\t'))
				v++;
			while (ve > v && (ve[-1] == ' ' || ve[-1] == '\t'))
				ve--;
			*len = (size_t)(ve - v);
			return v;
		}
	}
	return NULL;
}

/* Digits v[0, len) as a number of at most max: 0, or -1. */
static int parse_decimal(const char *v, size_t len, unsigned long long max,
			 unsigned long long *out)
{
	unsigned long long n = 0;

	if (!len || len > 20)
		return -1;
	for (size_t i = 0; i < len; i++) {
		unsigned d = (unsigned)(v[i] - '0');
		if (d > 9 || d > max || n > (max - d) / 10)
			return -1;
		n = n * 10 + d;
	}
	*out = n;
	return 0;
}

/* Each value of the list v[0, len) ("5" or "5, 5"), agreeing with *n if
 * *seen: 0, or -1. */
static int length_list(const char *v, size_t len, unsigned long long max,
		       unsigned long long *n, int *seen)
{
	const char *e = v + len;

	for (const char *p = v; p <= e;) {
		const char *comma = memchr(p, ',', (size_t)(e - p));
		const char *ve = comma ? comma : e, *vs = p;
		unsigned long long one;
		while (vs < ve && (*vs == ' ' || *vs == '\t'))
			vs++;
		while (ve > vs && (ve[-1] == ' ' || ve[-1] == '\t'))
			ve--;
		if (parse_decimal(vs, (size_t)(ve - vs), max, &one) ||
		    (*seen && one != *n))
			return -1;
		*n = one;
		*seen = 1;
		if (!comma)
			break;
		p = comma + 1;
	}
	return 0;
}

int http_content_length(const struct http_request *r, unsigned long long max,
			unsigned long long *n)
{
	static const char name[] = "Content-Length:";
	const size_t nl = sizeof(name) - 1;
	int seen = 0;

	/* Every Content-Length line: copies of one value are that value
	 * (RFC 9110 §8.6), any disagreement makes the length invalid. */
	for (const char *line = r->fields, *next; line < r->end; line = next) {
		long len = line_at(line, r->end, &next);
		if (len <= 0)
			break;
		if ((size_t)len >= nl && !strncasecmp(line, name, nl) &&
		    length_list(line + nl, (size_t)len - nl, max, n, &seen))
			return -1;
	}
	return seen;
}

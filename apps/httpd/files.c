/* SPDX-License-Identifier: MIT */
/*
 * files.c: httpd's document root (httpd -r DIR). A request's path is
 * percent-decoded (RFC 3986, 2.1), split into segments and looked up
 * under the root; a ".." segment is refused before any lookup, so no
 * request reaches outside the root. Files are streamed in pieces.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "httpd.h"

#define PATH_CAP  4096        /* root + decoded path + "/index.html" */
#define CHUNK     (16 * 1024) /* on the 64 KiB connection stack */
#define INDEX     "/index.html"
#define INDEX_LEN (sizeof(INDEX) - 1)
/* A Location header must fit main.c's header buffer. */
#define LOCATION_MAX 1024

static char root[PATH_CAP / 2];
static size_t root_len;      /* without a trailing slash: "/" is "" */
static const char *root_arg; /* as given, for messages */

int files_set_root(const char *dir)
{
	struct stat st;
	size_t n = strlen(dir);

	if (n >= sizeof(root)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	if (stat(dir, &st) < 0)
		return -1;
	if (!S_ISDIR(st.st_mode)) {
		errno = ENOTDIR;
		return -1;
	}
	while (n > 0 && dir[n - 1] == '/')
		n--;
	memcpy(root, dir, n);
	root[n] = '\0';
	root_len = n;
	root_arg = dir;
	return 0;
}

const char *files_root(void)
{
	return root_arg;
}

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (char)(c | 0x20);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/*
 * Decode target's percent escapes into out[cap]. A bad escape, an
 * encoded NUL (it would cut the name short) or a control byte is a bad
 * request: 400; a path that does not fit, 414.
 */
static int percent_decode(const char *target, char *out, size_t cap)
{
	size_t n = 0;

	for (const char *s = target; *s; s++) {
		int c = (unsigned char)*s;
		if (c == '%') {
			int hi = hex_value(s[1]),
			    lo = hi < 0 ? -1 : hex_value(s[2]);
			if (lo < 0)
				return 400;
			c = hi << 4 | lo;
			s += 2;
		}
		if (c == 0 || c < 0x20 || c == 0x7f)
			return 400;
		if (n + 1 >= cap)
			return 414;
		out[n++] = (char)c;
	}
	out[n] = '\0';
	return 0;
}

/*
 * Rewrite the decoded path p in place as "/seg/seg...": empty and "."
 * segments dropped. A ".." segment is refused (403), not resolved as
 * RFC 3986, 5.2.4 would for a link: a client that sends one unresolved
 * is probing (RFC 9110, 17.3), and refusing it keeps every lookup under
 * the root whatever the file system does with "..".
 */
static int normalize(char *p)
{
	char *w = p;
	const char *s = p;

	while (*s) {
		const char *seg, *end;
		while (*s == '/')
			s++;
		seg = s;
		end = seg;
		while (*end && *end != '/')
			end++;
		s = end;
		if (end == seg || (end - seg == 1 && seg[0] == '.'))
			continue;
		if (end - seg == 2 && seg[0] == '.' && seg[1] == '.')
			return 403;
		*w++ = '/';
		memmove(w, seg, (size_t)(end - seg));
		w += end - seg;
	}
	if (w == p)
		*w++ = '/';
	*w = '\0';
	return 0;
}

/* The media type of a file, by its extension (RFC 9110, 8.3). */
static const char *media_type(const char *path)
{
	static const struct {
		const char *ext, *type;
	} types[] = {
		{ "html", "text/html; charset=utf-8" },
		{ "htm", "text/html; charset=utf-8" },
		{ "css", "text/css; charset=utf-8" },
		{ "js", "text/javascript; charset=utf-8" },
		{ "json", "application/json" },
		{ "txt", "text/plain; charset=utf-8" },
		{ "xml", "application/xml" },
		{ "svg", "image/svg+xml" },
		{ "png", "image/png" },
		{ "jpg", "image/jpeg" },
		{ "jpeg", "image/jpeg" },
		{ "gif", "image/gif" },
		{ "ico", "image/vnd.microsoft.icon" },
		{ "wasm", "application/wasm" },
		{ "pdf", "application/pdf" },
	};
	const char *slash = strrchr(path, '/'), *dot = strrchr(path, '.');

	if (dot && (!slash || dot > slash))
		for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
			if (!strcasecmp(dot + 1, types[i].ext))
				return types[i].type;
	return "application/octet-stream";
}

/*
 * A directory asked for without its slash: send the client to the slash
 * form (RFC 9110, 15.4.2), so the index's relative links resolve inside
 * it. target is as the client wrote it, already checked for controls.
 */
static int redirect(int fd, const char *target, int head_only, int keep)
{
	char extra[LOCATION_MAX + 16], body[] = "301 Moved Permanently\n";
	int n = snprintf(extra, sizeof(extra), "Location: %s/\r\n", target);

	if (n < 0 || (size_t)n >= sizeof(extra))
		return http_send_error(fd, 414, keep);
	if (http_send_head(fd, 301, "text/plain", sizeof(body) - 1, keep,
			   extra))
		return -1;
	return head_only ? 0 : http_send_all(fd, body, sizeof(body) - 1);
}

/*
 * The headers, then (for GET) size bytes of file in CHUNK pieces: a
 * large file never sits in memory whole. A file that ends early breaks
 * the promised Content-Length: the connection must close (-1).
 */
static int send_file(int fd, int file, const struct stat *st, const char *path,
		     int head_only, int keep, time_t since)
{
	char buf[CHUNK], extra[64], date[32];
	unsigned long long left = (unsigned long long)st->st_size;
	/* Not modified since: the client's copy is good (RFC 9110, 13.1.3). */
	int fresh = since && st->st_mtime <= since;

	http_date(st->st_mtime, date);
	snprintf(extra, sizeof(extra), "Last-Modified: %s\r\n", date);
	if (http_send_head(fd, fresh ? 304 : 200, media_type(path), left, keep,
			   extra))
		return -1;
	while (!head_only && !fresh && left) {
		size_t want = left < sizeof(buf) ? (size_t)left : sizeof(buf);
		ssize_t r = read(file, buf, want);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0 || http_send_all(fd, buf, (size_t)r))
			return -1;
		left -= (unsigned long long)r;
	}
	return 0;
}

/* open(path) as a regular file, or (for a directory) its index.html. */
static int open_file(char *path, size_t len, struct stat *st, int *is_dir)
{
	int file = open(path, O_RDONLY);

	*is_dir = 0;
	if (file < 0 || fstat(file, st) < 0)
		goto err_close;
	if (S_ISDIR(st->st_mode)) {
		*is_dir = 1;
		close(file);
		memcpy(path + len - (path[len - 1] == '/'), INDEX,
		       INDEX_LEN + 1);
		file = open(path, O_RDONLY);
		if (file < 0 || fstat(file, st) < 0)
			goto err_close;
	}
	if (!S_ISREG(st->st_mode)) {
		close(file);
		errno = EACCES;
		return -1;
	}
	return file;
err_close:
	if (file >= 0)
		close(file);
	return -1;
}

int files_serve(int fd, const char *target, int head_only, int keep,
		time_t since)
{
	char path[PATH_CAP];
	struct stat st;
	size_t len;
	int status, file, is_dir, slash, r;

	if (target[0] != '/')
		return http_send_error(fd, 400, keep);
	memcpy(path, root, root_len);
	status = percent_decode(target, path + root_len,
				sizeof(path) - root_len - INDEX_LEN);
	if (!status)
		status = normalize(path + root_len);
	if (status)
		return http_send_error(fd, status, keep);
	len = strlen(path);
	slash = target[strlen(target) - 1] == '/';
	file = open_file(path, len, &st, &is_dir);
	if (is_dir && !slash) {
		if (file >= 0)
			close(file);
		return redirect(fd, target, head_only, keep);
	}
	if (file >= 0 && !is_dir && slash) {
		close(file); /* a file named as a directory: POSIX's ENOTDIR */
		return http_send_error(fd, 404, keep);
	}
	if (file < 0)
		return http_send_error(fd, errno == EACCES ? 403 : 404, keep);
	r = send_file(fd, file, &st, path, head_only, keep, since);
	close(file);
	return r;
}

/* SPDX-License-Identifier: MIT */
/*
 * httpd: a static-content HTTP/1.1 server (RFC 9110, RFC 9112) written as
 * for Linux — POSIX sockets, a thread per connection. GET and HEAD,
 * keep-alive and pipelining, 301/400/403/404/405/408/411/414/431/505,
 * Content-Length and Date on every response. It serves generated data at
 * /pattern/BYTES (byte i is i % 251: clients can check it without a
 * copy), its counters at /__stats, and takes uploads at POST /sink
 * (counted, summed and dropped: what a bulk upload measures). Idle or
 * slow connections are closed after a timeout, so clients that vanish
 * cost nothing for long: a request's whole head must arrive within it
 * (request.c checks it strictly), and when all connections are taken
 * the one idle the longest makes room (conns.c).
 *
 * Every other path is a file under ROOT when -r ROOT is given (files.c:
 * percent-decoded, ".." refused, a directory's index.html, media type
 * by extension, Last-Modified), else the built-in page at "/".
 *
 *   httpd [-r ROOT | --root ROOT] [-c MAXCONN] [PORT [IDLE_SECONDS]]
 *   (defaults: 1000 connections, port 80, 10 s)
 *
 * A bad command line prints the usage and ends with status 2; a ROOT
 * that is not a directory, with status 1.
 */
#include <errno.h>
#include <malloc.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "httpd.h"
#include "page.h"

#define REQUEST_MAX  8192 /* request line and headers */
#define IDLE_DEFAULT 10   /* seconds between requests, and within one */
#define PATTERN_MAX  (1ull << 30)
#define SINK_MAX     (1ull << 40)

static int idle_seconds = IDLE_DEFAULT, conn_max = 1000;
static atomic_long open_conns, total_conns, requests, bad_requests;

struct conn {
	int fd;
	int slot; /* in conns.c's table */
	char buf[REQUEST_MAX];
	size_t len; /* bytes in buf */
};

int http_send_error(int fd, int status, int keep_alive)
{
	char body[128];
	int n = snprintf(body, sizeof(body), "%d %s\n", status,
			 http_reason(status));

	bad_requests++;
	if (http_send_head(fd, status, "text/plain", (unsigned long long)n,
			   keep_alive, ""))
		return -1;
	return http_send_all(fd, body, (size_t)n);
}

static int send_pattern(int fd, unsigned long long n)
{
	static char block[251 * 64];

	if (!block[1]) /* filling it twice at once writes the same bytes */
		for (size_t i = 0; i < sizeof(block); i++)
			block[i] = (char)(i % 251);
	while (n) {
		size_t chunk = n < sizeof(block) ? (size_t)n : sizeof(block);
		if (http_send_all(fd, block, chunk))
			return -1;
		n -= chunk;
	}
	return 0;
}

/* Bytes the heap hands out now (mallinfo, where the C library has it:
 * newlib and glibc do, musl does not). */
static size_t heap_in_use(void)
{
#if defined(__ukos__) || defined(__GLIBC__)
	return (size_t)mallinfo().uordblks;
#else
	return 0;
#endif
}

static int send_stats(int fd, int head_only, int keep_alive)
{
	char body[256];
	int n = snprintf(body, sizeof(body),
			 "connections_open %ld\nconnections_total %ld\n"
			 "requests %ld\nbad_requests %ld\nheap_in_use %zu\n",
			 (long)open_conns, (long)total_conns, (long)requests,
			 (long)bad_requests, heap_in_use());

	if (http_send_head(fd, 200, "text/plain", (unsigned long long)n,
			   keep_alive, ""))
		return -1;
	return head_only ? 0 : http_send_all(fd, body, (size_t)n);
}

/* The sum of n bytes' values, eight at a time: each 16-bit lane of the
 * accumulator gathers two bytes per word and folds before it can carry
 * (a bulk upload should measure the network, not this loop). */
static unsigned long long byte_sum(const unsigned char *p, size_t n)
{
	const unsigned long long m = 0x00ff00ff00ff00ffull;
	unsigned long long sum = 0, lanes = 0;
	size_t i = 0;

	while (n - i >= 8) {
		for (int k = 0; k < 128 && n - i >= 8; k++, i += 8) {
			unsigned long long w;
			memcpy(&w, p + i, 8);
			lanes += (w & m) + ((w >> 8) & m);
		}
		for (int b = 0; b < 64; b += 16)
			sum += (lanes >> b) & 0xffff;
		lanes = 0;
	}
	for (; i < n; i++)
		sum += p[i];
	return sum;
}

/*
 * POST /sink: read the n-byte body that follows the request in c->buf
 * (some of it may be there already; it is consumed, so the next pipelined
 * request moves up), and answer with its length and the sum of its bytes.
 */
static int sink(struct conn *c, size_t end, unsigned long long n, int keep)
{
	char scratch[8192]; /* on the 64 KiB connection stack */
	unsigned long long got = 0, sum = 0;
	size_t have = c->len - end, take = have < n ? have : (size_t)n;
	char reply[96];
	int len;

	sum = byte_sum((const unsigned char *)c->buf + end, take);
	memmove(c->buf + end, c->buf + end + take, have - take);
	c->len -= take;
	got = take;
	while (got < n) {
		size_t want = n - got < sizeof(scratch) ? (size_t)(n - got)
							: sizeof(scratch);
		ssize_t r = recv(c->fd, scratch, want, 0);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1; /* gone or too slow: nothing to answer */
		sum += byte_sum((const unsigned char *)scratch, (size_t)r);
		got += (unsigned long long)r;
	}
	len = snprintf(reply, sizeof(reply), "received %llu bytes, sum %llu\n",
		       got, sum);
	if (http_send_head(c->fd, 200, "text/plain", (unsigned long long)len,
			   keep, "") ||
	    http_send_all(c->fd, reply, (size_t)len))
		return -1;
	return keep;
}

/*
 * GET or HEAD of path: the generated routes first, then the document
 * root when one was given (its index.html is "/"), else the built-in
 * page. 0, or -1 when the connection broke.
 */
static int route(int fd, const char *path, int head_only, int keep,
		 time_t since)
{
	if (!strcmp(path, "/__stats"))
		return send_stats(fd, head_only, keep);
	if (!strncmp(path, "/pattern/", 9)) {
		char *e;
		unsigned long long n = strtoull(path + 9, &e, 10);
		if (*e || e == path + 9 || n > PATTERN_MAX)
			return http_send_error(fd, 404, keep);
		if (http_send_head(fd, 200, "application/octet-stream", n, keep,
				   ""))
			return -1;
		return head_only ? 0 : send_pattern(fd, n);
	}
	if (files_root())
		return files_serve(fd, path, head_only, keep, since);
	if (!strcmp(path, "/") || !strcmp(path, "/index.html")) {
		if (http_send_head(fd, 200, "text/html", sizeof(page) - 1, keep,
				   ""))
			return -1;
		return head_only ? 0
				 : http_send_all(fd, page, sizeof(page) - 1);
	}
	return http_send_error(fd, 404, keep);
}

/*
 * Answer the request in c->buf[0, end) (end: just past its blank line).
 * Returns 1 to keep the connection, 0 to close it, -1 if it broke.
 */
static int handle(struct conn *c, size_t end)
{
	struct http_request r;
	unsigned long long body = 0;
	int keep, head_only, status, has_length;
	size_t vlen, nlen;
	const char *v;
	char *q;

	requests++;
	status = http_request_parse(c->buf, end, &r);
	if (status)
		return http_send_error(c->fd, status, 0) ? -1 : 0;
	v = http_header(&r, "Connection", &vlen);
	keep = r.minor >= 1
		       ? !(v && vlen == 5 && !strncasecmp(v, "close", 5))
		       : (v && vlen == 10 && !strncasecmp(v, "keep-alive", 10));
	/* Request bodies: only POST /sink takes one, and a body cannot be
	 * skipped safely without its length. */
	if (http_header(&r, "Transfer-Encoding", &vlen))
		return http_send_error(c->fd, 501, 0) ? -1 : 0;
	has_length = http_content_length(&r, SINK_MAX, &body);
	if (has_length < 0)
		return http_send_error(c->fd, 400, 0) ? -1 : 0;

	q = strchr(r.target, '?');
	if (q)
		*q = '\0';
	if (r.method_len == 4 && !memcmp(r.method, "POST", 4) &&
	    !strcmp(r.target, "/sink")) {
		if (!has_length)
			return http_send_error(c->fd, 411, 0) ? -1 : 0;
		return sink(c, end, body, keep);
	}
	if (body)
		return http_send_error(c->fd, 400, 0) ? -1 : 0;
	head_only = r.method_len == 4 && !memcmp(r.method, "HEAD", 4);
	if (!head_only && !(r.method_len == 3 && !memcmp(r.method, "GET", 3)))
		return http_send_error(c->fd, 405, keep) ? -1 : keep;

	/* If-None-Match wins over If-Modified-Since (RFC 9110, 13.1.3);
	 * there are no entity tags here, so it always asks for the file. */
	time_t since = 0;
	v = http_header(&r, "If-Modified-Since", &vlen);
	if (v && !http_header(&r, "If-None-Match", &nlen) &&
	    http_parse_date(v, vlen, &since))
		since = 0;
	return route(c->fd, r.target, head_only, keep, since) ? -1 : keep;
}

/* The end of the first complete request in c->buf, or 0. */
static size_t request_end(const struct conn *c)
{
	for (size_t i = 3; i < c->len; i++)
		if (c->buf[i] == '\n' &&
		    (c->buf[i - 1] == '\n' ||
		     (c->buf[i - 1] == '\r' && c->buf[i - 2] == '\n')))
			return i + 1;
	return 0;
}

/*
 * The next request's head into c->buf, whole by the deadline: its end
 * (just past its blank line), or 0 when the connection is to close (the
 * client left, or took too long: 408 if it had begun a request). Each
 * wait is for what is left of the deadline, so a client that trickles a
 * byte now and then is cut all the same.
 */
static size_t next_request(struct conn *c, long long deadline)
{
	size_t end;

	while (!(end = request_end(c))) {
		struct pollfd p = { .fd = c->fd, .events = POLLIN };
		long long left = deadline - http_clock_ms();
		ssize_t n;

		if (c->len == sizeof(c->buf)) {
			http_send_error(c->fd, 431, 0);
			return 0;
		}
		if (left <= 0 || poll(&p, 1, (int)left) == 0) {
			if (c->len) /* a request begun but not finished */
				http_send_error(c->fd, 408, 0);
			return 0;
		}
		n = recv(c->fd, c->buf + c->len, sizeof(c->buf) - c->len,
			 MSG_DONTWAIT);
		if (n < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (n <= 0)
			return 0;
		c->len += (size_t)n;
	}
	return end;
}

static void serve(struct conn *c)
{
	for (;;) {
		size_t end;
		int keep;

		conns_waiting(c->slot, c, 1);
		end = next_request(c, http_clock_ms() + idle_seconds * 1000ll);
		if (!end)
			return;
		conns_waiting(c->slot, c, 0);
		keep = handle(c, end);
		if (keep <= 0)
			return;
		memmove(c->buf, c->buf + end, c->len - end);
		c->len -= end;
	}
}

static void *connection(void *arg)
{
	struct conn *c = arg;
	struct timeval idle = { idle_seconds, 0 };
	int one = 1;

	/* Sends and request bodies: each wait at most the idle time. */
	setsockopt(c->fd, SOL_SOCKET, SO_RCVTIMEO, &idle, sizeof(idle));
	setsockopt(c->fd, SOL_SOCKET, SO_SNDTIMEO, &idle, sizeof(idle));
	setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	serve(c);
	conns_close(c->slot, c); /* before close: the fd is ours till then */
	close(c->fd);
	free(c);
	open_conns--;
	return NULL;
}

static const char usage[] =
	"usage: httpd [-r ROOT | --root ROOT] [-c MAXCONN] [PORT "
	"[IDLE_SECONDS]]\n"
	"  ROOT: a directory to serve files from (default: the built-in page)\n"
	"  MAXCONN: connections at once, 1-100000 (default 1000)\n"
	"  PORT: 1-65535 (default 80); IDLE_SECONDS: 1-86400 (default 10)\n";

/* s as a whole decimal number in [1, max], or -1. */
static long positive(const char *s, long max)
{
	char *e;
	long n;

	errno = 0;
	n = strtol(s, &e, 10);
	return *s && !*e && !errno && n >= 1 && n <= max ? n : -1;
}

/* The command line into *port, idle_seconds and the document root: 0,
 * 2 for a bad command line, 1 for a root that cannot be served. */
static int parse_args(int argc, char **argv, int *port)
{
	const char *root = NULL;
	int i = 1;

	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (!strcmp(argv[i], "--")) {
			i++;
			break;
		}
		if (!strncmp(argv[i], "--root=", 7))
			root = argv[i] + 7;
		else if (!strcmp(argv[i], "-c") && i + 1 < argc)
			conn_max = (int)positive(argv[++i], 100000);
		else if ((!strcmp(argv[i], "-r") ||
			  !strcmp(argv[i], "--root")) &&
			 i + 1 < argc)
			root = argv[++i];
		else
			return 2;
	}
	if (argc - i > 2 || (root && !*root))
		return 2;
	*port = i < argc ? (int)positive(argv[i], 65535) : 80;
	if (i + 1 < argc)
		idle_seconds = (int)positive(argv[i + 1], 86400);
	if (*port < 0 || idle_seconds < 0 || conn_max < 0)
		return 2;
	if (root && files_set_root(root) < 0) {
		fprintf(stderr, "httpd: %s: %s\n", root, strerror(errno));
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	int port, one = 1, zero = 0, lfd, bad = parse_args(argc, argv, &port);
	struct sockaddr_in6 a = { .sin6_family = AF_INET6,
				  .sin6_addr = IN6ADDR_ANY_INIT };
	pthread_attr_t attr;

	if (bad) {
		fputs(bad == 2 ? usage : "", stderr);
		return bad;
	}
	if (conns_init(conn_max)) {
		perror("httpd");
		return 1;
	}
	/* One socket for IPv6 and IPv4 (IPV6_V6ONLY off, as on Linux). */
	a.sin6_port = htons((uint16_t)port);
	lfd = socket(AF_INET6, SOCK_STREAM, 0);
	setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	setsockopt(lfd, IPPROTO_IPV6, IPV6_V6ONLY, &zero, sizeof(zero));
	if (lfd < 0 || bind(lfd, (struct sockaddr *)&a, sizeof(a)) < 0 ||
	    listen(lfd, SOMAXCONN) < 0) {
		perror("httpd");
		return 1;
	}
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	pthread_attr_setstacksize(&attr, 64 * 1024);
	if (files_root())
		printf("httpd: serving files from %s\n", files_root());
	printf("httpd: serving on port %d\n", port);
	fflush(stdout);
	for (;;) {
		struct conn *c;
		pthread_t t;
		int fd = accept(lfd, NULL, NULL);

		if (fd < 0) {
			if (errno != EAGAIN && errno != ECONNABORTED)
				perror("httpd: accept");
			continue;
		}
		total_conns++;
		/* Threads of shed connections are on their way out: a bound on
		 * them all keeps memory bounded however fast clients come. */
		c = open_conns < 2l * conn_max ? malloc(sizeof(*c)) : NULL;
		if (c)
			c->slot = conns_open(fd, c);
		if (!c || c->slot < 0) { /* too busy: refuse this one */
			close(fd);
			free(c);
			continue;
		}
		c->fd = fd;
		c->len = 0;
		open_conns++;
		if (pthread_create(&t, &attr, connection, c)) {
			open_conns--;
			conns_close(c->slot, c);
			close(fd);
			free(c);
		}
	}
}

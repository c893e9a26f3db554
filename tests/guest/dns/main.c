/* SPDX-License-Identifier: MIT */
/*
 * dns: names and addresses as a POSIX program sees them — getaddrinfo
 * through the DNS server the test's host side runs (the guest reaches it
 * at 10.0.2.2, set by net.dns=), numeric addresses, services, flags and
 * errors, getnameinfo, gethostbyname, inet_pton/inet_ntop/inet_aton.
 */
#include <arpa/inet.h>
#include <netdb.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "../check.h"

static const char *v4(const struct addrinfo *ai, char *buf)
{
	const struct sockaddr_in *s = (const void *)ai->ai_addr;

	return inet_ntop(AF_INET, &s->sin_addr, buf, INET_ADDRSTRLEN);
}

static void test_resolve(void)
{
	struct addrinfo hints = { .ai_family = AF_INET,
				  .ai_socktype = SOCK_STREAM },
			*res = NULL;
	char buf[INET6_ADDRSTRLEN];
	int r;

	r = getaddrinfo("ukos.test", "http", &hints, &res);
	printf("getaddrinfo(ukos.test): %s\n", r ? gai_strerror(r) : "ok");
	CHECK(r == 0 && res);
	if (!r && res) {
		CHECK(strcmp(v4(res, buf), "10.9.8.7") == 0);
		CHECK(ntohs(((struct sockaddr_in *)res->ai_addr)->sin_port) ==
		      80);
		CHECK(res->ai_socktype == SOCK_STREAM &&
		      res->ai_protocol == IPPROTO_TCP);
		freeaddrinfo(res);
	}
	r = getaddrinfo("no-such-name.test", NULL, &hints, &res);
	CHECK(r == EAI_NONAME);
	struct hostent *he = gethostbyname("ukos.test");
	CHECK(he && he->h_addrtype == AF_INET && he->h_length == 4 &&
	      memcmp(he->h_addr_list[0], "\x0a\x09\x08\x07", 4) == 0);
	CHECK(gethostbyname("no-such-name.test") == NULL &&
	      h_errno == HOST_NOT_FOUND);
}

static void test_numeric(void)
{
	struct addrinfo hints = { 0 }, *res, *ai;
	char buf[INET6_ADDRSTRLEN], host[NI_MAXHOST], serv[NI_MAXSERV];
	int n = 0;

	CHECK(getaddrinfo("192.0.2.1", "8080", NULL, &res) == 0);
	for (ai = res; ai; ai = ai->ai_next)
		n++;
	CHECK(n == 2); /* a stream and a datagram entry */
	CHECK(strcmp(v4(res, buf), "192.0.2.1") == 0);
	CHECK(getnameinfo(res->ai_addr, res->ai_addrlen, host, sizeof(host),
			  serv, sizeof(serv),
			  NI_NUMERICHOST | NI_NUMERICSERV) == 0);
	CHECK(strcmp(host, "192.0.2.1") == 0 && strcmp(serv, "8080") == 0);
	freeaddrinfo(res);

	hints.ai_family = AF_INET6;
	hints.ai_socktype = SOCK_DGRAM;
	CHECK(getaddrinfo("2001:db8::1", "53", &hints, &res) == 0);
	CHECK(res && !res->ai_next && res->ai_family == AF_INET6);
	freeaddrinfo(res);

	hints = (struct addrinfo){ .ai_flags = AI_PASSIVE,
				   .ai_family = AF_INET,
				   .ai_socktype = SOCK_STREAM };
	CHECK(getaddrinfo(NULL, "80", &hints, &res) == 0);
	CHECK(((struct sockaddr_in *)res->ai_addr)->sin_addr.s_addr ==
	      htonl(INADDR_ANY));
	freeaddrinfo(res);

	hints = (struct addrinfo){ .ai_flags = AI_NUMERICHOST };
	CHECK(getaddrinfo("ukos.test", NULL, &hints, &res) == EAI_NONAME);
	CHECK(getaddrinfo("1.2.3.4", "no-such-service", NULL, &res) ==
	      EAI_SERVICE);
	hints = (struct addrinfo){ .ai_family = 12345 };
	CHECK(getaddrinfo("1.2.3.4", NULL, &hints, &res) == EAI_FAMILY);
	CHECK(getaddrinfo(NULL, NULL, NULL, &res) == EAI_NONAME);
	CHECK(strlen(gai_strerror(EAI_AGAIN)) > 0);
}

static void test_inet(void)
{
	static const struct {
		const char *in, *out;
	} v6[] = {
		{ "::", "::" },
		{ "::1", "::1" },
		{ "2001:db8::1", "2001:db8::1" },
		{ "2001:DB8:0:0:1:0:0:1", "2001:db8::1:0:0:1" },
		{ "fe80::1:2:3:4", "fe80::1:2:3:4" },
		{ "::ffff:192.0.2.1", "::ffff:192.0.2.1" },
		{ "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8" },
	};
	static const char *bad6[] = {
		":::", "1::2::3", "12345::", "1:2:3:4:5:6:7:8:9",
		"::g", "1:",      ""
	};
	static const char *bad4[] = { "256.1.1.1", "1.2.3",    "01.2.3.4",
				      "1.2.3.4.",  " 1.2.3.4", "a.b.c.d",
				      "" };
	unsigned char a[16];
	char buf[INET6_ADDRSTRLEN];
	struct in_addr in;

	for (size_t i = 0; i < sizeof(v6) / sizeof(v6[0]); i++) {
		CHECK(inet_pton(AF_INET6, v6[i].in, a) == 1);
		CHECK(inet_ntop(AF_INET6, a, buf, sizeof(buf)) &&
		      strcmp(buf, v6[i].out) == 0);
	}
	for (size_t i = 0; i < sizeof(bad6) / sizeof(bad6[0]); i++)
		CHECK(inet_pton(AF_INET6, bad6[i], a) == 0);
	for (size_t i = 0; i < sizeof(bad4) / sizeof(bad4[0]); i++)
		CHECK(inet_pton(AF_INET, bad4[i], a) == 0);
	CHECK(inet_pton(AF_INET, "10.0.2.15", a) == 1 &&
	      memcmp(a, "\x0a\x00\x02\x0f", 4) == 0);
	CHECK(inet_pton(12345, "1.2.3.4", a) == -1);
	CHECK(inet_ntop(AF_INET, a, buf, 8) == NULL); /* too small */
	CHECK(inet_aton("0x7f.1", &in) == 1 && ntohl(in.s_addr) == 0x7f000001);
	CHECK(inet_addr("1.2.3.256") == INADDR_NONE);
	CHECK(strcmp(inet_ntoa(in), "127.0.0.1") == 0);
}

int main(void)
{
	test_inet();
	test_numeric();
	test_resolve();
	return check_verdict("dns");
}

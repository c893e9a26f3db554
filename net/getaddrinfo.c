/* SPDX-License-Identifier: MIT */
/*
 * getaddrinfo.c: getaddrinfo and friends (netdb.h). Numeric addresses are
 * parsed here; names go to lwIP's DNS resolver (net_resolve), which asks
 * the servers DHCP or net.dns= gave. Services are numbers or the few
 * well-known names a server is started with.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sock.h"

#define RESOLVE_MAX 8

/* h_errno itself is lwIP's (api/netdb.c). */

static const struct {
	const char *name;
	int port;
} services[] = {
	{ "echo", 7 },        { "ftp", 21 },  { "ssh", 22 },
	{ "telnet", 23 },     { "smtp", 25 }, { "domain", 53 },
	{ "http", 80 },       { "ntp", 123 }, { "https", 443 },
	{ "http-alt", 8080 },
};

/* The port (host order) of service, or -1. */
static int port_of(const char *service, bool numeric_only)
{
	char *end;
	long p;

	if (!service)
		return 0;
	p = strtol(service, &end, 10);
	if (*service && !*end)
		return p >= 0 && p <= 65535 ? (int)p : -1;
	if (numeric_only)
		return -1;
	for (size_t i = 0; i < sizeof(services) / sizeof(services[0]); i++)
		if (strcmp(service, services[i].name) == 0)
			return services[i].port;
	return -1;
}

static struct addrinfo *entry(const struct net_addr *a, int socktype,
			      const char *canon)
{
	struct addrinfo *ai =
		calloc(1, sizeof(*ai) + sizeof(struct sockaddr_in6));
	if (!ai)
		return NULL;
	ai->ai_addr = (struct sockaddr *)(ai + 1);
	if (a->family == NET_AF_INET6) {
		struct sockaddr_in6 *s6 = (void *)ai->ai_addr;
		s6->sin6_family = AF_INET6;
		s6->sin6_port = htons(a->port);
		memcpy(&s6->sin6_addr, a->addr, 16);
		ai->ai_addrlen = sizeof(*s6);
		ai->ai_family = AF_INET6;
	} else {
		struct sockaddr_in *s4 = (void *)ai->ai_addr;
		s4->sin_family = AF_INET;
		s4->sin_port = htons(a->port);
		memcpy(&s4->sin_addr, a->addr, 4);
		ai->ai_addrlen = sizeof(*s4);
		ai->ai_family = AF_INET;
	}
	ai->ai_socktype = socktype;
	ai->ai_protocol = socktype == SOCK_STREAM ? IPPROTO_TCP : IPPROTO_UDP;
	if (canon && !(ai->ai_canonname = strdup(canon))) {
		free(ai);
		return NULL;
	}
	return ai;
}

/* Addresses for node: numeric, the wildcard or loopback for NULL, else
 * resolved. Returns how many, or an EAI_ code. */
static int addresses(const char *node, const struct addrinfo *h,
		     struct net_addr *out)
{
	int fam = h->ai_family, n = 0;

	if (!node) {
		bool any = h->ai_flags & AI_PASSIVE;
		if (fam != AF_INET6) {
			out[n] = (struct net_addr){ .family = NET_AF_INET };
			if (!any)
				memcpy(out[n].addr, "\x7f\0\0\x01", 4);
			n++;
		}
		if (fam != AF_INET) {
			out[n] = (struct net_addr){ .family = NET_AF_INET6 };
			if (!any)
				out[n].addr[15] = 1;
			n++;
		}
		return n;
	}
	if (fam != AF_INET6 && inet_pton(AF_INET, node, out[0].addr) == 1) {
		out[0].family = NET_AF_INET;
		return 1;
	}
	if (fam != AF_INET && inet_pton(AF_INET6, node, out[0].addr) == 1) {
		out[0].family = NET_AF_INET6;
		return 1;
	}
	if (h->ai_flags & AI_NUMERICHOST)
		return EAI_NONAME;
	n = net_resolve(node,
			fam == AF_INET    ? NET_AF_INET
			: fam == AF_INET6 ? NET_AF_INET6
					  : NET_AF_UNSPEC,
			out, RESOLVE_MAX);
	if (n == -ENOENT || n == 0)
		return EAI_NONAME;
	return n < 0 ? EAI_AGAIN : n;
}

int getaddrinfo(const char *node, const char *service,
		const struct addrinfo *hints, struct addrinfo **res)
{
	static const struct addrinfo none;
	const struct addrinfo *h = hints ? hints : &none;
	struct net_addr addr[RESOLVE_MAX];
	struct addrinfo *head = NULL, **tail = &head;
	int port, n;

	if (!res || (!node && !service))
		return EAI_NONAME;
	if (h->ai_flags &
	    ~(AI_PASSIVE | AI_CANONNAME | AI_NUMERICHOST | AI_V4MAPPED |
	      AI_ALL | AI_ADDRCONFIG | AI_NUMERICSERV))
		return EAI_BADFLAGS;
	if (h->ai_family != AF_UNSPEC && h->ai_family != AF_INET &&
	    h->ai_family != AF_INET6)
		return EAI_FAMILY;
	if (h->ai_socktype != 0 && h->ai_socktype != SOCK_STREAM &&
	    h->ai_socktype != SOCK_DGRAM)
		return EAI_SOCKTYPE;
	port = port_of(service, h->ai_flags & AI_NUMERICSERV);
	if (port < 0)
		return EAI_SERVICE;
	n = addresses(node, h, addr);
	if (n < 0)
		return n;
	for (int i = 0; i < n; i++) {
		addr[i].port = (uint16_t)port;
		for (int t = SOCK_STREAM; t <= SOCK_DGRAM; t++) {
			if (h->ai_socktype && h->ai_socktype != t)
				continue;
			*tail = entry(&addr[i], t,
				      !head && (h->ai_flags & AI_CANONNAME)
					      ? node
					      : NULL);
			if (!*tail) {
				freeaddrinfo(head);
				return EAI_MEMORY;
			}
			tail = &(*tail)->ai_next;
		}
	}
	*res = head;
	return 0;
}

void freeaddrinfo(struct addrinfo *ai)
{
	while (ai) {
		struct addrinfo *next = ai->ai_next;
		free(ai->ai_canonname);
		free(ai);
		ai = next;
	}
}

const char *gai_strerror(int err)
{
	switch (err) {
	case 0:
		return "Success";
	case EAI_BADFLAGS:
		return "Bad value for ai_flags";
	case EAI_NONAME:
		return "Name or service not known";
	case EAI_AGAIN:
		return "Temporary failure in name resolution";
	case EAI_FAIL:
		return "Non-recoverable failure in name resolution";
	case EAI_FAMILY:
		return "ai_family not supported";
	case EAI_SOCKTYPE:
		return "ai_socktype not supported";
	case EAI_SERVICE:
		return "Servname not supported for ai_socktype";
	case EAI_MEMORY:
		return "Memory allocation failure";
	case EAI_SYSTEM:
		return "System error";
	case EAI_OVERFLOW:
		return "Argument buffer overflow";
	default:
		return "Unknown error";
	}
}

/* Numeric answers only: there is no reverse DNS. */
int getnameinfo(const struct sockaddr *sa, socklen_t salen, char *host,
		socklen_t hostlen, char *serv, socklen_t servlen, int flags)
{
	const void *addr;
	int af, port;

	if (!sa)
		return EAI_FAIL;
	if (sa->sa_family == AF_INET && salen >= sizeof(struct sockaddr_in)) {
		const struct sockaddr_in *s4 = (const void *)sa;
		af = AF_INET, addr = &s4->sin_addr, port = ntohs(s4->sin_port);
	} else if (sa->sa_family == AF_INET6 &&
		   salen >= sizeof(struct sockaddr_in6)) {
		const struct sockaddr_in6 *s6 = (const void *)sa;
		af = AF_INET6, addr = &s6->sin6_addr,
		port = ntohs(s6->sin6_port);
	} else {
		return EAI_FAMILY;
	}
	if (host && hostlen) {
		if (flags & NI_NAMEREQD)
			return EAI_NONAME;
		if (!inet_ntop(af, addr, host, hostlen))
			return EAI_OVERFLOW;
	}
	if (serv && servlen &&
	    snprintf(serv, servlen, "%d", port) >= (int)servlen)
		return EAI_OVERFLOW;
	return 0;
}

/* IPv4 only, in static storage, as POSIX's (obsolescent) function. */
struct hostent *gethostbyname(const char *name)
{
	static struct net_addr found[RESOLVE_MAX];
	static char *list[RESOLVE_MAX + 1], namebuf[256];
	static struct hostent he;
	int n;

	if (!name || strlen(name) >= sizeof(namebuf)) {
		h_errno = HOST_NOT_FOUND;
		return NULL;
	}
	if (inet_pton(AF_INET, name, found[0].addr) == 1)
		n = 1;
	else
		n = net_resolve(name, NET_AF_INET, found, RESOLVE_MAX);
	if (n <= 0) {
		h_errno = n == -EAGAIN ? TRY_AGAIN : HOST_NOT_FOUND;
		return NULL;
	}
	strcpy(namebuf, name);
	for (int i = 0; i < n; i++)
		list[i] = (char *)found[i].addr;
	list[n] = NULL;
	he = (struct hostent){ namebuf, list + n, AF_INET, 4, list };
	return &he;
}

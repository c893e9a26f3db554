/* SPDX-License-Identifier: MIT */
/*
 * fnmatch.c: shell pattern matching (POSIX fnmatch, XCU §2.13): '*', '?',
 * bracket expressions with ranges and '!' (or '^'), '\' escapes, and the
 * flags FNM_NOESCAPE, FNM_PATHNAME, FNM_PERIOD, plus GNU's FNM_CASEFOLD
 * and FNM_LEADING_DIR. Recursion is on '*' only, one level per star.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <fnmatch.h>
#include <stdbool.h>

static int fold(int c, int flags)
{
	return flags & FNM_CASEFOLD ? tolower(c) : c;
}

/* Whether c is in the bracket expression at *pp ('[' already taken); *pp
 * moves past its ']'. Returns -1 if the bracket does not close (then
 * '[' is an ordinary character, as POSIX says). */
static int bracket(const char **pp, int c, int flags)
{
	const char *p = *pp;
	bool neg = *p == '!' || *p == '^', in = false;

	if (neg)
		p++;
	for (bool first = true; first || *p != ']'; first = false) {
		int lo, hi;
		if (!*p || ((flags & FNM_PATHNAME) && *p == '/'))
			return -1;
		lo = *p++;
		if (lo == '\\' && !(flags & FNM_NOESCAPE) && *p)
			lo = *p++;
		hi = lo;
		if (p[0] == '-' && p[1] && p[1] != ']') {
			hi = *++p, p++;
			if (hi == '\\' && !(flags & FNM_NOESCAPE) && *p)
				hi = *p++;
		}
		if (fold(c, flags) >= fold(lo, flags) &&
		    fold(c, flags) <= fold(hi, flags))
			in = true;
	}
	*pp = p + 1;
	return in != neg;
}

/* A leading '.' (of the string, or after '/' with FNM_PATHNAME) only
 * matches a '.' in the pattern under FNM_PERIOD. */
static bool hidden(const char *s, const char *start, int flags)
{
	return (flags & FNM_PERIOD) && *s == '.' &&
	       (s == start || ((flags & FNM_PATHNAME) && s[-1] == '/'));
}

static int match(const char *p, const char *s, const char *start, int flags)
{
	for (;;) {
		int c = (unsigned char)*p++, r;
		switch (c) {
		case '\0':
			return *s == '\0' || ((flags & FNM_LEADING_DIR) &&
					      *s == '/')
				       ? 0
				       : FNM_NOMATCH;
		case '?':
			if (!*s || ((flags & FNM_PATHNAME) && *s == '/') ||
			    hidden(s, start, flags))
				return FNM_NOMATCH;
			s++;
			break;
		case '*':
			while (*p == '*')
				p++;
			if (hidden(s, start, flags))
				return FNM_NOMATCH;
			for (;; s++) {
				if (match(p, s, start, flags) == 0)
					return 0;
				if (!*s ||
				    ((flags & FNM_PATHNAME) && *s == '/'))
					return FNM_NOMATCH;
			}
		case '[':
			if (!*s || ((flags & FNM_PATHNAME) && *s == '/') ||
			    hidden(s, start, flags))
				return FNM_NOMATCH;
			r = bracket(&p, (unsigned char)*s, flags);
			if (r < 0 ? *s != '[' : !r)
				return FNM_NOMATCH;
			s++;
			break;
		case '\\':
			/* A '\' with nothing to escape: no match (glibc). */
			if (!(flags & FNM_NOESCAPE) && !*p)
				return FNM_NOMATCH;
			if (!(flags & FNM_NOESCAPE))
				c = (unsigned char)*p++;
			/* fall through */
		default:
			if (fold(c, flags) != fold((unsigned char)*s, flags))
				return FNM_NOMATCH;
			s++;
		}
	}
}

int fnmatch(const char *pattern, const char *string, int flags)
{
	return match(pattern, string, string, flags);
}

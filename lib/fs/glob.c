/* SPDX-License-Identifier: MIT */
/*
 * glob.c: path name expansion (POSIX glob). The pattern is taken one
 * '/'-separated component at a time: a component without '*', '?' or
 * '[' is appended as it is, one with them is matched by fnmatch against
 * the entries of the directory so far (a leading '.' only by a '.').
 * Matches are sorted with strcmp unless GLOB_NOSORT.
 */
#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <glob.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct found {
	char **v;
	size_t n, cap;
};

static bool magic(const char *s, size_t len, int flags)
{
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\\' && !(flags & GLOB_NOESCAPE) && i + 1 < len)
			i++;
		else if (s[i] == '*' || s[i] == '?' || s[i] == '[')
			return true;
	}
	return false;
}

static int add(struct found *f, const char *path, size_t len, bool mark)
{
	char *p;

	if (f->n == f->cap) {
		size_t cap = f->cap ? f->cap * 2 : 8;
		char **v = realloc(f->v, cap * sizeof(*v));
		if (!v)
			return GLOB_NOSPACE;
		f->v = v, f->cap = cap;
	}
	p = malloc(len + 2);
	if (!p)
		return GLOB_NOSPACE;
	memcpy(p, path, len);
	if (mark)
		p[len++] = '/';
	p[len] = '\0';
	f->v[f->n++] = p;
	return 0;
}

/* The pattern without its escapes (a literal component). */
static size_t unescape(char *out, const char *s, size_t len, int flags)
{
	size_t n = 0;

	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\\' && !(flags & GLOB_NOESCAPE) && i + 1 < len)
			i++;
		out[n++] = s[i];
	}
	return n;
}

struct walk {
	int flags;
	int (*errfunc)(const char *, int);
	struct found *found;
};

/* path[0, len) matched so far (PATH_MAX + 1 bytes), pat what is left. */
static int expand(struct walk *w, char *path, size_t len, const char *pat)
{
	const char *end;
	size_t clen;
	char comp[NAME_MAX + 1];
	struct dirent *de;
	struct stat st;
	DIR *dir;
	int r = 0;

	while (*pat == '/') /* slashes go through as they are */
		if (len < PATH_MAX)
			path[len++] = *pat++;
		else
			return 0;
	if (!*pat) {
		path[len] = '\0';
		if (stat(len ? path : ".", &st) != 0 &&
		    lstat(len ? path : ".", &st) != 0)
			return 0; /* no such file: no match */
		return add(w->found, path, len,
			   (w->flags & GLOB_MARK) && S_ISDIR(st.st_mode) &&
				   (!len || path[len - 1] != '/'));
	}
	end = strchr(pat, '/');
	clen = end ? (size_t)(end - pat) : strlen(pat);
	if (!magic(pat, clen, w->flags)) {
		size_t n;
		if (len + clen > PATH_MAX)
			return 0;
		n = unescape(path + len, pat, clen, w->flags);
		return expand(w, path, len + n, pat + clen);
	}
	if (clen > NAME_MAX)
		return 0;
	memcpy(comp, pat, clen);
	comp[clen] = '\0';
	path[len] = '\0';
	dir = opendir(len ? path : ".");
	if (!dir) {
		if ((w->errfunc && w->errfunc(len ? path : ".", errno)) ||
		    (w->flags & GLOB_ERR))
			return GLOB_ABORTED;
		return 0;
	}
	while (r == 0 && (de = readdir(dir))) {
		size_t dlen = strlen(de->d_name);
		int fl = FNM_PERIOD |
			 (w->flags & GLOB_NOESCAPE ? FNM_NOESCAPE : 0);
		if (len + dlen > PATH_MAX || fnmatch(comp, de->d_name, fl))
			continue;
		memcpy(path + len, de->d_name, dlen);
		r = expand(w, path, len + dlen, pat + clen);
	}
	closedir(dir);
	return r;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int glob(const char *restrict pattern, int flags,
	 int (*errfunc)(const char *, int), glob_t *restrict g)
{
	struct found f = { 0 };
	struct walk w = { flags, errfunc, &f };
	size_t offs = flags & GLOB_DOOFFS ? g->gl_offs : 0, old = 0;
	char *path = malloc(PATH_MAX + 1);
	char **v;
	int r;

	if (!(flags & GLOB_APPEND)) {
		g->gl_pathc = 0;
		g->gl_pathv = NULL;
	} else {
		old = g->gl_pathc;
	}
	if (!path)
		return GLOB_NOSPACE;
	r = expand(&w, path, 0, pattern);
	free(path);
	if (r == 0 && !f.n && (flags & GLOB_NOCHECK))
		r = add(&f, pattern, strlen(pattern), false);
	if (r == 0 && !f.n)
		r = GLOB_NOMATCH;
	if (r == 0 && !(flags & GLOB_NOSORT))
		qsort(f.v, f.n, sizeof(*f.v), by_name);
	v = r == 0 ? realloc(g->gl_pathv, (offs + old + f.n + 1) * sizeof(*v))
		   : NULL;
	if (r == 0 && !v)
		r = GLOB_NOSPACE;
	if (r == 0) {
		if (!old)
			for (size_t i = 0; i < offs; i++)
				v[i] = NULL;
		memcpy(v + offs + old, f.v, f.n * sizeof(*v));
		v[offs + old + f.n] = NULL;
		g->gl_pathv = v;
		g->gl_pathc = old + f.n;
		g->gl_offs = offs;
		g->gl_flags = flags;
	} else {
		for (size_t i = 0; i < f.n; i++)
			free(f.v[i]);
	}
	free(f.v);
	return r;
}

void globfree(glob_t *g)
{
	for (size_t i = 0; g->gl_pathv && i < g->gl_pathc; i++)
		free(g->gl_pathv[g->gl_offs + i]);
	free(g->gl_pathv);
	g->gl_pathv = NULL;
	g->gl_pathc = 0;
}

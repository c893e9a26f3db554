/* SPDX-License-Identifier: MIT */
/*
 * setenv.c: setenv, unsetenv and putenv as POSIX (and glibc) have them,
 * in place of newlib's. newlib's setenv writes a shorter value over the
 * old string in place, which crashes when that string is a literal given
 * to putenv or one of the defaults; its putenv copies the string where
 * POSIX keeps it (a change to it changes the environment); and an empty
 * name is not refused. Here no string is ever written or freed once it
 * is in environ (getenv's result stays valid, as glibc's does), and every
 * change takes newlib's environment lock, the one its getenv takes.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

extern char **environ;
void __env_lock(struct _reent *r);
void __env_unlock(struct _reent *r);

static char **ours; /* environ when this file allocated it */

/* A name setenv and unsetenv take: not empty, no '=' (POSIX). */
static int bad_name(const char *name)
{
	return !name || !*name || strchr(name, '=');
}

/* The index of name (len bytes) in environ, or -1; *count: its length. */
static int find(const char *name, size_t len, int *count)
{
	int at = -1, n = 0;

	for (; environ && environ[n]; n++)
		if (at < 0 && !strncmp(environ[n], name, len) &&
		    environ[n][len] == '=')
			at = n;
	*count = n;
	return at;
}

/* Put entry (NAME=value, name len bytes) in environ, replacing the one of
 * its name if any: 0, or -1 with ENOMEM. Lock held. */
static int put(char *entry, size_t len)
{
	int n, at = find(entry, len, &n);
	char **grown;

	if (at >= 0) {
		environ[at] = entry;
		return 0;
	}
	if (environ == ours) {
		grown = realloc(ours, (size_t)(n + 2) * sizeof(*grown));
	} else {
		grown = malloc((size_t)(n + 2) * sizeof(*grown));
		if (grown && n)
			memcpy(grown, environ, (size_t)n * sizeof(*grown));
	}
	if (!grown) {
		errno = ENOMEM;
		return -1;
	}
	grown[n] = entry;
	grown[n + 1] = NULL;
	environ = ours = grown;
	return 0;
}

int setenv(const char *name, const char *value, int overwrite)
{
	size_t len, vlen;
	char *entry;
	int n, err = 0;

	if (bad_name(name)) {
		errno = EINVAL;
		return -1;
	}
	len = strlen(name);
	vlen = strlen(value ? value : "");
	__env_lock(_REENT);
	if (!overwrite && find(name, len, &n) >= 0)
		goto out;
	entry = malloc(len + vlen + 2);
	if (!entry) {
		errno = ENOMEM;
		err = -1;
		goto out;
	}
	memcpy(entry, name, len);
	entry[len] = '=';
	memcpy(entry + len + 1, value ? value : "", vlen + 1);
	err = put(entry, len);
	if (err)
		free(entry);
out:
	__env_unlock(_REENT);
	return err;
}

int unsetenv(const char *name)
{
	size_t len;
	int n, at;

	if (bad_name(name)) {
		errno = EINVAL;
		return -1;
	}
	len = strlen(name);
	__env_lock(_REENT);
	/* Every entry of that name (putenv may have made two). */
	while ((at = find(name, len, &n)) >= 0)
		memmove(&environ[at], &environ[at + 1],
			(size_t)(n - at) * sizeof(*environ));
	__env_unlock(_REENT);
	return 0;
}

int putenv(char *string)
{
	const char *eq = string ? strchr(string, '=') : NULL;
	int err;

	if (!eq) /* glibc: "NAME" alone removes NAME */
		return string && *string ? unsetenv(string)
					 : (errno = EINVAL, -1);
	if (eq == string) {
		errno = EINVAL;
		return -1;
	}
	__env_lock(_REENT);
	err = put(string, (size_t)(eq - string));
	__env_unlock(_REENT);
	return err;
}

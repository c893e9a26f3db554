/* SPDX-License-Identifier: MIT */
/*
 * libgen.c: POSIX's dirname and basename, which may (and do) change
 * the path given: trailing slashes go, "" and NULL are ".".
 */
#include <libgen.h>
#include <string.h>

char *dirname(char *path)
{
	static char dot[] = ".";
	size_t n;

	if (!path || !*path)
		return dot;
	n = strlen(path);
	while (n > 1 && path[n - 1] == '/') /* trailing slashes */
		n--;
	while (n > 0 && path[n - 1] != '/') /* the last component */
		n--;
	if (n == 0)
		return dot;
	while (n > 1 && path[n - 1] == '/') /* the slashes before it */
		n--;
	path[n] = '\0';
	return path;
}

char *basename(char *path)
{
	static char dot[] = ".";
	size_t n;
	char *slash;

	if (!path || !*path)
		return dot;
	n = strlen(path);
	while (n > 1 && path[n - 1] == '/')
		path[--n] = '\0';
	slash = strrchr(path, '/');
	return slash && slash[1] ? slash + 1 : path;
}

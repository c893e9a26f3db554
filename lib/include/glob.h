/* SPDX-License-Identifier: MIT */
/*
 * glob.h: path name pattern expansion (POSIX), with glibc's layout and
 * numbers, in place of newlib's older BSD header (which lacks POSIX's
 * GLOB_NOMATCH and GLOB_NOESCAPE). lib/fs/glob.c implements it.
 */
#ifndef _GLOB_H
#define _GLOB_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define GLOB_ERR      (1 << 0) /* stop at a directory that cannot be read */
#define GLOB_MARK     (1 << 1) /* a '/' after each directory */
#define GLOB_NOSORT   (1 << 2) /* in directory order */
#define GLOB_DOOFFS   (1 << 3) /* gl_offs NULLs first */
#define GLOB_NOCHECK  (1 << 4) /* no match: the pattern itself */
#define GLOB_APPEND   (1 << 5) /* after an earlier call's paths */
#define GLOB_NOESCAPE (1 << 6) /* '\' is an ordinary character */

#define GLOB_NOSPACE 1 /* out of memory */
#define GLOB_ABORTED 2 /* a read error, GLOB_ERR or errfunc said stop */
#define GLOB_NOMATCH 3 /* nothing matched */
#define GLOB_NOSYS   4

typedef struct {
	size_t gl_pathc; /* paths matched */
	char **gl_pathv; /* them, NULL-terminated, after gl_offs NULLs */
	size_t gl_offs;  /* NULLs to leave first (GLOB_DOOFFS) */
	int gl_flags;
} glob_t;

int glob(const char *__restrict pattern, int flags,
	 int (*errfunc)(const char *path, int err), glob_t *__restrict pglob);
void globfree(glob_t *pglob);

#ifdef __cplusplus
}
#endif

#endif

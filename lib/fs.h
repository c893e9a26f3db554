/* SPDX-License-Identifier: MIT */
/*
 * fs.h: the file system behind the path calls (fs_initrd.c: the boot
 * archive, read-only). Each returns 0 or a result, or -errno.
 */
#ifndef LIB_FS_H
#define LIB_FS_H

#include <sys/stat.h>

/* Open path (O_* flags) into the fd table: the fd, or -errno (EROFS for
 * any write, create or truncate). */
int fs_open(const char *path, int flags);
int fs_stat(const char *path, struct stat *st);
int fs_access(const char *path, int mode);
int fs_chdir(const char *path);
/* The working directory, absolute. */
const char *fs_cwd(void);

#endif

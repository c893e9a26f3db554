/* SPDX-License-Identifier: MIT */
/*
 * dirent.h: reading directories (POSIX), over ukos's file system. newlib
 * has none for this target. d_type as on Linux.
 */
#ifndef _DIRENT_H
#define _DIRENT_H

#include <sys/types.h>

#define DT_UNKNOWN 0
#define DT_FIFO    1
#define DT_CHR     2
#define DT_DIR     4
#define DT_BLK     6
#define DT_REG     8
#define DT_LNK     10
#define DT_SOCK    12

struct dirent {
	ino_t d_ino;
	unsigned char d_type;
	char d_name[256];
};

typedef struct _ukos_dir DIR;

DIR *opendir(const char *path);
DIR *fdopendir(int fd);
int dirfd(DIR *dir);
struct dirent *readdir(DIR *dir);
int closedir(DIR *dir);
void rewinddir(DIR *dir);
/* The entries select() takes (all, if NULL), in a malloc'ed array of
 * malloc'ed entries sorted by compare (unsorted, if NULL): the count, or
 * -1 with errno. */
int scandir(const char *dir, struct dirent ***list,
	    int (*select)(const struct dirent *),
	    int (*compare)(const struct dirent **, const struct dirent **));
int alphasort(const struct dirent **a, const struct dirent **b);

#endif

/* SPDX-License-Identifier: MIT */
/*
 * sys/sendfile.h: sendfile(2), Linux's file-to-file copy (lib/io/).
 */
#ifndef _SYS_SENDFILE_H
#define _SYS_SENDFILE_H

#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

ssize_t sendfile(int out_fd, int in_fd, off_t *offset, size_t count);

#ifdef __cplusplus
}
#endif

#endif

/* SPDX-License-Identifier: MIT */
/*
 * fs_fakes.h: what lib/fs/ and lib/dev/ use from the kernel, faked for
 * the file system tests (test_fs.c, test_rootfs.c). Each test gives its
 * own archive through initrd_get().
 */
#ifndef TESTS_UNIT_FS_FAKES_H
#define TESTS_UNIT_FS_FAKES_H

#include <stddef.h>

/* What kprintf() said: the archive's index reports there. */
extern char fake_boot_log[1024];

#endif

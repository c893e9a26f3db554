# SPDX-License-Identifier: MIT
# lib/fs/ext2/: ext2 on disks, ukos.mount= (lib/fs/fs_disk.c) and the
# disks in /dev (lib/dev/devdisk.c): in
# libukosblk.a with the disk drivers (kernel/drivers/build.mk), which
# only apps that use files link.
BLK_SRCS += $(addprefix lib/fs/ext2/, ext2_alloc.c ext2_cache.c ext2_dir.c \
	ext2_inode.c ext2_mount.c ext2_ops.c) lib/fs/fs_disk.c lib/dev/devdisk.c

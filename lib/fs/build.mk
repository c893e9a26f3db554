# SPDX-License-Identifier: MIT
# lib/fs/: the file systems behind the path calls and the mount table.
LIB_SRCS += $(addprefix lib/fs/, fs_dir.c fs_initrd.c fs_mount.c fs_path.c \
	fs_tmpfs.c flock.c fnmatch.c glob.c libgen.c)

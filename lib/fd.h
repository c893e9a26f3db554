/* SPDX-License-Identifier: MIT */
/*
 * fd.h: the one file-descriptor table behind read/write/close/... Each
 * kind of file (console, files, sockets) is an ops table.
 * Ops return a count or 0 on success, -errno on failure.
 */
#ifndef LIB_FD_H
#define LIB_FD_H

#include <sys/stat.h>
#include <sys/types.h>

#define FD_MAX 1024 /* FD_SETSIZE */

struct fd_poller;

struct file_ops {
	ssize_t (*read)(void *priv, void *buf, size_t len);            /* opt */
	ssize_t (*write)(void *priv, const void *buf, size_t len);     /* opt */
	off_t (*lseek)(void *priv, off_t off, int whence);             /* opt */
	ssize_t (*pread)(void *priv, void *buf, size_t len, off_t at); /* opt */
	/* opt */
	ssize_t (*pwrite)(void *priv, const void *buf, size_t len, off_t at);
	int (*truncate)(void *priv, off_t len); /* opt */
	/* opt: a directory's absolute path into out[PATH_MAX] (openat and
	 * its kin start there): 0, -ENOTDIR for another file, -ENOENT for a
	 * directory since removed. */
	int (*dir_path)(void *priv, char *out);
	int (*chmod)(void *priv, mode_t mode); /* opt: fchmod */
	/* opt: futimens, the times checked (fs_times_check) */
	int (*utimens)(void *priv, const struct timespec ts[2]);
	int (*fstat)(void *priv, struct stat *st); /* req */
	int (*close)(void *priv);                  /* opt */
	/* opt: fsync — the file's data and metadata onto stable storage
	 * (absent: nothing to do beyond what writes did). */
	int (*fsync)(void *priv);
	/* opt: the O_* status flags changed (fcntl F_SETFL, FIONBIO). */
	int (*setfl)(void *priv, int flags);
	/* opt: an ioctl other than FIONBIO; -ENOTTY if unknown. */
	int (*ioctl)(void *priv, unsigned long req, void *arg);
	/* opt: which of POLLIN/POLLOUT... are ready now (absent: both). */
	short (*poll)(void *priv, short events);
	/* opt: files that can wait for readiness together (sockets). */
	const struct fd_poller *poller;
	int isatty;
};

/* Waiting on many files of one kind at once, up to timeout_ms (-1:
 * forever): set each revents, return how many are ready or -errno. */
struct fd_pollent {
	void *priv;
	short events, revents;
};
struct fd_poller {
	int (*wait)(struct fd_pollent *ents, unsigned n, int timeout_ms);
};

/* An open file description: what open() made, shared by its dups. */
struct file {
	const struct file_ops *ops;
	void *priv;
	int flags;     /* O_* given at open */
	unsigned refs; /* fds pointing here */
	/* Which opening this is: a description's slot is used again after
	 * its last close, and whoever holds on to a struct file without an
	 * fd (epoll) tells the two apart by it. */
	unsigned gen;
};

/* Waiting for several files at once (poll, select, epoll): each file
 * (NULL: POLLNVAL) with the POLL* events asked; revents says what is
 * ready. Waits up to timeout_ms (-1: no limit) for one to be ready: the
 * number ready, 0 on timeout, -EINTR for a signal, -ENOMEM. */
struct file_poll {
	struct file *file;
	short events, revents;
};
int fd_poll_files(struct file_poll *fps, unsigned n, int timeout_ms);

/* Put a file in the lowest free slot. Returns the fd, -EINVAL for ops
 * without fstat, or -EMFILE. */
int fd_install(const struct file_ops *ops, void *priv, int flags);

/* Put a file at a given fd (0-2 at start-up). Returns fd or -errno. */
int fd_install_at(int fd, const struct file_ops *ops, void *priv, int flags);

/* Another fd for old's file: FD_DUP_AT puts it at new, closing what was
 * there (dup2); FD_DUP_MIN at the lowest free fd >= new (dup, F_DUPFD).
 * The fd, or -EBADF (old, or new for FD_DUP_AT), -EINVAL (new for
 * FD_DUP_MIN), -EMFILE. */
#define FD_DUP_AT  0
#define FD_DUP_MIN 1
int fd_dup(int old, int new, int how);

/* The open file for fd, or NULL (then the caller answers -EBADF). */
struct file *fd_get(int fd);

/* Free fd; the last fd of a file calls its close op. 0 or -errno. */
int fd_close(int fd);

/* Change f's O_* status flags, telling its setfl op first. 0 or the op's
 * -errno (the flags then stay). */
int fd_set_flags(struct file *f, int flags);

/* RLIMIT_NOFILE: fds are handed out below it (0..FD_MAX, FD_MAX at
 * start); the fds already at or above it stay open. */
int fd_limit(void);
void fd_set_limit(int limit);

/* -errno → errno and -1: the one place where errno is set. */
long fd_ret(long r);

/* The console as fds 0, 1 and 2. */
void console_files_init(void);

/* The console once more, at the lowest free fd (/dev/tty): the fd, or
 * -EMFILE. */
int console_file_open(int flags);

#endif

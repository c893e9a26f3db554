/* SPDX-License-Identifier: MIT */
/*
 * sys_mman.c: mmap/munmap/msync (POSIX) in one address space where every
 * page is already readable and writable. A mapping is page-aligned heap
 * memory: zeros for MAP_ANONYMOUS; for a file, its bytes copied in at
 * mmap time through the file's pread. That is exactly MAP_PRIVATE, and
 * MAP_SHARED too for reading a file nobody writes (the boot archive's
 * never change); shared writable mappings would need the page cache ukos
 * does not have and are refused with ENOTSUP. munmap takes whole
 * mappings: a range that splits one is refused with EINVAL.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "fd.h"

#define PAGE 4096u

struct mapping {
	uintptr_t start, end;
	bool file; /* its bytes came from a file (not MAP_ANONYMOUS) */
	struct mapping *next;
};

static struct mapping *maps;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

/* Which file fd is, fit to map with prot and flags: 0 or the errno. */
static int mappable(int fd, int prot, int flags, struct file **out)
{
	struct file *f = fd_get(fd);
	struct stat st;

	/* Linux's order: not open for reading (EACCES), then no file to
	 * map (ENODEV: a pipe, socket or terminal). */
	if (!f || (f->flags & O_ACCMODE) == O_WRONLY)
		return f ? -EACCES : -EBADF;
	if (!f->ops->pread || f->ops->fstat(f->priv, &st) ||
	    !S_ISREG(st.st_mode))
		return -ENODEV;
	if ((flags & MAP_SHARED) && (prot & PROT_WRITE))
		return (f->flags & O_ACCMODE) != O_RDWR ? -EACCES : -ENOTSUP;
	*out = f;
	return 0;
}

/* Copy the file's bytes from off into p; what lies past its end stays
 * zero, as POSIX has it for the last page. */
static int fill(struct file *f, char *p, size_t len, off_t off)
{
	size_t done = 0;

	while (done < len) {
		ssize_t n = f->ops->pread(f->priv, p + done, len - done,
					  off + (off_t)done);
		if (n < 0)
			return (int)n;
		if (n == 0)
			break;
		done += (size_t)n;
	}
	return 0;
}

static int check(size_t len, int prot, int flags, off_t off)
{
	int kind = flags & (MAP_SHARED | MAP_PRIVATE);

	if (!(flags & MAP_ANONYMOUS) && off >= 0 &&
	    len > (size_t)INT64_MAX - (size_t)off)
		return -EOVERFLOW; /* off + len past what off_t holds */
	if (!len || len > SIZE_MAX - PAGE || off < 0 || off % PAGE)
		return -EINVAL;
	if (kind != MAP_SHARED && kind != MAP_PRIVATE)
		return -EINVAL;
	if (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC))
		return -EINVAL;
	if (flags & ~(MAP_SHARED | MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED))
		return -EINVAL;
	/* Nothing can be placed at a chosen address here. */
	return flags & MAP_FIXED ? -EINVAL : 0;
}

static int map(size_t len, int prot, int flags, int fd, off_t off, void **out)
{
	struct file *f = NULL;
	struct mapping *m;
	void *p = NULL;
	int err = check(len, prot, flags, off);

	if (!err && !(flags & MAP_ANONYMOUS))
		err = mappable(fd, prot, flags, &f);
	if (err)
		return err;
	len = (len + PAGE - 1) & ~(size_t)(PAGE - 1);
	m = malloc(sizeof(*m));
	if (!m || posix_memalign(&p, PAGE, len)) {
		free(m);
		return -ENOMEM;
	}
	memset(p, 0, len);
	err = f ? fill(f, p, len, off) : 0;
	if (err) {
		free(p);
		free(m);
		return err;
	}
	pthread_mutex_lock(&lock);
	*m = (struct mapping){ (uintptr_t)p, (uintptr_t)p + len, f != NULL,
			       maps };
	maps = m;
	pthread_mutex_unlock(&lock);
	*out = p;
	return 0;
}

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
	void *p = MAP_FAILED;
	int err = map(len, prot, flags, fd, off, &p);

	(void)addr; /* only a hint */
	if (err)
		fd_ret(err);
	return err ? MAP_FAILED : p;
}

/* Does [a, b) cut mapping m short, keeping part of it? */
static int splits(const struct mapping *m, uintptr_t a, uintptr_t b)
{
	return m->start < b && a < m->end && (m->start < a || b < m->end);
}

static int unmap(uintptr_t a, size_t len)
{
	uintptr_t b;

	if (a % PAGE || !len || len > SIZE_MAX - PAGE || a > UINTPTR_MAX - len)
		return -EINVAL;
	b = (a + len + PAGE - 1) & ~(uintptr_t)(PAGE - 1);
	pthread_mutex_lock(&lock);
	for (struct mapping *m = maps; m; m = m->next)
		if (splits(m, a, b)) {
			pthread_mutex_unlock(&lock);
			return -EINVAL;
		}
	for (struct mapping **at = &maps; *at;) {
		struct mapping *m = *at;
		if (m->start >= a && m->end <= b) {
			*at = m->next;
			free((void *)m->start);
			free(m);
		} else {
			at = &m->next;
		}
	}
	pthread_mutex_unlock(&lock);
	return 0;
}

int munmap(void *addr, size_t len)
{
	return (int)fd_ret(unmap((uintptr_t)addr, len));
}

/* Linux's mremap, for a whole mapping: shrunk in place (the rest of its
 * memory goes at munmap), grown by moving it under MREMAP_MAYMOVE, new
 * pages zero. A file's mapping does not keep the file, so it cannot grow:
 * ENOMEM, as for any mapping that cannot, and the caller maps the file
 * again (SQLite does). MREMAP_FIXED is not taken (EINVAL). */
static int remap(uintptr_t a, size_t old_len, size_t new_len, int flags,
		 void **out)
{
	struct mapping *m;
	void *p;

	if (a % PAGE || !new_len || new_len > SIZE_MAX - PAGE ||
	    old_len > SIZE_MAX - PAGE || (flags & ~MREMAP_MAYMOVE))
		return -EINVAL;
	old_len = (old_len + PAGE - 1) & ~(size_t)(PAGE - 1);
	new_len = (new_len + PAGE - 1) & ~(size_t)(PAGE - 1);
	pthread_mutex_lock(&lock);
	for (m = maps; m && m->start != a; m = m->next)
		;
	if (!m || m->end - m->start != old_len) {
		pthread_mutex_unlock(&lock);
		return m ? -EINVAL : -EFAULT;
	}
	if (new_len > old_len) {
		if (!(flags & MREMAP_MAYMOVE) || m->file ||
		    posix_memalign(&p, PAGE, new_len)) {
			pthread_mutex_unlock(&lock);
			return -ENOMEM;
		}
		memcpy(p, (void *)m->start, old_len);
		memset((char *)p + old_len, 0, new_len - old_len);
		free((void *)m->start);
		m->start = (uintptr_t)p;
	}
	m->end = m->start + new_len;
	*out = (void *)m->start;
	pthread_mutex_unlock(&lock);
	return 0;
}

void *mremap(void *old, size_t old_len, size_t new_len, int flags, ...)
{
	void *p;
	int err = remap((uintptr_t)old, old_len, new_len, flags, &p);

	if (err)
		fd_ret(err);
	return err ? MAP_FAILED : p;
}

/* Nothing is ever written back (see above): only the arguments are
 * checked, and the range must be mapped. */
int msync(void *addr, size_t len, int flags)
{
	uintptr_t a = (uintptr_t)addr, covered = 0;
	int err = 0;

	if (a % PAGE || (flags & ~(MS_ASYNC | MS_SYNC | MS_INVALIDATE)) ||
	    ((flags & MS_ASYNC) && (flags & MS_SYNC)))
		return (int)fd_ret(-EINVAL);
	pthread_mutex_lock(&lock);
	for (struct mapping *m = maps; m; m = m->next)
		if (m->start <= a && a + len <= m->end)
			covered = 1;
	pthread_mutex_unlock(&lock);
	if (!covered)
		err = -ENOMEM;
	return (int)fd_ret(err);
}

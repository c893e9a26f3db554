/* SPDX-License-Identifier: MIT */
/*
 * test_fd.c: the fd table (lib/fd.c) — lowest free slot, dup/dup2/F_DUPFD
 * sharing one open file description, and the file closed exactly once,
 * with its last fd.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <errno.h>
#include <fcntl.h>

#include "../../lib/fd.h"

unsigned long arch_irq_save(void)
{
	return 0;
}

void arch_irq_restore(unsigned long f)
{
	(void)f;
}

static int closes[4];

static int fake_fstat(void *priv, struct stat *st)
{
	(void)priv, (void)st;
	return 0;
}

static int fake_close(void *priv)
{
	closes[(intptr_t)priv]++;
	return 0;
}

static const struct file_ops fake = { .fstat = fake_fstat,
				      .close = fake_close };
static const struct file_ops no_fstat = { .close = fake_close };

static int open_fake(intptr_t id)
{
	return fd_install(&fake, (void *)id, O_RDWR);
}

static void test_install(void **state)
{
	(void)state;
	assert_int_equal(fd_install(&no_fstat, NULL, 0), -EINVAL);
	assert_int_equal(open_fake(0), 0);
	assert_int_equal(open_fake(1), 1);
	assert_int_equal(fd_install_at(1, &fake, (void *)2, 0), -EBUSY);
	assert_int_equal(fd_install_at(FD_MAX, &fake, (void *)2, 0), -EBADF);
	assert_int_equal(fd_close(0), 0);
	assert_int_equal(closes[0], 1);
	assert_int_equal(fd_close(0), -EBADF);
	assert_int_equal(open_fake(2), 0); /* the lowest free slot again */
	assert_int_equal(fd_close(0), 0);
	assert_int_equal(fd_close(1), 0);
}

static void test_dup_shares(void **state)
{
	int a = open_fake(1), b;

	(void)state;
	closes[1] = 0;
	b = fd_dup(a, 0, FD_DUP_MIN);
	assert_int_equal(b, a + 1);
	assert_ptr_equal(fd_get(a), fd_get(b));
	assert_int_equal(fd_set_flags(fd_get(a), O_RDWR | O_NONBLOCK), 0);
	assert_int_equal(fd_get(b)->flags, O_RDWR | O_NONBLOCK);
	assert_int_equal(fd_close(a), 0);
	assert_int_equal(closes[1], 0); /* b still holds it */
	assert_int_equal(fd_close(b), 0);
	assert_int_equal(closes[1], 1);
	assert_int_equal(fd_dup(a, 0, FD_DUP_MIN), -EBADF);
}

static void test_dup2(void **state)
{
	int a = open_fake(1), b = open_fake(2);

	(void)state;
	closes[1] = closes[2] = 0;
	assert_int_equal(fd_dup(a, b, FD_DUP_AT), b); /* closes b's file */
	assert_int_equal(closes[2], 1);
	assert_int_equal(fd_dup(a, a, FD_DUP_AT), a); /* nothing happens */
	assert_int_equal(fd_dup(a, 100, FD_DUP_AT), 100);
	assert_int_equal(fd_dup(a, FD_MAX, FD_DUP_AT), -EBADF);
	assert_int_equal(fd_dup(a, -1, FD_DUP_AT), -EBADF);
	assert_int_equal(fd_dup(a, FD_MAX, FD_DUP_MIN), -EINVAL);
	assert_int_equal(fd_dup(a, 50, FD_DUP_MIN), 50); /* F_DUPFD */
	assert_int_equal(fd_close(a), 0);
	assert_int_equal(fd_close(b), 0);
	assert_int_equal(fd_close(100), 0);
	assert_int_equal(closes[1], 0);
	assert_int_equal(fd_close(50), 0);
	assert_int_equal(closes[1], 1);
	assert_int_equal(fd_dup(7, 8, FD_DUP_AT), -EBADF);
}

/* Every fd taken: dup says EMFILE and leaks nothing. */
static void test_full(void **state)
{
	(void)state;
	closes[3] = 0;
	for (int i = 0; i < FD_MAX; i++)
		assert_int_equal(open_fake(3), i);
	assert_int_equal(open_fake(3), -EMFILE);
	assert_int_equal(fd_dup(0, 0, FD_DUP_MIN), -EMFILE);
	assert_int_equal(fd_dup(0, 5, FD_DUP_AT), 5);
	assert_int_equal(closes[3], 1);
	for (int i = 0; i < FD_MAX; i++)
		assert_int_equal(fd_close(i), 0);
	assert_int_equal(closes[3], FD_MAX);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_install),
		cmocka_unit_test(test_dup_shares),
		cmocka_unit_test(test_dup2),
		cmocka_unit_test(test_full),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

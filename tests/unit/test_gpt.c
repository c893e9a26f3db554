/* SPDX-License-Identifier: MIT */
/*
 * test_gpt.c: reading GUID partition tables (kernel/gpt.c) that sfdisk
 * writes, then damaged ones: a header or entry CRC wrong, fields out of
 * range with the CRCs made right again, no table at all.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ukos/gpt.h>
#include <unistd.h>

#define SECTORS 8192 /* 4 MiB */

static uint8_t disk[SECTORS * 512];

static int rd(void *ctx, uint64_t lba, uint32_t count, void *buf)
{
	(void)ctx;
	if (lba + count > SECTORS)
		return -EIO;
	memcpy(buf, disk + lba * 512, (size_t)count * 512);
	return 0;
}

static void make(void)
{
	char path[] = "/tmp/test_gpt.XXXXXX";
	int fd = mkstemp(path);
	char cmd[256];

	assert_true(fd >= 0);
	assert_int_equal(ftruncate(fd, sizeof(disk)), 0);
	close(fd);
	snprintf(cmd, sizeof(cmd),
		 "printf 'label: gpt\\nstart=2048, size=1024, name=boot\\n"
		 "start=3072, size=2048, type=L, name=\"ukos data\"\\n"
		 "start=5120, size=1000\\n' | sfdisk -q %s >/dev/null 2>&1",
		 path);
	assert_int_equal(system(cmd), 0);
	fd = open(path, O_RDONLY);
	assert_int_equal(read(fd, disk, sizeof(disk)), sizeof(disk));
	close(fd);
	unlink(path);
}

static int parse(struct gpt_part *p, unsigned max)
{
	return gpt_read(512, SECTORS, rd, NULL, p, max);
}

/* Make the header's and the entries' CRCs right after a change. */
static void fix_crcs(bool entries)
{
	uint8_t *h = disk + 512;
	uint32_t n, size, crc;

	memcpy(&n, h + 80, 4);
	memcpy(&size, h + 84, 4);
	crc = entries ? gpt_crc32(disk + 1024, (size_t)n * size) : 0;
	if (entries)
		memcpy(h + 88, &crc, 4);
	memset(h + 16, 0, 4);
	crc = gpt_crc32(h, 92);
	memcpy(h + 16, &crc, 4);
}

static void test_sfdisk(void **state)
{
	struct gpt_part p[8];

	(void)state;
	make();
	assert_int_equal(parse(p, 8), 3);
	assert_int_equal(p[0].index, 1);
	assert_int_equal(p[0].first, 2048);
	assert_int_equal(p[0].last, 3071);
	assert_string_equal(p[0].name, "boot");
	assert_int_equal(p[1].first, 3072);
	assert_string_equal(p[1].name, "ukos data");
	assert_int_equal(p[2].last, 6119);
	assert_int_equal(parse(p, 2), 2); /* room for two */
	assert_int_equal(gpt_crc32("123456789", 9), 0xcbf43926);
}

static void test_damaged(void **state)
{
	struct gpt_part p[8];
	uint32_t big = 1u << 20;
	uint64_t past = SECTORS + 10;

	(void)state;
	make();
	disk[512 + 30] ^= 1; /* the header, its CRC not */
	assert_int_equal(parse(p, 8), -EINVAL);
	make();
	disk[1024 + 40] ^= 1; /* an entry */
	assert_int_equal(parse(p, 8), -EINVAL);
	make();
	memcpy(disk + 512 + 80, &big, 4); /* a million entries */
	fix_crcs(false);
	assert_int_equal(parse(p, 8), -EINVAL);
	make();
	memcpy(disk + 1024 + 128 + 40, &past, 8); /* past the end */
	fix_crcs(true);
	assert_int_equal(parse(p, 8), 2);
	make();
	memset(disk + 512, 0, 512); /* no table */
	assert_int_equal(parse(p, 8), -ENOENT);
	make();
	assert_int_equal(gpt_read(512, 2, rd, NULL, p, 8), -ENOENT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sfdisk),
		cmocka_unit_test(test_damaged),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

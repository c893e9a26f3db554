/* SPDX-License-Identifier: MIT */
/*
 * test_virtqueue.c: the split virtqueue (kernel/drivers/virtqueue.c)
 * against a device played by the test: buffers come back in the order the
 * device uses them with their cookies and lengths, descriptors are reused,
 * a full ring refuses, notifications and interrupt suppression follow the
 * flags, and a device that reports a bad descriptor index is ignored.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <ukos/virtio.h>

static uint16_t notified;   /* what the driver wrote to the notify register */
static uint16_t seen_avail; /* the device's next avail ring position */

static void ring_doorbell(struct virtq *q)
{
	notified = q->index;
}

static void fresh(struct virtq *q, uint16_t size)
{
	assert_int_equal(virtq_alloc(q, size), 0);
	q->index = 5;
	q->notify = ring_doorbell;
	notified = 0xffff;
	seen_avail = 0;
}

static void release(struct virtq *q)
{
	virtq_free(q);
}

/* The device takes the next available buffer: its descriptor index. */
static uint16_t device_take(struct virtq *q)
{
	assert_true(seen_avail != q->avail->idx);
	return q->avail->ring[seen_avail++ % q->size];
}

/* The device returns descriptor id with len bytes written. */
static void device_use(struct virtq *q, uint32_t id, uint32_t len)
{
	q->used->ring[q->used->idx % q->size] =
		(struct virtq_used_elem){ id, len };
	q->used->idx++;
}

static void test_round_trip(void **state)
{
	struct virtq q;
	char bufs[4][64];
	uint32_t len;

	(void)state;
	fresh(&q, 4);
	for (int i = 0; i < 4; i++)
		assert_int_equal(virtq_add(&q, bufs[i], 64, i % 2, bufs[i]), 0);
	assert_int_equal(virtq_add(&q, bufs[0], 64, false, NULL), -ENOSPC);
	virtq_kick(&q);
	assert_int_equal(notified, 5);

	uint16_t d[4];
	for (int i = 0; i < 4; i++) {
		d[i] = device_take(&q);
		assert_ptr_equal((void *)(uintptr_t)q.desc[d[i]].addr, bufs[i]);
		assert_int_equal(q.desc[d[i]].len, 64);
		assert_int_equal(q.desc[d[i]].flags,
				 i % 2 ? VIRTQ_DESC_F_WRITE : 0);
	}
	assert_null(virtq_get(&q, &len)); /* nothing used yet */
	device_use(&q, d[2], 10);         /* out of order */
	device_use(&q, d[0], 20);
	assert_ptr_equal(virtq_get(&q, &len), bufs[2]);
	assert_int_equal(len, 10);
	assert_ptr_equal(virtq_get(&q, &len), bufs[0]);
	assert_int_equal(len, 20);
	assert_null(virtq_get(&q, &len));

	/* The two freed descriptors take new buffers; then full again. */
	assert_int_equal(virtq_add(&q, bufs[0], 32, true, bufs[0]), 0);
	assert_int_equal(virtq_add(&q, bufs[2], 32, true, bufs[2]), 0);
	assert_int_equal(virtq_add(&q, bufs[1], 32, true, bufs[1]), -ENOSPC);
	release(&q);
}

/* Many rounds through a small ring: indexes wrap at 16 bits and the ring
 * size, descriptors are never lost. */
static void test_wraps(void **state)
{
	struct virtq q;
	uint32_t len;
	static char buf[8];

	(void)state;
	fresh(&q, 8);
	for (unsigned round = 0; round < 70000; round++) {
		assert_int_equal(virtq_add(&q, buf, 8, true,
					   (void *)(uintptr_t)(round + 1)),
				 0);
		uint16_t id = device_take(&q);
		device_use(&q, id, round % 8);
		assert_ptr_equal(virtq_get(&q, &len),
				 (void *)(uintptr_t)(round + 1));
		assert_int_equal(len, round % 8);
	}
	assert_int_equal(q.num_free, 8);
	release(&q);
}

static void test_notify_and_irq_flags(void **state)
{
	struct virtq q;
	static char buf[8];
	uint32_t len;

	(void)state;
	fresh(&q, 4);
	q.used->flags = VIRTQ_USED_F_NO_NOTIFY; /* the device is polling */
	virtq_add(&q, buf, 8, false, buf);
	virtq_kick(&q);
	assert_int_equal(notified, 0xffff);

	virtq_irq_off(&q);
	assert_true(q.avail->flags & VIRTQ_AVAIL_F_NO_INTERRUPT);
	assert_false(virtq_irq_on(&q)); /* nothing used meanwhile */
	assert_false(q.avail->flags & VIRTQ_AVAIL_F_NO_INTERRUPT);
	virtq_irq_off(&q);
	device_use(&q, device_take(&q), 1);
	assert_true(virtq_irq_on(&q)); /* used while off: look again */
	assert_ptr_equal(virtq_get(&q, &len), buf);
	release(&q);
}

/* A device naming a descriptor that does not exist is not believed. */
/* One block laid out as the legacy interface computes it from the queue
 * size alone (§2.6.2): descriptors on a page, the available ring right
 * after them, the used ring on the next 4096-byte boundary. */
static void test_legacy_layout(void **state)
{
	static const uint16_t sizes[] = { 1, 4, 256, 1024 };
	(void)state;
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		struct virtq q;
		uint16_t n = sizes[i];
		uintptr_t d;
		size_t used_off = (16u * n + 6u + 2u * n + 4095u) & ~4095u;

		fresh(&q, n);
		d = (uintptr_t)q.desc;
		assert_int_equal(d % 4096, 0);
		assert_int_equal((uintptr_t)q.avail - d, 16u * n);
		assert_int_equal((uintptr_t)q.used - d, used_off);
		assert_int_equal(q.used->idx, 0); /* zeroed */
		assert_int_equal(q.num_free, n);
		release(&q);
	}
}

/* A request of three buffers (virtio-blk's header, data, status): one
 * chain, readable ones first, NEXT on all but the last; its cookie comes
 * back once and all three descriptors are free again. */
static void test_chain(void **state)
{
	struct virtq q;
	char hdr[16], data[512], status;
	const struct virtq_buf req[] = {
		{ hdr, sizeof(hdr), false },
		{ data, sizeof(data), true },
		{ &status, 1, true },
	};
	uint32_t len;
	uint16_t head, i;

	(void)state;
	fresh(&q, 4);
	assert_int_equal(virtq_add_chain(&q, req, 0, hdr), -EINVAL);
	assert_int_equal(virtq_add_chain(&q, req, 3, hdr), 0);
	assert_int_equal(q.num_free, 1);
	assert_int_equal(virtq_add_chain(&q, req, 3, data), -ENOSPC);
	head = device_take(&q);
	i = head;
	for (unsigned k = 0; k < 3; k++) {
		assert_ptr_equal((void *)(uintptr_t)q.desc[i].addr,
				 req[k].addr);
		assert_int_equal(q.desc[i].len, req[k].len);
		assert_int_equal(!!(q.desc[i].flags & VIRTQ_DESC_F_WRITE),
				 req[k].write);
		assert_int_equal(!!(q.desc[i].flags & VIRTQ_DESC_F_NEXT),
				 k < 2);
		i = q.desc[i].next;
	}
	device_use(&q, head, 513);
	assert_ptr_equal(virtq_get(&q, &len), hdr);
	assert_int_equal(len, 513);
	assert_null(virtq_get(&q, &len));
	assert_int_equal(q.num_free, 4);
	/* The freed descriptors serve again, alone and chained. */
	for (int round = 0; round < 10; round++) {
		assert_int_equal(virtq_add(&q, data, 8, true, data), 0);
		assert_int_equal(virtq_add_chain(&q, req, 3, hdr), 0);
		assert_int_equal(q.num_free, 0);
		uint16_t a = device_take(&q), b = device_take(&q);
		device_use(&q, b, 1);
		device_use(&q, a, 2);
		assert_ptr_equal(virtq_get(&q, &len), hdr);
		assert_ptr_equal(virtq_get(&q, &len), data);
		assert_int_equal(q.num_free, 4);
	}
	release(&q);
}

static void test_bad_device(void **state)
{
	struct virtq q;
	static char buf[8];
	uint32_t len;

	(void)state;
	fresh(&q, 4);
	virtq_add(&q, buf, 8, true, buf);
	device_use(&q, 4000, 8);
	assert_null(virtq_get(&q, &len));
	assert_int_equal(q.num_free, 3); /* nothing freed by the bogus entry */
	device_use(&q, device_take(&q), 8);
	assert_ptr_equal(virtq_get(&q, &len), buf);
	release(&q);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_wraps),
		cmocka_unit_test(test_notify_and_irq_flags),
		cmocka_unit_test(test_legacy_layout),
		cmocka_unit_test(test_chain),
		cmocka_unit_test(test_bad_device),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* SPDX-License-Identifier: MIT */
/*
 * virtqueue.c: split virtqueues (virtio 1.1 §2.6): a descriptor table, the
 * ring of buffers the driver makes available and the ring of buffers the
 * device has used. A buffer is one descriptor, a request of several
 * buffers a chain of them; free descriptors chain through their next
 * fields.
 */
#include <errno.h>
#include <malloc.h>
#include <stdlib.h>
#include <string.h>
#include <ukos/virtio.h>

/* The rings' sizes (§2.6): with the event-index words at their ends. */
static size_t avail_bytes(uint16_t n)
{
	return sizeof(struct virtq_avail) + 2u * n + 2;
}

static size_t used_bytes(uint16_t n)
{
	return sizeof(struct virtq_used) + sizeof(struct virtq_used_elem) * n +
	       2;
}

static size_t align_up(size_t x, size_t a)
{
	return (x + a - 1) & ~(a - 1);
}

int virtq_alloc(struct virtq *q, uint16_t size)
{
	size_t used_off =
		align_up(sizeof(struct virtq_desc) * size + avail_bytes(size),
			 VIRTQ_LEGACY_ALIGN);
	size_t total = used_off + used_bytes(size);
	uint8_t *block = memalign(VIRTQ_LEGACY_ALIGN, total);

	q->cookies = calloc(size, sizeof(void *));
	if (!block || !q->cookies) {
		free(block), free(q->cookies);
		return -ENOMEM;
	}
	memset(block, 0, total);
	q->size = size;
	q->desc = (struct virtq_desc *)block;
	q->avail = (struct virtq_avail *)(block +
					  sizeof(struct virtq_desc) * size);
	q->used = (struct virtq_used *)(block + used_off);
	for (uint16_t i = 0; i < size; i++)
		q->desc[i].next = (uint16_t)(i + 1);
	q->free_head = 0;
	q->num_free = size;
	q->last_used = 0;
	return 0;
}

void virtq_free(struct virtq *q)
{
	free(q->desc);
	free(q->cookies);
	q->desc = NULL;
	q->cookies = NULL;
}

int virtq_add_chain(struct virtq *q, const struct virtq_buf *bufs, unsigned n,
		    void *cookie)
{
	uint16_t head = q->free_head, i = head;

	if (n == 0)
		return -EINVAL;
	if (n > q->num_free)
		return -ENOSPC;
	for (unsigned k = 0; k < n; k++) {
		uint16_t next = q->desc[i].next;
		uint16_t flags = bufs[k].write ? VIRTQ_DESC_F_WRITE : 0;

		if (k + 1 < n)
			flags |= VIRTQ_DESC_F_NEXT;
		q->desc[i] = (struct virtq_desc){ (uintptr_t)bufs[k].addr,
						  bufs[k].len, flags, next };
		if (k + 1 < n)
			i = next;
		else
			q->free_head = next;
	}
	q->num_free = (uint16_t)(q->num_free - n);
	q->cookies[head] = cookie;
	q->avail->ring[q->avail->idx % q->size] = head;
	/* The entry before the index that publishes it (§2.6.13). */
	__atomic_store_n(&q->avail->idx, (uint16_t)(q->avail->idx + 1),
			 __ATOMIC_RELEASE);
	return 0;
}

int virtq_add(struct virtq *q, void *buf, uint32_t len, bool write,
	      void *cookie)
{
	const struct virtq_buf b = { buf, len, write };

	return virtq_add_chain(q, &b, 1, cookie);
}

void virtq_kick(struct virtq *q)
{
	/* The index store before reading the device's flag (§2.6.13.4). */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	if (!(__atomic_load_n(&q->used->flags, __ATOMIC_RELAXED) &
	      VIRTQ_USED_F_NO_NOTIFY))
		q->notify(q);
}

void *virtq_get(struct virtq *q, uint32_t *len)
{
	struct virtq_used_elem e;
	void *cookie;

	if (q->last_used == __atomic_load_n(&q->used->idx, __ATOMIC_ACQUIRE))
		return NULL;
	e = q->used->ring[q->last_used % q->size];
	q->last_used++;
	if (e.id >= q->size)
		return NULL; /* a broken device: ignore the entry */
	cookie = q->cookies[e.id];
	/* The whole chain goes back on the free list. */
	uint16_t last = (uint16_t)e.id, n = 1;
	while ((q->desc[last].flags & VIRTQ_DESC_F_NEXT) && n < q->size)
		last = q->desc[last].next, n++;
	q->desc[last].next = q->free_head;
	q->free_head = (uint16_t)e.id;
	q->num_free = (uint16_t)(q->num_free + n);
	*len = e.len;
	return cookie;
}

void virtq_irq_off(struct virtq *q)
{
	q->avail->flags |= VIRTQ_AVAIL_F_NO_INTERRUPT;
}

bool virtq_irq_on(struct virtq *q)
{
	q->avail->flags &= (uint16_t)~VIRTQ_AVAIL_F_NO_INTERRUPT;
	/* The flag store before looking at used->idx again: a buffer used
	 * in between either interrupts or is seen here. */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	return q->last_used != __atomic_load_n(&q->used->idx, __ATOMIC_ACQUIRE);
}

/* SPDX-License-Identifier: MIT */
/*
 * sys_arch.c: what lwIP needs from the operating system (doc/sys_arch.txt)
 * on ukos's kernel objects — counting semaphores and bounded mailboxes on
 * wait queues, mutexes as kernel mutexes, threads, the millisecond clock,
 * and SYS_ARCH_PROTECT as interrupts off.
 */
#include <errno.h>
#include <stdlib.h>
#include <ukos/arch.h>
#include <ukos/clock.h>
#include <ukos/wait.h>

#include "lwip/sys.h"

struct sys_sem {
	struct waitq wq;
	unsigned count;
};

struct sys_mbox {
	struct waitq readers, writers;
	unsigned size, head, count;
	void *msgs[];
};

/* A wait of timeout ms (0: forever) as a monotonic deadline. */
static uint64_t deadline_of(u32_t timeout)
{
	return timeout ? clock_uptime_ns() + (uint64_t)timeout * 1000000
		       : WAIT_FOREVER;
}

/* A wait of lwIP's. An app's recv, accept or poll may let a signal handler
 * end it (net/sock_lwip.c sets the thread's intr_mode): lwIP then sees a
 * timeout, which its callers in those calls take as the end of the call. */
static int wait(struct waitq *wq, uint64_t deadline, const char *why)
{
	struct thread *self = sched_current();
	int err;

	if (self->intr_mode == THREAD_INTR_NONE)
		return waitq_wait(wq, deadline, why);
	err = waitq_wait_intr(
		wq, deadline, why,
		self->intr_mode == THREAD_INTR_RESTART ? WAITQ_RESTART : 0);
	if (err != -EINTR)
		return err;
	self->intr_ended = true;
	return -ETIMEDOUT;
}

static u32_t ms_since(uint64_t t0)
{
	return (u32_t)((clock_uptime_ns() - t0) / 1000000);
}

void sys_init(void)
{
}

u32_t sys_now(void)
{
	return (u32_t)(clock_uptime_ns() / 1000000);
}

sys_prot_t sys_arch_protect(void)
{
	return arch_irq_save();
}

void sys_arch_unprotect(sys_prot_t flags)
{
	arch_irq_restore(flags);
}

err_t sys_sem_new(sys_sem_t *sem, u8_t count)
{
	*sem = calloc(1, sizeof(**sem));
	if (!*sem)
		return ERR_MEM;
	(*sem)->count = count;
	return ERR_OK;
}

void sys_sem_free(sys_sem_t *sem)
{
	free(*sem);
	*sem = NULL;
}

void sys_sem_signal(sys_sem_t *sem)
{
	unsigned long flags = arch_irq_save();

	(*sem)->count++;
	waitq_wake_one(&(*sem)->wq);
	arch_irq_restore(flags);
}

u32_t sys_arch_sem_wait(sys_sem_t *sem, u32_t timeout)
{
	struct sys_sem *s = *sem;
	uint64_t t0 = clock_uptime_ns(), deadline = deadline_of(timeout);
	unsigned long flags = arch_irq_save();
	int err = 0;

	while (!s->count && !err)
		err = wait(&s->wq, deadline, "lwip sem");
	if (!err)
		s->count--;
	arch_irq_restore(flags);
	return err ? SYS_ARCH_TIMEOUT : ms_since(t0);
}

err_t sys_mutex_new(sys_mutex_t *mutex)
{
	*mutex = calloc(1, sizeof(**mutex));
	return *mutex ? ERR_OK : ERR_MEM;
}

void sys_mutex_free(sys_mutex_t *mutex)
{
	free(*mutex);
	*mutex = NULL;
}

void sys_mutex_lock(sys_mutex_t *mutex)
{
	kmutex_lock(*mutex, WAIT_FOREVER);
}

void sys_mutex_unlock(sys_mutex_t *mutex)
{
	kmutex_unlock(*mutex);
}

err_t sys_mbox_new(sys_mbox_t *mbox, int size)
{
	if (size <= 0)
		size = 64;
	*mbox = calloc(1, sizeof(**mbox) + (size_t)size * sizeof(void *));
	if (!*mbox)
		return ERR_MEM;
	(*mbox)->size = (unsigned)size;
	return ERR_OK;
}

void sys_mbox_free(sys_mbox_t *mbox)
{
	free(*mbox);
	*mbox = NULL;
}

/* With interrupts off and room in m. */
static void put(struct sys_mbox *m, void *msg)
{
	m->msgs[(m->head + m->count++) % m->size] = msg;
	waitq_wake_one(&m->readers);
}

void sys_mbox_post(sys_mbox_t *mbox, void *msg)
{
	struct sys_mbox *m = *mbox;
	unsigned long flags = arch_irq_save();

	while (m->count == m->size)
		waitq_wait(&m->writers, WAIT_FOREVER, "lwip mbox full");
	put(m, msg);
	arch_irq_restore(flags);
}

err_t sys_mbox_trypost(sys_mbox_t *mbox, void *msg)
{
	struct sys_mbox *m = *mbox;
	unsigned long flags = arch_irq_save();
	err_t err = ERR_MEM;

	if (m->count < m->size) {
		put(m, msg);
		err = ERR_OK;
	}
	arch_irq_restore(flags);
	return err;
}

err_t sys_mbox_trypost_fromisr(sys_mbox_t *mbox, void *msg)
{
	return sys_mbox_trypost(mbox, msg);
}

/* With interrupts off and a message in m. */
static void *take(struct sys_mbox *m)
{
	void *msg = m->msgs[m->head];

	m->head = (m->head + 1) % m->size;
	m->count--;
	waitq_wake_one(&m->writers);
	return msg;
}

u32_t sys_arch_mbox_fetch(sys_mbox_t *mbox, void **msg, u32_t timeout)
{
	struct sys_mbox *m = *mbox;
	uint64_t t0 = clock_uptime_ns(), deadline = deadline_of(timeout);
	unsigned long flags = arch_irq_save();
	int err = 0;
	void *got = NULL;

	while (!m->count && !err)
		err = wait(&m->readers, deadline, "lwip mbox");
	if (!err)
		got = take(m);
	arch_irq_restore(flags);
	if (msg)
		*msg = got;
	return err ? SYS_ARCH_TIMEOUT : ms_since(t0);
}

u32_t sys_arch_mbox_tryfetch(sys_mbox_t *mbox, void **msg)
{
	struct sys_mbox *m = *mbox;
	unsigned long flags = arch_irq_save();
	void *got = NULL;
	bool have = m->count > 0;

	if (have)
		got = take(m);
	arch_irq_restore(flags);
	if (msg)
		*msg = got;
	return have ? 0 : SYS_MBOX_EMPTY;
}

struct start {
	lwip_thread_fn fn;
	void *arg;
};

static void *start(void *p)
{
	struct start s = *(struct start *)p;

	free(p);
	s.fn(s.arg);
	return NULL;
}

sys_thread_t sys_thread_new(const char *name, lwip_thread_fn fn, void *arg,
			    int stacksize, int prio)
{
	struct start *s = malloc(sizeof(*s));
	struct thread *t;

	(void)prio; /* one priority */
	if (!s)
		ukos_panic("lwIP: no memory for thread %s", name);
	*s = (struct start){ fn, arg };
	t = thread_create(start, s, stacksize > 0 ? (size_t)stacksize : 0,
			  name);
	if (!t)
		ukos_panic("lwIP: cannot start thread %s", name);
	return t;
}

uint32_t ukos_lwip_rand(void)
{
	uint64_t r;

	if (arch_random(&r) != 0)
		r = arch_cycles() * 0x9e3779b97f4a7c15ull;
	return (uint32_t)(r >> 17);
}

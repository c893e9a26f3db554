/* SPDX-License-Identifier: MIT */
/*
 * nvme.c: NVM Express controllers (NVMe 1.4) as block devices: the admin
 * queue pair to identify the controller and namespace 1 and to create one
 * I/O queue pair, then reads, writes and flushes on it with PRPs (§4.3),
 * completing from its interrupt (MSI-X entry 0, else INTx). Matched by
 * class (mass storage, NVM, NVMe), so any vendor's controller is driven.
 */
#include <errno.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ukos/arch.h>
#include <ukos/blkdev.h>
#include <ukos/clock.h>
#include <ukos/console.h>
#include <ukos/pci.h>

/* Controller registers (§3.1). */
#define REG_CAP       0x00 /* 64 */
#define REG_VS        0x08
#define REG_INTMS     0x0c
#define REG_INTMC     0x10
#define REG_CC        0x14
#define REG_CSTS      0x1c
#define REG_AQA       0x24
#define REG_ASQ       0x28 /* 64 */
#define REG_ACQ       0x30 /* 64 */
#define REG_DBS       0x1000
#define CAP_MQES(c)   ((unsigned)((c)&0xffff) + 1)
#define CAP_TO_MS(c)  ((unsigned)(((c) >> 24) & 0xff) * 500)
#define CAP_DSTRD(c)  ((unsigned)(((c) >> 32) & 0xf))
#define CAP_CSS_NVM   (1ull << 37)
#define CAP_MPSMIN(c) ((unsigned)(((c) >> 48) & 0xf))
#define CC_EN         1u
#define CC_IOSQES     (6u << 16) /* 64-byte submission entries */
#define CC_IOCQES     (4u << 20) /* 16-byte completion entries */
#define CSTS_RDY      1u
#define CSTS_CFS      2u

/* Commands (§5, §6). */
#define ADMIN_CREATE_SQ    0x01
#define ADMIN_CREATE_CQ    0x05
#define ADMIN_IDENTIFY     0x06
#define ADMIN_SET_FEATURES 0x09
#define FEAT_NUM_QUEUES    0x07
#define CNS_NAMESPACE      0
#define CNS_CONTROLLER     1
#define IO_FLUSH           0x00
#define IO_WRITE           0x01
#define IO_READ            0x02
#define QUEUE_PC           1u /* physically contiguous */
#define CQ_IEN             2u /* interrupts enabled */
/* Identify data (§5.15.2). */
#define IDC_MDTS      77
#define IDC_NN        516
#define IDC_VWC       525
#define IDN_NSZE      0
#define IDN_NLBAF     25
#define IDN_FLBAS     26
#define IDN_NSATTR    99 /* bit 0: write-protected */
#define IDN_LBAF      128
#define PAGE          4096
#define ADMIN_DEPTH   16
#define IO_DEPTH      64
#define MAX_BYTES     (1u << 20) /* 256 pages: one PRP list page holds it */
#define ADMIN_WAIT_MS 2000
#define NSID          1

struct sqe {
	uint32_t cdw0; /* opcode, command identifier << 16 */
	uint32_t nsid;
	uint64_t rsvd;
	uint64_t mptr;
	uint64_t prp1, prp2;
	uint32_t cdw10, cdw11, cdw12, cdw13, cdw14, cdw15;
};

struct cqe {
	uint32_t dw0, dw1;
	uint16_t sq_head, sq_id;
	uint16_t cid;
	uint16_t status; /* phase in bit 0 */
};

struct queue {
	struct sqe *sq;
	struct cqe *cq;
	unsigned depth, sq_tail, cq_head;
	uint16_t phase;
	volatile uint32_t *sq_db, *cq_db;
};

struct slot {
	struct blk_req *req;
	uint64_t *prp_list; /* a page */
	struct slot *next_free;
};

struct nvme {
	struct blkdev bd;
	const struct pci_dev *pci;
	volatile uint8_t *regs;
	uint64_t cap;
	struct queue admin, io;
	struct slot *slots, *free;
	unsigned busy;       /* commands in the I/O queue */
	volatile bool ready; /* the I/O queue pair is there */
	bool intx;
	char model[80];
};

static unsigned controllers;

static uint32_t rd32(struct nvme *n, unsigned off)
{
	return *(volatile uint32_t *)(n->regs + off);
}

static void wr32(struct nvme *n, unsigned off, uint32_t v)
{
	*(volatile uint32_t *)(n->regs + off) = v;
}

static uint64_t rd64(struct nvme *n, unsigned off)
{
	return rd32(n, off) | (uint64_t)rd32(n, off + 4) << 32;
}

static void wr64(struct nvme *n, unsigned off, uint64_t v)
{
	wr32(n, off, (uint32_t)v);
	wr32(n, off + 4, (uint32_t)(v >> 32));
}

static int queue_alloc(struct nvme *n, struct queue *q, unsigned qid,
		       unsigned depth)
{
	unsigned stride = 4u << CAP_DSTRD(n->cap); /* §3.1.23 */

	q->sq = memalign(PAGE, depth * sizeof(struct sqe));
	q->cq = memalign(PAGE, depth * sizeof(struct cqe));
	if (!q->sq || !q->cq)
		return -ENOMEM;
	memset(q->sq, 0, depth * sizeof(struct sqe));
	memset(q->cq, 0, depth * sizeof(struct cqe));
	q->depth = depth;
	q->sq_tail = q->cq_head = 0;
	q->phase = 1;
	q->sq_db = (volatile uint32_t *)(n->regs + REG_DBS + 2 * qid * stride);
	q->cq_db = (volatile uint32_t *)(n->regs + REG_DBS +
					 (2 * qid + 1) * stride);
	return 0;
}

static void sq_push(struct queue *q, const struct sqe *e)
{
	q->sq[q->sq_tail] = *e;
	q->sq_tail = (q->sq_tail + 1) % q->depth;
	/* The entry before the doorbell that hands it over. */
	__atomic_thread_fence(__ATOMIC_RELEASE);
	*q->sq_db = q->sq_tail;
}

/* The next completion, if the controller has posted it (its phase tag
 * says so, §4.6), taken off the queue. */
static bool cq_pop(struct queue *q, struct cqe *out)
{
	volatile struct cqe *e = &q->cq[q->cq_head];

	if ((__atomic_load_n(&e->status, __ATOMIC_ACQUIRE) & 1) != q->phase)
		return false;
	*out = *(struct cqe *)e;
	if (++q->cq_head == q->depth) {
		q->cq_head = 0;
		q->phase ^= 1;
	}
	return true;
}

/* An admin command, waited for by polling (interrupts are routed only
 * once the I/O queues exist): 0, -EIO (an error status), -ETIMEDOUT. */
static int admin(struct nvme *n, struct sqe *cmd, uint32_t *dw0)
{
	static uint16_t cid;
	uint64_t deadline = clock_uptime_ns() + ADMIN_WAIT_MS * 1000000ull;
	struct cqe c;

	cmd->cdw0 = (cmd->cdw0 & 0xff) | (uint32_t)++cid << 16;
	sq_push(&n->admin, cmd);
	while (!cq_pop(&n->admin, &c))
		if (clock_uptime_ns() > deadline)
			return -ETIMEDOUT;
	*n->admin.cq_db = n->admin.cq_head;
	if (dw0)
		*dw0 = c.dw0;
	return c.cid == cid && (c.status >> 1) == 0 ? 0 : -EIO;
}

/* CSTS.RDY to become want, within the controller's own time-out. */
static int wait_ready(struct nvme *n, bool want)
{
	uint64_t deadline =
		clock_uptime_ns() + (CAP_TO_MS(n->cap) + 500) * 1000000ull;

	for (;;) {
		uint32_t s = rd32(n, REG_CSTS);
		if (s == 0xffffffffu || (s & CSTS_CFS))
			return -EIO; /* gone, or fatal */
		if (!!(s & CSTS_RDY) == want)
			return 0;
		if (clock_uptime_ns() > deadline)
			return -ETIMEDOUT;
	}
}

/* Reset the controller and bring it up with the admin queues (§7.6.1). */
static int enable(struct nvme *n)
{
	int err;

	if (!(n->cap & CAP_CSS_NVM) || CAP_MPSMIN(n->cap) != 0)
		return -ENODEV; /* no NVM commands, or pages above 4 KiB */
	wr32(n, REG_CC, 0);
	err = wait_ready(n, false);
	if (!err)
		err = queue_alloc(n, &n->admin, 0, ADMIN_DEPTH);
	if (err)
		return err;
	wr32(n, REG_AQA, (ADMIN_DEPTH - 1) << 16 | (ADMIN_DEPTH - 1));
	wr64(n, REG_ASQ, (uintptr_t)n->admin.sq);
	wr64(n, REG_ACQ, (uintptr_t)n->admin.cq);
	wr32(n, REG_CC, CC_EN | CC_IOSQES | CC_IOCQES);
	return wait_ready(n, true);
}

static int identify(struct nvme *n, uint8_t *buf, unsigned cns, uint32_t nsid)
{
	struct sqe c = { .cdw0 = ADMIN_IDENTIFY,
			 .nsid = nsid,
			 .prp1 = (uintptr_t)buf,
			 .cdw10 = cns };

	return admin(n, &c, NULL);
}

/* The controller's limits and namespace 1's geometry. */
static int geometry(struct nvme *n, uint8_t *id)
{
	struct blkdev *bd = &n->bd;
	uint32_t max = MAX_BYTES, nn;
	int err = identify(n, id, CNS_CONTROLLER, 0);
	char model[41];

	if (err)
		return err;
	memcpy(&nn, id + IDC_NN, 4);
	/* MDTS: the most one command moves, in minimum pages (a power of
	 * 2; 0: no limit); past 2^8 pages it is above ours anyway. */
	if (id[IDC_MDTS] && id[IDC_MDTS] < 8)
		max = (uint32_t)PAGE << id[IDC_MDTS];
	bd->volatile_cache = id[IDC_VWC] & 1;
	memcpy(model, id + 24, 40);
	model[40] = '\0';
	for (int i = 39; i >= 0 && model[i] == ' '; i--)
		model[i] = '\0';
	snprintf(n->model, sizeof(n->model), "NVMe %s at %02x:%02x.%u", model,
		 n->pci->bus, n->pci->dev, n->pci->fn);
	if (nn < NSID)
		return -ENODEV;
	err = identify(n, id, CNS_NAMESPACE, NSID);
	if (err)
		return err;
	uint8_t fmt = id[IDN_FLBAS] & 0xf;
	if (fmt > id[IDN_NLBAF])
		return -EIO;
	unsigned lbads = id[IDN_LBAF + 4 * fmt + 2];
	memcpy(&bd->sectors, id + IDN_NSZE, 8);
	if (lbads < 9 || lbads > 16 || !bd->sectors)
		return -ENODEV; /* sectors we cannot address, or no medium */
	bd->sector_size = 1u << lbads;
	bd->read_only = id[IDN_NSATTR] & 1;
	bd->max_sectors = max / bd->sector_size;
	return 0;
}

static int create_io_queues(struct nvme *n)
{
	unsigned depth =
		CAP_MQES(n->cap) < IO_DEPTH ? CAP_MQES(n->cap) : IO_DEPTH;
	struct sqe c = { .cdw0 = ADMIN_SET_FEATURES, .cdw10 = FEAT_NUM_QUEUES };
	int err = admin(n, &c, NULL); /* one pair: 0-based counts of 0 */

	if (!err)
		err = queue_alloc(n, &n->io, 1, depth);
	if (err)
		return err;
	c = (struct sqe){ .cdw0 = ADMIN_CREATE_CQ,
			  .prp1 = (uintptr_t)n->io.cq,
			  .cdw10 = (depth - 1) << 16 | 1,
			  .cdw11 = QUEUE_PC | CQ_IEN }; /* vector 0 */
	err = admin(n, &c, NULL);
	if (err)
		return err;
	c = (struct sqe){ .cdw0 = ADMIN_CREATE_SQ,
			  .prp1 = (uintptr_t)n->io.sq,
			  .cdw10 = (depth - 1) << 16 | 1,
			  .cdw11 = 1u << 16 | QUEUE_PC }; /* on CQ 1 */
	return admin(n, &c, NULL);
}

static void io_irq(void *arg)
{
	struct nvme *n = arg;
	struct cqe c;
	bool any = false;

	if (!n->ready)
		return; /* an admin completion while setting up: polled */
	while (cq_pop(&n->io, &c)) {
		struct slot *s = c.cid < n->io.depth ? &n->slots[c.cid] : NULL;
		any = true;
		if (!s || !s->req)
			continue; /* not a command of ours: ignore it */
		struct blk_req *req = s->req;
		s->req = NULL;
		s->next_free = n->free;
		n->free = s;
		n->busy--;
		blkdev_complete(&n->bd, req, (c.status >> 1) ? -EIO : 0);
	}
	if (any)
		*n->io.cq_db = n->io.cq_head;
}

/* The data pointers of a transfer of len bytes at buf (§4.3): the first
 * page, then the second, or a list of all the rest. */
static void set_prps(struct sqe *e, struct slot *s, uintptr_t buf, size_t len)
{
	uintptr_t first_end = (buf & ~(uintptr_t)(PAGE - 1)) + PAGE;
	uintptr_t page = first_end;
	unsigned k = 0;

	e->prp1 = buf;
	if (buf + len <= first_end)
		return;
	if (buf + len <= first_end + PAGE) {
		e->prp2 = first_end;
		return;
	}
	for (; page < buf + len; page += PAGE)
		s->prp_list[k++] = page;
	e->prp2 = (uintptr_t)s->prp_list;
}

static int nvme_submit(struct blkdev *bd, struct blk_req *req)
{
	struct nvme *n = bd->priv;
	struct slot *s = n->free;
	struct sqe e = { .nsid = NSID };

	/* One entry stays empty: a full ring would look empty (§4.1.2). */
	if (!s || n->busy + 1 >= n->io.depth)
		return -EAGAIN;
	n->free = s->next_free;
	s->req = req;
	n->busy++;
	e.cdw0 = (uint32_t)(s - n->slots) << 16;
	if (req->op == BLK_FLUSH) {
		e.cdw0 |= IO_FLUSH;
	} else {
		e.cdw0 |= req->op == BLK_READ ? IO_READ : IO_WRITE;
		e.cdw10 = (uint32_t)req->sector;
		e.cdw11 = (uint32_t)(req->sector >> 32);
		e.cdw12 = req->count - 1; /* 0-based */
		set_prps(&e, s, (uintptr_t)req->buf,
			 (size_t)req->count * bd->sector_size);
	}
	sq_push(&n->io, &e);
	return 0;
}

static const struct blkdev_ops nvme_ops = {
	.submit = nvme_submit,
};

static int slots_init(struct nvme *n)
{
	n->slots = calloc(n->io.depth, sizeof(*n->slots));
	if (!n->slots)
		return -ENOMEM;
	for (unsigned i = 0; i < n->io.depth; i++) {
		n->slots[i].prp_list = memalign(PAGE, PAGE);
		if (!n->slots[i].prp_list)
			return -ENOMEM;
		n->slots[i].next_free = n->free;
		n->free = &n->slots[i];
	}
	n->bd.queue_depth = n->io.depth - 1;
	return 0;
}

/* Before the I/O queues are created: a controller takes the vector of a
 * completion queue only while MSI-X is on. INTx stays masked (INTMS)
 * until the queues are ready: admin completions, polled, would otherwise
 * hold the level-triggered line up. */
static int route_irq(struct nvme *n, char *desc, size_t len)
{
	unsigned gsi = 0;
	int err = pci_msix_route(n->pci, 0, io_irq, n);

	if (err == 0)
		snprintf(desc, len, "MSI-X");
	if (err != -ENODEV)
		return err;
	n->intx = true;
	wr32(n, REG_INTMS, 1);
	err = pci_intx_route(n->pci, io_irq, n, &gsi);
	snprintf(desc, len, "INTx on GSI %u", gsi);
	return err;
}

static int nvme_probe(struct pci_dev *dev)
{
	struct nvme *n = calloc(1, sizeof(*n));
	uint8_t *id = memalign(PAGE, PAGE);
	char irq[24];
	int err = -ENOMEM;

	if (!n || !id)
		goto err_free;
	n->pci = dev;
	n->regs = pci_bar_ptr(dev, 0);
	err = -ENODEV;
	if (!n->regs)
		goto err_free;
	pci_enable(dev);
	n->cap = rd64(n, REG_CAP);
	err = enable(n);
	if (!err)
		err = geometry(n, id);
	if (!err)
		err = route_irq(n, irq, sizeof(irq));
	if (!err)
		err = create_io_queues(n);
	if (!err)
		err = slots_init(n);
	free(id);
	if (err) /* n stays: the controller may point at its queues */
		return err;
	snprintf(n->bd.name, sizeof(n->bd.name), "nvme%un%u", controllers,
		 NSID);
	size_t used = strlen(n->model);
	snprintf(n->model + used, sizeof(n->model) - used, ", %s", irq);
	n->bd.model = n->model;
	n->bd.ops = &nvme_ops;
	n->bd.priv = n;
	dev->priv = n;
	n->ready = true;
	if (n->intx)
		wr32(n, REG_INTMC, 1);
	err = blkdev_register(&n->bd);
	if (!err)
		controllers++;
	return err;

err_free:
	free(id);
	free(n);
	return err;
}

static const struct pci_driver nvme_driver = {
	.name = "nvme",
	.class = PCI_CLASS(0x01, 0x08, 0x02), /* mass storage, NVM, NVMe */
	.probe = nvme_probe,
};
PCI_DRIVER(nvme_driver);

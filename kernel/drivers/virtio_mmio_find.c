/* SPDX-License-Identifier: MIT */
/*
 * virtio_mmio_find.c: where virtio-mmio devices are, as the platform says
 * it. On the kernel command line, virtio_mmio.device=SIZE@BASE:IRQ (the
 * syntax Linux takes, which QEMU and Firecracker write). In an ACPI DSDT
 * (how QEMU's microvm does it by default): a Device whose _HID is the string
 * "LNRO0005" and whose _CRS is a resource template with a 32-bit fixed
 * memory range and an extended interrupt. Not an AML interpreter: the
 * names are found by their encodings (ACPI 6.4 §20.2), the template is
 * parsed by the rules of §6.4, and every read is bounded by the table.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <ukos/cmdline.h>
#include <ukos/irq.h>
#include <ukos/unaligned.h>
#include <ukos/virtio.h>

#define STRING_PREFIX 0x0d /* §20.2.3 */
#define BYTE_PREFIX   0x0a
#define WORD_PREFIX   0x0b
#define NAME_OP       0x08
#define BUFFER_OP     0x11
/* How far after the _HID the device's _CRS may start: its other names
 * (_UID, _CCA, ...) are a few bytes each. */
#define CRS_WINDOW 128
#define REGS_MIN   0x100 /* the registers, before the configuration */

/* Resource descriptors (§6.4.2, §6.4.3). */
#define RES_LARGE          0x80
#define RES_END            0x79 /* small item 0xf, length 1 */
#define RES_MEMORY32_FIXED 0x86
#define RES_EXT_IRQ        0x89
#define EXT_IRQ_EDGE       0x02 /* flags: else level */
#define EXT_IRQ_ACTIVE_LOW 0x04
#define MEMORY32_FIXED_LEN 9
#define EXT_IRQ_MIN_LEN    6

static const uint8_t hid[] = { STRING_PREFIX, 'L', 'N', 'R', 'O',
			       '0',           '0', '0', '5', 0 };
static const uint8_t crs_buffer[] = { NAME_OP, '_', 'C', 'R', 'S', BUFFER_OP };

/* A PkgLength (§20.2.4) at p: its value into *len and its own size into
 * *used; 0, or -1 if it runs past end. */
static int pkg_length(const uint8_t *p, const uint8_t *end, size_t *len,
		      size_t *used)
{
	unsigned extra = p < end ? *p >> 6 : 0;

	if (p >= end || (size_t)(end - p) < 1 + extra)
		return -1;
	*used = 1 + extra;
	if (!extra) {
		*len = *p & 0x3f;
		return 0;
	}
	*len = *p & 0x0f;
	for (unsigned i = 1; i <= extra; i++)
		*len |= (size_t)p[i] << (4 + 8 * (i - 1));
	return 0;
}

/* The resource template in the buffer at p (after BufferOp): its bytes
 * [*start, *start + *n). 0, or -1. */
static int buffer_bytes(const uint8_t *p, const uint8_t *end,
			const uint8_t **start, size_t *n)
{
	size_t pkg, used;
	const uint8_t *pkg_end;

	if (pkg_length(p, end, &pkg, &used) || pkg > (size_t)(end - p))
		return -1;
	pkg_end = p + pkg;
	p += used;
	if (p < pkg_end && *p == BYTE_PREFIX && pkg_end - p >= 2)
		*n = p[1], p += 2;
	else if (p < pkg_end && *p == WORD_PREFIX && pkg_end - p >= 3)
		*n = load_le16(p, 1), p += 3;
	else
		return -1;
	if (*n > (size_t)(pkg_end - p))
		return -1;
	*start = p;
	return 0;
}

/* Walk a resource template for the memory range and interrupt: 0 with
 * res filled, -1 if either is missing or a descriptor is malformed. */
static int parse_template(const uint8_t *p, size_t n,
			  struct virtio_mmio_res *res)
{
	const uint8_t *end = p + n;
	bool mem = false, irq = false;

	while (p < end && *p != RES_END) {
		size_t len, hdr;

		if (*p & RES_LARGE) {
			if (end - p < 3)
				return -1;
			len = load_le16(p, 1), hdr = 3;
		} else {
			len = *p & 7, hdr = 1;
		}
		if (len > (size_t)(end - p) - hdr)
			return -1;
		if (*p == RES_MEMORY32_FIXED && len >= MEMORY32_FIXED_LEN) {
			res->base = load_le32(p, hdr + 1);
			res->size = load_le32(p, hdr + 5);
			mem = true;
		} else if (*p == RES_EXT_IRQ && len >= EXT_IRQ_MIN_LEN &&
			   p[hdr + 1] >= 1 && !irq) {
			res->gsi = load_le32(p, hdr + 2);
			res->level = !(p[hdr] & EXT_IRQ_EDGE);
			res->active_low = p[hdr] & EXT_IRQ_ACTIVE_LOW;
			irq = true;
		}
		p += hdr + len;
	}
	return mem && irq && res->size ? 0 : -1;
}

/* The device whose _HID is at p: its _CRS, found within the window
 * (and before the next such _HID). */
static int device_at(const uint8_t *p, const uint8_t *end,
		     struct virtio_mmio_res *res)
{
	const uint8_t *stop =
		(size_t)(end - p) > CRS_WINDOW ? p + CRS_WINDOW : end;

	for (const uint8_t *q = p + sizeof(hid);
	     (size_t)(stop - q) >= sizeof(crs_buffer); q++) {
		const uint8_t *tmpl;
		size_t n;

		if ((size_t)(end - q) >= sizeof(hid) &&
		    memcmp(q, hid, sizeof(hid)) == 0)
			return -1; /* the next device: this one had none */
		if (memcmp(q, crs_buffer, sizeof(crs_buffer)) != 0)
			continue;
		if (buffer_bytes(q + sizeof(crs_buffer), end, &tmpl, &n))
			return -1;
		return parse_template(tmpl, n, res);
	}
	return -1;
}

unsigned virtio_mmio_acpi_scan(const uint8_t *aml, size_t len,
			       void (*fn)(void *arg,
					  const struct virtio_mmio_res *res),
			       void *arg)
{
	const uint8_t *end = aml + len;
	unsigned count = 0;

	for (const uint8_t *p = aml; (size_t)(end - p) >= sizeof(hid); p++) {
		struct virtio_mmio_res res = { 0 };

		if (memcmp(p, hid, sizeof(hid)) != 0 ||
		    device_at(p, end, &res) != 0)
			continue;
		fn(arg, &res);
		count++;
	}
	return count;
}

/* SIZE: decimal with an optional K/M/G suffix, or 0x hex (Linux's
 * memparse takes both). */
static int parse_size(const char *s, unsigned long long *out)
{
	char *end;

	if (strncmp(s, "0x", 2) != 0)
		return cmdline_size(s, out);
	*out = strtoull(s, &end, 16);
	return end == s + 2 || *end ? -EINVAL : 0;
}

int virtio_mmio_parse(const char *v, struct virtio_mmio_res *r)
{
	char buf[64], *at, *colon, *end;
	unsigned long long size, base, gsi;

	if (!v || strlen(v) >= sizeof(buf))
		return -EINVAL;
	strcpy(buf, v);
	at = strchr(buf, '@');
	colon = at ? strchr(at, ':') : NULL;
	if (!colon)
		return -EINVAL;
	*at = *colon = '\0';
	if (parse_size(buf, &size) || size < REGS_MIN)
		return -EINVAL;
	base = strtoull(at + 1, &end, 0);
	if (end == at + 1 || *end || base % 4 || base + size > (1ull << 32) ||
	    base + size < base)
		return -EINVAL; /* the low 4 GiB are the identity-mapped MMIO */
	gsi = strtoull(colon + 1, &end, 10);
	if (end == colon + 1 || gsi >= IRQ_MAX)
		return -EINVAL;
	if (*end == ':') { /* a platform device ID: Linux's, unused here */
		char *id = end + 1;
		strtoul(id, &end, 10);
		if (end == id)
			return -EINVAL;
	}
	if (*end)
		return -EINVAL;
	*r = (struct virtio_mmio_res){ base, size, (unsigned)gsi, false,
				       false };
	return 0;
}

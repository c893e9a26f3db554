/* SPDX-License-Identifier: MIT */
/*
 * acpi.c: RSDP → RSDT/XSDT → tables (ACPI 6.4 §5.2.5–§5.2.8). Tables come
 * from firmware: every length is checked before it is trusted.
 */
#include <errno.h>
#include <stdbool.h>
#include <string.h>
#include <ukos/acpi.h>
#include <ukos/bootinfo.h>
#include <ukos/unaligned.h>

#define TABLE_MAX_LEN (16u << 20) /* far above any real table */

static uint8_t rsdp[BOOTINFO_RSDP_MAX];
static unsigned rsdp_len;

static bool checksum_ok(const uint8_t *p, size_t len)
{
	uint8_t sum = 0;

	for (size_t i = 0; i < len; i++)
		sum += p[i];
	return sum == 0;
}

/* §5.2.5.3: revision 0 is 20 bytes; 2+ is 36 with an extended checksum. */
static bool rsdp_take(const uint8_t *p)
{
	if (memcmp(p, "RSD PTR ", 8) != 0 || !checksum_ok(p, 20))
		return false;
	rsdp_len = p[15] >= 2 ? 36 : 20;
	if (rsdp_len == 36 && !checksum_ok(p, 36))
		rsdp_len = 20; /* trust only the part that checks out */
	memcpy(rsdp, p, rsdp_len);
	return true;
}

void acpi_init(const struct bootinfo *bi)
{
	if (bi->rsdp_len >= 20 && rsdp_take(bi->rsdp))
		return;
	if (bi->rsdp_addr && rsdp_take((const uint8_t *)bi->rsdp_addr))
		return;
	/* §5.2.5.1: on 16-byte boundaries of the BIOS read-only area. */
	for (uintptr_t a = 0xe0000; a < 0x100000; a += 16)
		if (rsdp_take((const uint8_t *)a))
			return;
}

static const uint8_t *table_at(uint64_t pa, const char *sig)
{
	const uint8_t *t = (const uint8_t *)(uintptr_t)pa;
	uint32_t len;

	if (pa == 0 || pa >= (1ull << 46))
		return NULL;
	len = load_le32(t, 4);
	if (len < ACPI_SDT_HEADER_LEN || len > TABLE_MAX_LEN)
		return NULL;
	if ((sig && memcmp(t, sig, 4) != 0) || !checksum_ok(t, len))
		return NULL;
	return t;
}

const void *acpi_find_table(const char sig[4], uint32_t *len)
{
	bool x = rsdp_len == 36 && load_le64(rsdp, 24);
	const uint8_t *root;
	unsigned width = x ? 8 : 4;

	if (!rsdp_len)
		return NULL;
	root = x ? table_at(load_le64(rsdp, 24), "XSDT")
		 : table_at(load_le32(rsdp, 16), "RSDT");
	if (!root)
		return NULL;
	uint32_t n = (load_le32(root, 4) - ACPI_SDT_HEADER_LEN) / width;
	for (uint32_t i = 0; i < n; i++) {
		const uint8_t *e = root + ACPI_SDT_HEADER_LEN + i * width;
		const uint8_t *t =
			table_at(x ? load_le64(e, 0) : load_le32(e, 0), sig);
		if (t) {
			*len = load_le32(t, 4);
			return t;
		}
	}
	return NULL;
}

/* AML PkgLength (§20.2.4): the lead byte's bits 7:6 count extra bytes. */
static size_t pkg_length_size(uint8_t lead)
{
	return 1 + (lead >> 6);
}

/* One integer element of a package (§20.2.3): ZeroOp, OneOp, OnesOp,
 * BytePrefix, or a bare byte as some firmware writes it. */
static int aml_int(const uint8_t *p, const uint8_t *end, uint8_t *out,
		   size_t *used)
{
	if (p >= end)
		return -1;
	switch (p[0]) {
	case 0x0a: /* BytePrefix */
		if (p + 1 >= end)
			return -1;
		*out = p[1];
		*used = 2;
		return 0;
	case 0xff: /* OnesOp */
		*out = 0xff;
		*used = 1;
		return 0;
	default:
		if (p[0] > 0x09)
			return -1;
		*out = p[0]; /* ZeroOp 0x00, OneOp 0x01, small values */
		*used = 1;
		return 0;
	}
}

int acpi_aml_find_s5(const uint8_t *aml, size_t len, uint8_t typ[2])
{
	const uint8_t *end = aml + len;

	for (size_t i = 0; i + 4 <= len; i++) {
		const uint8_t *p = aml + i;
		if (memcmp(p, "_S5_", 4) != 0 || i == 0)
			continue;
		/* NameOp (0x08), possibly with a root prefix '\'. */
		if (p[-1] != 0x08 &&
		    !(i >= 2 && p[-1] == '\\' && p[-2] == 0x08))
			continue;
		p += 4;
		if (p >= end || *p++ != 0x12) /* PackageOp */
			continue;
		if (p >= end || (size_t)(end - p) < pkg_length_size(*p) + 1)
			return -ENOENT;
		p += pkg_length_size(*p);
		p++; /* NumElements */
		size_t used;
		if (aml_int(p, end, &typ[0], &used) != 0)
			return -ENOENT;
		p += used;
		if (aml_int(p, end, &typ[1], &used) != 0)
			typ[1] = 0;
		return 0;
	}
	return -ENOENT;
}

/* The FADT's fields that locate the DSDT (ACPI 6.4 §5.2.9): the 64-bit
 * one wins where both are set. */
#define FADT_DSDT   40
#define FADT_X_DSDT 140

const void *acpi_dsdt(uint32_t *len)
{
	uint32_t flen;
	const uint8_t *fadt = acpi_find_table("FACP", &flen);
	const uint8_t *d;
	uint64_t pa = 0;

	if (!fadt)
		return NULL;
	if (FADT_X_DSDT + 8 <= flen)
		memcpy(&pa, fadt + FADT_X_DSDT, 8);
	if (!pa && FADT_DSDT + 4 <= flen)
		pa = load_le32(fadt, FADT_DSDT);
	if (!pa || pa >= (1ull << 46))
		return NULL;
	d = (const uint8_t *)(uintptr_t)pa;
	if (memcmp(d, "DSDT", 4) != 0)
		return NULL;
	memcpy(len, d + 4, 4);
	return *len > ACPI_SDT_HEADER_LEN && *len < TABLE_MAX_LEN ? d : NULL;
}

/* SPDX-License-Identifier: MIT */
/*
 * gpt.c: a disk's GUID partition table (UEFI 2.10 §5.3): the header at
 * LBA 1, its CRC32, the entry array it points at and that array's CRC32,
 * every field checked against the disk before a partition is believed.
 * Portable: the disk is read through a callback (the unit tests give it
 * an image file).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <ukos/gpt.h>
#include <ukos/unaligned.h>

#define HDR_SIG        0x5452415020494645ull /* "EFI PART" */
#define HDR_REVISION   0x00010000
#define HDR_SIZE_MIN   92
#define H_SIGNATURE    0
#define H_REVISION     8
#define H_SIZE         12
#define H_CRC          16
#define H_MY_LBA       24
#define H_FIRST_USABLE 40
#define H_LAST_USABLE  48
#define H_ENTRIES_LBA  72
#define H_ENTRIES      80
#define H_ENTRY_SIZE   84
#define H_ENTRIES_CRC  88
#define ENTRY_SIZE_MIN 128
#define ENTRIES_MAX    1024
#define E_TYPE         0
#define E_FIRST        32
#define E_LAST         40
#define E_NAME         56
#define E_NAME_UNITS   36

uint32_t gpt_crc32(const void *p, size_t n)
{
	const uint8_t *b = p;
	uint32_t crc = 0xffffffffu;

	while (n--) {
		crc ^= *b++;
		for (int k = 0; k < 8; k++)
			crc = crc >> 1 ^ (0xedb88320u & -(crc & 1));
	}
	return ~crc;
}

static int check_header(uint8_t *h, uint32_t sector, uint64_t sectors)
{
	uint32_t size = load_le32(h, H_SIZE), crc = load_le32(h, H_CRC);
	uint64_t first = load_le64(h, H_FIRST_USABLE);
	uint64_t last = load_le64(h, H_LAST_USABLE);

	if (load_le64(h, H_SIGNATURE) != HDR_SIG)
		return -ENOENT; /* no GPT: not an error */
	if (size < HDR_SIZE_MIN || size > sector || load_le64(h, H_MY_LBA) != 1)
		return -EINVAL;
	memset(h + H_CRC, 0, 4);
	if (gpt_crc32(h, size) != crc)
		return -EINVAL;
	if (first > last || last >= sectors)
		return -EINVAL;
	return 0;
}

int gpt_read(uint32_t sector, uint64_t sectors,
	     int (*read)(void *ctx, uint64_t lba, uint32_t count, void *buf),
	     void *ctx, struct gpt_part *parts, unsigned max)
{
	uint8_t *h = malloc(sector), *entries = NULL;
	uint32_t n, esize, bytes, count;
	uint64_t at;
	unsigned found = 0;
	int err = h ? read(ctx, 1, 1, h) : -ENOMEM;

	if (!err && sectors < 3)
		err = -ENOENT;
	if (!err)
		err = check_header(h, sector, sectors);
	if (err)
		goto out;
	n = load_le32(h, H_ENTRIES);
	esize = load_le32(h, H_ENTRY_SIZE);
	at = load_le64(h, H_ENTRIES_LBA);
	err = -EINVAL;
	if (n > ENTRIES_MAX || esize < ENTRY_SIZE_MIN || esize % 8 ||
	    esize > 4096)
		goto out;
	bytes = n * esize;
	count = (bytes + sector - 1) / sector;
	if (at < 2 || at >= sectors || count > sectors - at)
		goto out;
	entries = malloc((size_t)count * sector + 1);
	if (!entries) {
		err = -ENOMEM;
		goto out;
	}
	err = count ? read(ctx, at, count, entries) : 0;
	if (!err && gpt_crc32(entries, bytes) != load_le32(h, H_ENTRIES_CRC))
		err = -EINVAL;
	for (uint32_t i = 0; !err && i < n && found < max; i++) {
		const uint8_t *e = entries + (size_t)i * esize;
		struct gpt_part *p = &parts[found];
		static const uint8_t unused[16];

		if (!memcmp(e + E_TYPE, unused, 16))
			continue;
		p->first = load_le64(e, E_FIRST);
		p->last = load_le64(e, E_LAST);
		if (p->first > p->last || p->last >= sectors ||
		    p->first < load_le64(h, H_FIRST_USABLE) ||
		    p->last > load_le64(h, H_LAST_USABLE))
			continue; /* outside the disk's usable area: ignored */
		p->index = i + 1;
		memcpy(p->type, e + E_TYPE, 16);
		/* The name, UTF-16LE: its ASCII, '?' for the rest. */
		for (unsigned k = 0; k < E_NAME_UNITS; k++) {
			uint16_t c = load_le16(e, E_NAME + 2 * k);
			p->name[k] = c == 0 ? 0 : c < 0x80 ? (char)c : '?';
			if (!c)
				break;
		}
		p->name[E_NAME_UNITS] = '\0';
		found++;
	}
out:
	free(h);
	free(entries);
	return err ? err : (int)found;
}

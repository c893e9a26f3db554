/* SPDX-License-Identifier: MIT */
/*
 * kprintf.c: a small printf for the kernel, usable from any context and
 * before libc is initialised (newlib's printf allocates and locks).
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <ukos/console.h>

struct sink {
	char *buf;
	size_t size;
	size_t len;
	bool to_console;
};

static void put(struct sink *s, const char *p, size_t n)
{
	if (s->to_console) {
		console_write(p, n);
	} else if (s->len + 1 < s->size) {
		size_t room = s->size - 1 - s->len;
		memcpy(s->buf + s->len, p, n < room ? n : room);
	}
	s->len += n;
}

static void pad(struct sink *s, char c, int n)
{
	while (n-- > 0)
		put(s, &c, 1);
}

struct spec {
	bool zero, left;
	int width;
	int base;
	bool upper, is_signed;
};

static void put_number(struct sink *s, const struct spec *sp, uint64_t v,
		       bool neg)
{
	const char *digits =
		sp->upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int n = 0;

	do {
		tmp[n++] = digits[v % sp->base];
		v /= sp->base;
	} while (v);
	int len = n + neg;
	if (!sp->left && !sp->zero)
		pad(s, ' ', sp->width - len);
	if (neg)
		put(s, "-", 1);
	if (!sp->left && sp->zero)
		pad(s, '0', sp->width - len);
	while (n)
		put(s, &tmp[--n], 1);
	if (sp->left)
		pad(s, ' ', sp->width - len);
}

static void put_string(struct sink *s, const struct spec *sp, const char *str)
{
	size_t n = strlen(str ? str : "(null)");
	if (!sp->left)
		pad(s, ' ', sp->width - (int)n);
	put(s, str ? str : "(null)", n);
	if (sp->left)
		pad(s, ' ', sp->width - (int)n);
}

/* Read an integer argument of the given length modifier (0 none, 1 l,
 * 2 ll, 3 z). */
static uint64_t int_arg(va_list *ap, int lmod, bool is_signed, bool *neg)
{
	int64_t sv;
	uint64_t uv;

	*neg = false;
	if (!is_signed) {
		uv = lmod == 0 ? va_arg(*ap, unsigned) : va_arg(*ap, uint64_t);
		return uv;
	}
	sv = lmod == 0 ? va_arg(*ap, int) : va_arg(*ap, int64_t);
	if (sv < 0) {
		*neg = true;
		return 0 - (uint64_t)sv;
	}
	return (uint64_t)sv;
}

static const char *conversion(struct sink *s, const char *f, va_list *ap)
{
	struct spec sp = { .base = 10 };
	int lmod = 0;
	bool neg;

	for (;; f++) {
		if (*f == '0')
			sp.zero = true;
		else if (*f == '-')
			sp.left = true;
		else
			break;
	}
	while (*f >= '0' && *f <= '9')
		sp.width = sp.width * 10 + (*f++ - '0');
	while (*f == 'l' || *f == 'z')
		lmod += *f++ == 'z' ? 3 : 1;
	switch (*f) {
	case 'c': {
		char c = (char)va_arg(*ap, int);
		put(s, &c, 1);
		break;
	}
	case 's':
		put_string(s, &sp, va_arg(*ap, const char *));
		break;
	case 'd':
	case 'i':
		sp.is_signed = true;
		/* fall through */
	case 'u': {
		uint64_t v = int_arg(ap, lmod, sp.is_signed, &neg);
		put_number(s, &sp, v, neg);
		break;
	}
	case 'X':
		sp.upper = true;
		/* fall through */
	case 'x':
		sp.base = 16;
		put_number(s, &sp, int_arg(ap, lmod, false, &neg), false);
		break;
	case 'p':
		put(s, "0x", 2);
		sp.base = 16;
		put_number(s, &sp, (uintptr_t)va_arg(*ap, void *), false);
		break;
	case '%':
		put(s, "%", 1);
		break;
	default: /* unknown: print it, so the mistake shows */
		put(s, "%", 1);
		if (!*f)
			return f;
		put(s, f, 1);
	}
	return f + 1;
}

static void format(struct sink *s, const char *fmt, va_list ap)
{
	va_list aq;

	va_copy(aq, ap);
	while (*fmt) {
		const char *pct = strchr(fmt, '%');
		size_t n = pct ? (size_t)(pct - fmt) : strlen(fmt);
		put(s, fmt, n);
		fmt += n;
		if (pct)
			fmt = conversion(s, pct + 1, &aq);
	}
	va_end(aq);
}

void kvprintf(const char *fmt, va_list ap)
{
	struct sink s = { .to_console = true };
	format(&s, fmt, ap);
}

void kprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	kvprintf(fmt, ap);
	va_end(ap);
}

int kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct sink s = { .buf = buf, .size = size };
	format(&s, fmt, ap);
	if (size)
		buf[s.len < size ? s.len : size - 1] = '\0';
	return (int)s.len;
}

int ksnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = kvsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

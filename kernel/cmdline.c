/* SPDX-License-Identifier: MIT */
/*
 * cmdline.c: splitting the boot command line into words the way a POSIX
 * shell does for plain words and quotes, and applying kernel options.
 */
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <string.h>
#include <ukos/cmdline.h>

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Inside "...", a backslash escapes '"' and '\' (as in sh) and also '\'',
 * because GRUB's multiboot2 loader passes an argument holding a space and
 * a single quote as "it\'s here". */
static bool dquote_escape(const char *r)
{
	return r[0] == '\\' && (r[1] == '"' || r[1] == '\\' || r[1] == '\'');
}

/*
 * Unquote the word starting at *p in place: the result is never longer than
 * its input, so it is written over it. Advances *p past the word and the
 * space after it; sets *quoted if any quoting or escaping was seen (a
 * quoted "--" is an ordinary word). Returns 0, or -EINVAL for an unclosed
 * quote. A backslash at the very end of the line stays a backslash.
 */
static int next_word(char **p, char **word, bool *quoted)
{
	char *r = *p, *w = *p;
	char quote = 0;

	*word = w;
	*quoted = false;
	for (; *r && (quote || !is_space(*r)); r++) {
		if (quote == '\'' && *r != '\'') {
			*w++ = *r;
		} else if (quote == '"' && dquote_escape(r)) {
			*w++ = *++r;
		} else if (*r == quote) {
			quote = 0;
		} else if (!quote && (*r == '\'' || *r == '"')) {
			quote = *r;
			*quoted = true;
		} else if (!quote && *r == '\\' && r[1]) {
			*w++ = *++r;
			*quoted = true;
		} else {
			*w++ = *r;
		}
	}
	if (quote)
		return -EINVAL;
	*p = *r ? r + 1 : r;
	*w = '\0'; /* may land on the space just passed: it is consumed */
	return 0;
}

/* A letter, '_', or (digits too) a digit: what a variable's NAME holds. */
static bool name_char(char c, bool digits)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' ||
	       (digits && c >= '0' && c <= '9');
}

bool cmdline_env_word(const char *w)
{
	if (!name_char(*w, false))
		return false;
	while (name_char(*w, true))
		w++;
	return *w == '=';
}

/* File one word: before the first bare "--" an environment variable or an
 * option, after it an argument. */
static int add_word(struct cmdline *out, char *word, bool quoted, bool *app)
{
	if (!*app && !quoted && strcmp(word, "--") == 0) {
		*app = true;
		return 0;
	}
	if (*app) {
		if (out->argc == CMDLINE_MAX_ARGS)
			return -E2BIG;
		out->argv[out->argc++] = word;
		return 0;
	}
	if (cmdline_env_word(word)) {
		if (out->envc == CMDLINE_MAX_ENV)
			return -E2BIG;
		out->env[out->envc++] = word;
		return 0;
	}
	if (out->opt_count == CMDLINE_MAX_OPTS)
		return -E2BIG;
	out->opts[out->opt_count++] = word;
	return 0;
}

/* A VMM that describes devices on the command line (QEMU's microvm
 * without ACPI, Firecracker) appends them to the line it was given: after
 * the application's "--" they are still the kernel's. */
static const char vmm_word[] = "virtio_mmio.device=";

static int take_vmm_words(struct cmdline *cl)
{
	int first = cl->argc, err = 0;

	while (first > 0 && strncmp(cl->argv[first - 1], vmm_word,
				    sizeof(vmm_word) - 1) == 0)
		first--;
	for (int i = first; i < cl->argc && !err; i++) {
		if (cl->opt_count == CMDLINE_MAX_OPTS)
			err = -E2BIG;
		else
			cl->opts[cl->opt_count++] = cl->argv[i];
	}
	cl->argc = first;
	cl->argv[first] = NULL;
	return err;
}

int cmdline_split(char *buf, struct cmdline *out)
{
	bool app = false;
	char *p = buf;

	memset(out, 0, sizeof(*out));
	for (;;) {
		char *word;
		bool quoted;
		int err;

		while (is_space(*p))
			p++;
		if (!*p)
			return take_vmm_words(out);
		err = next_word(&p, &word, &quoted);
		if (!err)
			err = add_word(out, word, quoted, &app);
		if (err)
			return err;
	}
}

static const struct kernel_option *find(const struct kernel_option *first,
					const struct kernel_option *last,
					const char *key, size_t len)
{
	for (const struct kernel_option *o = first; o < last; o++)
		if (strncmp(o->key, key, len) == 0 && o->key[len] == '\0')
			return o;
	return NULL;
}

int cmdline_apply(const struct cmdline *cl, const struct kernel_option *first,
		  const struct kernel_option *last,
		  void (*report)(const char *opt, const char *why))
{
	int problems = 0;

	for (int i = 0; i < cl->opt_count; i++) {
		const char *opt = cl->opts[i];
		const char *eq = strchr(opt, '=');
		size_t klen = eq ? (size_t)(eq - opt) : strlen(opt);
		const struct kernel_option *o = find(first, last, opt, klen);

		if (!o) {
			/* No dot: meant as NAME=value, but not a valid NAME. */
			report(opt,
			       eq && !memchr(opt, '.', klen)
				       ? "neither a kernel option nor an "
					 "environment variable (NAME=value, "
					 "NAME of letters, digits and _)"
				       : "unknown kernel option");
			problems++;
		} else if (o->set(eq ? eq + 1 : NULL) != 0) {
			report(opt, "invalid value");
			problems++;
		}
	}
	return problems;
}

int cmdline_size(const char *v, unsigned long long *out)
{
	static const char units[] = "KMG";
	unsigned long long n = 0;
	const char *u;

	if (!v || *v < '0' || *v > '9')
		return -EINVAL;
	for (; *v >= '0' && *v <= '9'; v++) {
		unsigned d = (unsigned)(*v - '0');
		if (n > (ULLONG_MAX - d) / 10)
			return -EINVAL;
		n = n * 10 + d;
	}
	u = *v ? strchr(units, *v & ~0x20) : NULL;
	if (u) {
		unsigned shift = 10 * (unsigned)(u - units + 1);
		if (n > ULLONG_MAX >> shift)
			return -EINVAL;
		n <<= shift, v++;
	}
	if (*v)
		return -EINVAL;
	*out = n;
	return 0;
}

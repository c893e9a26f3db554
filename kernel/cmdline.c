/* SPDX-License-Identifier: MIT */
/*
 * cmdline.c: splitting the boot command line like a shell would (quotes
 * and backslashes), and applying kernel options.
 */
#include <errno.h>
#include <stdbool.h>
#include <string.h>
#include <ukos/cmdline.h>

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Unquote one word in place starting at *p; the result is written over
 * the input (it is never longer). Sets *quoted if any quoting was seen.
 * Returns 0 or -EINVAL on an unclosed quote. */
static int next_word(char **p, char **word, bool *quoted)
{
	char *r = *p, *w = *p;
	char quote = 0;

	*word = w;
	*quoted = false;
	for (; *r && (quote || !is_space(*r)); r++) {
		if (quote == '\'' && *r != '\'') {
			*w++ = *r;
		} else if (*r == '\'' || *r == '"') {
			if (!quote)
				quote = *r, *quoted = true;
			else if (quote == *r)
				quote = 0;
			else
				*w++ = *r;
		} else if (*r == '\\' && r[1] &&
			   (!quote || r[1] == '"' || r[1] == '\\' ||
			    r[1] == '\'')) {
			*w++ = *++r;
			*quoted = true;
		} else {
			*w++ = *r;
		}
	}
	if (quote)
		return -EINVAL;
	*p = *r ? r + 1 : r;
	*w = '\0';
	return 0;
}

int cmdline_split(char *buf, struct cmdline *out)
{
	bool app = false;
	char *p = buf;

	memset(out, 0, sizeof(*out));
	for (;;) {
		char *word;
		bool quoted;
		while (is_space(*p))
			p++;
		if (!*p)
			return 0;
		if (next_word(&p, &word, &quoted))
			return -EINVAL;
		if (!app && !quoted && strcmp(word, "--") == 0) {
			app = true;
		} else if (app) {
			if (out->argc == CMDLINE_MAX_ARGS)
				return -E2BIG;
			out->argv[out->argc++] = word;
		} else {
			if (out->opt_count == CMDLINE_MAX_OPTS)
				return -E2BIG;
			out->opts[out->opt_count++] = word;
		}
	}
}

static const struct kernel_option *find(const struct kernel_option *first,
					const struct kernel_option *last,
					const char *key, size_t len)
{
	for (const struct kernel_option *o = first; o < last; o++)
		if (strlen(o->key) == len && strncmp(o->key, key, len) == 0)
			return o;
	return NULL;
}

int cmdline_apply(const struct cmdline *cl, const struct kernel_option *first,
		  const struct kernel_option *last,
		  void (*report)(const char *key, const char *why))
{
	int problems = 0;

	for (int i = 0; i < cl->opt_count; i++) {
		char *opt = cl->opts[i];
		char *eq = strchr(opt, '=');
		size_t klen = eq ? (size_t)(eq - opt) : strlen(opt);
		const struct kernel_option *o = find(first, last, opt, klen);
		if (!o) {
			report(opt, "unknown kernel option");
			problems++;
		} else if (o->set(eq ? eq + 1 : NULL) != 0) {
			report(opt, "invalid value");
			problems++;
		}
	}
	return problems;
}

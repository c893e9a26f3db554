/* SPDX-License-Identifier: MIT */
/*
 * The boot command line: kernel options (key=value), then "--", then the
 * application's arguments. Quoting follows the shell's basic rules ('...',
 * "...", backslash) so an argument may hold spaces.
 */
#ifndef UKOS_CMDLINE_H
#define UKOS_CMDLINE_H

#include <stdbool.h>
#include <stddef.h>

#define CMDLINE_MAX_ARGS 64
#define CMDLINE_MAX_OPTS 32
#define CMDLINE_MAX_ENV  32

struct cmdline {
	char *opts[CMDLINE_MAX_OPTS]; /* "key=value" or "key", before "--" */
	int opt_count;
	/* Before "--", the words NAME=value (cmdline_env_word): the
	 * application's environment, as Linux gives init; env[envc] == NULL. */
	char *env[CMDLINE_MAX_ENV + 1];
	int envc;
	char *argv[CMDLINE_MAX_ARGS + 1]; /* after "--"; argv[argc] == NULL */
	int argc;
};

/* Whether word is an environment assignment NAME=value: NAME a letter or
 * '_', then letters, digits and '_' (so never a kernel option, whose keys
 * have a dot). */
bool cmdline_env_word(const char *word);

/*
 * Split buf in place into options and arguments. Words are separated by
 * blanks (space, tab, CR, LF); '...' is literal; inside "..." a backslash
 * escapes '"', '\' and '\'' (GRUB writes \' there); outside quotes a
 * backslash escapes any next character (a backslash ending the line
 * stays). The first bare "--" word ends the options; a quoted or escaped
 * "--" is an ordinary word, and so is every later "--". The words
 * virtio_mmio.device=... that end the line are options even after "--":
 * VMMs append them to the line they were given. Returns 0, -E2BIG
 * when there are more options or arguments than fit, or -EINVAL on an
 * unclosed quote. On error *out holds what was split before the problem
 * (argv[argc] is still NULL).
 */
int cmdline_split(char *buf, struct cmdline *out);

/*
 * A kernel option handler. value is the text after '=', or NULL for a bare
 * "key". Returns 0 if value was accepted, -EINVAL if not.
 * Registered with KERNEL_OPTION(); only linked subsystems register theirs.
 */
struct kernel_option {
	const char *key; /* "ukos.exit", "net.ip", ... */
	int (*set)(const char *value);
	const char *help;
};

#define KERNEL_OPTION(name, keystr, fn, helpstr)                               \
	static const struct kernel_option kopt_##name                          \
		__attribute__((used, section(".kopts"), aligned(8))) = {       \
			.key = keystr, .set = fn, .help = helpstr              \
		}

/*
 * Apply each option of cl against the table [first, last): the key is the
 * text before the first '=' and must match an entry's key exactly; set()
 * gets the text after that '=', or NULL when there is none. An unknown key
 * is reported as report(opt, "unknown kernel option"), a value that set()
 * rejects as report(opt, "invalid value"), where opt is the whole option
 * as written ("key=value", so the message shows the value too). Returns
 * the number of problems (0 when every option was applied).
 */
int cmdline_apply(const struct cmdline *cl, const struct kernel_option *first,
		  const struct kernel_option *last,
		  void (*report)(const char *opt, const char *why));

/* A size option's value: decimal bytes, or with a K, M or G suffix (2^10,
 * 2^20, 2^30). 0 with *out set, or -EINVAL (empty, junk, overflow). */
int cmdline_size(const char *v, unsigned long long *out);

#endif

/* SPDX-License-Identifier: MIT */
/*
 * syslog.c: the system log. There is no log daemon in a unikernel; the
 * system's log is the kernel's messages console, so each message is one
 * line there ("ident[1]: text"), whole even when threads log at once.
 * LOG_PERROR copies it to stderr too. %m is strerror(errno), as POSIX
 * asks.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <syslog.h>
#include <ukos/console.h>
#include <unistd.h>

#define LINE_MAX_LEN 1024

static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
static const char *log_ident;
static int log_option;
static int log_mask = 0xff;

void openlog(const char *ident, int option, int facility)
{
	(void)facility; /* one log: the facility chooses nothing */
	pthread_mutex_lock(&log_lock);
	log_ident = ident;
	log_option = option;
	pthread_mutex_unlock(&log_lock);
}

void closelog(void)
{
	pthread_mutex_lock(&log_lock);
	log_ident = NULL;
	log_option = 0;
	pthread_mutex_unlock(&log_lock);
}

int setlogmask(int mask)
{
	int old;

	pthread_mutex_lock(&log_lock);
	old = log_mask;
	if (mask)
		log_mask = mask;
	pthread_mutex_unlock(&log_lock);
	return old;
}

/* format with each %m replaced by the error's text (%%m stays). */
static void expand_m(char *out, size_t size, const char *format, int err)
{
	const char *text = strerror(err);
	size_t n = 0;

	for (const char *p = format; *p && n + 1 < size; p++) {
		if (p[0] == '%' && p[1] == '%') {
			out[n++] = *p++;
			if (n + 1 < size)
				out[n++] = *p;
		} else if (p[0] == '%' && p[1] == 'm') {
			for (const char *t = text; *t && n + 1 < size; t++)
				out[n++] = *t == '%' ? '?' : *t;
			p++;
		} else {
			out[n++] = *p;
		}
	}
	out[n] = '\0';
}

void vsyslog(int priority, const char *format, va_list ap)
{
	char fmt[LINE_MAX_LEN], line[LINE_MAX_LEN];
	int err = errno, n = 0;

	pthread_mutex_lock(&log_lock);
	if (!(log_mask & LOG_MASK(LOG_PRI(priority)))) {
		pthread_mutex_unlock(&log_lock);
		return;
	}
	expand_m(fmt, sizeof(fmt), format, err);
	if (log_ident)
		n = snprintf(line, sizeof(line), "%s%s: ", log_ident,
			     log_option & LOG_PID ? "[1]" : "");
	if (n < 0 || n >= (int)sizeof(line))
		n = 0;
	n += vsnprintf(line + n, sizeof(line) - (size_t)n, fmt, ap);
	if (n >= (int)sizeof(line) - 1)
		n = (int)sizeof(line) - 2;
	if (n > 0 && line[n - 1] != '\n')
		line[n++] = '\n';
	console_write(line, (size_t)n);
	if (log_option & LOG_PERROR)
		write(STDERR_FILENO, line, (size_t)n);
	pthread_mutex_unlock(&log_lock);
	errno = err;
}

void syslog(int priority, const char *format, ...)
{
	va_list ap;

	va_start(ap, format);
	vsyslog(priority, format, ap);
	va_end(ap);
}

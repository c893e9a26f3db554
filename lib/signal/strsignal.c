/* SPDX-License-Identifier: MIT */
/*
 * strsignal.c: signals' names and descriptions for Linux's numbers (in
 * place of newlib's, which has BSD's), strsignal, psignal and psiginfo.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "sig.h"

static const struct {
	const char *abbrev, *text;
} names[NSIG] = {
	[SIGHUP] = { "SIGHUP", "Hangup" },
	[SIGINT] = { "SIGINT", "Interrupt" },
	[SIGQUIT] = { "SIGQUIT", "Quit" },
	[SIGILL] = { "SIGILL", "Illegal instruction" },
	[SIGTRAP] = { "SIGTRAP", "Trace/breakpoint trap" },
	[SIGABRT] = { "SIGABRT", "Aborted" },
	[SIGBUS] = { "SIGBUS", "Bus error" },
	[SIGFPE] = { "SIGFPE", "Floating point exception" },
	[SIGKILL] = { "SIGKILL", "Killed" },
	[SIGUSR1] = { "SIGUSR1", "User defined signal 1" },
	[SIGSEGV] = { "SIGSEGV", "Segmentation fault" },
	[SIGUSR2] = { "SIGUSR2", "User defined signal 2" },
	[SIGPIPE] = { "SIGPIPE", "Broken pipe" },
	[SIGALRM] = { "SIGALRM", "Alarm clock" },
	[SIGTERM] = { "SIGTERM", "Terminated" },
	[SIGSTKFLT] = { "SIGSTKFLT", "Stack fault" },
	[SIGCHLD] = { "SIGCHLD", "Child exited" },
	[SIGCONT] = { "SIGCONT", "Continued" },
	[SIGSTOP] = { "SIGSTOP", "Stopped (signal)" },
	[SIGTSTP] = { "SIGTSTP", "Stopped" },
	[SIGTTIN] = { "SIGTTIN", "Stopped (tty input)" },
	[SIGTTOU] = { "SIGTTOU", "Stopped (tty output)" },
	[SIGURG] = { "SIGURG", "Urgent I/O condition" },
	[SIGXCPU] = { "SIGXCPU", "CPU time limit exceeded" },
	[SIGXFSZ] = { "SIGXFSZ", "File size limit exceeded" },
	[SIGVTALRM] = { "SIGVTALRM", "Virtual timer expired" },
	[SIGPROF] = { "SIGPROF", "Profiling timer expired" },
	[SIGWINCH] = { "SIGWINCH", "Window changed" },
	[SIGIO] = { "SIGIO", "I/O possible" },
	[SIGPWR] = { "SIGPWR", "Power failure" },
	[SIGSYS] = { "SIGSYS", "Bad system call" },
};

const char *signal_abbrev(int sig)
{
	return signal_valid(sig) && names[sig].abbrev ? names[sig].abbrev
						      : "signal";
}

/* prefix and n in buf (no printf: the default action of every signal
 * needs this, and so every program would carry printf). */
static char *numbered(char *buf, size_t size, const char *prefix, int n)
{
	size_t len = strlen(prefix);
	char digits[12];
	int k = 0;
	unsigned u = n < 0 ? -(unsigned)n : (unsigned)n;

	memcpy(buf, prefix, len);
	do
		digits[k++] = (char)('0' + u % 10);
	while ((u /= 10));
	if (n < 0)
		digits[k++] = '-';
	while (k && len + 1 < size)
		buf[len++] = digits[--k];
	buf[len] = '\0';
	return buf;
}

char *strsignal(int sig)
{
	static char buf[32];

	if (signal_valid(sig) && names[sig].text)
		return (char *)names[sig].text;
	if (sig >= SIGRTMIN && sig <= SIGRTMAX)
		return numbered(buf, sizeof(buf), "Real-time signal ",
				sig - SIGRTMIN);
	return numbered(buf, sizeof(buf), "Unknown signal ", sig);
}

void psignal(int sig, const char *s)
{
	if (s && *s)
		fprintf(stderr, "%s: %s\n", s, strsignal(sig));
	else
		fprintf(stderr, "%s\n", strsignal(sig));
}

void psiginfo(const siginfo_t *info, const char *s)
{
	psignal(info->si_signo, s);
}

/* SPDX-License-Identifier: MIT */
/*
 * sys/signal.h: signals as Linux numbers and lays them out for its C
 * programs, in place of newlib's (BSD numbers, 32 signals, a sigaction
 * without sa_sigaction, SA_RESTART or SA_ONSTACK). <signal.h> is newlib's
 * and includes this one. lib/signal/ implements every call declared here;
 * newlib's own signal files are not linked.
 */
#ifndef _SYS_SIGNAL_H
#define _SYS_SIGNAL_H

#include <sys/_sigset.h>
#include <sys/_timespec.h>
#include <sys/cdefs.h>
#include <sys/features.h>
#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

#if !defined(_SIGSET_T_DECLARED)
#define _SIGSET_T_DECLARED
typedef __sigset_t sigset_t; /* bit n - 1 is signal n */
#endif

/* Linux's numbers (signal(7)), so 128 + N means what a Linux shell says. */
#define SIGHUP    1
#define SIGINT    2
#define SIGQUIT   3
#define SIGILL    4
#define SIGTRAP   5
#define SIGABRT   6
#define SIGIOT    SIGABRT
#define SIGBUS    7
#define SIGFPE    8
#define SIGKILL   9
#define SIGUSR1   10
#define SIGSEGV   11
#define SIGUSR2   12
#define SIGPIPE   13
#define SIGALRM   14
#define SIGTERM   15
#define SIGSTKFLT 16
#define SIGCHLD   17
#define SIGCLD    SIGCHLD
#define SIGCONT   18
#define SIGSTOP   19
#define SIGTSTP   20
#define SIGTTIN   21
#define SIGTTOU   22
#define SIGURG    23
#define SIGXCPU   24
#define SIGXFSZ   25
#define SIGVTALRM 26
#define SIGPROF   27
#define SIGWINCH  28
#define SIGIO     29
#define SIGPOLL   SIGIO
#define SIGPWR    30
#define SIGSYS    31
#define SIGRTMIN  34 /* 32 and 33 are glibc's own; left unused likewise */
#define SIGRTMAX  64
#define NSIG      65 /* one more than the highest number */
#define _NSIG     NSIG

typedef void (*_sig_func_ptr)(int);

union sigval {
	int sival_int;
	void *sival_ptr;
};

/* sigev_notify, Linux's values. */
#define SIGEV_SIGNAL 0
#define SIGEV_NONE   1
#define SIGEV_THREAD 2

struct sigevent {
	union sigval sigev_value;
	int sigev_signo;
	int sigev_notify;
	void (*sigev_notify_function)(union sigval);
	pthread_attr_t *sigev_notify_attributes;
};

/* si_code: who sent it (POSIX, Linux's values) ... */
#define SI_USER    0
#define SI_KERNEL  0x80
#define SI_QUEUE   (-1)
#define SI_TIMER   (-2)
#define SI_MESGQ   (-3)
#define SI_ASYNCIO (-4)
#define SI_TKILL   (-6)
/* ... or what fault it was. */
#define ILL_ILLOPC  1
#define ILL_ILLOPN  2
#define FPE_INTDIV  1
#define FPE_FLTINV  7
#define SEGV_MAPERR 1
#define SEGV_ACCERR 2
#define BUS_ADRALN  1
#define BUS_ADRERR  2
#define TRAP_BRKPT  1
#define TRAP_TRACE  2
/* SIGCHLD's and SIGPOLL's, for code that names them (no children here). */
#define CLD_EXITED    1
#define CLD_KILLED    2
#define CLD_DUMPED    3
#define CLD_TRAPPED   4
#define CLD_STOPPED   5
#define CLD_CONTINUED 6
#define POLL_IN       1
#define POLL_OUT      2
#define POLL_MSG      3
#define POLL_ERR      4
#define POLL_PRI      5
#define POLL_HUP      6

typedef struct {
	int si_signo;
	int si_errno;
	int si_code;
	pid_t si_pid;
	uid_t si_uid;
	void *si_addr; /* faults: the address (SIGSEGV, SIGBUS) or the
			  instruction (SIGILL, SIGFPE, SIGTRAP) */
	int si_status;
	long si_band;
	union sigval si_value;
	int si_timerid;
	int si_overrun;
} siginfo_t;

/* sa_flags, Linux's values. */
#define SA_NOCLDSTOP 0x00000001
#define SA_NOCLDWAIT 0x00000002
#define SA_SIGINFO   0x00000004
#define SA_ONSTACK   0x08000000
#define SA_RESTART   0x10000000
#define SA_NODEFER   0x40000000
#define SA_RESETHAND 0x80000000
#define SA_NOMASK    SA_NODEFER
#define SA_ONESHOT   SA_RESETHAND

struct sigaction {
	union {
		_sig_func_ptr sa_handler;
		void (*sa_sigaction)(int, siginfo_t *, void *);
	} __sa_handler;
	sigset_t sa_mask;
	int sa_flags;
	void (*sa_restorer)(void); /* unused, as on Linux for C code */
};
#define sa_handler   __sa_handler.sa_handler
#define sa_sigaction __sa_handler.sa_sigaction

/* sigaltstack */
#define SS_ONSTACK  1
#define SS_DISABLE  2
#define MINSIGSTKSZ 2048
#define SIGSTKSZ    8192

typedef struct sigaltstack {
	void *ss_sp;
	int ss_flags;
	size_t ss_size;
} stack_t;

#define SIG_BLOCK   0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2

int sigprocmask(int, const sigset_t *, sigset_t *);
int pthread_sigmask(int, const sigset_t *, sigset_t *);
int kill(pid_t, int);
int killpg(pid_t, int);
int sigaction(int, const struct sigaction *__restrict,
	      struct sigaction *__restrict);
int sigaddset(sigset_t *, int);
int sigdelset(sigset_t *, int);
int sigismember(const sigset_t *, int);
int sigfillset(sigset_t *);
int sigemptyset(sigset_t *);
int sigpending(sigset_t *);
int sigsuspend(const sigset_t *);
int sigwait(const sigset_t *__restrict, int *__restrict);
int sigwaitinfo(const sigset_t *__restrict, siginfo_t *__restrict);
int sigtimedwait(const sigset_t *__restrict, siginfo_t *__restrict,
		 const struct timespec *__restrict);
int sigqueue(pid_t, int, const union sigval);
int sigaltstack(const stack_t *__restrict, stack_t *__restrict);
int siginterrupt(int, int);
int pthread_kill(pthread_t, int);
void psiginfo(const siginfo_t *, const char *);

#ifdef __cplusplus
}
#endif

#ifndef _SIGNAL_H_
/* As newlib's does: programs that include only this get <signal.h>. */
#include <signal.h>
#endif
#endif

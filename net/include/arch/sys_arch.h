/* SPDX-License-Identifier: MIT */
/*
 * arch/sys_arch.h: lwIP's operating-system types on ukos (doc/sys_arch.txt):
 * semaphores, mutexes, mailboxes and threads are pointers to kernel
 * objects made in net/sys_arch.c; NULL is "invalid".
 */
#ifndef UKOS_LWIP_ARCH_SYS_ARCH_H
#define UKOS_LWIP_ARCH_SYS_ARCH_H

#include <stddef.h>

typedef struct sys_sem *sys_sem_t;
typedef struct kmutex *sys_mutex_t;
typedef struct sys_mbox *sys_mbox_t;
typedef struct thread *sys_thread_t;
typedef unsigned long sys_prot_t; /* saved interrupt flags */

#define sys_sem_valid(s)            (*(s) != NULL)
#define sys_sem_set_invalid(s)      (*(s) = NULL)
#define sys_mutex_valid(m)          (*(m) != NULL)
#define sys_mutex_set_invalid(m)    (*(m) = NULL)
#define sys_mbox_valid(m)           (*(m) != NULL)
#define sys_mbox_set_invalid(m)     (*(m) = NULL)
#define sys_sem_valid_val(s)        ((s) != NULL)
#define sys_sem_set_invalid_val(s)  ((s) = NULL)
#define sys_mbox_valid_val(m)       ((m) != NULL)
#define sys_mbox_set_invalid_val(m) ((m) = NULL)

#endif

/* SPDX-License-Identifier: MIT */
/*
 * sys/prctl.h: Linux's process controls, the ones ukos has (the calling
 * thread's name). Others are EINVAL, as Linux answers an option it does
 * not know. lib/env/prctl.c.
 */
#ifndef _SYS_PRCTL_H
#define _SYS_PRCTL_H

#ifdef __cplusplus
extern "C" {
#endif

#define PR_SET_NAME 15
#define PR_GET_NAME 16

int prctl(int option, ...);

#ifdef __cplusplus
}
#endif

#endif

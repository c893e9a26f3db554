/* SPDX-License-Identifier: MIT */
/*
 * features.h: where Linux programs look for the feature macros (glibc and
 * musl both have it); newlib keeps them in <sys/features.h>. No __GLIBC__:
 * the C library is newlib.
 */
#ifndef UKOS_FEATURES_H
#define UKOS_FEATURES_H

#include <sys/features.h>

#endif

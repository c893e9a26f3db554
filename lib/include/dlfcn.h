/* SPDX-License-Identifier: MIT */
/*
 * dlfcn.h: dynamic loading, as glibc declares it. A ukos image is one
 * static link: dlopen of a file fails (dlerror says why), while dladdr
 * names the image's own functions from its symbol table.
 * lib/dl/dlfcn.c implements it.
 */
#ifndef _DLFCN_H
#define _DLFCN_H

#ifdef __cplusplus
extern "C" {
#endif

#define RTLD_LAZY     0x00001
#define RTLD_NOW      0x00002
#define RTLD_NOLOAD   0x00004
#define RTLD_DEEPBIND 0x00008
#define RTLD_GLOBAL   0x00100
#define RTLD_LOCAL    0
#define RTLD_NODELETE 0x01000

#define RTLD_NEXT    ((void *)-1l)
#define RTLD_DEFAULT ((void *)0)

typedef struct {
	const char *dli_fname; /* the image the address is in */
	void *dli_fbase;       /* where that image starts */
	const char *dli_sname; /* the nearest symbol at or below it */
	void *dli_saddr;       /* that symbol's address */
} Dl_info;

void *dlopen(const char *file, int mode);
void *dlsym(void *handle, const char *name);
int dlclose(void *handle);
char *dlerror(void);
int dladdr(const void *addr, Dl_info *info);

#ifdef __cplusplus
}
#endif

#endif

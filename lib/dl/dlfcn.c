/* SPDX-License-Identifier: MIT */
/*
 * dlfcn.c: dynamic loading in a static image. There is no dynamic linker
 * and no dynamic symbol table: dlopen fails (a program with plug-ins
 * takes its "cannot load" path and dlerror says why), and with no handle
 * ever given out, dlsym and dlclose fail too. dladdr does work, from the
 * symbol table crash reports use: it names the function an address is in
 * (what backtrace printers ask).
 */
#include <dlfcn.h>
#include <errno.h>
#include <stdint.h>
#include <ukos/crash.h>

extern char __image_start[];
extern char *program_invocation_name;

/* The last failure's text, until dlerror() takes it (POSIX). */
static char *last_error;

static void *fail(const char *why)
{
	last_error = (char *)why;
	return NULL;
}

void *dlopen(const char *file, int mode)
{
	(void)mode;
	return fail(file ? "dlopen: ukos images are linked statically: no "
			   "shared object can be loaded"
			 : "dlopen: ukos images are linked statically: the "
			   "program has no dynamic symbol table");
}

void *dlsym(void *handle, const char *name)
{
	(void)name;
	return fail(handle == RTLD_DEFAULT || handle == RTLD_NEXT
			    ? "dlsym: ukos images are linked statically: no "
			      "dynamic symbol table to look names up in"
			    : "dlsym: invalid handle");
}

int dlclose(void *handle)
{
	(void)handle;
	fail("dlclose: invalid handle");
	return -1;
}

char *dlerror(void)
{
	char *e = last_error;

	last_error = NULL;
	return e;
}

int dladdr(const void *addr, Dl_info *info)
{
	uintptr_t off;
	const char *name = ksym_lookup((uintptr_t)addr, &off);

	if (!name)
		return 0;
	info->dli_fname = program_invocation_name;
	info->dli_fbase = __image_start;
	info->dli_sname = name;
	info->dli_saddr = (void *)((uintptr_t)addr - off);
	return 1;
}

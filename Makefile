# SPDX-License-Identifier: MIT
# ukos: build libukos.a and one bootable image per application.
#
#   make [APP=name | APPDIR=dir]   build/<name>/<name>.elf and .iso
#   make disk [APP=…]              build/<name>/<name>.img: a GPT disk image
#   make run [APP=…] [ARGS="…"]    boot it in QEMU; exit status = the app's
#   make debug [APP=…] [ARGS="…"]  the same stopped at main in gdb
#   make install [PREFIX=…] [DESTDIR=…]  ukos-cc & co. for apps elsewhere
#   make port P=name               build/<name>/<name>.elf and .iso: a program
#                                  from its own sources (tools/ports/<name>/)
#   make conformance [C=regex]     the Open POSIX Test Suite: a table per interface
#   make test [T=regex]            unit + guest tests; ends "N passed, N failed"
#   make bench                     boot time and size figures
#   make V=1                       show the commands

O := build
APP ?= hello
APPDIR ?= apps/$(APP)
APPNAME := $(notdir $(abspath $(APPDIR)))
APPOUT := $(O)/$(APPNAME)
# An app's objects live under its absolute path, so that two apps of one
# name (from different directories) never share objects or the
# dependency files that name their sources.
APPOBJ := $(APPOUT)/obj$(abspath $(APPDIR))
ELF := $(APPOUT)/$(APPNAME).elf
ISO := $(APPOUT)/$(APPNAME).iso
DISK := $(APPOUT)/$(APPNAME).img
# ROOTFS=dir: the app's root file system, packed into the image (and as
# $(APPOUT)/$(APPNAME).cpio for ukos-run --initrd).
CPIO := $(if $(ROOTFS),$(APPOUT)/$(APPNAME).cpio)

ifeq ($(V),1)
Q :=
else
Q := @
endif

CC := gcc
LD := ld
AR := ar
# Where newlib and gcc's own files are, found once the packages are there:
# make builds this file first (installing what is missing) and then
# re-reads itself, so a fresh machine needs nothing but make.
CONFIG := $(O)/config.mk
ifeq ($(filter-out clean format format-check,$(or $(MAKECMDGOALS),all)),)
else
include $(CONFIG)
endif
NEWLIB_STAMP := $(NEWLIB)/.stamp

# Everything: no PIE/CET (the image is linked at a fixed address), no red
# zone (interrupts use the current stack), frame pointers (backtraces), the
# canary at %fs:0x28, stack-clash probes (a frame larger than a page
# touches each page on the way down, so it meets the guard page under its
# stack instead of jumping it); sections for --gc-sections; newlib's
# per-thread state through __getreent(), as newlib itself is built
# (tools/newlib.sh); __ukos__ for code that must tell ukos apart.
CFLAGS_BASE := -std=gnu11 -O2 -g -fno-pie -fno-pic -fcf-protection=none \
	-D__DYNAMIC_REENT__ -D__ukos__=1 \
	-mno-red-zone -fno-omit-frame-pointer -mno-omit-leaf-frame-pointer \
	-fstack-protector-strong -fstack-clash-protection \
	-ffunction-sections -fdata-sections -fno-asynchronous-unwind-tables \
	-nostdinc -isystem $(NEWLIB)/include -isystem $(GCC_INCLUDE) \
	-MMD -MP
WARN := -Wall -Wextra -Werror
# Kernel and arch code may run where SSE state is not saved: no SSE.
CFLAGS_KERNEL := $(CFLAGS_BASE) $(WARN) -ffreestanding -mgeneral-regs-only \
	-Ikernel/include -Ilib/include
CFLAGS_LIB := $(CFLAGS_BASE) $(WARN) -Ikernel/include -Ilib/include
# Guest tests may look inside: they see the kernel's and lwIP's headers.
# CFLAGS and CPPFLAGS, as a packager passes them, go to the app's code
# (after ukos's own, so they win), never to ukos's.
CFLAGS_APP := $(CFLAGS_BASE) -Wall -Wextra -Ilib/include $(APP_CFLAGS) \
	$(if $(findstring tests/guest/,$(APPDIR)),-Werror -Ikernel/include \
	-Inet/include -I$(LWIP)/src/include) $(CPPFLAGS) $(CFLAGS)
# -u: the boot entries, and ukos's versions of what newlib's own code calls
# (its locks, its per-thread state, abort and raise): named up front, they
# come from libukos.a before a newlib member that needs them can pull in
# newlib's own versions from libc.a.
LDFLAGS := -nostdlib -static -no-pie -z noexecstack -z max-page-size=4096 \
	--gc-sections -T linker/ukos.ld -u mb2_entry -u pvh_entry \
	-u __retarget_lock_acquire_recursive -u __getreent \
	-u abort -u raise -u signal

include arch/x86_64/build.mk
include kernel/build.mk
include lib/build.mk
include kernel/drivers/build.mk

KOBJS := $(patsubst %,$(O)/obj/%.o,$(ARCH_SRCS) $(KERNEL_SRCS))
LOBJS := $(patsubst %,$(O)/obj/%.o,$(LIB_SRCS))
LWIP_STAMP := $(LWIP)/.stamp
LWIP_OBJS := $(patsubst %,$(O)/obj/lwip/%.o,$(LWIP_SRCS))
NOBJS := $(patsubst %,$(O)/obj/%.o,$(NET_SRCS)) $(LWIP_OBJS)
DOBJS := $(patsubst %,$(O)/obj/%.o,$(DRV_SRCS))
BOBJS := $(patsubst %,$(O)/obj/%.o,$(BLK_SRCS))
LIBUKOS := $(O)/libukos.a
LIBUKOSDRV := $(O)/libukosdrv.a
LIBUKOSNET := $(O)/libukosnet.a
LIBUKOSBLK := $(O)/libukosblk.a
APP_SRCS := $(sort $(wildcard $(APPDIR)/*.c))
APP_OBJS := $(patsubst $(APPDIR)/%.c,$(APPOBJ)/%.o,$(APP_SRCS)) \
	$(APPOBJ)/appname.o
# What the app is made from, in two stamps that are rewritten only when
# their text changes: the app's objects depend on its directory and
# compile flags, the image also on its set of sources and the link flags.
# So any of them changing rebuilds what it must (make alone sees only
# sources newer than their objects: not another directory's older ones,
# nor a source removed, nor new flags).
APP_CC_STAMP := $(APPOUT)/cc.stamp
APP_LD_STAMP := $(APPOUT)/ld.stamp
# stamp FILE,TEXT: FILE holds TEXT, written only if it held something else
# (two strings are equal when each contains the other).
stamp = $(if $(and $(findstring $2,$(file <$1)),$(findstring $(file <$1),$2)),,\
	$(shell mkdir -p $(dir $1))$(file >$1,$2))
ifneq ($(filter-out clean format format-check,$(or $(MAKECMDGOALS),all)),)
$(call stamp,$(APP_CC_STAMP),$(abspath $(APPDIR)) $(CFLAGS_APP))
$(call stamp,$(APP_LD_STAMP),$(abspath $(APPDIR)) $(notdir $(APP_SRCS)) $(LDFLAGS))
endif
LIBS := --start-group $(LIBUKOS) $(NEWLIB)/lib/libc.a $(NEWLIB)/lib/libm.a \
	$(LIBGCC) --end-group

.PHONY: all disk deps run debug install port conformance test bench format format-check clean
.SUFFIXES:

all: $(LIBUKOS) $(LIBUKOSDRV) $(LIBUKOSNET) $(LIBUKOSBLK) $(ELF) $(ISO)

# Debian packages, and lwIP's source for the network stack (cached).
deps:
	$(Q)tools/ukos-deps
	$(Q)tools/lwip.sh fetch

# lwIP's source is fetched here too: make must see its files when it reads
# the rules for their objects, before any recipe runs (make -j).
$(CONFIG): tools/ukos-deps tools/newlib.sh tools/lwip.sh
	$(Q)tools/ukos-deps
	$(Q)tools/lwip.sh fetch
	@mkdir -p $(@D)
	$(Q){ echo "NEWLIB := $$(tools/newlib.sh prefix)"; \
	  echo "LIBGCC := $$($(CC) -print-libgcc-file-name)"; \
	  echo "GCC_INCLUDE := $$($(CC) -print-file-name=include)"; \
	  echo "LWIP := $$(tools/lwip.sh prefix)"; } > $@.tmp
	$(Q)mv $@.tmp $@

$(NEWLIB_STAMP): | deps
	$(Q)tools/newlib.sh build

$(O)/obj/%.c.o: %.c Makefile | $(NEWLIB_STAMP)
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(if $(filter lib/%,$<),$(CFLAGS_LIB),$(CFLAGS_KERNEL)) -c $< -o $@

# net/ and lwIP: thread context (SSE allowed), lwIP's headers and ours.
CFLAGS_NET := $(CFLAGS_LIB) -Inet/include -I$(LWIP)/src/include
$(O)/obj/net/%.c.o: net/%.c Makefile | $(NEWLIB_STAMP) $(LWIP_STAMP)
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CFLAGS_NET) -c $< -o $@

# lwIP is not ukos's code: its own warnings are not ukos's errors.
$(O)/obj/lwip/%.c.o: $(LWIP)/src/%.c Makefile | $(NEWLIB_STAMP) $(LWIP_STAMP)
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      lwip/$*.c")
	$(Q)$(CC) $(filter-out -Werror,$(CFLAGS_NET)) $(LWIP_CFLAGS_$*) -w -c $< -o $@

# The name servers a DHCP lease brings (at first and at every renewal)
# pass through net/net_init.c, which keeps net.dns='s when it was given.
LWIP_CFLAGS_core/ipv4/dhcp := -Ddns_setserver=net_dhcp_dns_setserver

$(LWIP_STAMP): | deps

$(O)/obj/%.S.o: %.S Makefile
	@mkdir -p $(@D)
	@$(if $(Q),echo "  AS      $<")
	$(Q)$(CC) -c -MMD -MP $< -o $@

$(LIBUKOS): $(KOBJS) $(LOBJS) tools/ukos-symcheck
	@$(if $(Q),echo "  AR      $@")
	$(Q)rm -f $@.tmp && $(AR) rcsD $@.tmp $(KOBJS) $(LOBJS)
	$(Q)tools/ukos-symcheck $@.tmp
	$(Q)mv $@.tmp $@

$(LIBUKOSDRV): $(DOBJS) tools/ukos-symcheck
	@$(if $(Q),echo "  AR      $@")
	$(Q)rm -f $@.tmp && $(AR) rcsD $@.tmp $(DOBJS)
	$(Q)tools/ukos-symcheck $@.tmp
	$(Q)mv $@.tmp $@

$(LIBUKOSBLK): $(BOBJS) tools/ukos-symcheck
	@$(if $(Q),echo "  AR      $@")
	$(Q)rm -f $@.tmp && $(AR) rcsD $@.tmp $(BOBJS)
	$(Q)tools/ukos-symcheck $@.tmp
	$(Q)mv $@.tmp $@

# lwIP's own names (lwip_, tcp_, netif_, ...) are lwIP's: the check is of
# ukos's objects.
# ar keeps one member per file name: two sources with the same name (ours
# and lwIP's netif.c, say) would silently lose one.
$(LIBUKOSNET): $(NOBJS) tools/ukos-symcheck
	@$(if $(Q),echo "  AR      $@")
	$(Q)dup=$$(printf '%s\n' $(notdir $(NOBJS)) | sort | uniq -d); \
	if [ -n "$$dup" ]; then echo "libukosnet.a: two sources named $$dup" >&2; exit 1; fi
	$(Q)rm -f $@.tmp && $(AR) rcsD $@.tmp $(filter-out $(LWIP_OBJS),$(NOBJS))
	$(Q)tools/ukos-symcheck $@.tmp
	$(Q)$(AR) rcsD $@.tmp $(LWIP_OBJS) && mv $@.tmp $@

$(APPOBJ)/%.o: $(APPDIR)/%.c Makefile $(APP_CC_STAMP) | $(NEWLIB_STAMP)
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CFLAGS_APP) -c $< -o $@

# argv[0]: the application's name, compiled into its image.
$(APPOBJ)/appname.c: | $(NEWLIB_STAMP)
	@mkdir -p $(@D)
	$(Q)printf 'const char ukos_app_name[] = "%s";\n' '$(APPNAME)' > $@

$(APPOBJ)/appname.o: $(APPOBJ)/appname.c $(APP_CC_STAMP)
	$(Q)$(CC) $(CFLAGS_APP) -c $< -o $@

# tools/ukos-link picks the device archives and links twice to embed the
# function symbols for crash reports.
$(ELF): $(APP_OBJS) $(LIBUKOS) $(LIBUKOSDRV) $(LIBUKOSNET) $(LIBUKOSBLK) \
		linker/ukos.ld $(NEWLIB_STAMP) $(APP_LD_STAMP) \
		tools/ukos-ksyms tools/ukos-link
	@$(if $(Q),echo "  LD      $@")
	@nm $(APP_OBJS) | grep -qE ' [TW] main$$' || { echo "ukos: $(APPNAME)" \
		"defines no main(): an app is an ordinary C program with" \
		"int main(int argc, char **argv) in $(APPDIR)/*.c" >&2; exit 1; }
	$(Q)tools/ukos-link $@ $(O) -- $(LDFLAGS) -- $(APP_OBJS) -- $(LIBS)

$(ISO): $(ELF) $(CPIO) tools/ukos-mkimage
	@$(if $(Q),echo "  ISO     $@")
	$(Q)tools/ukos-mkimage $(ELF) -o $@ --name $(APPNAME) \
		$(if $(CPIO),--initrd $(CPIO)) >/dev/null

# Always remade when asked for: make cannot see a change inside ROOTFS.
.PHONY: $(CPIO)
$(CPIO): | deps
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CPIO    $@")
	$(Q)tools/ukos-mkrootfs $(ROOTFS) $@

# A raw GPT disk image (BIOS and UEFI): dd it to a disk or upload it.
disk: $(DISK)
$(DISK): $(ELF) $(CPIO) tools/ukos-mkimage | deps
	@$(if $(Q),echo "  DISK    $@")
	$(Q)tools/ukos-mkimage $(ELF) -o $@ --name $(APPNAME) \
		$(if $(CPIO),--initrd $(CPIO))

# GNU make ends with status 2 whenever a recipe fails, so the app's own
# status is printed; tools/ukos-run returns it unchanged.
# An app may ask for ukos-run options (a network, say) in run.opts.
RUN_OPTS = $(shell cat $(APPDIR)/run.opts 2>/dev/null)
run: $(ELF) | deps
	$(Q)tools/ukos-run $(RUN_OPTS) $(ELF) -- $(ARGS); s=$$?; \
	[ $$s -eq 0 ] || echo "make run: $(APPNAME) exited with status $$s" >&2; \
	exit $$s

# For building apps outside the tree: ukos-cc, the libraries, headers,
# tools and ukos.pc under PREFIX (tools/ukos-install says what goes where).
PREFIX ?= /usr/local
install: $(LIBUKOS) $(LIBUKOSDRV) $(LIBUKOSNET) $(LIBUKOSBLK)
	$(Q)PREFIX='$(PREFIX)' DESTDIR='$(DESTDIR)' BUILD='$(O)' NEWLIB='$(NEWLIB)' \
		LIBGCC='$(LIBGCC)' LDFLAGS_INSTALL='$(filter-out -T linker/ukos.ld,$(LDFLAGS))' \
		CFLAGS_INSTALL='$(filter-out -MMD -MP -nostdinc -isystem $(NEWLIB)/include $(GCC_INCLUDE),$(CFLAGS_BASE)) -nostdinc' \
		tools/ukos-install

# gdb on the ELF (full debug info), ukos's gdb commands loaded, at main.
debug: $(ELF) | deps
	tools/ukos-debug $(ELF) $(RUN_OPTS) -- $(ARGS)

# A third-party program, unpatched, built by its own build system with
# ukos-cc installed under build/sysroot (tools/ukos-port).
port: | deps
	@[ -n "$(P)" ] || { echo "make port: say which with P=name:" \
		$$(tools/ukos-port --list) >&2; exit 2; }
	$(Q)$(MAKE) -s install PREFIX=$(abspath $(O))/sysroot
	$(Q)tools/ukos-port $(P) $(O)/sysroot $(O)/$(P)

# The Open POSIX Test Suite on what ukos claims (tools/ukos-conformance):
# build/conformance/report.md. C=regex keeps the interfaces it matches.
conformance: | deps
	$(Q)$(MAKE) -s install PREFIX=$(abspath $(O))/sysroot
	$(Q)tools/ukos-conformance $(O)/sysroot $(O)/conformance $(if $(C),'$(C)')

test: | deps
	$(Q)tests/run --build $(abspath $(O)) $(if $(T),'$(T)')

bench: all | deps
	$(Q)tools/ukos-bench

# Tracked files and new ones not yet added (but not ignored ones).
FORMAT_SRCS = $(shell git ls-files --cached --others --exclude-standard '*.c' '*.h')
format:
	$(Q)clang-format -i $(FORMAT_SRCS)
format-check:
	$(Q)clang-format --dry-run --Werror $(FORMAT_SRCS)

clean:
	rm -rf $(O)

# Dependencies of libukos and of this app only (other apps' stay out, and
# so do those of another app of the same name).
-include $(shell find $(O)/obj $(APPOBJ) -name '*.d' 2>/dev/null)

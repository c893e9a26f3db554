# SPDX-License-Identifier: MIT
# lib/env/: the process environment — environ from the boot command line,
# the user and group databases.
LIB_SRCS += lib/env/environ.c lib/env/progname.c lib/env/uname.c lib/env/prctl.c lib/env/setenv.c lib/env/users.c

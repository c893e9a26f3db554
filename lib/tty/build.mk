# SPDX-License-Identifier: MIT
# lib/tty/: the console as the program's terminal, and termios.
LIB_SRCS += lib/tty/console_file.c lib/tty/termios.c

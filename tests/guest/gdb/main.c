/* SPDX-License-Identifier: MIT */
/*
 * gdb: a guest for the debugger test (tests/guest/gdb/host drives gdb in
 * batch mode against it): a named thread asleep, a variable to print, and
 * a function to stop in once both exist, and files open for "ukos fds" (one
 * in /tmp shared by two fds). With "net": a TCP socket listening on port 7
 * as well, for "ukos net".
 */
#define _GNU_SOURCE /* pthread_setname_np, as on Linux */
#include <fcntl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int gdb_answer = 42;

static void *sleeper(void *arg)
{
	(void)arg;
	pthread_setname_np(pthread_self(), "sleeper");
	sleep(600);
	return NULL;
}

/* The test's breakpoint: the sleeper exists and sleeps by now. */
__attribute__((noinline)) void gdb_checkpoint(int round)
{
	printf("gdb: checkpoint %d\n", round);
}

static int listen_on(int port)
{
	struct sockaddr_in a = { .sin_family = AF_INET,
				 .sin_port = htons((uint16_t)port) };
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof(a)) < 0 ||
	    listen(fd, 1) < 0)
		return -1;
	return fd;
}

int main(int argc, char **argv)
{
	pthread_t t;

	if (argc > 1 && strcmp(argv[1], "net") == 0 && listen_on(7) < 0)
		perror("gdb: listen");
	int fd = open("/tmp/gdb.txt", O_RDWR | O_CREAT, 0644);
	if (fd < 0 || write(fd, "hello", 5) != 5 || dup(fd) < 0)
		perror("gdb: /tmp/gdb.txt");
	pthread_create(&t, NULL, sleeper, NULL);
	usleep(10000);
	gdb_checkpoint(1);
	gdb_answer++;
	printf("gdb: done, answer %d\n", gdb_answer);
	return 0;
}

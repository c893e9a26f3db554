/* SPDX-License-Identifier: MIT */
/*
 * users.c: the user and group databases of a single-user image — one
 * user, root (uid 0, home /, as getuid says), and one group, root (gid
 * 0) — as an /etc/passwd and /etc/group holding those lines would give
 * them. Any other id or name is not found (NULL, errno untouched); the _r
 * forms say ERANGE when the caller's buffer is too small.
 */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

static char root_name[] = "root", no_password[] = "x", home[] = "/",
	    shell[] = "/bin/sh", empty[] = "";
static struct passwd root_user = { root_name, no_password, 0,    0,
				   empty,     root_name,   home, shell };
static char *no_members[] = { NULL };
static struct group root_group = { root_name, no_password, 0, no_members };
static int pw_next, gr_next; /* getpwent/getgrent: entries handed out */

struct passwd *getpwuid(uid_t uid)
{
	return uid == 0 ? &root_user : NULL;
}

struct passwd *getpwnam(const char *name)
{
	return name && !strcmp(name, root_name) ? &root_user : NULL;
}

/* Copy s into the caller's buffer at *at. */
static char *put(const char *s, char **at, size_t *left)
{
	size_t n = strlen(s) + 1;
	char *p = *at;

	if (n > *left)
		return NULL;
	memcpy(p, s, n);
	*at += n, *left -= n;
	return p;
}

static int pw_copy(const struct passwd *from, struct passwd *pw, char *buf,
		   size_t size, struct passwd **out)
{
	*out = NULL;
	if (!from)
		return 0;
	*pw = *from;
	if (!(pw->pw_name = put(from->pw_name, &buf, &size)) ||
	    !(pw->pw_passwd = put(from->pw_passwd, &buf, &size)) ||
	    !(pw->pw_comment = put(from->pw_comment, &buf, &size)) ||
	    !(pw->pw_gecos = put(from->pw_gecos, &buf, &size)) ||
	    !(pw->pw_dir = put(from->pw_dir, &buf, &size)) ||
	    !(pw->pw_shell = put(from->pw_shell, &buf, &size)))
		return ERANGE;
	*out = pw;
	return 0;
}

int getpwuid_r(uid_t uid, struct passwd *pw, char *buf, size_t size,
	       struct passwd **out)
{
	return pw_copy(getpwuid(uid), pw, buf, size, out);
}

int getpwnam_r(const char *name, struct passwd *pw, char *buf, size_t size,
	       struct passwd **out)
{
	return pw_copy(getpwnam(name), pw, buf, size, out);
}

struct passwd *getpwent(void)
{
	return pw_next++ == 0 ? &root_user : NULL;
}

void setpwent(void)
{
	pw_next = 0;
}

void endpwent(void)
{
	pw_next = 0;
}

struct group *getgrgid(gid_t gid)
{
	return gid == 0 ? &root_group : NULL;
}

struct group *getgrnam(const char *name)
{
	return name && !strcmp(name, root_name) ? &root_group : NULL;
}

static int gr_copy(const struct group *from, struct group *gr, char *buf,
		   size_t size, struct group **out)
{
	/* the member list (one NULL) first, aligned for a pointer */
	size_t skew = (sizeof(char *) - (uintptr_t)buf % sizeof(char *)) %
		      sizeof(char *);

	*out = NULL;
	if (!from)
		return 0;
	if (size < skew + sizeof(char *))
		return ERANGE;
	gr->gr_mem = (char **)(void *)(buf + skew);
	gr->gr_mem[0] = NULL;
	buf += skew + sizeof(char *), size -= skew + sizeof(char *);
	gr->gr_gid = from->gr_gid;
	if (!(gr->gr_name = put(from->gr_name, &buf, &size)) ||
	    !(gr->gr_passwd = put(from->gr_passwd, &buf, &size)))
		return ERANGE;
	*out = gr;
	return 0;
}

int getgrgid_r(gid_t gid, struct group *gr, char *buf, size_t size,
	       struct group **out)
{
	return gr_copy(getgrgid(gid), gr, buf, size, out);
}

int getgrnam_r(const char *name, struct group *gr, char *buf, size_t size,
	       struct group **out)
{
	return gr_copy(getgrnam(name), gr, buf, size, out);
}

struct group *getgrent(void)
{
	return gr_next++ == 0 ? &root_group : NULL;
}

void setgrent(void)
{
	gr_next = 0;
}

void endgrent(void)
{
	gr_next = 0;
}

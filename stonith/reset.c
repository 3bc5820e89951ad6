/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The reset of a power port: the confirmed off, the on awaited or left to a
 * detached process, and the notes of an on that failed. */
#include "config.h"

#include "stonith/reset.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <syslog.h>
#include <unistd.h>

#include "common/sleep.h"
#include "stonith/berofos_fence.h"

static const char *run_dir(void)
{
	const char *dir = getenv("WS_RUNDIR");

	return dir != NULL && dir[0] != '\0' ? dir : BFF_RUN_DIR;
}

/* One note per switch and port: the switch's host and port in the name,
 * with anything but [A-Za-z0-9.-] made '_'. */
static int note_path(const struct bfp_params *p, int port, char *path, size_t len)
{
	const char *host = strncmp(p->url, "http://", 7) == 0 ? p->url + 7 : p->url;
	char key[BFP_URL_MAX];
	size_t i;
	int n;

	for (i = 0; host[i] != '\0' && i + 1 < sizeof(key); i++) {
		unsigned char c = (unsigned char)host[i];

		key[i] = isalnum(c) || c == '.' || c == '-' ? (char)c : '_';
	}
	key[i] = '\0';
	n = snprintf(path, len, "%s/berofos-left-off.%s.%d", run_dir(), key, port);
	return n < 0 || (size_t)n >= len ? -1 : 0;
}

/* Written by the background process only, so it logs its own failures. */
static void write_note(const struct bfp_params *p, int port, const char *why)
{
	char path[PATH_MAX], tmp[PATH_MAX + 8];
	FILE *note;
	int ok;

	if (note_path(p, port, path, sizeof(path)) != 0 ||
	    snprintf(tmp, sizeof(tmp), "%s.new", path) >= (int)sizeof(tmp)) {
		syslog(LOG_ERR, "the note of power port %d: path too long under %s", port, run_dir());
		return;
	}
	if (mkdir(run_dir(), 0755) != 0 && errno != EEXIST) {
		syslog(LOG_ERR, "cannot create %s: %s", run_dir(), strerror(errno));
		return;
	}
	note = fopen(tmp, "w");
	if (note == NULL) {
		syslog(LOG_ERR, "cannot write %s: %s", tmp, strerror(errno));
		return;
	}
	ok = fprintf(note, "power port %d of %s was left off by a reset: %s\n", port, p->url,
		     why) > 0;
	ok = fclose(note) == 0 && ok;
	if (!ok || rename(tmp, path) != 0) {
		syslog(LOG_ERR, "cannot write %s: %s", path, strerror(errno));
		(void)unlink(tmp);
	}
}

static int clear_note(const struct bfp_params *p, int port)
{
	char path[PATH_MAX];

	if (note_path(p, port, path, sizeof(path)) != 0) {
		errno = ENAMETOOLONG;
		return -1;
	}
	return unlink(path) == 0 || errno == ENOENT ? 0 : -1;
}

bool bff_left_off(const struct bfp_params *p, char *msg, size_t msg_len)
{
	for (int port = 0; port < BFP_PORTS; port++) {
		char path[PATH_MAX];
		FILE *note;

		if (note_path(p, port, path, sizeof(path)) != 0)
			continue;
		note = fopen(path, "r");
		if (note == NULL)
			continue;
		if (fgets(msg, (int)msg_len, note) == NULL)
			snprintf(msg, msg_len, "power port %d was left off by a reset (%s)", port, path);
		msg[strcspn(msg, "\n")] = '\0';
		fclose(note);
		return true;
	}
	return false;
}

enum fos_err bff_switch_on(const struct bfp_params *p, int port, char *msg, size_t msg_len)
{
	enum fos_err err = bff_power_set(p, port, true, msg, msg_len);

	if (err == FOS_OK && clear_note(p, port) != 0) {
		snprintf(msg, msg_len, "power port %d reads back on, but its note under %s stays: %s",
			 port, run_dir(), strerror(errno));
		return FOS_E_SYSTEM;
	}
	return err;
}

static bool try_on(const struct bfp_params *p, int port, const struct bff_on_retry *retry,
		   char *msg, size_t msg_len)
{
	long attempts = retry->attempts > 0 ? retry->attempts : 1;

	for (long i = 0; i < attempts; i++) {
		if (i > 0 && ws_sleep_ms(retry->interval_ms) != 0)
			return false;
		if (bff_switch_on(p, port, msg, msg_len) == FOS_OK)
			return true;
	}
	return false;
}

/* The caller's signal handlers (Heartbeat's, say) only set flags for a main
 * loop that does not run here: the defaults, so that SIGTERM ends it. */
static void default_signals(void)
{
	static const int sigs[] = { SIGTERM, SIGINT, SIGHUP, SIGCHLD, SIGALRM, SIGUSR1, SIGUSR2 };
	sigset_t none;

	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		(void)signal(sigs[i], SIG_DFL);
	(void)signal(SIGPIPE, SIG_IGN);
	sigemptyset(&none);
	(void)sigprocmask(SIG_SETMASK, &none, NULL);
}

/* The detached process.  It holds none of the caller's descriptors: the
 * fencer reads an agent's stdout and stderr until they close. */
static _Noreturn void run_later(const struct bfp_params *p, int port,
				const struct bff_on_retry *retry, int ready_fd)
{
	char msg[BFF_MSG_MAX] = "no attempt";
	pid_t me = getpid();
	int null_fd = open("/dev/null", O_RDWR);

	if (null_fd < 0 || dup2(null_fd, 0) < 0 || dup2(null_fd, 1) < 0 || dup2(null_fd, 2) < 0)
		_exit(1);
	default_signals();
	openlog(retry->ident, LOG_PID, LOG_DAEMON);
	if (write(ready_fd, &me, sizeof(me)) != (ssize_t)sizeof(me))
		_exit(1);
	if (close_range(3, ~0u, 0) != 0)
		for (int fd = 3; fd < 1024; fd++)
			(void)close(fd);
	if (p->reset_wait_ms > 0 && ws_sleep_ms(p->reset_wait_ms) != 0)
		snprintf(msg, sizeof(msg), "the wait of %ld ms failed: %s", p->reset_wait_ms,
			 strerror(errno));
	else if (try_on(p, port, retry, msg, sizeof(msg))) {
		syslog(LOG_INFO, "power port %d of %s reads back on, %ld ms after the off of the reset",
		       port, p->url, p->reset_wait_ms);
		_exit(0);
	}
	syslog(LOG_ERR, "power port %d of %s stays OFF after the reset: %s", port, p->url, msg);
	write_note(p, port, msg);
	_exit(1);
}

/* Forks twice (the middle process starts a session of its own and exits)
 * and waits until the detached process says it runs.  Returns its PID, or
 * -1 with msg. */
static pid_t start_later(const struct bfp_params *p, int port, const struct bff_on_retry *retry,
			 char *msg, size_t msg_len)
{
	int ready[2];
	pid_t middle, later = -1;
	ssize_t got;

	if (pipe2(ready, O_CLOEXEC) != 0) {
		snprintf(msg, msg_len, "pipe: %s", strerror(errno));
		return -1;
	}
	middle = fork();
	if (middle < 0) {
		snprintf(msg, msg_len, "fork: %s", strerror(errno));
		close(ready[0]);
		close(ready[1]);
		return -1;
	}
	if (middle == 0) {
		close(ready[0]);
		if (setsid() < 0)
			_exit(1);
		later = fork();
		if (later == 0)
			run_later(p, port, retry, ready[1]);
		_exit(later < 0 ? 1 : 0);
	}
	close(ready[1]);
	do
		got = read(ready[0], &later, sizeof(later));
	while (got < 0 && errno == EINTR);
	close(ready[0]);
	/* A SIGCHLD handler of the caller's may have reaped it: ECHILD. */
	while (waitpid(middle, NULL, 0) < 0 && errno == EINTR)
		;
	if (got != (ssize_t)sizeof(later)) {
		snprintf(msg, msg_len, "the process of the background on did not start");
		return -1;
	}
	return later;
}

enum fos_err bff_reboot(const struct bfp_params *p, int port, const struct bff_on_retry *retry,
			enum bff_on_result *on, char *msg, size_t msg_len)
{
	char why[BFF_MSG_MAX] = "";
	enum fos_err err;
	pid_t later;

	*on = BFF_ON_FAILED;
	err = bff_power_set(p, port, false, msg, msg_len);
	if (err != FOS_OK)
		return err;
	if (p->reset_background) {
		later = start_later(p, port, retry, why, sizeof(why));
		if (later > 0) {
			*on = BFF_ON_LATER;
			snprintf(msg, msg_len, "power port %d reads back off; process %ld switches it "
				 "on again in %ld ms", port, (long)later, p->reset_wait_ms);
			return FOS_OK;
		}
	}
	/* The on awaited: asked for, or the background process did not start. */
	if (p->reset_wait_ms > 0 && ws_sleep_ms(p->reset_wait_ms) != 0) {
		snprintf(msg, msg_len, "power port %d is off; the wait before the on failed: %s",
			 port, strerror(errno));
		return FOS_OK;
	}
	if (try_on(p, port, retry, msg, msg_len)) {
		*on = BFF_ON_DONE;
		snprintf(msg, msg_len, "power port %d was off for %ld ms and reads back on again%s%s",
			 port, p->reset_wait_ms, why[0] != '\0' ? "; not in the background: " : "",
			 why);
	}
	return FOS_OK;
}

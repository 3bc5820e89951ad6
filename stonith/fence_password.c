/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Runs fence_berofos's password_script: fork, exec, read its first line
 * through a pipe within a deadline, reap it (killed when late). */
#include "config.h"

#include "stonith/fence_password.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "stonith/berofos_params.h"
#include "stonith/fence_opts.h"

#define OUTPUT_MAX 256
#define ARGV_MAX 32

static long now_ms(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
		return 0;
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void child(int out_fd, char **argv, const char *cmd)
{
	int null_fd = open("/dev/null", O_RDONLY);

	if (null_fd < 0 || dup2(null_fd, STDIN_FILENO) < 0 || dup2(out_fd, STDOUT_FILENO) < 0)
		_exit(126);
	if (argv[0] != NULL)
		execvp(argv[0], argv);
	else
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
	fprintf(stderr, "password_script: cannot run %s: %s\n",
		argv[0] != NULL ? argv[0] : "/bin/sh", strerror(errno));
	_exit(127);
}

/* Reads until EOF or the deadline; keeps the first OUTPUT_MAX - 1 bytes. */
static int read_output(int fd, long deadline, char *buf, size_t len, bool *late)
{
	size_t used = 0;
	char discard[OUTPUT_MAX];

	*late = false;
	for (;;) {
		struct pollfd pfd = { fd, POLLIN, 0 };
		long left = deadline - now_ms();
		ssize_t got;
		int rc;

		if (left <= 0) {
			*late = true;
			break;
		}
		rc = poll(&pfd, 1, (int)left);
		if (rc < 0 && errno == EINTR)
			continue;
		if (rc < 0)
			return -1;
		if (rc == 0)
			continue;
		if (used < len - 1)
			got = read(fd, buf + used, len - 1 - used);
		else
			got = read(fd, discard, sizeof(discard));
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			return -1;
		if (got == 0)
			break;
		if (used < len - 1)
			used += (size_t)got;
	}
	buf[used] = '\0';
	explicit_bzero(discard, sizeof(discard));
	return 0;
}

/* Waits for pid until the deadline, then kills it (we started it). */
static int reap(pid_t pid, long deadline, int *status, bool *late)
{
	const struct timespec pause = { 0, 10 * 1000000L };

	for (;;) {
		pid_t got = waitpid(pid, status, WNOHANG);

		if (got == pid)
			return 0;
		if (got < 0 && errno != EINTR)
			return -1;
		if (now_ms() >= deadline) {
			*late = true;
			if (kill(pid, SIGKILL) != 0 && errno != ESRCH)
				return -1;
			while (waitpid(pid, status, 0) < 0)
				if (errno != EINTR)
					return -1;
			return 0;
		}
		(void)nanosleep(&pause, NULL);   /* EINTR: just looks again */
	}
}

int fence_password_script(const char *cmd, long timeout_ms, char *password, size_t max_len,
			  char *err, size_t err_len)
{
	char *argv[ARGV_MAX] = { NULL };
	char words[BFA_SCRIPT_MAX], output[OUTPUT_MAX];
	long deadline = now_ms() + timeout_ms;
	bool late = false;
	int fds[2], status = 0, rc;
	size_t n;
	pid_t pid;

	if (bfa_split_command(cmd, argv, ARGV_MAX, words, sizeof(words)) < 0)
		return bfp_error(err, err_len, "password_script: empty or too many words");
	if (pipe2(fds, O_CLOEXEC) != 0)
		return bfp_error(err, err_len, "password_script: pipe: %s", strerror(errno));
	pid = fork();
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		return bfp_error(err, err_len, "password_script: fork: %s", strerror(errno));
	}
	if (pid == 0)
		child(fds[1], argv, cmd);
	close(fds[1]);
	rc = read_output(fds[0], deadline, output, sizeof(output), &late);
	close(fds[0]);
	if (reap(pid, deadline, &status, &late) != 0 || rc != 0) {
		explicit_bzero(output, sizeof(output));
		return bfp_error(err, err_len, "password_script: %s", strerror(errno));
	}
	if (late || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		explicit_bzero(output, sizeof(output));
		if (late)
			return bfp_error(err, err_len, "password_script did not finish within %ld.%03ld s "
					 "(login_timeout)", timeout_ms / 1000, timeout_ms % 1000);
		if (WIFSIGNALED(status))
			return bfp_error(err, err_len, "password_script was killed by signal %d",
					 WTERMSIG(status));
		return bfp_error(err, err_len, "password_script exited with status %d",
				 WEXITSTATUS(status));
	}
	n = strcspn(output, "\r\n");
	if (n == 0 || n > max_len) {
		explicit_bzero(output, sizeof(output));
		return bfp_error(err, err_len, "password_script: its first line must hold the password "
				 "(1 to %zu characters)", max_len);
	}
	memcpy(password, output, n);
	password[n] = '\0';
	explicit_bzero(output, sizeof(output));
	return 0;
}

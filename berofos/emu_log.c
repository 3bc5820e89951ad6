/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fosemu's event log: one timestamped line per event, and the report of
 * what a request, a kick or the watchdog changed (log lines, the power
 * hook, the saved state).  Used by the servers and persistence, so that
 * none of them calls into fosemu.c. */
#include "config.h"

#include "berofos/emu_log.h"

#include <errno.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>

extern char **environ;

/* "<epoch.ms> <ISO time> message": benchmarks read the first field. */
void emu_log(struct emu *e, const char *fmt, ...)
{
	struct timespec ts;
	struct tm tm;
	char when[32];
	va_list ap;

	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%S", &tm);
	fprintf(e->log, "%lld.%03ld %s.%03ldZ ", (long long)ts.tv_sec, ts.tv_nsec / 1000000,
		when, ts.tv_nsec / 1000000);
	va_start(ap, fmt);
	vfprintf(e->log, fmt, ap);
	va_end(ap);
	fputc('\n', e->log);
	fflush(e->log);
}

/* A real relay has cut the power by the time its state reads back "off", so
 * the hook of an "off" (the testbed's power cut) is waited for before the
 * next request is served; bounded, so that a hung hook cannot stop the
 * switch.  An "on" (a boot) is not waited for. */
#define HOOK_OFF_WAIT_MS 3000

static void wait_hook(struct emu *e, pid_t pid)
{
	const struct timespec step = { 0, 5 * 1000000L };

	for (int waited_ms = 0; waited_ms < HOOK_OFF_WAIT_MS; waited_ms += 5) {
		pid_t done = waitpid(pid, NULL, WNOHANG);

		if (done == pid || (done < 0 && errno != EINTR))
			return;
		nanosleep(&step, NULL);
	}
	emu_log(e, "error: power hook pid=%ld still runs after %d ms", (long)pid, HOOK_OFF_WAIT_MS);
}

static void run_hook(struct emu *e, int port, bool on)
{
	char port_arg[4];
	char *argv[4];
	pid_t pid;
	int rc;

	if (e->hook == NULL)
		return;
	snprintf(port_arg, sizeof(port_arg), "%d", port);
	argv[0] = (char *)e->hook;
	argv[1] = port_arg;
	argv[2] = on ? "on" : "off";
	argv[3] = NULL;
	rc = posix_spawnp(&pid, e->hook, NULL, NULL, argv, environ);
	if (rc != 0) {
		emu_log(e, "error: power hook %s: %s", e->hook, strerror(rc));
		return;
	}
	emu_log(e, "hook %s %d %s pid=%ld", e->hook, port, argv[2], (long)pid);
	if (!on)
		wait_hook(e, pid);
}

void emu_report(struct emu *e, const struct emu_events *ev, const char *cause)
{
	if (ev->mode_changed)
		emu_log(e, "relay mode %ld -> %ld (%s) cause=%s", ev->old_mode,
		      e->st.cfg.v[FOS_K_MODE].num, emu_relay_paths(&e->st), cause);
	for (int p = 0; p < 2; p++)
		if (ev->power_changed[p]) {
			bool on = e->st.cfg.v[p == 0 ? FOS_K_P0 : FOS_K_P1].num != 0;

			emu_log(e, "power %d %s cause=%s", p, on ? "on" : "off", cause);
			run_hook(e, p, on);
		}
	if (ev->watchdog_expired)
		emu_log(e, "watchdog expired: lines to the backup (A-D), state 2%s",
		      e->st.opt.latch ? " (latched until wen=1)" : "");
	if (ev->watchdog_enabled)
		emu_log(e, "watchdog enabled interval=%lds cause=%s", e->st.cfg.v[FOS_K_WINTV].num, cause);
	if (ev->watchdog_disabled)
		emu_log(e, "watchdog disabled cause=%s", cause);
	if (ev->password_changed)
		emu_log(e, "admin password changed");
	if (ev->stuck_ignored)
		emu_log(e, "fault: write to a stuck relay ignored");
	if (ev->changed)
		(void)emu_save_state(e);
}

/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fosemu's device model: the state of one berofos and how set requests,
 * kicks and the passing of time change it.  Pure code: time comes in as a
 * parameter, effects go out as events for the I/O layer to log and act on. */
#ifndef EMU_STATE_H
#define EMU_STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "berofos/fos_devpage.h"

/* Behaviours the protocol page marks as guesses, and injected faults. */
struct emu_options {
	bool latch;              /* watchdog failure latches until wen=1 [inf] */
	bool bypass_bc_joined;   /* bypass mode 0 joins B-C (default: open) [guess] */
	bool group_bug;          /* firmware 1.3.3: a set clears the group's other booleans */
	bool stuck[FOS_K_COUNT]; /* fault: writes to this key are ignored */
};

struct emu_state {
	struct fos_state cfg;
	char apwd[FOS_STR_MAX];
	long long deadline_ms;   /* watchdog expiry, monotonic ms, when running */
	struct emu_options opt;
};

/* What one request or tick changed, for logging and the power hook. */
struct emu_events {
	bool mode_changed;
	long old_mode;
	bool power_changed[2];
	bool watchdog_expired;
	bool watchdog_enabled;
	bool watchdog_disabled;
	bool password_changed;
	bool stuck_ignored;       /* a write hit a stuck key and was dropped */
	bool changed;             /* anything to persist */
};

struct emu_param {
	char key[32];
	char value[FOS_STR_MAX];
};

/* Factory state (protocol page 2): DHCP on, 192.168.0.2/24, no password. */
void emu_state_init(struct emu_state *s, const struct emu_options *opt);

/* Applies one set request "cmd=N&k=v...".  Returns the HTTP status the
 * device answers (200 or 400) and a reason for 400 in error. */
int emu_apply_set(struct emu_state *s, const struct emu_param *params, size_t count,
		  long long now_ms, struct emu_events *ev, char *error, size_t error_len);

/* A watchdog kick.  Returns false when it was ignored (off or latched). */
bool emu_kick(struct emu_state *s, long long now_ms, struct emu_events *ev);

/* Time passes: the watchdog may expire. Also refreshes 0_wretv. */
void emu_tick(struct emu_state *s, long long now_ms, struct emu_events *ev);

/* "A-B C-D" and the like: which ports the relays join now. */
const char *emu_relay_paths(const struct emu_state *s);

#endif

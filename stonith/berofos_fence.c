/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Fencing operations on the berofos power ports through libberofos. */
#include "config.h"

#include "stonith/berofos_fence.h"

#include <stdio.h>

#include "berofos/berofos.h"
#include "common/clock.h"
#include "common/sleep.h"
#include "stonith/fence_guard.h"
#include "stonith/lan_probe.h"

static enum fos_err open_switch(const struct bfp_params *p, struct fos_handle **fos,
				char *msg, size_t msg_len)
{
	char why[FOS_MSG_MAX];
	enum fos_err err;

	err = fos_open_flags(fos, p->url, p->login,
			     p->password_file[0] != '\0' ? p->password_file : NULL, p->timeout_ms,
			     p->password_in_env ? FOS_OPEN_PASSWORD_ENV : 0u, why, sizeof(why));
	if (err != FOS_OK)
		snprintf(msg, msg_len, "%s", why);
	return err;
}

/* Closes the handle; on failure the handle's message goes to msg. */
static enum fos_err finish(struct fos_handle *fos, enum fos_err err, char *msg, size_t msg_len)
{
	if (err != FOS_OK)
		snprintf(msg, msg_len, "%s", fos_message(fos));
	fos_close(fos);
	return err;
}

/* One read of config.txt; with need set, a page without that key is a bad
 * reply.  On failure msg says why. */
static enum fos_err read_state(const struct bfp_params *p, struct fos_state *state,
			       const enum fos_key *need, char *msg, size_t msg_len)
{
	struct fos_handle *fos;
	enum fos_err err;

	err = open_switch(p, &fos, msg, msg_len);
	if (err != FOS_OK)
		return err;
	err = fos_read_state(fos, state);
	if (err == FOS_OK && need != NULL && !state->seen[*need]) {
		fos_close(fos);
		snprintf(msg, msg_len, "%s does not report %s", p->url, fos_key_info(*need)->read_key);
		return FOS_E_BAD_REPLY;
	}
	return finish(fos, err, msg, msg_len);
}

enum fos_err bff_status(const struct bfp_params *p, char *msg, size_t msg_len)
{
	struct fos_state state;
	enum fos_err err = read_state(p, &state, NULL, msg, msg_len);

	if (err == FOS_OK)
		snprintf(msg, msg_len, "%s answers: power port 0 %s, power port 1 %s", p->url,
			 state.v[FOS_K_P0].num ? "on" : "off", state.v[FOS_K_P1].num ? "on" : "off");
	return err;
}

enum fos_err bff_power_get(const struct bfp_params *p, int port, bool *on,
			   char *msg, size_t msg_len)
{
	struct fos_state state;
	enum fos_key key = port == 0 ? FOS_K_P0 : FOS_K_P1;
	enum fos_err err;

	if (port != 0 && port != 1) {
		snprintf(msg, msg_len, "power port must be 0 or 1, not %d", port);
		return FOS_E_USAGE;
	}
	err = read_state(p, &state, &key, msg, msg_len);
	if (err == FOS_OK) {
		*on = state.v[key].num != 0;
		snprintf(msg, msg_len, "power port %d is %s", port, *on ? "on" : "off");
	}
	return err;
}

enum fos_err bff_power_set(const struct bfp_params *p, int port, bool on,
			   char *msg, size_t msg_len)
{
	struct fos_handle *fos;
	enum fos_err err;

	err = open_switch(p, &fos, msg, msg_len);
	if (err != FOS_OK)
		return err;
	err = fos_set_power(fos, port, on);
	if (err == FOS_OK)
		snprintf(msg, msg_len, "power port %d reads back %s", port, on ? "on" : "off");
	return finish(fos, err, msg, msg_len);
}

#define GUARD_POLL_MS 100

static enum fos_err read_switch(const struct bfp_params *p, struct bfg_switch *sw,
				char *msg, size_t msg_len)
{
	static const enum fos_key mode = FOS_K_MODE;
	struct fos_state state;
	enum fos_err err = read_state(p, &state, &mode, msg, msg_len);

	if (err == FOS_OK) {
		sw->mode = (int)state.v[FOS_K_MODE].num;
		sw->wdog_failed = state.seen[FOS_K_WSTATE] &&
				  state.v[FOS_K_WSTATE].num == FOS_WSTATE_FAILED;
		sw->wdog_on = state.seen[FOS_K_WEN] && state.v[FOS_K_WEN].num != 0 &&
			      state.seen[FOS_K_WSTATE] && state.v[FOS_K_WSTATE].num == FOS_WSTATE_ON &&
			      state.seen[FOS_K_WINTV] && state.seen[FOS_K_WRETV];
		sw->wintv_s = sw->wdog_on ? state.v[FOS_K_WINTV].num : 0;
		sw->wretv_s = sw->wdog_on ? state.v[FOS_K_WRETV].num : 0;
	}
	return err;
}

static enum bfg_peer ask_target(const struct bfp_params *p, int port, char *note, size_t note_len)
{
	const char *node = bfp_node_of(p, port);
	uint32_t ipv4 = node != NULL ? bfp_lan_of(p, node) : 0;

	if (ipv4 == 0) {
		snprintf(note, note_len, "no LAN address");
		return BFG_PEER_UNKNOWN;
	}
	return bff_lan_probe(ipv4, p->probe_timeout_ms, note, note_len);
}

enum fos_err bff_guard(const struct bfp_params *p, int port, bool *go,
		       char *msg, size_t msg_len)
{
	int64_t start = ws_mono_ms(), watch_end = start + bfg_watch_ms(p);
	struct bfg_switch sw;
	enum bfg_peer peer = BFG_PEER_UNKNOWN;
	char note[BFF_MSG_MAX] = "not asked";
	bool asked = false;
	enum fos_err err;

	*go = true;
	if (p->primary_node[0] == '\0')
		return FOS_OK;
	for (;;) {
		enum bfg_verdict verdict;
		const char *why;

		err = read_switch(p, &sw, msg, msg_len);
		if (err != FOS_OK)
			return err;
		/* Ask only when the answer matters: the target holds the lines. */
		if (!asked && bfg_holder_port(p, sw.mode) == port) {
			peer = ask_target(p, port, note, sizeof(note));
			asked = true;
		}
		verdict = bfg_decide(p, port, &sw, peer, ws_mono_ms() >= watch_end, &why);
		if (verdict != BFG_WATCH) {
			*go = verdict == BFG_FENCE;
			snprintf(msg, msg_len, "%s (power port %d; LAN: %s; watchdog %s, %ld of %ld s "
				 "left; %lld ms)", why, port, note,
				 sw.wdog_on ? "on" : sw.wdog_failed ? "ran out" : "off",
				 sw.wretv_s, sw.wintv_s, (long long)(ws_mono_ms() - start));
			return FOS_OK;
		}
		if (ws_sleep_ms(GUARD_POLL_MS) != 0) {
			snprintf(msg, msg_len, "the guard cannot wait between two reads of the switch");
			return FOS_E_SYSTEM;
		}
	}
}

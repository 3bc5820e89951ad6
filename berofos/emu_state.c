/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The emulated device's state machine (protocol page section 2). */
#include "config.h"

#include "berofos/emu_state.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void set_num(struct emu_state *s, enum fos_key k, long num)
{
	s->cfg.v[k].num = num;
	snprintf(s->cfg.v[k].str, sizeof(s->cfg.v[k].str), "%ld", num);
	s->cfg.seen[k] = true;
}

static void set_str(struct emu_state *s, enum fos_key k, const char *str)
{
	snprintf(s->cfg.v[k].str, sizeof(s->cfg.v[k].str), "%s", str);
	s->cfg.seen[k] = true;
}

void emu_state_init(struct emu_state *s, const struct emu_options *opt)
{
	memset(s, 0, sizeof(*s));
	s->opt = *opt;
	for (int k = 0; k < FOS_K_COUNT; k++)
		set_num(s, (enum fos_key)k, 0);
	set_str(s, FOS_K_DN, "berofos");
	set_str(s, FOS_K_IP, "192.168.0.2");
	set_str(s, FOS_K_NM, "255.255.255.0");
	set_str(s, FOS_K_GW, "0.0.0.0");
	set_str(s, FOS_K_DNS, "0.0.0.0");
	set_str(s, FOS_K_LOGHOST, "0.0.0.0");
	set_str(s, FOS_K_MHOST, "");
	set_str(s, FOS_K_MFROM, "");
	set_str(s, FOS_K_MTO, "");
	set_num(s, FOS_K_DHCP, 1);
	set_num(s, FOS_K_PORT, 80);
	set_num(s, FOS_K_LOGPORT, 514);
	set_num(s, FOS_K_WINTV, 60);
}

static void watchdog_start(struct emu_state *s, long long now_ms)
{
	set_num(s, FOS_K_WEN, 1);
	set_num(s, FOS_K_WSTATE, FOS_WSTATE_ON);
	s->deadline_ms = now_ms + s->cfg.v[FOS_K_WINTV].num * 1000LL;
}

/* Stores one checked value, honouring the stuck-relay fault. */
static void store(struct emu_state *s, enum fos_key k, const char *value, long long now_ms,
		  struct emu_events *ev)
{
	const struct fos_key_info *info = fos_key_info(k);

	if (s->opt.stuck[k]) {
		ev->stuck_ignored = true;
		return;
	}
	if (k == FOS_K_MODE && s->cfg.v[k].num != strtol(value, NULL, 10)) {
		ev->mode_changed = true;
		ev->old_mode = s->cfg.v[k].num;
	}
	if ((k == FOS_K_P0 || k == FOS_K_P1) && s->cfg.v[k].num != strtol(value, NULL, 10))
		ev->power_changed[k == FOS_K_P1] = true;
	if (k == FOS_K_WEN) {
		if (value[0] == '1') {
			watchdog_start(s, now_ms);     /* also clears a latched failure */
			ev->watchdog_enabled = true;
		} else {
			set_num(s, FOS_K_WEN, 0);
			set_num(s, FOS_K_WSTATE, FOS_WSTATE_OFF);
			ev->watchdog_disabled = true;
		}
		ev->changed = true;
		return;
	}
	if (info->type == FOS_T_STR)
		set_str(s, k, value);
	else
		set_num(s, k, strtol(value, NULL, 10));
	ev->changed = true;
}

/* The key of cmd group cmd whose set parameter is name; -1 if none. */
static int key_for(int cmd, const char *name)
{
	for (int k = 0; k < FOS_K_COUNT; k++) {
		const struct fos_key_info *info = fos_key_info((enum fos_key)k);

		if (info->set_name != NULL && info->cmd == cmd && strcmp(info->set_key, name) == 0)
			return k;
	}
	return -1;
}

static const char *param(const struct emu_param *params, size_t count, const char *key)
{
	for (size_t i = 0; i < count; i++)
		if (strcmp(params[i].key, key) == 0)
			return params[i].value;
	return NULL;
}

static int apply_power(struct emu_state *s, const struct emu_param *params, size_t count,
		       long long now_ms, struct emu_events *ev, char *error, size_t error_len)
{
	const char *port = param(params, count, "p");
	const char *value = param(params, count, "s");
	char normal[FOS_STR_MAX];
	enum fos_key k;

	if (port == NULL || value == NULL || count != 3) {
		snprintf(error, error_len, "cmd=5 takes p and s");
		return 400;
	}
	if (strcmp(port, "0") == 0)
		k = FOS_K_P0;
	else if (strcmp(port, "1") == 0)
		k = FOS_K_P1;
	else {
		snprintf(error, error_len, "no power port %s", port);
		return 400;
	}
	if (fos_value_check(k, value, normal, sizeof(normal), error, error_len) != 0)
		return 400;
	store(s, k, normal, now_ms, ev);
	return 200;
}

/* The firmware 1.3.3 bug as fosemu models it: the booleans of the group
 * that the request does not name fall back to 0. */
static void clear_group_booleans(struct emu_state *s, int cmd, const int *keys, size_t n_keys,
				 long long now_ms, struct emu_events *ev)
{
	for (int k = 0; k < FOS_K_COUNT; k++) {
		const struct fos_key_info *info = fos_key_info((enum fos_key)k);
		bool named = false;

		for (size_t i = 0; i < n_keys; i++)
			named = named || keys[i] == k;
		if (!named && info->set_name != NULL && info->cmd == cmd && info->type == FOS_T_BOOL)
			store(s, (enum fos_key)k, "0", now_ms, ev);
	}
}

int emu_apply_set(struct emu_state *s, const struct emu_param *params, size_t count,
		  long long now_ms, struct emu_events *ev, char *error, size_t error_len)
{
	char normal[FOS_K_COUNT][FOS_STR_MAX];
	int keys[16];
	const char *cmd_text = param(params, count, "cmd");
	const char *apwd = NULL;
	size_t n_keys = 0;
	char *end;
	long cmd;

	memset(ev, 0, sizeof(*ev));
	if (cmd_text == NULL) {
		snprintf(error, error_len, "no cmd");
		return 400;
	}
	cmd = strtol(cmd_text, &end, 10);
	if (*end != '\0' || cmd < 0 || cmd > 7 || cmd == 0) {
		snprintf(error, error_len, "unknown cmd %s", cmd_text);
		return 400;
	}
	if (cmd == 7)
		return 200;                    /* SMTP test: nothing to send here */
	if (cmd == 5)
		return apply_power(s, params, count, now_ms, ev, error, error_len);
	/* Check every parameter before applying any: no half-applied request. */
	for (size_t i = 0; i < count; i++) {
		int k;

		if (strcmp(params[i].key, "cmd") == 0)
			continue;
		if (cmd == 3 && strcmp(params[i].key, "apwd") == 0) {
			if (strlen(params[i].value) > 15) {
				snprintf(error, error_len, "apwd longer than 15 characters");
				return 400;
			}
			apwd = params[i].value;
			continue;
		}
		k = key_for((int)cmd, params[i].key);
		if (k < 0 || n_keys >= sizeof(keys) / sizeof(keys[0])) {
			snprintf(error, error_len, "cmd=%ld has no parameter %s", cmd, params[i].key);
			return 400;
		}
		if (fos_value_check((enum fos_key)k, params[i].value, normal[n_keys],
				    sizeof(normal[n_keys]), error, error_len) != 0)
			return 400;
		keys[n_keys++] = k;
	}
	if (s->opt.group_bug && cmd <= 3)
		clear_group_booleans(s, (int)cmd, keys, n_keys, now_ms, ev);
	for (size_t i = 0; i < n_keys; i++)
		store(s, (enum fos_key)keys[i], normal[i], now_ms, ev);
	if (apwd != NULL) {
		snprintf(s->apwd, sizeof(s->apwd), "%s", apwd);
		ev->password_changed = true;
		ev->changed = true;
	}
	return 200;
}

bool emu_kick(struct emu_state *s, long long now_ms, struct emu_events *ev)
{
	memset(ev, 0, sizeof(*ev));
	if (s->cfg.v[FOS_K_WSTATE].num == FOS_WSTATE_FAILED && !s->opt.latch) {
		watchdog_start(s, now_ms);
		ev->watchdog_enabled = true;
		return true;
	}
	if (s->cfg.v[FOS_K_WSTATE].num != FOS_WSTATE_ON)
		return false;
	s->deadline_ms = now_ms + s->cfg.v[FOS_K_WINTV].num * 1000LL;
	return true;
}

void emu_tick(struct emu_state *s, long long now_ms, struct emu_events *ev)
{
	memset(ev, 0, sizeof(*ev));
	if (s->cfg.v[FOS_K_WSTATE].num != FOS_WSTATE_ON) {
		set_num(s, FOS_K_WRETV, 0);
		return;
	}
	if (now_ms >= s->deadline_ms) {
		/* Fail-safe: lines to the backup (A-D), alarm state 2. */
		if (s->cfg.v[FOS_K_MODE].num != 0 && !s->opt.stuck[FOS_K_MODE]) {
			ev->mode_changed = true;
			ev->old_mode = s->cfg.v[FOS_K_MODE].num;
			set_num(s, FOS_K_MODE, 0);
		}
		set_num(s, FOS_K_WSTATE, FOS_WSTATE_FAILED);
		set_num(s, FOS_K_WRETV, 0);
		ev->watchdog_expired = true;
		ev->changed = true;
		return;
	}
	set_num(s, FOS_K_WRETV, (long)((s->deadline_ms - now_ms + 999) / 1000));
}

const char *emu_relay_paths(const struct emu_state *s)
{
	bool bypass = s->cfg.v[FOS_K_SZ].num != 0;

	if (s->cfg.v[FOS_K_MODE].num != 0)
		return bypass ? "A-B C-D" : "A-B";
	if (bypass && s->opt.bypass_bc_joined)
		return "A-D B-C";
	return "A-D";
}

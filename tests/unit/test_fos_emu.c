/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests of fosemu's device model and request parser: the behaviour the
 * other tests rely on, with time as a parameter instead of sleeps. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <stdio.h>
#include <cmocka.h>

#include "berofos/emu_http.h"
#include "berofos/emu_state.h"

static void set(struct emu_state *s, const char *query, long long now, int want_status)
{
	char head[512], error[128];
	struct emu_request req;
	struct emu_events ev;

	snprintf(head, sizeof(head), "GET /?%s HTTP/1.0\r\n\r\n", query);
	assert_int_equal(emu_http_parse(head, strlen(head), &req), 0);
	assert_int_equal(emu_apply_set(s, req.params, req.param_count, now, &ev, error, sizeof(error)),
			 want_status);
}

/* An emulator, latching or not, whose first request sets the watchdog
 * window, as fos-kickd's is. */
static struct emu_state with_window(bool latch, const char *window_query)
{
	struct emu_options opt = { .latch = latch };
	struct emu_state s;

	emu_state_init(&s, &opt);
	set(&s, window_query, 0, 200);
	return s;
}

static void watchdog_expiry_falls_back_and_latches(void **state)
{
	struct emu_state s = with_window(true, "cmd=2&wintv=2");
	struct emu_events ev;

	(void)state;
	set(&s, "cmd=4&mode=1", 0, 200);
	set(&s, "cmd=6&wen=1", 0, 200);
	emu_tick(&s, 1500, &ev);
	assert_int_equal(s.cfg.v[FOS_K_WRETV].num, 1);
	assert_true(emu_kick(&s, 1500, &ev));
	emu_tick(&s, 3499, &ev);
	assert_false(ev.watchdog_expired);
	emu_tick(&s, 3500, &ev);
	assert_true(ev.watchdog_expired);
	assert_true(ev.mode_changed);
	assert_int_equal(s.cfg.v[FOS_K_MODE].num, 0);
	assert_int_equal(s.cfg.v[FOS_K_WSTATE].num, FOS_WSTATE_FAILED);
	assert_false(emu_kick(&s, 4000, &ev));             /* latched */
	assert_int_equal(s.cfg.v[FOS_K_WSTATE].num, FOS_WSTATE_FAILED);
	set(&s, "cmd=6&wen=1", 5000, 200);                 /* re-enable recovers */
	assert_int_equal(s.cfg.v[FOS_K_WSTATE].num, FOS_WSTATE_ON);
}

static void without_latch_a_kick_recovers(void **state)
{
	struct emu_state s = with_window(false, "cmd=2&wintv=1");
	struct emu_events ev;

	(void)state;
	set(&s, "cmd=6&wen=1", 0, 200);
	emu_tick(&s, 1000, &ev);
	assert_true(ev.watchdog_expired);
	assert_true(emu_kick(&s, 1100, &ev));
	assert_int_equal(s.cfg.v[FOS_K_WSTATE].num, FOS_WSTATE_ON);
}

static void bad_request_changes_nothing(void **state)
{
	struct emu_options opt = { .latch = true };
	struct emu_state s;

	(void)state;
	emu_state_init(&s, &opt);
	set(&s, "cmd=1&rm=1&sz=7", 0, 400);                /* second value bad */
	assert_int_equal(s.cfg.v[FOS_K_RM].num, 0);
	set(&s, "cmd=4&rm=1", 0, 400);                     /* key of another group */
	set(&s, "cmd=9&mode=1", 0, 400);
	set(&s, "cmd=5&p=2&s=1", 0, 400);
	set(&s, "mode=1", 0, 400);
	assert_int_equal(s.cfg.v[FOS_K_MODE].num, 0);
}

static void stuck_relay_ignores_writes(void **state)
{
	struct emu_options opt = { .latch = true };
	struct emu_state s;

	(void)state;
	opt.stuck[FOS_K_P1] = true;
	emu_state_init(&s, &opt);
	set(&s, "cmd=5&p=1&s=1", 0, 200);
	assert_int_equal(s.cfg.v[FOS_K_P1].num, 0);
	set(&s, "cmd=5&p=0&s=1", 0, 200);
	assert_int_equal(s.cfg.v[FOS_K_P0].num, 1);
}

static void group_bug_clears_unnamed_booleans_of_the_group(void **state)
{
	struct emu_options opt = { .latch = true, .group_bug = true };
	struct emu_state s;

	(void)state;
	emu_state_init(&s, &opt);
	set(&s, "cmd=1&p0=1", 0, 200);
	set(&s, "cmd=4&mode=1", 0, 200);                   /* other group: untouched */
	assert_int_equal(s.cfg.v[FOS_K_P0_DEF].num, 1);
	set(&s, "cmd=1&rm=1", 0, 200);
	assert_int_equal(s.cfg.v[FOS_K_RM].num, 1);
	assert_int_equal(s.cfg.v[FOS_K_P0_DEF].num, 0);
	assert_int_equal(s.cfg.v[FOS_K_MODE].num, 1);
}

static void relay_paths_follow_scenario_and_mode(void **state)
{
	struct emu_options opt = { .latch = true };
	struct emu_state s;

	(void)state;
	emu_state_init(&s, &opt);
	assert_string_equal(emu_relay_paths(&s), "A-D");
	set(&s, "cmd=4&mode=1", 0, 200);
	assert_string_equal(emu_relay_paths(&s), "A-B");
	set(&s, "cmd=1&sz=1", 0, 200);
	assert_string_equal(emu_relay_paths(&s), "A-B C-D");
	s.opt.bypass_bc_joined = true;
	set(&s, "cmd=4&mode=0", 0, 200);
	assert_string_equal(emu_relay_paths(&s), "A-D B-C");
}

static void basic_auth_and_escapes_are_decoded(void **state)
{
	static const char head[] = "GET /?cmd=3&apwd=a%20b%2B HTTP/1.1\r\nHost: x\r\n"
				   "authorization: Basic YWRtaW46c2VjcmV0\r\n\r\n";
	struct emu_request req;

	(void)state;
	assert_int_equal(emu_http_parse(head, strlen(head), &req), 0);
	assert_string_equal(req.method, "GET");
	assert_string_equal(req.path, "/");
	assert_true(req.has_auth);
	assert_string_equal(req.user, "admin");
	assert_string_equal(req.password, "secret");
	assert_int_equal(req.param_count, 2);
	assert_string_equal(req.params[1].value, "a b+");
}

static void malformed_requests_get_the_right_status(void **state)
{
	struct emu_request req;

	(void)state;
	assert_int_equal(emu_http_parse("GET / HTTP/2\r\n\r\n", 16, &req), 505);
	assert_int_equal(emu_http_parse("GET\r\n\r\n", 7, &req), 400);
	assert_int_equal(emu_http_parse("GET x HTTP/1.0\r\n\r\n", 18, &req), 400);
	assert_int_equal(emu_http_parse("GET /?a=%zz HTTP/1.0\r\n\r\n", 24, &req), 400);
	assert_int_equal(emu_http_parse("GET /?a=%00 HTTP/1.0\r\n\r\n", 24, &req), 400);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(watchdog_expiry_falls_back_and_latches),
		cmocka_unit_test(without_latch_a_kick_recovers),
		cmocka_unit_test(bad_request_changes_nothing),
		cmocka_unit_test(stuck_relay_ignores_writes),
		cmocka_unit_test(group_bug_clears_unnamed_booleans_of_the_group),
		cmocka_unit_test(relay_paths_follow_scenario_and_mode),
		cmocka_unit_test(basic_auth_and_escapes_are_decoded),
		cmocka_unit_test(malformed_requests_get_the_right_status),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

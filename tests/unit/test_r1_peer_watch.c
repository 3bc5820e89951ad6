/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests of r1-peer-fence's decision (when the master resets a peer
 * that Heartbeat R1 declares dead) and of its ha.cf line parser. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "stonith/r1_hacf.h"
#include "stonith/r1_peer_watch.h"

static struct r1pw master_with_live_peer(void)
{
	struct r1pw w;

	r1pw_init(&w, "active", "all");
	return w;
}

static void split_or_death_is_reset(void **state)
{
	struct r1pw w = master_with_live_peer();

	(void)state;
	assert_int_equal(r1pw_peer_status(&w, "dead", "all"), R1PW_RESET);
	/* Heartbeat repeats nothing, but a second "dead" must not reset twice. */
	assert_int_equal(r1pw_peer_status(&w, "dead", "all"), R1PW_NOTHING);
}

static void clean_leave_is_not_reset(void **state)
{
	struct r1pw w = master_with_live_peer();

	(void)state;
	r1pw_shutdown_notice(&w);
	assert_int_equal(r1pw_peer_status(&w, "dead", "all"), R1PW_LEFT_CLEANLY);
}

static void notice_counts_for_one_life_only(void **state)
{
	struct r1pw w = master_with_live_peer();

	(void)state;
	r1pw_shutdown_notice(&w);
	assert_int_equal(r1pw_peer_status(&w, "dead", "all"), R1PW_LEFT_CLEANLY);
	/* It starts again, then is cut off: that death is a reset. */
	assert_int_equal(r1pw_peer_status(&w, "init", "all"), R1PW_NOTHING);
	assert_int_equal(r1pw_peer_status(&w, "active", "all"), R1PW_NOTHING);
	assert_int_equal(r1pw_peer_status(&w, "dead", "all"), R1PW_RESET);
}

static void backup_never_resets(void **state)
{
	struct r1pw w;

	(void)state;
	r1pw_init(&w, "active", "none");
	assert_int_equal(r1pw_peer_status(&w, "dead", "none"), R1PW_NOT_HOLDER);
}

/* The backup that takes over after the master died: R1 fenced the master
 * already; the status it holds "all" after the death changes nothing. */
static void takeover_after_death_does_not_reset_again(void **state)
{
	struct r1pw w;

	(void)state;
	r1pw_init(&w, "active", "none");
	assert_int_equal(r1pw_peer_status(&w, "dead", "transition"), R1PW_NOT_HOLDER);
	r1pw_resources(&w, "all");
	assert_int_equal(r1pw_peer_status(&w, "dead", "all"), R1PW_NOTHING);
}

/* Resources that moved away between the last sample and the death. */
static void holder_now_and_before(void **state)
{
	struct r1pw w = master_with_live_peer();

	(void)state;
	assert_int_equal(r1pw_peer_status(&w, "dead", "none"), R1PW_NOT_HOLDER);
	w = master_with_live_peer();
	r1pw_resources(&w, "none");
	assert_int_equal(r1pw_peer_status(&w, "dead", "all"), R1PW_NOT_HOLDER);
	r1pw_init(&w, "active", "local");
	assert_int_equal(r1pw_peer_status(&w, "dead", "local"), R1PW_RESET);
}

static void dead_at_start_is_not_reset(void **state)
{
	struct r1pw w;

	(void)state;
	r1pw_init(&w, "dead", "all");
	assert_int_equal(r1pw_peer_status(&w, "dead", "all"), R1PW_NOTHING);
	/* Samples while it is dead do not make this node a holder before it. */
	r1pw_resources(&w, "all");
	assert_int_equal(r1pw_peer_status(&w, "active", "all"), R1PW_NOTHING);
	assert_int_equal(r1pw_peer_status(&w, "dead", "all"), R1PW_RESET);
}

static void unknown_words(void **state)
{
	struct r1pw w;

	(void)state;
	assert_false(r1pw_holds(NULL));
	assert_false(r1pw_holds("foreign"));
	assert_false(r1pw_holds("transition"));
	r1pw_init(&w, NULL, NULL);
	assert_int_equal(r1pw_peer_status(&w, NULL, "all"), R1PW_NOTHING);
	assert_int_equal(r1pw_peer_status(&w, "dead", "all"), R1PW_NOT_HOLDER);
}

static void hacf_words(void **state)
{
	char out[128];

	(void)state;
	assert_int_equal(r1_hacf_stonith_words("stonith_host * berofos 192.0.2.40 gw1:0,gw2:1 admin "
					       "/etc/warmstandby/fos1.pw 2 1", out, sizeof(out)),
			 R1_HACF_FOUND);
	assert_string_equal(out, "192.0.2.40 gw1:0,gw2:1 admin /etc/warmstandby/fos1.pw 2 1");
	assert_int_equal(r1_hacf_stonith_words("\t stonith_host\t*  berofos  a\t b   # note", out,
					       sizeof(out)), R1_HACF_FOUND);
	assert_string_equal(out, "a b");
	assert_int_equal(r1_hacf_stonith_words("stonith_host * external a b", out, sizeof(out)),
			 R1_HACF_NOT_THIS);
	assert_int_equal(r1_hacf_stonith_words("stonith_host gw1 berofos a", out, sizeof(out)),
			 R1_HACF_NOT_THIS);
	assert_int_equal(r1_hacf_stonith_words("stonith_host * berofos", out, sizeof(out)),
			 R1_HACF_NOT_THIS);
	assert_int_equal(r1_hacf_stonith_words("stonith_host * berofos   ", out, sizeof(out)),
			 R1_HACF_NOT_THIS);
	assert_int_equal(r1_hacf_stonith_words("# stonith_host * berofos a", out, sizeof(out)),
			 R1_HACF_NOT_THIS);
	assert_int_equal(r1_hacf_stonith_words("stonith_hostx * berofos a", out, sizeof(out)),
			 R1_HACF_NOT_THIS);
	assert_int_equal(r1_hacf_stonith_words("", out, sizeof(out)), R1_HACF_NOT_THIS);
	assert_int_equal(r1_hacf_stonith_words("stonith_host * berofos abcdef", out, 4),
			 R1_HACF_TOO_LONG);
	assert_int_equal(r1_hacf_stonith_words("stonith_host * berofos abc", out, 4),
			 R1_HACF_FOUND);
	assert_string_equal(out, "abc");
	assert_int_equal(r1_hacf_stonith_words("stonith_host * berofos ab c", out, 4),
			 R1_HACF_TOO_LONG);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(split_or_death_is_reset),
		cmocka_unit_test(clean_leave_is_not_reset),
		cmocka_unit_test(notice_counts_for_one_life_only),
		cmocka_unit_test(backup_never_resets),
		cmocka_unit_test(takeover_after_death_does_not_reset_again),
		cmocka_unit_test(holder_now_and_before),
		cmocka_unit_test(dead_at_start_is_not_reset),
		cmocka_unit_test(unknown_words),
		cmocka_unit_test(hacf_words),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

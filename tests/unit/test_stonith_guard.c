/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests of the fence guard's decision and of its parameters: who holds
 * the lines, when a live master is spared, when a dead or stuck one is
 * fenced, and the LAN map parser's bad input. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <arpa/inet.h>

#include "stonith/fence_guard.h"
#include "tests/unit/refusals.h"

static char err[BFP_ERR_MAX];

/* gw1 on power port 0 is the primary (B side, mode 1), gw2 on port 1. */
static struct bfp_params pair(void)
{
	struct bfp_params p;

	bfp_defaults(&p);
	assert_int_equal(bfp_parse_hostmap("gw1:0 gw2:1", &p, err, sizeof(err)), 0);
	assert_int_equal(bfp_parse_node("gw1", p.primary_node, sizeof(p.primary_node), err,
					sizeof(err)), 0);
	assert_int_equal(bfp_parse_lan_map("gw1=192.0.2.11,gw2=192.0.2.12", &p, err, sizeof(err)), 0);
	assert_int_equal(bfp_check_guard(&p, err, sizeof(err)), 0);
	return p;
}

static const struct bfg_switch fed = { .mode = 1, .wdog_on = true, .wintv_s = 10, .wretv_s = 10 };

static enum bfg_verdict decide(const struct bfp_params *p, int port, const struct bfg_switch *sw,
			       enum bfg_peer peer, bool watch_over)
{
	const char *why = NULL;
	enum bfg_verdict v = bfg_decide(p, port, sw, peer, watch_over, &why);

	assert_non_null(why);
	return v;
}

static void the_relay_mode_names_the_holder(void **state)
{
	struct bfp_params p = pair();

	(void)state;
	assert_int_equal(bfg_holder_port(&p, 1), 0);
	assert_int_equal(bfg_holder_port(&p, 0), 1);
	p.primary_node[0] = '\0';
	assert_int_equal(bfg_holder_port(&p, 1), -1);
}

static const struct bfg_switch unwatched = { .mode = 1 };

/* The guard's decision table on a switch at rest: fencing port, with what
 * the LAN says and whether the watch is over, and the verdict. */
static void the_verdict_follows_holder_lan_and_kicks(void **state)
{
	static const struct {
		int port;
		const struct bfg_switch *sw;
		enum bfg_peer peer;
		bool watch_over;
		enum bfg_verdict verdict;
	} rows[] = {
		/* Lines on gw1: fencing gw2 goes ahead whatever gw2 says on the LAN. */
		{ 1, &fed, BFG_PEER_ANSWERS, false, BFG_FENCE },
		{ 1, &fed, BFG_PEER_UNKNOWN, false, BFG_FENCE },
		/* A live master that kicks is spared ... */
		{ 0, &fed, BFG_PEER_ANSWERS, false, BFG_WATCH },
		{ 0, &fed, BFG_PEER_ANSWERS, true, BFG_YIELD },
		/* ... without a LAN address the kicks alone decide ... */
		{ 0, &fed, BFG_PEER_UNKNOWN, true, BFG_YIELD },
		/* ... and a silent one is fenced without waiting. */
		{ 0, &fed, BFG_PEER_SILENT, false, BFG_FENCE },
		/* Without a watchdog the LAN decides. */
		{ 0, &unwatched, BFG_PEER_ANSWERS, false, BFG_YIELD },
		{ 0, &unwatched, BFG_PEER_SILENT, false, BFG_FENCE },
		{ 0, &unwatched, BFG_PEER_UNKNOWN, false, BFG_FENCE },
	};
	struct bfp_params p = pair();

	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		print_message("verdict row %zu\n", i);
		assert_int_equal(decide(&p, rows[i].port, rows[i].sw, rows[i].peer, rows[i].watch_over),
				 rows[i].verdict);
	}
}

static void a_master_whose_kicks_stopped_is_fenced(void **state)
{
	struct bfp_params p = pair();
	struct bfg_switch stalled = fed, ran_out = fed;

	(void)state;
	stalled.wretv_s = 9;            /* at least 1 s since the last kick */
	assert_int_equal(decide(&p, 0, &stalled, BFG_PEER_ANSWERS, false), BFG_FENCE);
	p.kick_stall_ms = 2000;
	assert_int_equal(decide(&p, 0, &stalled, BFG_PEER_ANSWERS, false), BFG_WATCH);
	stalled.wretv_s = 8;
	assert_int_equal(decide(&p, 0, &stalled, BFG_PEER_ANSWERS, false), BFG_FENCE);
	ran_out.wdog_on = false;
	ran_out.wdog_failed = true;
	assert_int_equal(decide(&p, 0, &ran_out, BFG_PEER_ANSWERS, false), BFG_FENCE);
}

static void without_primary_node_the_guard_is_off(void **state)
{
	struct bfp_params p = pair();

	(void)state;
	p.primary_node[0] = '\0';
	p.nlan = 0;
	assert_int_equal(decide(&p, 0, &fed, BFG_PEER_ANSWERS, false), BFG_FENCE);
	assert_int_equal(bfp_check_guard(&p, err, sizeof(err)), 0);
}

static void the_watch_outlasts_one_kick_stall(void **state)
{
	struct bfp_params p = pair();

	(void)state;
	assert_true(bfg_watch_ms(&p) > p.kick_stall_ms);
}

static const struct refusal bad_lan_maps[] = {
	{ "gw1", "NODE=IPV4" },
	{ "gw1=fe80::1", NULL },
	{ "gw1=192.0.2.256", NULL },
	{ "gw1=0.0.0.0", NULL },
	{ "gw1=192.0.2.1 gw1=192.0.2.2", "twice" },
	{ "a=192.0.2.1 b=192.0.2.2 c=192.0.2.3", NULL },
	{ "g w=192.0.2.1", NULL },
};

REFUSAL_PARSER(parse_lan_map, bfp_parse_lan_map(text, ctx, err_buf, err_len))

static void lan_maps_are_parsed_and_checked(void **state)
{
	struct bfp_params p = pair();
	struct in_addr ip;

	(void)state;
	assert_int_equal(inet_pton(AF_INET, "192.0.2.12", &ip), 1);
	assert_int_equal(bfp_lan_of(&p, "GW2"), ip.s_addr);
	assert_int_equal(bfp_lan_of(&p, "gw3"), 0);
	assert_string_equal(bfp_node_of(&p, 1), "gw2");
	assert_null(bfp_node_of(&p, 2));
	assert_refusals(bad_lan_maps, REFUSALS_LEN(bad_lan_maps), parse_lan_map, &p);
	/* A failed parse leaves the map as it was. */
	assert_int_equal(p.nlan, 2);
	assert_int_equal(bfp_parse_lan_map("gw3=192.0.2.13", &p, err, sizeof(err)), 0);
	assert_int_equal(bfp_check_guard(&p, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "gw3"));
	assert_int_equal(bfp_parse_node("gw9", p.primary_node, sizeof(p.primary_node), err,
					sizeof(err)), 0);
	assert_int_equal(bfp_check_guard(&p, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "primary_node"));
	assert_int_equal(bfp_parse_node("", p.primary_node, sizeof(p.primary_node), err,
					sizeof(err)), -1);
	assert_int_equal(bfp_parse_node("a;b", p.primary_node, sizeof(p.primary_node), err,
					sizeof(err)), -1);
	/* "none" fills a positional place (Heartbeat): no primary, no map. */
	assert_int_equal(bfp_parse_node("none", p.primary_node, sizeof(p.primary_node), err,
					sizeof(err)), 0);
	assert_string_equal(p.primary_node, "");
	assert_int_equal(bfp_parse_lan_map("none", &p, err, sizeof(err)), 0);
	assert_int_equal(p.nlan, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_relay_mode_names_the_holder),
		cmocka_unit_test(the_verdict_follows_holder_lan_and_kicks),
		cmocka_unit_test(a_master_whose_kicks_stopped_is_fenced),
		cmocka_unit_test(without_primary_node_the_guard_is_off),
		cmocka_unit_test(the_watch_outlasts_one_kick_stall),
		cmocka_unit_test(lan_maps_are_parsed_and_checked),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

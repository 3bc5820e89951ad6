/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests of the `l2` directive parser, MAC text and status text. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "hbcomm-l2/l2conf.h"
#include "hbcomm-l2/l2stats.h"
#include "tests/unit/refusals.h"

static void peer_and_broadcast_lines_are_accepted(void **state)
{
	struct l2_directive d;
	char error[256];
	const uint8_t peer[6] = { 0x52, 0x54, 0x00, 0xab, 0xcd, 0xef };

	(void)state;
	assert_int_equal(l2_directive_parse("eth1 52:54:00:AB:cd:ef", &d, error, sizeof(error)), 0);
	assert_string_equal(d.ifname, "eth1");
	assert_false(d.broadcast);
	assert_memory_equal(d.peer, peer, 6);
	assert_int_equal(d.ethertype, L2F_DEFAULT_ETHERTYPE);
	assert_int_equal(l2_directive_parse("  eth1\tbroadcast ethertype=0x88b6  ", &d, error, sizeof(error)), 0);
	assert_true(d.broadcast);
	assert_int_equal(d.ethertype, 0x88b6);
	assert_int_equal(l2_directive_parse("eth1 52-54-00-ab-cd-ef # comment", &d, error, sizeof(error)), 0);
}

static const struct refusal bad_lines[] = {
	{ "", "missing interface" },
	{ "eth1", "missing peer" },
	{ "eth1 52:54:00:ab:cd", "malformed" },
	{ "eth1 52:54:00:ab:cd:eg", NULL },
	{ "eth1 52:54-00:ab:cd:ef", NULL },
	{ "eth1 01:00:5e:00:00:01", "multicast" },
	{ "eth1 ff:ff:ff:ff:ff:ff", NULL },
	{ "eth1 00:00:00:00:00:00", NULL },
	{ "eth1 broadcast ethertype=0x05ff", "EtherType" },
	{ "eth1 broadcast ethertype=0x10000", NULL },
	{ "eth1 broadcast ethertype=", NULL },
	{ "eth1 broadcast ethertype=-1", NULL },
	{ "eth1 broadcast mtu=1500", "unknown option" },
	{ "eth1 broadcast ethertype=0x88b5 extra", NULL },
	{ "averyveryverylongifname0 broadcast", "too long" },
};

REFUSAL_PARSER(parse_directive, l2_directive_parse(text, ctx, err_buf, err_len))

static void bad_lines_are_rejected_with_the_problem_named(void **state)
{
	struct l2_directive d;

	(void)state;
	assert_refusals(bad_lines, REFUSALS_LEN(bad_lines), parse_directive, &d);
}

static void mac_text_round_trips(void **state)
{
	uint8_t mac[6];
	char text[L2_MAC_TEXT_LEN];

	(void)state;
	assert_int_equal(l2_mac_parse("02:AA:bb:0c:0d:ff", mac), 0);
	l2_mac_format(mac, text);
	assert_string_equal(text, "02:aa:bb:0c:0d:ff");
	assert_false(l2_mac_is_multicast(mac));
	assert_int_equal(l2_mac_parse("02:aa:bb:0c:0d:ff:", mac), -1);
	assert_int_equal(l2_mac_parse(NULL, mac), -1);
}

static void status_text_lists_counters_by_name(void **state)
{
	struct l2_link_counters c = { .frames = 10, .messages = 4, .link_open = true };
	char buf[2048];
	size_t n;

	(void)state;
	c.dropped.drops[L2F_DROP_MAGIC] = 3;
	n = l2_status_format(buf, sizeof(buf), "eth1", "02:00:00:00:00:0b", "rx", &c, 1700000000);
	assert_true(n > 0);
	assert_non_null(strstr(buf, "interface eth1\n"));
	assert_non_null(strstr(buf, "frames 10\n"));
	assert_non_null(strstr(buf, "dropped_magic 3\n"));
	assert_non_null(strstr(buf, "link open\n"));
	assert_int_equal(l2_status_format(buf, 20, "eth1", "x", "rx", &c, 0), 0);
	n = l2_status_format(buf, sizeof(buf), "eth1", "x", "tx", &c, 0);
	assert_null(strstr(buf, "dropped_"));
}

static void status_paths_name_interface_peer_and_direction(void **state)
{
	char path[256];
	const uint8_t peer[6] = { 0x02, 0, 0, 0, 0, 0x0b };

	(void)state;
	assert_int_equal(l2_status_path(path, sizeof(path), "/run/x", "eth1", peer, false, "rx"), 0);
	assert_string_equal(path, "/run/x/eth1-02000000000b.rx");
	assert_int_equal(l2_status_path(path, sizeof(path), "/run/x", "eth1", peer, true, "tx"), 0);
	assert_string_equal(path, "/run/x/eth1-broadcast.tx");
	assert_int_equal(l2_status_path(path, 10, "/run/x", "eth1", peer, true, "tx"), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(peer_and_broadcast_lines_are_accepted),
		cmocka_unit_test(bad_lines_are_rejected_with_the_problem_named),
		cmocka_unit_test(mac_text_round_trips),
		cmocka_unit_test(status_text_lists_counters_by_name),
		cmocka_unit_test(status_paths_name_interface_peer_and_direction),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

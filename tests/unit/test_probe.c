/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests of the testbed prober's pure parts: ARP frames and --watch. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "common/arp_frame.h"
#include "tests/netns/probe_watch.h"

static const uint8_t mac_a[6] = { 0x02, 0x77, 0x73, 0x00, 0x01, 0x0b };

/* A request turned into the reply a Linux stack would send. */
static void make_reply(uint8_t frame[PROBE_ARP_FRAME_LEN], uint32_t vip)
{
	probe_arp_build_request(frame, mac_a, 0, vip);
	frame[14 + 7] = 2;                       /* op: reply */
	memcpy(frame + 14 + 14, &vip, 4);        /* sender IP = VIP */
}

static void request_is_broadcast_who_has(void **state)
{
	uint8_t frame[PROBE_ARP_FRAME_LEN];
	uint32_t vip = 0x3200630a;               /* 10.99.0.50 as stored */
	struct probe_arp_reply reply;

	(void)state;
	probe_arp_build_request(frame, mac_a, 0x6400630a, vip);
	for (int i = 0; i < 6; i++)
		assert_int_equal(frame[i], 0xff);
	assert_memory_equal(frame + 6, mac_a, 6);
	assert_int_equal(frame[12], 0x08);
	assert_int_equal(frame[13], 0x06);
	assert_int_equal(frame[14 + 7], 1);
	assert_memory_equal(frame + 14 + 24, &vip, 4);
	/* our own request is not a reply */
	assert_int_equal(probe_arp_parse_reply(frame, sizeof(frame), &reply), -1);
}

static void reply_is_parsed(void **state)
{
	uint8_t frame[PROBE_ARP_FRAME_LEN];
	struct probe_arp_reply reply;
	uint32_t vip = 0x3200630a;

	(void)state;
	make_reply(frame, vip);
	assert_int_equal(probe_arp_parse_reply(frame, sizeof(frame), &reply), 0);
	assert_memory_equal(reply.sender_mac, mac_a, 6);
	assert_int_equal(reply.sender_ip, vip);
}

static void truncated_and_foreign_frames_are_rejected(void **state)
{
	uint8_t frame[PROBE_ARP_FRAME_LEN];
	struct probe_arp_reply reply;

	(void)state;
	make_reply(frame, 1);
	for (size_t len = 0; len < sizeof(frame); len++)
		assert_int_equal(probe_arp_parse_reply(frame, len, &reply), -1);
	frame[13] = 0x00;                        /* IPv4, not ARP */
	assert_int_equal(probe_arp_parse_reply(frame, sizeof(frame), &reply), -1);
	make_reply(frame, 1);
	frame[14 + 5] = 16;                      /* IPv6-sized protocol address */
	assert_int_equal(probe_arp_parse_reply(frame, sizeof(frame), &reply), -1);
}

static void watch_spec_parses_and_matches(void **state)
{
	struct probe_watch watch;
	char error[256];

	(void)state;
	assert_int_equal(probe_watch_parse("dead:/var/log/ha-log:node n1: is dead$",
					   &watch, error, sizeof(error)), 0);
	assert_string_equal(watch.name, "dead");
	assert_string_equal(watch.path, "/var/log/ha-log");
	assert_true(probe_watch_matches(&watch, "Nov 23 WARN: node n1: is dead"));
	assert_false(probe_watch_matches(&watch, "node n1: is dead, or not"));
	probe_watch_free(&watch);
}

static void watch_spec_errors_name_the_problem(void **state)
{
	static const struct {
		const char *spec;
		const char *expected;
	} cases[] = {
		{ "dead", "expected NAME:FILE:REGEX" },
		{ "dead:/f", "expected NAME:FILE:REGEX" },
		{ ":/f:x", "NAME must be" },
		{ "bad name:/f:x", "NAME must be" },
		{ "n::x", "FILE is empty" },
		{ "n:/f:", "REGEX is empty" },
		{ "n:/f:(", "bad REGEX" },
		{ "n:/f:a++", "stacked repetition" },
		{ "n:/f:a*{2}", "stacked repetition" },
	};
	struct probe_watch watch;
	char error[256];

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(probe_watch_parse(cases[i].spec, &watch, error, sizeof(error)), -1);
		assert_non_null(strstr(error, cases[i].expected));
		assert_null(watch.path);
	}
}

static void escaped_operators_are_not_stacked(void **state)
{
	struct probe_watch watch;
	char error[256];
	char long_regex[PROBE_REGEX_MAX + 16];

	(void)state;
	assert_int_equal(probe_watch_parse("n:/f:a\\++", &watch, error, sizeof(error)), 0);
	assert_true(probe_watch_matches(&watch, "a+"));
	probe_watch_free(&watch);
	memset(long_regex, 'a', sizeof(long_regex));
	memcpy(long_regex, "n:/f:", 5);
	long_regex[sizeof(long_regex) - 1] = '\0';
	assert_int_equal(probe_watch_parse(long_regex, &watch, error, sizeof(error)), -1);
	assert_non_null(strstr(error, "longer than"));
}

static void names_are_bounded(void **state)
{
	char long_name[PROBE_NAME_MAX + 1];

	(void)state;
	memset(long_name, 'a', sizeof(long_name));
	assert_true(probe_name_valid(long_name, PROBE_NAME_MAX - 1));
	assert_false(probe_name_valid(long_name, PROBE_NAME_MAX));
	assert_false(probe_name_valid("a/b", 3));
	assert_true(probe_name_valid("vip_n2-ok", 9));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(request_is_broadcast_who_has),
		cmocka_unit_test(reply_is_parsed),
		cmocka_unit_test(truncated_and_foreign_frames_are_rejected),
		cmocka_unit_test(watch_spec_parses_and_matches),
		cmocka_unit_test(watch_spec_errors_name_the_problem),
		cmocka_unit_test(escaped_operators_are_not_stacked),
		cmocka_unit_test(names_are_bounded),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

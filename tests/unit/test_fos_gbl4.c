/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests of the GBL4 frame codec against the protocol page's examples. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "berofos/fos_gbl4.h"
#include "berofos/fos_kickstat.h"

static const uint8_t mac[6] = { 0x00, 0x19, 0x32, 0x00, 0x12, 0x1d };

static void scan_request_is_the_documented_datagram(void **state)
{
	static const uint8_t want[] = { 0x47, 0x42, 0x4c, 0x04, 0x01, 0x4c };
	uint8_t frame[FOS_GBL4_MAX_FRAME];

	(void)state;
	assert_int_equal(fos_gbl4_scan_request(frame, sizeof(frame)), sizeof(want));
	assert_memory_equal(frame, want, sizeof(want));
}

static void kick_request_is_the_documented_datagram(void **state)
{
	static const uint8_t want[] = { 0x47, 0x42, 0x4c, 0x04, 0x0b, 0x00, 0x19, 0x32,
					0x00, 0x12, 0x1d, 0x00, 0x62 };
	uint8_t frame[FOS_GBL4_MAX_FRAME];

	(void)state;
	assert_int_equal(fos_gbl4_kick_request(mac, frame, sizeof(frame)), sizeof(want));
	assert_memory_equal(frame, want, sizeof(want));
}

static void bad_checksum_prefix_and_runts_are_dropped(void **state)
{
	uint8_t frame[FOS_GBL4_MAX_FRAME];
	const uint8_t *payload;
	size_t len, payload_len;
	uint8_t cmd;

	(void)state;
	len = fos_gbl4_kick_request(mac, frame, sizeof(frame));
	assert_int_equal(fos_gbl4_decode(frame, len, &cmd, &payload, &payload_len), 0);
	assert_int_equal(cmd, FOS_GBL4_KICK_WDOG);
	assert_int_equal(payload_len, 7);
	frame[len - 1] ^= 1;
	assert_int_equal(fos_gbl4_decode(frame, len, &cmd, &payload, &payload_len), -1);
	frame[len - 1] ^= 1;
	frame[3] = 0x05;
	assert_int_equal(fos_gbl4_decode(frame, len, &cmd, &payload, &payload_len), -1);
	assert_int_equal(fos_gbl4_decode(frame, 5, &cmd, &payload, &payload_len), -1);
}

static void netconf_reply_round_trips(void **state)
{
	struct fos_netconf a = { .hwmagic = 0x00bb, .fw_major = 1, .fw_minor = 57,
				 .ip = { 127, 0, 0, 1 }, .netmask = { 255, 0, 0, 0 },
				 .phy_conf = 0xff, .options = 0x02, .http_port = 8080 };
	struct fos_netconf b;
	uint8_t payload[FOS_GBL4_NETCONF_LEN];

	(void)state;
	memcpy(a.mac, mac, 6);
	fos_gbl4_netconf_pack(&a, payload);
	assert_int_equal(payload[6], 0x00);
	assert_int_equal(payload[7], 0xbb);          /* big-endian */
	assert_int_equal(payload[28], 8080 >> 8);
	assert_int_equal(fos_gbl4_netconf_unpack(payload, sizeof(payload), &b), 0);
	assert_memory_equal(&a, &b, sizeof(a));
	assert_int_equal(fos_gbl4_netconf_unpack(payload, sizeof(payload) - 1, &b), -1);
}

static void set_netconf_request_round_trips(void **state)
{
	struct fos_netconf a = { .ip = { 10, 0, 0, 9 }, .netmask = { 255, 255, 255, 0 },
				 .gateway = { 10, 0, 0, 1 }, .phy_conf = 0xff, .http_port = 80 };
	struct fos_netconf b;
	uint8_t frame[FOS_GBL4_MAX_FRAME];
	const uint8_t *payload;
	size_t len, payload_len;
	uint8_t cmd;

	(void)state;
	memcpy(a.mac, mac, 6);
	memset(&b, 0, sizeof(b));
	len = fos_gbl4_set_netconf_request(&a, frame, sizeof(frame));
	assert_int_equal(len, 5 + FOS_GBL4_SET_NETCONF_LEN + 1);
	assert_int_equal(fos_gbl4_decode(frame, len, &cmd, &payload, &payload_len), 0);
	assert_int_equal(fos_gbl4_set_netconf_unpack(payload, payload_len, &b), 0);
	assert_memory_equal(b.ip, a.ip, 4);
	assert_int_equal(b.http_port, 80);
}

static void oversized_payload_is_not_encoded(void **state)
{
	static uint8_t payload[FOS_GBL4_MAX_FRAME];
	uint8_t frame[FOS_GBL4_MAX_FRAME];

	(void)state;
	assert_int_equal(fos_gbl4_encode(4, payload, sizeof(payload), frame, sizeof(frame)), 0);
}

static void macs_parse_and_format(void **state)
{
	uint8_t got[6];
	char text[18];

	(void)state;
	assert_int_equal(fos_mac_parse("00:19:32:00:12:1D", got), 0);
	assert_memory_equal(got, mac, 6);
	fos_mac_format(got, text);
	assert_string_equal(text, "00:19:32:00:12:1d");
	assert_int_equal(fos_mac_parse("00:19:32:00:12", got), -1);
	assert_int_equal(fos_mac_parse("00:19:32:00:12:1d:00", got), -1);
	assert_int_equal(fos_mac_parse("0:19:32:00:12:1dd", got), -1);
	assert_int_equal(fos_mac_parse("-1:-1:-1:-1:-1:-1", got), -1);
	assert_int_equal(fos_mac_parse(" 1: 2: 3: 4: 5: 6", got), -1);
	assert_int_equal(fos_mac_parse("+1:+2:+3:+4:+5:+6", got), -1);
	assert_int_equal(fos_mac_parse("00-19-32-00-12-1d", got), -1);
	assert_int_equal(fos_mac_parse("0x:19:32:00:12:1d", got), -1);
}

/* KICK_WDOG's reply: command 11 with a valid checksum, whatever payload. */
static void kick_reply_is_recognised_by_command_and_checksum(void **state)
{
	static const uint8_t bare[] = { 'G', 'B', 'L', 0x04, 0x0b, 'G' ^ 'B' ^ 'L' ^ 0x04 ^ 0x0b };
	uint8_t frame[FOS_GBL4_MAX_FRAME];
	size_t len;

	(void)state;
	len = fos_gbl4_kick_reply(mac, frame, sizeof(frame));
	assert_int_equal(len, 5 + 7 + 1);
	assert_int_equal(frame[4], FOS_GBL4_KICK_WDOG);
	assert_memory_equal(frame + 5, mac, 6);
	assert_int_equal(fos_gbl4_kick_reply_check(frame, len), 0);
	assert_int_equal(fos_gbl4_kick_reply_check(bare, sizeof(bare)), 0);
	frame[len - 1] ^= 1;
	assert_int_equal(fos_gbl4_kick_reply_check(frame, len), -1);
	len = fos_gbl4_ping_request(mac, frame, sizeof(frame));
	assert_int_equal(fos_gbl4_kick_reply_check(frame, len), -1);
	/* our own kick request is a command-11 frame too: the daemon tells them
	 * apart by the sender, the switch's address */
	len = fos_gbl4_kick_request(mac, frame, sizeof(frame));
	assert_int_equal(fos_gbl4_kick_reply_check(frame, len), 0);
}

static void kick_status_round_trips_and_refuses_bad_numbers(void **state)
{
	struct fos_kick_status st = {
		.pid = 4242, .mac = "00:19:32:00:12:1d", .interval_ms = 200,
		.updated_ms = 1796188973795LL, .kicks = 31, .acks = 30, .unacked = 0,
		.last_ack_ms = 1796188973700LL, .late = 1, .failed = 0,
	};
	struct fos_kick_status back;
	char text[512], error[128];
	size_t len;

	(void)state;
	len = fos_kick_status_format(&st, text, sizeof(text));
	assert_true(len < sizeof(text));
	assert_int_equal(fos_kick_status_parse(text, len, &back, error, sizeof(error)), 0);
	assert_int_equal(back.pid, 4242);
	assert_string_equal(back.mac, "00:19:32:00:12:1d");
	assert_int_equal(back.kicks, 31);
	assert_int_equal(back.acks, 30);
	assert_int_equal(back.last_ack_ms, 1796188973700LL);
	assert_int_equal(back.updated_ms, 1796188973795LL);
	assert_int_equal(fos_kick_status_parse("pid=1\nkicks=x\nupdated_ms=1\n", strlen("pid=1\nkicks=x\nupdated_ms=1\n"), &back,
						error, sizeof(error)), -1);
	assert_non_null(strstr(error, "kicks"));
	assert_int_equal(fos_kick_status_parse("pid=1\nkicks=-1\nupdated_ms=1\n", strlen("pid=1\nkicks=-1\nupdated_ms=1\n"), &back,
						error, sizeof(error)), -1);
	assert_int_equal(fos_kick_status_parse("pid=1\nfuture=1\n", strlen("pid=1\nfuture=1\n"), &back,
						error, sizeof(error)), -1);
	assert_int_equal(fos_kick_status_parse("x=1\npid=1\nkicks=2\nupdated_ms=3", strlen("x=1\npid=1\nkicks=2\nupdated_ms=3"), &back,
						error, sizeof(error)), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(scan_request_is_the_documented_datagram),
		cmocka_unit_test(kick_request_is_the_documented_datagram),
		cmocka_unit_test(bad_checksum_prefix_and_runts_are_dropped),
		cmocka_unit_test(netconf_reply_round_trips),
		cmocka_unit_test(set_netconf_request_round_trips),
		cmocka_unit_test(oversized_payload_is_not_encoded),
		cmocka_unit_test(macs_parse_and_format),
		cmocka_unit_test(kick_reply_is_recognised_by_command_and_checksum),
		cmocka_unit_test(kick_status_round_trips_and_refuses_bad_numbers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

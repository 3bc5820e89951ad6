/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests of the shared helpers in common/: byte order, the clock, the
 * pause and its error path, numbers, lines of text, URLs and MAC addresses. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <string.h>
#include <sys/time.h>

#include "common/byteorder.h"
#include "common/clock.h"
#include "common/hex.h"
#include "common/lines.h"
#include "common/mac.h"
#include "common/number.h"
#include "common/sleep.h"
#include "common/url.h"

static void big_endian_fields_round_trip(void **state)
{
	uint8_t b[8];

	(void)state;
	ws_put_be16(b, 0x88b5);
	assert_int_equal(b[0], 0x88);
	assert_int_equal(b[1], 0xb5);
	assert_int_equal(ws_get_be16(b), 0x88b5);
	ws_put_be32(b, 0x01020304u);
	assert_memory_equal(b, "\x01\x02\x03\x04", 4);
	assert_int_equal(ws_get_be32(b), 0x01020304u);
	ws_put_be64(b, 0x0102030405060708ull);
	assert_memory_equal(b, "\x01\x02\x03\x04\x05\x06\x07\x08", 8);
	assert_true(ws_get_be64(b) == 0x0102030405060708ull);
	ws_put_be32(b, 0xffffffffu);
	assert_true(ws_get_be32(b) == 0xffffffffu);
}

static void hex_digits_of_either_case(void **state)
{
	/* digit v at index v, in each case */
	static const char lower[] = "0123456789abcdef", upper[] = "0123456789ABCDEF";
	static const char not_digits[] = { 'g', ' ', '\0' };

	(void)state;
	for (int v = 0; v < 16; v++) {
		print_message("digit %c and %c\n", lower[v], upper[v]);
		assert_int_equal(ws_hex_digit(lower[v]), v);
		assert_int_equal(ws_hex_digit(upper[v]), v);
	}
	for (size_t i = 0; i < sizeof(not_digits); i++) {
		print_message("not a digit: %#x\n", (unsigned)not_digits[i]);
		assert_int_equal(ws_hex_digit(not_digits[i]), -1);
	}
}

static void the_clock_does_not_go_back(void **state)
{
	int64_t ns = ws_mono_ns(), ms = ws_mono_ms();

	(void)state;
	assert_true(ns > 0);
	assert_true(ws_mono_ns() >= ns);
	assert_true(ws_mono_ms() >= ms);
	assert_true(ms >= ns / 1000000);
	assert_true(ws_mono_s() >= (double)ms / 1000.0 - 0.001);
}

static void a_pause_lasts_at_least_its_time(void **state)
{
	int64_t start = ws_mono_ms();

	(void)state;
	assert_int_equal(ws_sleep_ms(20), 0);
	assert_true(ws_mono_ms() - start >= 20);
	assert_int_equal(ws_sleep_ms(0), 0);
}

static volatile sig_atomic_t alarms;

static void on_alarm(int signo)
{
	(void)signo;
	alarms++;
}

static void a_signal_does_not_cut_the_pause_short(void **state)
{
	struct sigaction sa = { .sa_handler = on_alarm };   /* no SA_RESTART */
	struct itimerval timer = { .it_value = { 0, 10000 } };
	int64_t start;

	(void)state;
	alarms = 0;
	assert_int_equal(sigaction(SIGALRM, &sa, NULL), 0);
	start = ws_mono_ms();
	assert_int_equal(setitimer(ITIMER_REAL, &timer, NULL), 0);
	assert_int_equal(ws_sleep_ms(100), 0);
	assert_int_equal(alarms, 1);
	assert_true(ws_mono_ms() - start >= 100);
}

/* nanosleep's other errors end the pause with -1 instead of a busy loop
 * (the copy in libberofos retried them for ever). */
static void a_failing_pause_returns_its_error(void **state)
{
	int64_t start = ws_mono_ms();

	(void)state;
	errno = 0;
	assert_int_equal(ws_sleep_ms(-1), -1);
	assert_int_equal(errno, EINVAL);
	assert_int_equal(ws_sleep_ms(-1500), -1);
	assert_int_equal(errno, EINVAL);
	assert_true(ws_mono_ms() - start < 10000);   /* hang bound */
}

static void numbers_in_range(void **state)
{
	long v = 7;
	long long ll = 7;
	double d = 7;

	(void)state;
	assert_int_equal(ws_parse_long("8080", 10, 1, 65535, &v), 0);
	assert_int_equal(v, 8080);
	assert_int_equal(ws_parse_long("-5", 10, -10, 10, &v), 0);
	assert_int_equal(v, -5);
	assert_int_equal(ws_parse_long("0x88b5", 0, 0x600, 0xffff, &v), 0);
	assert_int_equal(v, 0x88b5);
	assert_int_equal(ws_parse_llong("1700000000123", 10, 0, LLONG_MAX, &ll), 0);
	assert_true(ll == 1700000000123LL);
	assert_int_equal(ws_parse_double("0.25", 0, 60, &d), 0);
	assert_true(d == 0.25);
}

static void bad_numbers_are_refused(void **state)
{
	long v = 7;
	long long ll = 7;
	double d = 7;

	(void)state;
	assert_int_equal(ws_parse_long("", 10, 0, 10, &v), -1);
	assert_int_equal(ws_parse_long(NULL, 10, 0, 10, &v), -1);
	assert_int_equal(ws_parse_long("12x", 10, 0, 100, &v), -1);
	assert_int_equal(ws_parse_long(" 1", 10, 0, 10, &v), -1);
	assert_int_equal(ws_parse_long("+1", 10, 0, 10, &v), -1);
	assert_int_equal(ws_parse_long("0", 10, 1, 65535, &v), -1);
	assert_int_equal(ws_parse_long("65536", 10, 1, 65535, &v), -1);
	assert_int_equal(ws_parse_long("-1", 10, 0, 10, &v), -1);
	assert_int_equal(ws_parse_long("99999999999999999999", 10, LONG_MIN, LONG_MAX, &v), -1);
	assert_int_equal(ws_parse_long("0x10", 10, 0, 100, &v), -1);
	assert_int_equal(v, 7);
	assert_int_equal(ws_parse_llong("-1", 10, 0, LLONG_MAX, &ll), -1);
	assert_true(ll == 7);
	assert_int_equal(ws_parse_double("", 0, 60, &d), -1);
	assert_int_equal(ws_parse_double(" 1", 0, 60, &d), -1);
	assert_int_equal(ws_parse_double("1s", 0, 60, &d), -1);
	assert_int_equal(ws_parse_double("nan", 0, 60, &d), -1);
	assert_int_equal(ws_parse_double("inf", 0, 1e300, &d), -1);
	assert_int_equal(ws_parse_double("61", 0, 60, &d), -1);
	assert_true(d == 7);
}

static void text_a_line_at_a_time(void **state)
{
	static const char text[] = "a=1\r\nlong line\n\nlast";
	char buf[8];
	size_t pos = 0, len = sizeof(text) - 1;

	(void)state;
	assert_int_equal(ws_next_line(text, len, &pos, true, buf, sizeof(buf)), 1);
	assert_string_equal(buf, "a=1");
	assert_int_equal(ws_next_line(text, len, &pos, true, buf, sizeof(buf)), 0);   /* too long */
	assert_int_equal(ws_next_line(text, len, &pos, true, buf, sizeof(buf)), 1);
	assert_string_equal(buf, "");
	assert_int_equal(ws_next_line(text, len, &pos, true, buf, sizeof(buf)), 1);
	assert_string_equal(buf, "last");
	assert_int_equal(ws_next_line(text, len, &pos, true, buf, sizeof(buf)), -1);
	pos = 0;
	assert_int_equal(ws_next_line(text, len, &pos, false, buf, sizeof(buf)), 1);
	assert_string_equal(buf, "a=1\r");
	pos = 0;
	assert_int_equal(ws_next_line("a\0b\nc", 5, &pos, false, buf, sizeof(buf)), 0);   /* NUL */
	assert_int_equal(ws_next_line("a\0b\nc", 5, &pos, false, buf, sizeof(buf)), 1);
	assert_string_equal(buf, "c");
}

static void url_host_and_port(void **state)
{
	static const struct { const char *url, *host; uint16_t port; } good[] = {
		{ "http://10.0.0.40", "10.0.0.40", 80 },
		{ "http://fos1:8080/", "fos1", 8080 },
		{ "HTTP://127.0.0.1:43210/config.txt", "127.0.0.1", 43210 },
		{ "http://[::1]:82", "::1", 82 },
		{ "http://[fe80::1]", "fe80::1", 80 },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		char host[64];
		uint16_t port = 0;

		assert_int_equal(ws_url_host_port(good[i].url, host, sizeof(host), &port), 0);
		assert_string_equal(host, good[i].host);
		assert_int_equal(port, good[i].port);
	}
}

static void bad_urls_are_refused(void **state)
{
	static const char *const bad[] = {
		"", "10.0.0.40", "https://fos1", "http://", "http://:80", "http://fos1:",
		"http://fos1:0", "http://fos1:65536", "http://fos1:80x", "http://fos1:+80",
		"http://fos1:1234567890", "http://[::1", "http://[]:80", "http://[::1]x",
		"http://a-much-too-long-host",
	};
	char host[8] = "keep";
	uint16_t port = 1234;

	(void)state;
	assert_int_equal(ws_url_host_port(NULL, host, sizeof(host), &port), -1);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(ws_url_host_port(bad[i], host, sizeof(host), &port), -1);
	assert_string_equal(host, "keep");
	assert_int_equal(port, 1234);
}

static void mac_text_both_ways(void **state)
{
	const uint8_t want[6] = { 0x00, 0x19, 0x32, 0x00, 0x12, 0x1d };
	uint8_t mac[6];
	char text[WS_MAC_TEXT_LEN];

	(void)state;
	assert_int_equal(ws_mac_parse("00:19:32:00:12:1D", ":", mac), 0);
	assert_memory_equal(mac, want, 6);
	ws_mac_format(mac, text);
	assert_string_equal(text, "00:19:32:00:12:1d");
	assert_int_equal(ws_mac_parse("00-19-32-00-12-1d", ":-", mac), 0);
	assert_memory_equal(mac, want, 6);
}

static void bad_macs_are_refused(void **state)
{
	const uint8_t keep[6] = { 1, 2, 3, 4, 5, 6 };
	uint8_t mac[6];
	static const char *const bad[] = {
		"", "00:19:32:00:12", "00:19:32:00:12:1d:00", "00:19:32:00:12:1d:",
		"0:19:32:00:12:1dd", "-1:-1:-1:-1:-1:-1", " 1: 2: 3: 4: 5: 6",
		"+1:+2:+3:+4:+5:+6", "0x:19:32:00:12:1d", "00:19:32:00:12:1g",
		"00:19-32:00:12:1d", "00.19.32.00.12.1d", "0:1:2:3:4:5",
	};

	(void)state;
	memcpy(mac, keep, 6);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(ws_mac_parse(bad[i], ":-", mac), -1);
	assert_int_equal(ws_mac_parse(NULL, ":", mac), -1);
	assert_int_equal(ws_mac_parse("00-19-32-00-12-1d", ":", mac), -1);
	assert_memory_equal(mac, keep, 6);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(big_endian_fields_round_trip),
		cmocka_unit_test(hex_digits_of_either_case),
		cmocka_unit_test(the_clock_does_not_go_back),
		cmocka_unit_test(a_pause_lasts_at_least_its_time),
		cmocka_unit_test(a_signal_does_not_cut_the_pause_short),
		cmocka_unit_test(a_failing_pause_returns_its_error),
		cmocka_unit_test(numbers_in_range),
		cmocka_unit_test(bad_numbers_are_refused),
		cmocka_unit_test(text_a_line_at_a_time),
		cmocka_unit_test(url_host_and_port),
		cmocka_unit_test(bad_urls_are_refused),
		cmocka_unit_test(mac_text_both_ways),
		cmocka_unit_test(bad_macs_are_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

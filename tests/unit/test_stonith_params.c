/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests of the berofos fencing parameters: switch address, host map,
 * seconds, login, credentials file, plugs. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "stonith/berofos_params.h"
#include "tests/unit/refusals.h"

static char err[BFP_ERR_MAX];

/* The parameters as parse_config starts from them, before any is given. */
static struct bfp_params defaults(void)
{
	struct bfp_params p;

	bfp_defaults(&p);
	return p;
}

static void address_forms_become_one_url(void **state)
{
	char url[BFP_URL_MAX];

	(void)state;
	assert_int_equal(bfp_parse_address("10.0.0.40", url, sizeof(url), err, sizeof(err)), 0);
	assert_string_equal(url, "http://10.0.0.40");
	assert_int_equal(bfp_parse_address("fos1:8080", url, sizeof(url), err, sizeof(err)), 0);
	assert_string_equal(url, "http://fos1:8080");
	assert_int_equal(bfp_parse_address("http://127.0.0.1:43210/", url, sizeof(url), err, sizeof(err)), 0);
	assert_string_equal(url, "http://127.0.0.1:43210");
	assert_int_equal(bfp_parse_address("HTTP://fos.example", url, sizeof(url), err, sizeof(err)), 0);
	assert_string_equal(url, "http://fos.example");
	assert_int_equal(bfp_parse_address("[::1]:80", url, sizeof(url), err, sizeof(err)), 0);
	assert_string_equal(url, "http://[::1]:80");
}

static const struct refusal bad_addresses[] = {
	{ "", "empty" },
	{ "https://fos1", "only http://" },
	{ "fos1:0", "1 to 65535" },
	{ "fos1:65536", NULL },
	{ "fos1:80x", NULL },
	{ "http://admin@fos1", "no user" },
	{ "fos1/config.txt", NULL },
	{ "fo s1", NULL },
	{ ":80", NULL },
	{ "[::1", NULL },
	{ NULL, NULL },
};

REFUSAL_PARSER(parse_address, bfp_parse_address(text, ctx, BFP_URL_MAX, err_buf, err_len))

static void bad_addresses_are_refused_with_a_reason(void **state)
{
	char url[BFP_URL_MAX];

	(void)state;
	assert_refusals(bad_addresses, REFUSALS_LEN(bad_addresses), parse_address, url);
}

static void host_map_takes_blanks_commas_and_semicolons(void **state)
{
	struct bfp_params p = defaults();

	(void)state;
	assert_int_equal(bfp_parse_hostmap("gw1:0 gw2:1", &p, err, sizeof(err)), 0);
	assert_int_equal(p.nhosts, 2);
	assert_string_equal(p.hosts[0].name, "gw1");
	assert_int_equal(p.hosts[0].port, 0);
	assert_string_equal(p.hosts[1].name, "gw2");
	assert_int_equal(p.hosts[1].port, 1);
	assert_int_equal(bfp_parse_hostmap(" a:1;b:0 ", &p, err, sizeof(err)), 0);
	assert_int_equal(bfp_port_of(&p, "a"), 1);
	assert_int_equal(bfp_port_of(&p, "b"), 0);
	assert_int_equal(bfp_parse_hostmap("only:1,", &p, err, sizeof(err)), 0);
	assert_int_equal(p.nhosts, 1);
}

static void node_lookup_ignores_case_and_knows_unknown_nodes(void **state)
{
	struct bfp_params p = defaults();

	(void)state;
	assert_int_equal(bfp_parse_hostmap("GW1:0 gw2:1", &p, err, sizeof(err)), 0);
	assert_int_equal(bfp_port_of(&p, "gw1"), 0);
	assert_int_equal(bfp_port_of(&p, "GW2"), 1);
	assert_int_equal(bfp_port_of(&p, "gw3"), -1);
	assert_int_equal(bfp_port_of(&p, "gw"), -1);
	assert_int_equal(bfp_port_of(&p, ""), -1);
}

static const struct refusal bad_maps[] = {
	{ "gw1:0 gw2:2", "0 or 1" },
	{ "gw1:0 gw1:1", "given twice" },
	{ "gw1:0 GW1:1", NULL },
	{ "gw1:1 gw2:1", "both gw1 and gw2" },
	{ "a:0 b:1 c:0", "more than 2" },
	{ "gw1", "NODE:PORT" },
	{ ":0", NULL },
	{ "gw1:", NULL },
	{ "gw1:01", NULL },
	{ "g/w:0", NULL },
	{ "  ,; ", "empty" },
	{ NULL, NULL },
};

REFUSAL_PARSER(parse_hostmap, bfp_parse_hostmap(text, ctx, err_buf, err_len))

static void bad_host_maps_are_refused_and_leave_the_old_map(void **state)
{
	struct bfp_params p = defaults();

	(void)state;
	assert_int_equal(bfp_parse_hostmap("gw1:0 gw2:1", &p, err, sizeof(err)), 0);
	assert_refusals(bad_maps, REFUSALS_LEN(bad_maps), parse_hostmap, &p);
	assert_int_equal(p.nhosts, 2);
	assert_int_equal(bfp_port_of(&p, "gw2"), 1);
}

static void seconds_take_up_to_milliseconds(void **state)
{
	long ms = -1;

	(void)state;
	assert_int_equal(bfp_parse_seconds("2", 1, 60000, &ms, err, sizeof(err)), 0);
	assert_int_equal(ms, 2000);
	assert_int_equal(bfp_parse_seconds("0.5", 1, 60000, &ms, err, sizeof(err)), 0);
	assert_int_equal(ms, 500);
	assert_int_equal(bfp_parse_seconds("1.25", 1, 60000, &ms, err, sizeof(err)), 0);
	assert_int_equal(ms, 1250);
	assert_int_equal(bfp_parse_seconds(".001", 1, 60000, &ms, err, sizeof(err)), 0);
	assert_int_equal(ms, 1);
	assert_int_equal(bfp_parse_seconds("0", 0, 60000, &ms, err, sizeof(err)), 0);
	assert_int_equal(ms, 0);
}

static const struct refusal bad_seconds[] = {
	{ "0", "out of range" },
	{ "61", NULL },
	{ "-1", NULL },
	{ "1.0001", NULL },
	{ "1s", NULL },
	{ ".", NULL },
	{ "", NULL },
	{ "99999999999999999999", NULL },
};

/* Seconds as the timeout takes them: 1 ms to 60 s. */
REFUSAL_PARSER(parse_timeout, bfp_parse_seconds(text, 1, 60000, ctx, err_buf, err_len))

static void bad_seconds_are_refused(void **state)
{
	long ms = 7;

	(void)state;
	assert_refusals(bad_seconds, REFUSALS_LEN(bad_seconds), parse_timeout, &ms);
	assert_int_equal(ms, 7);
}

static void logins_and_credentials_files_are_checked(void **state)
{
	char login[BFP_NAME_MAX], path[BFP_PATH_MAX];

	(void)state;
	assert_int_equal(bfp_parse_login("admin", login, sizeof(login), err, sizeof(err)), 0);
	assert_string_equal(login, "admin");
	assert_int_equal(bfp_parse_login("", login, sizeof(login), err, sizeof(err)), -1);
	assert_int_equal(bfp_parse_login("ad min", login, sizeof(login), err, sizeof(err)), -1);
	assert_int_equal(bfp_parse_login("ad:min", login, sizeof(login), err, sizeof(err)), -1);
	assert_int_equal(bfp_parse_password_file("/etc/warmstandby/fos1.pw", path, sizeof(path),
						 err, sizeof(err)), 0);
	assert_string_equal(path, "/etc/warmstandby/fos1.pw");
	assert_int_equal(bfp_parse_password_file("fos1.pw", path, sizeof(path), err, sizeof(err)), -1);
	assert_non_null(strstr(err, "absolute"));
	assert_int_equal(bfp_parse_password_file("", path, sizeof(path), err, sizeof(err)), -1);
	/* "none": a switch without a password (a word for stonith_host's place) */
	assert_int_equal(bfp_parse_password_file("none", path, sizeof(path), err, sizeof(err)), 0);
	assert_string_equal(path, "");
}

static void plugs_are_ports_or_mapped_nodes(void **state)
{
	struct bfp_params p = defaults();

	(void)state;
	assert_int_equal(bfp_parse_plug(&p, "0", err, sizeof(err)), 0);
	assert_int_equal(bfp_parse_plug(&p, "1", err, sizeof(err)), 1);
	assert_int_equal(bfp_parse_plug(&p, "2", err, sizeof(err)), -1);
	assert_int_equal(bfp_parse_plug(&p, "gw1", err, sizeof(err)), -1);
	assert_int_equal(bfp_parse_plug(&p, "", err, sizeof(err)), -1);
	assert_int_equal(bfp_parse_hostmap("gw1:1", &p, err, sizeof(err)), 0);
	assert_int_equal(bfp_parse_plug(&p, "gw1", err, sizeof(err)), 1);
}

static void device_needs_an_address_and_for_the_plugin_a_map(void **state)
{
	struct bfp_params p = defaults();

	(void)state;
	assert_string_equal(p.login, "admin");
	assert_int_equal(p.timeout_ms, BFP_DEFAULT_TIMEOUT_MS);
	assert_int_equal(p.reset_wait_ms, BFP_DEFAULT_RESET_WAIT_MS);
	/* The plugin's parse_config passes a missing parameter on as NULL. */
	assert_int_equal(bfp_parse_address(NULL, p.url, sizeof(p.url), err, sizeof(err)), -1);
	assert_non_null(strstr(err, "address"));
	assert_int_equal(bfp_parse_address("", p.url, sizeof(p.url), err, sizeof(err)), -1);
	assert_non_null(strstr(err, "address"));
	assert_int_equal(bfp_parse_address("fos1", p.url, sizeof(p.url), err, sizeof(err)), 0);
	assert_int_equal(bfp_parse_hostmap(NULL, &p, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "host map"));
	assert_int_equal(bfp_parse_hostmap(" ", &p, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "host map"));
	assert_int_equal(p.nhosts, 0);
	assert_int_equal(bfp_parse_hostmap("gw1:0", &p, err, sizeof(err)), 0);
	assert_int_equal(p.nhosts, 1);
}

static void reset_mode_is_background_unless_wait(void **state)
{
	struct bfp_params p = defaults();

	(void)state;
	assert_true(p.reset_background);
	assert_int_equal(bfp_parse_reset_mode("wait", &p.reset_background, err, sizeof(err)), 0);
	assert_false(p.reset_background);
	assert_int_equal(bfp_parse_reset_mode("background", &p.reset_background, err,
					      sizeof(err)), 0);
	assert_true(p.reset_background);
	assert_int_equal(bfp_parse_reset_mode("Wait", &p.reset_background, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "give background or wait"));
	assert_true(p.reset_background);
	assert_int_equal(bfp_parse_reset_mode(NULL, &p.reset_background, err, sizeof(err)), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(address_forms_become_one_url),
		cmocka_unit_test(bad_addresses_are_refused_with_a_reason),
		cmocka_unit_test(host_map_takes_blanks_commas_and_semicolons),
		cmocka_unit_test(node_lookup_ignores_case_and_knows_unknown_nodes),
		cmocka_unit_test(bad_host_maps_are_refused_and_leave_the_old_map),
		cmocka_unit_test(seconds_take_up_to_milliseconds),
		cmocka_unit_test(bad_seconds_are_refused),
		cmocka_unit_test(logins_and_credentials_files_are_checked),
		cmocka_unit_test(plugs_are_ports_or_mapped_nodes),
		cmocka_unit_test(device_needs_an_address_and_for_the_plugin_a_map),
		cmocka_unit_test(reset_mode_is_background_unless_wait),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* Unit tests of fence_berofos's options: fence-agents keys from stdin and
 * the command line onto the device parameters. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "stonith/fence_opts.h"

static char err[BFP_ERR_MAX];

static void pacemaker_stdin_lines_fill_the_options(void **state)
{
	struct bfa_options o;

	(void)state;
	bfa_defaults(&o);
	assert_int_equal(o.action, BFA_REBOOT);
	assert_int_equal(bfa_set_line(&o, "action=off", err, sizeof(err)), BFA_SET_OK);
	assert_int_equal(bfa_set_line(&o, "ip=10.99.0.40", err, sizeof(err)), BFA_SET_OK);
	assert_int_equal(bfa_set_line(&o, "ipport=8080", err, sizeof(err)), BFA_SET_OK);
	assert_int_equal(bfa_set_line(&o, "username=admin2", err, sizeof(err)), BFA_SET_OK);
	assert_int_equal(bfa_set_line(&o, "password_file=/etc/ws/fos.pw", err, sizeof(err)), BFA_SET_OK);
	assert_int_equal(bfa_set_line(&o, "hostmap=gw1:0 gw2:1", err, sizeof(err)), BFA_SET_OK);
	assert_int_equal(bfa_set_line(&o, "port=gw2", err, sizeof(err)), BFA_SET_OK);
	assert_int_equal(bfa_set_line(&o, "nodename=gw2", err, sizeof(err)), BFA_SET_IGNORED);
	assert_int_equal(bfa_set_line(&o, "power_wait=2.5", err, sizeof(err)), BFA_SET_OK);
	assert_int_equal(bfa_set_line(&o, "# comment", err, sizeof(err)), BFA_SET_IGNORED);
	assert_int_equal(bfa_set_line(&o, "", err, sizeof(err)), BFA_SET_IGNORED);
	assert_int_equal(bfa_finish(&o, err, sizeof(err)), 0);
	assert_int_equal(o.action, BFA_OFF);
	assert_string_equal(o.p.url, "http://10.99.0.40:8080");
	assert_string_equal(o.p.login, "admin2");
	assert_string_equal(o.p.password_file, "/etc/ws/fos.pw");
	assert_int_equal(o.p.reset_wait_ms, 2500);
	assert_int_equal(bfp_parse_plug(&o.p, o.plug, err, sizeof(err)), 1);
}

static void command_line_names_map_to_the_same_keys(void **state)
{
	struct bfa_options o;

	(void)state;
	bfa_defaults(&o);
	assert_int_equal(bfa_set(&o, "password-file", "/root/pw", err, sizeof(err)), BFA_SET_OK);
	assert_int_equal(bfa_set(&o, "shell-timeout", "0.5", err, sizeof(err)), BFA_SET_OK);
	assert_int_equal(bfa_set(&o, "ip", "http://127.0.0.1:4000/", err, sizeof(err)), BFA_SET_OK);
	assert_int_equal(bfa_set(&o, "plug", "0", err, sizeof(err)), BFA_SET_OK);
	assert_int_equal(bfa_finish(&o, err, sizeof(err)), 0);
	assert_string_equal(o.p.password_file, "/root/pw");
	assert_int_equal(o.p.timeout_ms, 500);
	assert_string_equal(o.p.url, "http://127.0.0.1:4000");
}

static void passwords_as_values_are_refused(void **state)
{
	struct bfa_options o;

	(void)state;
	bfa_defaults(&o);
	assert_int_equal(bfa_set(&o, "password", "x", err, sizeof(err)), BFA_SET_ERROR);
	assert_non_null(strstr(err, "password_file"));
	assert_int_equal(bfa_set_line(&o, "passwd=x", err, sizeof(err)), BFA_SET_ERROR);
	assert_int_equal(bfa_set(&o, "password-script", "echo x", err, sizeof(err)), BFA_SET_ERROR);
}

static void unknown_keys_are_ignored_with_a_note(void **state)
{
	struct bfa_options o;

	(void)state;
	bfa_defaults(&o);
	err[0] = '\0';
	assert_int_equal(bfa_set_line(&o, "pcmk_frob=1", err, sizeof(err)), BFA_SET_IGNORED);
	assert_non_null(strstr(err, "pcmk_frob"));
	assert_int_equal(bfa_set_line(&o, "noequals", err, sizeof(err)), BFA_SET_ERROR);
	assert_int_equal(bfa_set_line(&o, "=x", err, sizeof(err)), BFA_SET_ERROR);
}

static void actions_and_their_aliases(void **state)
{
	enum bfa_action a;

	(void)state;
	assert_int_equal(bfa_action_parse("validate-all", &a), 0);
	assert_int_equal(a, BFA_VALIDATE);
	assert_int_equal(bfa_action_parse("enable", &a), 0);
	assert_int_equal(a, BFA_ON);
	assert_int_equal(bfa_action_parse("disable", &a), 0);
	assert_int_equal(a, BFA_OFF);
	assert_int_equal(bfa_action_parse("reset", &a), -1);
	assert_string_equal(bfa_action_name(BFA_MONITOR), "monitor");
}

static void finish_checks_address_plug_and_port_twice(void **state)
{
	struct bfa_options o;

	(void)state;
	bfa_defaults(&o);
	assert_int_equal(bfa_finish(&o, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "no switch address"));
	o.action = BFA_METADATA;
	assert_int_equal(bfa_finish(&o, err, sizeof(err)), 0);
	bfa_defaults(&o);
	assert_int_equal(bfa_set(&o, "ip", "fos1", err, sizeof(err)), BFA_SET_OK);
	assert_int_equal(bfa_finish(&o, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "needs a plug"));
	o.action = BFA_MONITOR;
	assert_int_equal(bfa_finish(&o, err, sizeof(err)), 0);
	assert_int_equal(bfa_set(&o, "ip", "fos1:81", err, sizeof(err)), BFA_SET_OK);
	assert_int_equal(bfa_set(&o, "ipport", "82", err, sizeof(err)), BFA_SET_OK);
	assert_int_equal(bfa_finish(&o, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "not both"));
	assert_int_equal(bfa_set(&o, "ip", "[::1]", err, sizeof(err)), BFA_SET_OK);
	assert_int_equal(bfa_finish(&o, err, sizeof(err)), 0);
	assert_string_equal(o.p.url, "http://[::1]:82");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(pacemaker_stdin_lines_fill_the_options),
		cmocka_unit_test(command_line_names_map_to_the_same_keys),
		cmocka_unit_test(passwords_as_values_are_refused),
		cmocka_unit_test(unknown_keys_are_ignored_with_a_note),
		cmocka_unit_test(actions_and_their_aliases),
		cmocka_unit_test(finish_checks_address_plug_and_port_twice),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

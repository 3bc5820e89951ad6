/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests of fence_berofos's options: fence-agents keys from stdin and
 * the command line onto the device parameters, and the getopt table, usage
 * and meta-data generated from the one option table. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "stonith/fence_opts.h"

static char err[BFP_ERR_MAX];
static char text[32768];

static enum bfa_set_result line(struct bfa_options *o, const char *l)
{
	err[0] = '\0';
	return bfa_set_line(o, l, err, sizeof(err));
}

static enum bfa_set_result arg(struct bfa_options *o, const char *key, const char *value)
{
	err[0] = '\0';
	return bfa_set(o, key, value, BFA_FROM_ARGV, err, sizeof(err));
}

static void pacemaker_stdin_lines_fill_the_options(void **state)
{
	struct bfa_options o;

	(void)state;
	bfa_defaults(&o);
	assert_int_equal(o.action, BFA_REBOOT);
	assert_int_equal(line(&o, "action=off"), BFA_SET_OK);
	assert_int_equal(line(&o, "ip=10.99.0.40"), BFA_SET_OK);
	assert_int_equal(line(&o, "ipport=8080"), BFA_SET_OK);
	assert_int_equal(line(&o, "username=admin2"), BFA_SET_OK);
	assert_int_equal(line(&o, "password_file=/etc/ws/fos.pw"), BFA_SET_OK);
	assert_int_equal(line(&o, "hostmap=gw1:0 gw2:1"), BFA_SET_OK);
	assert_int_equal(line(&o, "port=gw2"), BFA_SET_OK);
	assert_int_equal(line(&o, "nodename=gw2"), BFA_SET_IGNORED);
	assert_int_equal(line(&o, "reset_wait=2.5"), BFA_SET_OK);
	assert_true(o.p.reset_background);
	assert_int_equal(line(&o, "reset_mode=wait"), BFA_SET_OK);
	assert_int_equal(line(&o, "reset_mode=soon"), BFA_SET_ERROR);
	assert_int_equal(line(&o, "# comment"), BFA_SET_IGNORED);
	assert_int_equal(line(&o, ""), BFA_SET_IGNORED);
	assert_int_equal(bfa_finish(&o, err, sizeof(err)), 0);
	assert_int_equal(o.action, BFA_OFF);
	assert_string_equal(o.p.url, "http://10.99.0.40:8080");
	assert_string_equal(o.p.login, "admin2");
	assert_string_equal(o.p.password_file, "/etc/ws/fos.pw");
	assert_int_equal(o.p.reset_wait_ms, 2500);
	assert_false(o.p.reset_background);
	assert_int_equal(bfp_parse_plug(&o.p, o.plug, err, sizeof(err)), 1);
}

static void quotes_around_values_and_blanks_around_lines_are_dropped(void **state)
{
	struct bfa_options o;

	(void)state;
	bfa_defaults(&o);
	assert_int_equal(line(&o, "  ip=\"10.0.0.1\"  "), BFA_SET_OK);
	assert_string_equal(o.ip, "10.0.0.1");
	assert_int_equal(line(&o, "hostmap='gw1:0 gw2:1'"), BFA_SET_OK);
	assert_int_equal(o.p.nhosts, 2);
	assert_int_equal(line(&o, "plug=\"gw1"), BFA_SET_OK);    /* unbalanced: kept */
	assert_string_equal(o.plug, "\"gw1");
	assert_int_equal(line(&o, "password=\"s3cret\""), BFA_SET_OK);
	assert_string_equal(o.password, "s3cret");
}

static void booleans_take_every_fence_agents_spelling(void **state)
{
	static const char *const yes[] = { "1", "yes", "on", "true", "TRUE", "Yes" };
	static const char *const no[] = { "0", "no", "off", "false", "OFF" };
	struct bfa_options o;
	char l[64];

	(void)state;
	for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
		bfa_defaults(&o);
		snprintf(l, sizeof(l), "verbose=%s", yes[i]);
		assert_int_equal(line(&o, l), BFA_SET_OK);
		assert_int_equal(bfa_verbosity(&o), 1);
	}
	for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++) {
		bfa_defaults(&o);
		snprintf(l, sizeof(l), "verbose=%s", no[i]);
		assert_int_equal(line(&o, l), BFA_SET_OK);
		assert_int_equal(bfa_verbosity(&o), 0);
		snprintf(l, sizeof(l), "quiet=%s", no[i]);
		assert_int_equal(line(&o, l), BFA_SET_OK);
		assert_false(o.quiet);
	}
	bfa_defaults(&o);
	assert_int_equal(line(&o, "verbose=maybe"), BFA_SET_ERROR);
	assert_non_null(strstr(err, "verbose"));
	/* -v stacks; verbose_level wins over both. */
	assert_int_equal(arg(&o, "verbose", "1"), BFA_SET_OK);
	assert_int_equal(arg(&o, "verbose", "1"), BFA_SET_OK);
	assert_int_equal(bfa_verbosity(&o), 2);
	assert_int_equal(arg(&o, "verbose-level", "0"), BFA_SET_OK);
	assert_int_equal(bfa_verbosity(&o), 0);
	assert_int_equal(line(&o, "disable_timeout=true"), BFA_SET_OK);
	assert_true(o.disable_timeout);
}

static void command_line_names_map_to_the_same_keys(void **state)
{
	struct bfa_options o;

	(void)state;
	bfa_defaults(&o);
	assert_int_equal(arg(&o, "password-file", "/root/pw"), BFA_SET_OK);
	assert_int_equal(arg(&o, "shell-timeout", "0.5"), BFA_SET_OK);
	assert_int_equal(arg(&o, "ip", "http://127.0.0.1:4000/"), BFA_SET_OK);
	assert_int_equal(arg(&o, "plug", "0"), BFA_SET_OK);
	assert_int_equal(bfa_finish(&o, err, sizeof(err)), 0);
	assert_string_equal(o.p.password_file, "/root/pw");
	assert_int_equal(o.p.timeout_ms, 500);
	assert_string_equal(o.p.url, "http://127.0.0.1:4000");
}

static void power_wait_is_fence_agents_wait_and_reset_wait_the_off_time(void **state)
{
	struct bfa_options o;

	(void)state;
	bfa_defaults(&o);
	assert_int_equal(o.power_wait_ms, 0);
	assert_int_equal(o.p.reset_wait_ms, BFP_DEFAULT_RESET_WAIT_MS);
	assert_int_equal(line(&o, "power_wait=2"), BFA_SET_OK);
	assert_int_equal(o.power_wait_ms, 2000);
	assert_int_equal(o.p.reset_wait_ms, BFP_DEFAULT_RESET_WAIT_MS);
	assert_int_equal(arg(&o, "reset-wait", "0.2"), BFA_SET_OK);
	assert_int_equal(o.p.reset_wait_ms, 200);
	assert_int_equal(o.power_wait_ms, 2000);
}

static void every_fencing_py_option_is_accepted_on_both_channels(void **state)
{
	static const struct { const char *key, *value; } opts[] = {
		{ "power_timeout", "30" }, { "power_wait", "1" }, { "login_timeout", "7" },
		{ "shell_timeout", "4" }, { "retry_on", "2" }, { "stonith_status_sleep", "0.5" },
		{ "disable_timeout", "false" }, { "plug_separator", "+" }, { "separator", ";" },
		{ "verbose_level", "3" }, { "debug_file", "/tmp/x.log" }, { "delay", "5" },
	};
	struct bfa_options o, a;
	char l[128], longopt[64];

	(void)state;
	bfa_defaults(&o);
	bfa_defaults(&a);
	for (size_t i = 0; i < sizeof(opts) / sizeof(opts[0]); i++) {
		snprintf(l, sizeof(l), "%s=%s", opts[i].key, opts[i].value);
		assert_int_equal(line(&o, l), BFA_SET_OK);
		snprintf(longopt, sizeof(longopt), "%s", opts[i].key);
		for (char *c = longopt; *c != '\0'; c++)
			if (*c == '_')
				*c = '-';
		assert_int_equal(arg(&a, longopt, opts[i].value), BFA_SET_OK);
	}
	assert_memory_equal(&o, &a, sizeof(o));
	assert_int_equal(o.power_timeout_ms, 30000);
	assert_int_equal(o.login_timeout_ms, 7000);
	assert_int_equal(o.p.timeout_ms, 4000);
	assert_int_equal(o.retry_on, 2);
	assert_int_equal(o.status_sleep_ms, 500);
	assert_int_equal(o.plug_separator, '+');
	assert_int_equal(o.separator, ';');
	assert_int_equal(bfa_verbosity(&o), 3);
	assert_string_equal(o.debug_file, "/tmp/x.log");
	assert_int_equal(o.delay_ms, 5000);
	assert_int_equal(line(&o, "retry_on=x"), BFA_SET_ERROR);
	assert_int_equal(line(&o, "separator=ab"), BFA_SET_ERROR);
	assert_int_equal(line(&o, "delay=-1"), BFA_SET_ERROR);
}

static void password_on_stdin_only_and_never_in_a_message(void **state)
{
	struct bfa_options o;

	(void)state;
	bfa_defaults(&o);
	assert_int_equal(arg(&o, "password", "Xsecret"), BFA_SET_ERROR);
	assert_null(strstr(err, "Xsecret"));
	assert_non_null(strstr(err, "-S"));
	assert_non_null(strstr(err, "stdin"));
	assert_false(o.has_password);
	assert_int_equal(line(&o, "password=Xsecret"), BFA_SET_OK);
	assert_true(o.has_password);
	assert_string_equal(o.password, "Xsecret");
	assert_int_equal(line(&o, "passwd=Ysecret"), BFA_SET_OK);
	assert_string_equal(o.password, "Ysecret");
	assert_int_equal(line(&o, "password=Xsecret-longer-than-15"), BFA_SET_ERROR);
	assert_null(strstr(err, "Xsecret"));
	assert_int_equal(line(&o, "password="), BFA_SET_ERROR);
	assert_int_equal(arg(&o, "password-script", "/usr/local/bin/getpw fos1"), BFA_SET_OK);
	assert_string_equal(o.password_script, "/usr/local/bin/getpw fos1");
	assert_int_equal(line(&o, "password_script=/bin/getpw"), BFA_SET_OK);
	/* Two sources at once are a mistake, not a choice to guess. */
	assert_int_equal(line(&o, "ip=fos1"), BFA_SET_OK);
	o.action = BFA_MONITOR;
	assert_int_equal(bfa_finish(&o, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "one of password"));
	o.has_password = false;
	assert_int_equal(bfa_finish(&o, err, sizeof(err)), 0);
}

static void unknown_keys_are_ignored_with_a_note(void **state)
{
	struct bfa_options o;

	(void)state;
	bfa_defaults(&o);
	assert_int_equal(line(&o, "pcmk_frob=1"), BFA_SET_IGNORED);
	assert_non_null(strstr(err, "pcmk_frob"));
	assert_int_equal(line(&o, "noequals"), BFA_SET_ERROR);
	assert_int_equal(line(&o, "=x"), BFA_SET_ERROR);
}

static void actions_case_insensitive_and_their_aliases(void **state)
{
	static const struct {
		const char *text;
		enum bfa_action action;
	} accepted[] = {
		{ "validate-all", BFA_VALIDATE }, { "OFF", BFA_OFF }, { "Reboot", BFA_REBOOT },
		{ "meta-data", BFA_METADATA }, { "list-status", BFA_LIST_STATUS },
		{ "manpage", BFA_MANPAGE }, { "enable", BFA_ON }, { "disable", BFA_OFF },
	};
	enum bfa_action a;

	(void)state;
	for (size_t i = 0; i < sizeof(accepted) / sizeof(accepted[0]); i++) {
		assert_int_equal(bfa_action_parse(accepted[i].text, &a), 0);
		assert_int_equal(a, accepted[i].action);
	}
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
	o.action = BFA_MANPAGE;
	assert_int_equal(bfa_finish(&o, err, sizeof(err)), 0);
	bfa_defaults(&o);
	assert_int_equal(arg(&o, "ip", "fos1"), BFA_SET_OK);
	assert_int_equal(bfa_finish(&o, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "needs a plug"));
	o.action = BFA_MONITOR;
	assert_int_equal(bfa_finish(&o, err, sizeof(err)), 0);
	assert_int_equal(arg(&o, "ip", "fos1:81"), BFA_SET_OK);
	assert_int_equal(arg(&o, "ipport", "82"), BFA_SET_OK);
	assert_int_equal(bfa_finish(&o, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "not both"));
	assert_int_equal(arg(&o, "ip", "[::1]"), BFA_SET_OK);
	assert_int_equal(bfa_finish(&o, err, sizeof(err)), 0);
	assert_string_equal(o.p.url, "http://[::1]:82");
}

static void validate_all_checks_a_given_plug_against_the_host_map(void **state)
{
	struct bfa_options o;

	(void)state;
	bfa_defaults(&o);
	assert_int_equal(line(&o, "action=validate-all"), BFA_SET_OK);
	assert_int_equal(line(&o, "ip=fos1"), BFA_SET_OK);
	assert_int_equal(line(&o, "hostmap=gw1:0 gw2:1"), BFA_SET_OK);
	assert_int_equal(bfa_finish(&o, err, sizeof(err)), 0);      /* no plug: fine */
	assert_int_equal(line(&o, "plug=gw3"), BFA_SET_OK);
	assert_int_equal(bfa_finish(&o, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "gw3"));
	assert_int_equal(line(&o, "plug=gw1,gw2"), BFA_SET_OK);
	assert_int_equal(bfa_finish(&o, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "one plug"));
}

static const struct bfa_opt *row(const char *name)
{
	for (size_t i = 0; i < bfa_nopts; i++)
		if (strcmp(bfa_opts[i].name, name) == 0)
			return &bfa_opts[i];
	return NULL;
}

static void the_getopt_table_comes_from_the_option_table(void **state)
{
	struct option longopts[64];
	char shortopts[128];
	size_t n = 0;

	(void)state;
	assert_int_equal(bfa_getopt_table(longopts, 64, shortopts, sizeof(shortopts)), 0);
	assert_int_equal(bfa_getopt_table(longopts, 3, shortopts, sizeof(shortopts)), -1);
	assert_int_equal(bfa_getopt_table(longopts, 64, shortopts, 4), -1);
	assert_int_equal(bfa_getopt_table(longopts, 64, shortopts, sizeof(shortopts)), 0);
	for (; longopts[n].name != NULL; n++) {
		const struct bfa_opt *opt = bfa_getopt_row(longopts[n].val);

		assert_non_null(opt);
		assert_string_equal(opt->longopt, longopts[n].name);
		assert_int_equal(longopts[n].has_arg == required_argument, opt->arg != NULL);
		/* Short options are unique. */
		if (opt->shortopt != 0)
			assert_ptr_equal(strchr(shortopts, opt->shortopt),
					 strrchr(shortopts, opt->shortopt));
	}
	assert_true(n >= 26);
	assert_non_null(strstr(shortopts, "a:"));
	assert_non_null(strstr(shortopts, "S:"));
	assert_non_null(strstr(shortopts, "C:"));
	assert_non_null(strstr(shortopts, "D:"));
	assert_null(bfa_getopt_row('?'));
	assert_ptr_equal(bfa_getopt_row('n'), row("plug"));
}

static void usage_and_metadata_list_every_visible_option(void **state)
{
	long usage_len, meta_len;
	char want[128];

	(void)state;
	usage_len = bfa_usage(text, sizeof(text));
	assert_true(usage_len > 0);
	for (size_t i = 0; i < bfa_nopts; i++) {
		const struct bfa_opt *opt = &bfa_opts[i];

		if (opt->help == NULL)
			continue;
		assert_null(strpbrk(opt->help, "<&\""));
		snprintf(want, sizeof(want), "--%s", opt->longopt);
		assert_non_null(strstr(text, want));
	}
	assert_int_equal(bfa_usage(text, 100), -1);
	meta_len = bfa_metadata(text, sizeof(text));
	assert_true(meta_len > 0);
	assert_int_equal((size_t)meta_len, strlen(text));
	for (size_t i = 0; i < bfa_nopts; i++) {
		snprintf(want, sizeof(want), "<parameter name=\"%s\" ", bfa_opts[i].name);
		if (bfa_opts[i].help == NULL)
			assert_null(strstr(text, want));
		else
			assert_non_null(strstr(text, want));
	}
	/* fence-agents' convention: the new name obsoletes the old, the old
	 * is deprecated. */
	assert_non_null(strstr(text, "<parameter name=\"plug\" unique=\"0\" required=\"0\" obsoletes=\"port\">"));
	assert_non_null(strstr(text, "<parameter name=\"port\" unique=\"0\" required=\"0\" deprecated=\"1\">"));
	assert_non_null(strstr(text, "<parameter name=\"username\" unique=\"0\" required=\"0\" obsoletes=\"login\">"));
	assert_non_null(strstr(text, "<parameter name=\"login\" unique=\"0\" required=\"0\" deprecated=\"1\">"));
	assert_non_null(strstr(text, "<action name=\"list-status\" />"));
	assert_non_null(strstr(text, "<action name=\"manpage\" />"));
	assert_non_null(strstr(text, "<action name=\"on\" automatic=\"0\"/>"));
	assert_int_equal(bfa_metadata(text, 1000), -1);
}

static void plain_password_scripts_run_without_a_shell(void **state)
{
	char *argv[8];
	char store[128];

	(void)state;
	assert_int_equal(bfa_split_command("/usr/bin/getpw  fos1\tadmin", argv, 8, store,
					   sizeof(store)), 3);
	assert_string_equal(argv[0], "/usr/bin/getpw");
	assert_string_equal(argv[1], "fos1");
	assert_string_equal(argv[2], "admin");
	assert_null(argv[3]);
	assert_int_equal(bfa_split_command("cat /etc/pw | head -1", argv, 8, store, sizeof(store)), 0);
	assert_int_equal(bfa_split_command("echo $PW", argv, 8, store, sizeof(store)), 0);
	assert_int_equal(bfa_split_command("echo 'a b'", argv, 8, store, sizeof(store)), 0);
	assert_int_equal(bfa_split_command("   ", argv, 8, store, sizeof(store)), -1);
	assert_int_equal(bfa_split_command("a b c d", argv, 3, store, sizeof(store)), -1);
	assert_int_equal(bfa_split_command("abcdef", argv, 8, store, 4), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(pacemaker_stdin_lines_fill_the_options),
		cmocka_unit_test(quotes_around_values_and_blanks_around_lines_are_dropped),
		cmocka_unit_test(booleans_take_every_fence_agents_spelling),
		cmocka_unit_test(command_line_names_map_to_the_same_keys),
		cmocka_unit_test(power_wait_is_fence_agents_wait_and_reset_wait_the_off_time),
		cmocka_unit_test(every_fencing_py_option_is_accepted_on_both_channels),
		cmocka_unit_test(password_on_stdin_only_and_never_in_a_message),
		cmocka_unit_test(unknown_keys_are_ignored_with_a_note),
		cmocka_unit_test(actions_case_insensitive_and_their_aliases),
		cmocka_unit_test(finish_checks_address_plug_and_port_twice),
		cmocka_unit_test(validate_all_checks_a_given_plug_against_the_host_map),
		cmocka_unit_test(the_getopt_table_comes_from_the_option_table),
		cmocka_unit_test(usage_and_metadata_list_every_visible_option),
		cmocka_unit_test(plain_password_scripts_run_without_a_shell),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

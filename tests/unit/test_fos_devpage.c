/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests of the config.txt codec: what the device writes is read back
 * into the struct, what a client must ignore is ignored. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "berofos/fos_devpage.h"

static const char page_157[] =
	"<html>garbage before the magic line=1\n"
	"bnfos_confmap_magic=0.1\n"
	"1_sz=0\n4_mode=1\n1_rm=checked\n5_p0=1\n1_p0=\n5_p1=0\n1_p1=0\n"
	"1_szd00=whatever\n"            /* firmware 1.5.7 addition */
	"3_dn=berofos\n3_ip=192.168.0.2\n3_nm=255.255.255.0\n3_gw=0.0.0.0\n"
	"3_dns=0.0.0.0\n3_dhcp=checked\n3_port=80\n3_pwd=0\n"
	"2_mhost=\n2_mfrom=\n2_mto=\n2_mail=x\n3_log=0\n3_loghost=0.0.0.0\n3_logport=514\n"
	"6_wen=1\n2_wen=0\n6_wstate=1\n2_wintv=60\n2_as=0\n2_men=0\n0_wretv=42\n";

/* Parses page into c; a page that does not read fails the test with the
 * parser's reason. */
static void assert_parses(const char *page, size_t len, struct fos_state *c)
{
	char error[128] = "";
	int rc = fos_devpage_parse(page, len, c, error, sizeof(error));

	if (rc != 0)
		print_error("fos_devpage_parse: %s\n", error);
	assert_int_equal(rc, 0);
}

static void device_page_is_read_and_unknown_keys_ignored(void **state)
{
	struct fos_state c;

	(void)state;
	assert_parses(page_157, strlen(page_157), &c);
	assert_true(c.seen[FOS_K_MODE]);
	assert_int_equal(c.v[FOS_K_MODE].num, 1);
	assert_int_equal(c.v[FOS_K_RM].num, 1);          /* "checked" is true */
	assert_int_equal(c.v[FOS_K_P0_DEF].num, 0);      /* empty is false */
	assert_int_equal(c.v[FOS_K_DHCP].num, 1);
	assert_string_equal(c.v[FOS_K_IP].str, "192.168.0.2");
	assert_int_equal(c.v[FOS_K_WINTV].num, 60);
	assert_int_equal(c.v[FOS_K_WRETV].num, 42);
	assert_int_equal(c.v[FOS_K_WSTATE].num, FOS_WSTATE_ON);
}

static void keys_before_the_magic_line_are_ignored(void **state)
{
	static const char page[] = "4_mode=1\nbnfos_confmap_magic=0.1\n5_p0=1\n";
	struct fos_state c;

	(void)state;
	assert_parses(page, strlen(page), &c);
	assert_false(c.seen[FOS_K_MODE]);
	assert_true(c.seen[FOS_K_P0]);
}

static void page_without_magic_is_refused(void **state)
{
	static const char page[] = "4_mode=1\n5_p0=1\n";
	struct fos_state c;
	char error[128];

	(void)state;
	assert_int_equal(fos_devpage_parse(page, strlen(page), &c, error, sizeof(error)), -1);
	assert_non_null(strstr(error, "magic"));
}

/* One bad integer does not make the page unreadable: the other keys are
 * read, and the bad one is an error only for whoever needs it. */
static void non_numeric_interval_is_an_error_only_when_needed(void **state)
{
	static const char page[] = "bnfos_confmap_magic=0.1\n2_wintv=sixty\n4_mode=1\n3_port=80\n";
	struct fos_state c;
	char error[128];

	(void)state;
	assert_parses(page, strlen(page), &c);
	assert_false(c.seen[FOS_K_WINTV]);
	assert_true(c.seen[FOS_K_MODE]);
	assert_int_equal(c.v[FOS_K_MODE].num, 1);
	assert_int_equal(fos_devpage_need(&c, FOS_K_MODE, error, sizeof(error)), 0);
	assert_int_equal(fos_devpage_need(&c, FOS_K_PORT, error, sizeof(error)), 0);
	assert_int_equal(fos_devpage_need(&c, FOS_K_WINTV, error, sizeof(error)), -1);
	assert_non_null(strstr(error, "2_wintv"));
	assert_non_null(strstr(error, "not a number"));
	assert_int_equal(fos_devpage_need(&c, FOS_K_WRETV, error, sizeof(error)), -1);
	assert_non_null(strstr(error, "no 0_wretv"));
}

static void crlf_and_missing_final_newline_are_tolerated(void **state)
{
	static const char page[] = "bnfos_confmap_magic=0.1\r\n4_mode=1\r\n5_p1=1";
	struct fos_state c;

	(void)state;
	assert_parses(page, strlen(page), &c);
	assert_int_equal(c.v[FOS_K_MODE].num, 1);
	assert_int_equal(c.v[FOS_K_P1].num, 1);
}

static void formatted_page_parses_back_identically(void **state)
{
	struct fos_state a, b;
	char buf[2048];
	size_t len;

	(void)state;
	assert_parses(page_157, strlen(page_157), &a);
	len = fos_devpage_format(&a, true, buf, sizeof(buf));
	assert_true(len < sizeof(buf));
	assert_int_equal(buf[len - 1], '\n');
	assert_memory_equal(buf, "bnfos_confmap_magic=0.1\n1_sz=0\n4_mode=1\n", 40);
	assert_parses(buf, len, &b);
	for (int k = 0; k < FOS_K_COUNT; k++) {
		assert_true(b.seen[k]);
		assert_int_equal(a.v[k].num, b.v[k].num);
	}
}

static void format_reports_needed_length_when_truncated(void **state)
{
	struct fos_state c;
	char small[16];

	(void)state;
	memset(&c, 0, sizeof(c));
	assert_true(fos_devpage_format(&c, false, small, sizeof(small)) > sizeof(small));
	assert_int_equal(small[sizeof(small) - 1], '\0');
}

static void keys_are_found_by_page_and_vendor_name(void **state)
{
	(void)state;
	assert_int_equal(fos_key_lookup("4_mode"), FOS_K_MODE);
	assert_int_equal(fos_key_lookup("mode"), FOS_K_MODE);
	assert_int_equal(fos_key_lookup("power2"), FOS_K_P1);
	assert_int_equal(fos_key_lookup("wdogitime"), FOS_K_WINTV);
	assert_int_equal(fos_key_lookup("nonsense"), -1);
}

static void values_are_checked_and_normalised(void **state)
{
	char out[64], error[128];

	(void)state;
	assert_int_equal(fos_value_check(FOS_K_MODE, "on", out, sizeof(out), error, sizeof(error)), 0);
	assert_string_equal(out, "1");
	assert_int_equal(fos_value_check(FOS_K_MODE, "2", out, sizeof(out), error, sizeof(error)), -1);
	assert_int_equal(fos_value_check(FOS_K_WINTV, "0", out, sizeof(out), error, sizeof(error)), -1);
	assert_int_equal(fos_value_check(FOS_K_WINTV, "60", out, sizeof(out), error, sizeof(error)), 0);
	assert_int_equal(fos_value_check(FOS_K_IP, "10.0.0.300", out, sizeof(out), error, sizeof(error)), -1);
	assert_int_equal(fos_value_check(FOS_K_DN, "gw 1", out, sizeof(out), error, sizeof(error)), -1);
	assert_int_equal(fos_value_check(FOS_K_WRETV, "1", out, sizeof(out), error, sizeof(error)), -1);
}

static void confirmation_booleans_are_strict(void **state)
{
	(void)state;
	assert_int_equal(fos_bool_strict("1"), 1);
	assert_int_equal(fos_bool_strict("checked"), 1);
	assert_int_equal(fos_bool_strict("0"), 0);
	assert_int_equal(fos_bool_strict(""), 0);
	assert_int_equal(fos_bool_strict("garbage"), -1);
	assert_int_equal(fos_bool_strict("2"), -1);
	assert_int_equal(fos_bool_strict("off"), -1);
	assert_int_equal(fos_bool_strict("1 "), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(device_page_is_read_and_unknown_keys_ignored),
		cmocka_unit_test(keys_before_the_magic_line_are_ignored),
		cmocka_unit_test(page_without_magic_is_refused),
		cmocka_unit_test(non_numeric_interval_is_an_error_only_when_needed),
		cmocka_unit_test(crlf_and_missing_final_newline_are_tolerated),
		cmocka_unit_test(formatted_page_parses_back_identically),
		cmocka_unit_test(format_reports_needed_length_when_truncated),
		cmocka_unit_test(keys_are_found_by_page_and_vendor_name),
		cmocka_unit_test(values_are_checked_and_normalised),
		cmocka_unit_test(confirmation_booleans_are_strict),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

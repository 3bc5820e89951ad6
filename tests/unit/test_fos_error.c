/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests of the HTTP reply classification (the vendor client's rule). */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "berofos/fos_error.h"

static void success_statuses_are_ok(void **state)
{
	(void)state;
	assert_int_equal(fos_http_classify(200), FOS_OK);
	assert_int_equal(fos_http_classify(204), FOS_OK);
}

static void unauthorized_is_an_auth_error(void **state)
{
	(void)state;
	assert_int_equal(fos_http_classify(401), FOS_E_AUTH);
	assert_int_equal(fos_http_classify(403), FOS_E_AUTH);
}

static void other_client_and_server_errors_are_refusals(void **state)
{
	(void)state;
	assert_int_equal(fos_http_classify(400), FOS_E_REFUSED);
	assert_int_equal(fos_http_classify(404), FOS_E_REFUSED);
	assert_int_equal(fos_http_classify(500), FOS_E_REFUSED);
}

static void nonsense_statuses_are_bad_replies(void **state)
{
	(void)state;
	assert_int_equal(fos_http_classify(0), FOS_E_BAD_REPLY);
	assert_int_equal(fos_http_classify(302), FOS_E_BAD_REPLY);
	assert_int_equal(fos_http_classify(-1), FOS_E_BAD_REPLY);
	assert_int_equal(fos_http_classify(999), FOS_E_BAD_REPLY);
}

static void every_code_has_a_message(void **state)
{
	(void)state;
	for (int e = 0; e <= FOS_E_SYSTEM; e++)
		assert_non_null(fos_strerror((enum fos_err)e));
	assert_string_equal(fos_strerror(FOS_E_AUTH), "switch refused the user name or password");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(success_statuses_are_ok),
		cmocka_unit_test(unauthorized_is_an_auth_error),
		cmocka_unit_test(other_client_and_server_errors_are_refusals),
		cmocka_unit_test(nonsense_statuses_are_bad_replies),
		cmocka_unit_test(every_code_has_a_message),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

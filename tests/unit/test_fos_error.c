/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests of the HTTP reply classification (the vendor client's rule). */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "berofos/fos_error.h"

static void statuses_are_classified_as_the_vendor_client_does(void **state)
{
	static const struct {
		long status;
		enum fos_err class;
	} rows[] = {
		/* success */
		{ 200, FOS_OK }, { 204, FOS_OK },
		/* unauthorized: an auth error */
		{ 401, FOS_E_AUTH }, { 403, FOS_E_AUTH },
		/* other client and server errors: refusals */
		{ 400, FOS_E_REFUSED }, { 404, FOS_E_REFUSED }, { 500, FOS_E_REFUSED },
		/* nonsense: bad replies */
		{ 0, FOS_E_BAD_REPLY }, { 302, FOS_E_BAD_REPLY }, { -1, FOS_E_BAD_REPLY },
		{ 999, FOS_E_BAD_REPLY },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		print_message("status %ld\n", rows[i].status);
		assert_int_equal(fos_http_classify(rows[i].status), rows[i].class);
	}
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
		cmocka_unit_test(statuses_are_classified_as_the_vendor_client_does),
		cmocka_unit_test(every_code_has_a_message),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

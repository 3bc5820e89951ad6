/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests of fos-kickd's stack liveness decision. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "berofos/fos_alive.h"

static void a_missing_file_counts_from_the_start(void **state)
{
	(void)state;
	assert_true(fos_alive_since_ms(false, 0, 5000) == 5000);
	assert_false(fos_alive_expired(9000, fos_alive_since_ms(false, 0, 5000), 4000));
	assert_true(fos_alive_expired(9001, fos_alive_since_ms(false, 0, 5000), 4000));
}

static void a_file_older_than_the_start_counts_from_the_start(void **state)
{
	(void)state;
	/* Left by an earlier feeder: no instant expiry at a new start. */
	assert_true(fos_alive_since_ms(true, 1000, 5000) == 5000);
}

static void a_fresh_touch_is_the_proof(void **state)
{
	(void)state;
	assert_true(fos_alive_since_ms(true, 7000, 5000) == 7000);
	assert_false(fos_alive_expired(10999, 7000, 4000));
	assert_false(fos_alive_expired(11000, 7000, 4000));
	assert_true(fos_alive_expired(11001, 7000, 4000));
}

static void a_clock_that_went_back_is_no_expiry(void **state)
{
	(void)state;
	assert_false(fos_alive_expired(1000, 7000, 4000));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_missing_file_counts_from_the_start),
		cmocka_unit_test(a_file_older_than_the_start_counts_from_the_start),
		cmocka_unit_test(a_fresh_touch_is_the_proof),
		cmocka_unit_test(a_clock_that_went_back_is_no_expiry),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

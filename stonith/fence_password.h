/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fence_berofos's password_script: runs it (without a shell when the
 * command is plain words), waits a bounded time and takes the first line of
 * its output as the password.  The password is never logged. */
#ifndef FENCE_PASSWORD_H
#define FENCE_PASSWORD_H

#include <stddef.h>

/* Returns 0 with the password in password (NUL-terminated, 1 to max_len
 * characters), or -1 with a reason in err that does not contain it. */
int fence_password_script(const char *cmd, long timeout_ms, char *password, size_t max_len,
			  char *err, size_t err_len);

#endif

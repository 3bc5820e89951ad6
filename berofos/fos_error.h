/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Error codes of libberofos and the classification of HTTP replies.  Pure
 * code.  The numeric values are also fosctl's exit codes (see fosctl(8)). */
#ifndef FOS_ERROR_H
#define FOS_ERROR_H

enum fos_err {
	FOS_OK = 0,
	FOS_E_USAGE = 2,          /* bad argument or option */
	FOS_E_CONFIG = 3,         /* configuration or credentials unusable */
	FOS_E_UNREACHABLE = 4,    /* no connection to the switch */
	FOS_E_TIMEOUT = 5,        /* the switch did not answer in time */
	FOS_E_AUTH = 6,           /* the switch refused user or password */
	FOS_E_BAD_REPLY = 7,      /* the answer was not what the device sends */
	FOS_E_NOT_CONFIRMED = 8,  /* a write did not read back */
	FOS_E_REFUSED = 9,        /* the switch rejected the request (4xx/5xx) */
	FOS_E_SYSTEM = 10,        /* local failure: memory, sockets, files */
};

/* A short, administrator-readable name of the error class. */
const char *fos_strerror(enum fos_err err);

/* Classifies the status of a reply to a config.txt read or a set request:
 * 2xx ok, 401 auth, other 4xx/5xx refused, anything else a bad reply. */
enum fos_err fos_http_classify(long status);

#endif

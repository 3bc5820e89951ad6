/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Error names and the HTTP status rule of the vendor client: 401 means a bad
 * user or password, any other non-2xx a failure (protocol page 1.2). */
#include "config.h"

#include "berofos/fos_error.h"

const char *fos_strerror(enum fos_err err)
{
	switch (err) {
	case FOS_OK: return "success";
	case FOS_E_USAGE: return "invalid usage";
	case FOS_E_CONFIG: return "configuration or credentials unusable";
	case FOS_E_UNREACHABLE: return "switch unreachable";
	case FOS_E_TIMEOUT: return "switch did not answer in time";
	case FOS_E_AUTH: return "switch refused the user name or password";
	case FOS_E_BAD_REPLY: return "unexpected answer from the switch";
	case FOS_E_NOT_CONFIRMED: return "the switch did not take the change";
	case FOS_E_REFUSED: return "the switch rejected the request";
	case FOS_E_SYSTEM: return "local system error";
	}
	return "unknown error";
}

enum fos_err fos_http_classify(long status)
{
	if (status >= 200 && status <= 299)
		return FOS_OK;
	if (status == 401 || status == 403)
		return FOS_E_AUTH;
	if (status >= 400 && status <= 599)
		return FOS_E_REFUSED;
	return FOS_E_BAD_REPLY;
}

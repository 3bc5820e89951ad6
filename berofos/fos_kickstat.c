/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fos-kickd's status file format (fos_kickstat.h). */
#include "config.h"

#include "berofos/fos_kickstat.h"

#include "common/lines.h"
#include "common/number.h"

#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

size_t fos_kick_status_format(const struct fos_kick_status *st, char *buf, size_t size)
{
	int n = snprintf(buf, size,
			 "pid=%ld\nmac=%s\ninterval_ms=%ld\nupdated_ms=%lld\nkicks=%lu\nacks=%lu\n"
			 "unacked=%lu\nlast_ack_ms=%lld\nlate=%lu\nfailed=%lu\n",
			 st->pid, st->mac, st->interval_ms, st->updated_ms, st->kicks, st->acks,
			 st->unacked, st->last_ack_ms, st->late, st->failed);

	return n < 0 ? 0 : (size_t)n;
}

int fos_kick_status_parse(const char *text, size_t len, struct fos_kick_status *st,
			  char *error, size_t error_len)
{
	bool have_pid = false, have_kicks = false, have_updated = false;
	size_t pos = 0;
	char buf[128];
	int got;

	memset(st, 0, sizeof(*st));
	while ((got = ws_next_line(text, len, &pos, false, buf, sizeof(buf))) >= 0) {
		char *eq;
		long long v;

		if (got == 0)
			continue;
		eq = strchr(buf, '=');
		if (eq == NULL)
			continue;
		*eq++ = '\0';
		if (strcmp(buf, "mac") == 0) {
			snprintf(st->mac, sizeof(st->mac), "%s", eq);
			continue;
		}
		if (strcmp(buf, "pid") != 0 && strcmp(buf, "interval_ms") != 0 &&
		    strcmp(buf, "updated_ms") != 0 && strcmp(buf, "kicks") != 0 &&
		    strcmp(buf, "acks") != 0 && strcmp(buf, "unacked") != 0 &&
		    strcmp(buf, "last_ack_ms") != 0 && strcmp(buf, "late") != 0 &&
		    strcmp(buf, "failed") != 0)
			continue;
		if (ws_parse_llong(eq, 10, 0, LLONG_MAX, &v) != 0) {
			snprintf(error, error_len, "fos-kickd status: %s is not a number", buf);
			return -1;
		}
		if (strcmp(buf, "pid") == 0) { st->pid = (long)v; have_pid = true; }
		else if (strcmp(buf, "interval_ms") == 0) st->interval_ms = (long)v;
		else if (strcmp(buf, "updated_ms") == 0) { st->updated_ms = v; have_updated = true; }
		else if (strcmp(buf, "kicks") == 0) { st->kicks = (unsigned long)v; have_kicks = true; }
		else if (strcmp(buf, "acks") == 0) st->acks = (unsigned long)v;
		else if (strcmp(buf, "unacked") == 0) st->unacked = (unsigned long)v;
		else if (strcmp(buf, "last_ack_ms") == 0) st->last_ack_ms = v;
		else if (strcmp(buf, "late") == 0) st->late = (unsigned long)v;
		else st->failed = (unsigned long)v;
	}
	if (!have_pid || !have_kicks || !have_updated) {
		snprintf(error, error_len, "fos-kickd status: pid, kicks or updated_ms missing");
		return -1;
	}
	return 0;
}

/* fos-kickd's status file format (fos_kickstat.h). */
#include "config.h"

#include "berofos/fos_kickstat.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
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

static int number(const char *text, long long *out)
{
	char *end;

	if (text[0] == '\0' || text[0] == '-' || text[0] == '+' || text[0] == ' ')
		return -1;
	errno = 0;
	*out = strtoll(text, &end, 10);
	return errno != 0 || *end != '\0' ? -1 : 0;
}

int fos_kick_status_parse(const char *text, size_t len, struct fos_kick_status *st,
			  char *error, size_t error_len)
{
	bool have_pid = false, have_kicks = false, have_updated = false;
	size_t pos = 0;

	memset(st, 0, sizeof(*st));
	while (pos < len) {
		const char *line = text + pos;
		const char *nl = memchr(line, '\n', len - pos);
		size_t line_len = nl != NULL ? (size_t)(nl - line) : len - pos;
		char buf[128];
		char *eq;
		long long v;

		pos += line_len + (nl != NULL);
		if (line_len >= sizeof(buf) || memchr(line, '\0', line_len) != NULL)
			continue;
		memcpy(buf, line, line_len);
		buf[line_len] = '\0';
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
		if (number(eq, &v) != 0) {
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

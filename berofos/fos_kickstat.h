/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fos-kickd's status file: what it publishes, at low rate and outside its
 * kick path, about the kicks and the switch's replies to them; fosctl reads
 * it for `watchdog status`.  Pure code: format and parse, no I/O.
 *
 * The file is "key=value" lines: pid, mac, interval_ms, updated_ms (wall
 * clock, ms since the epoch), kicks, acks, unacked (kicks since the last
 * acknowledged one), last_ack_ms (wall clock when the last reply was seen,
 * 0 for never), late, failed.  Unknown keys are ignored. */
#ifndef FOS_KICKSTAT_H
#define FOS_KICKSTAT_H

#include <stddef.h>

struct fos_kick_status {
	long pid;
	char mac[18];
	long interval_ms;
	long long updated_ms;
	unsigned long kicks, acks, unacked, late, failed;
	long long last_ack_ms;
};

/* Returns the length needed (like snprintf); truncated when >= size. */
size_t fos_kick_status_format(const struct fos_kick_status *st, char *buf, size_t size);

/* Parses len bytes.  Returns 0, or -1 with a reason when a known key holds
 * no number or pid, kicks or updated_ms is missing. */
int fos_kick_status_parse(const char *text, size_t len, struct fos_kick_status *st,
			  char *error, size_t error_len);

#endif

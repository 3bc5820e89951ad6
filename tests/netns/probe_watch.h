/* SPDX-License-Identifier: GPL-2.0-or-later */
/* "--watch NAME:FILE:REGEX" specifications of the testbed's prober: an
 * event NAME happens when a new line of FILE matches the extended REGEX.
 * Pure: parsing and matching only; reading the file is the caller's. */
#ifndef WS_PROBE_WATCH_H
#define WS_PROBE_WATCH_H

#include <regex.h>
#include <stdbool.h>

#define PROBE_NAME_MAX 32
#define PROBE_REGEX_MAX 256

struct probe_watch {
	char name[PROBE_NAME_MAX];
	char *path;             /* owned */
	regex_t pattern;
	bool compiled;
};

/* Parses spec into watch.  Returns 0, or -1 with a message for the user in
 * error (size error_size).  On success release with probe_watch_free(). */
int probe_watch_parse(const char *spec, struct probe_watch *watch,
		      char *error, size_t error_size);

/* True when line (without its newline) matches the watch's pattern. */
bool probe_watch_matches(const struct probe_watch *watch, const char *line);

void probe_watch_free(struct probe_watch *watch);

/* Event names are printed in the timeline and used as shell words by the
 * tests: letters, digits, '_' and '-', not empty, shorter than
 * PROBE_NAME_MAX. */
bool probe_name_valid(const char *name, size_t length);

#endif

/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "config.h"

#include "tests/netns/probe_watch.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool probe_name_valid(const char *name, size_t length)
{
	if (length == 0 || length >= PROBE_NAME_MAX)
		return false;
	for (size_t i = 0; i < length; i++) {
		unsigned char c = (unsigned char)name[i];

		if (!isalnum(c) && c != '_' && c != '-')
			return false;
	}
	return true;
}

/* glibc's regcomp() needs memory exponential in the number of stacked
 * repetition operators ("a+++..."), so such patterns are refused up front. */
static bool regex_has_stacked_repetition(const char *regex)
{
	for (const char *at = regex; at[0] != '\0' && at[1] != '\0'; at++) {
		if (at[0] == '\\') {
			at++;
			continue;
		}
		if (strchr("*+?}", at[0]) != NULL && strchr("*+?{", at[1]) != NULL)
			return true;
	}
	return false;
}

int probe_watch_parse(const char *spec, struct probe_watch *watch,
		      char *error, size_t error_size)
{
	const char *first = strchr(spec, ':');
	const char *second = first ? strchr(first + 1, ':') : NULL;
	size_t name_length, path_length;
	int rc;

	memset(watch, 0, sizeof(*watch));
	if (second == NULL) {
		snprintf(error, error_size, "watch '%s': expected NAME:FILE:REGEX", spec);
		return -1;
	}
	name_length = (size_t)(first - spec);
	path_length = (size_t)(second - first - 1);
	if (!probe_name_valid(spec, name_length)) {
		snprintf(error, error_size,
			 "watch '%s': NAME must be 1-%d letters, digits, '_' or '-'",
			 spec, PROBE_NAME_MAX - 1);
		return -1;
	}
	if (path_length == 0) {
		snprintf(error, error_size, "watch '%s': FILE is empty", spec);
		return -1;
	}
	if (second[1] == '\0') {
		snprintf(error, error_size, "watch '%s': REGEX is empty", spec);
		return -1;
	}
	if (strlen(second + 1) > PROBE_REGEX_MAX) {
		snprintf(error, error_size, "watch '%.40s...': REGEX longer than %d characters",
			 spec, PROBE_REGEX_MAX);
		return -1;
	}
	if (regex_has_stacked_repetition(second + 1)) {
		snprintf(error, error_size, "watch '%s': stacked repetition operators are not supported",
			 spec);
		return -1;
	}
	memcpy(watch->name, spec, name_length);
	watch->name[name_length] = '\0';
	watch->path = strndup(first + 1, path_length);
	if (watch->path == NULL) {
		snprintf(error, error_size, "watch '%s': out of memory", spec);
		return -1;
	}
	rc = regcomp(&watch->pattern, second + 1, REG_EXTENDED | REG_NOSUB);
	if (rc != 0) {
		char reason[128];

		regerror(rc, &watch->pattern, reason, sizeof(reason));
		snprintf(error, error_size, "watch '%s': bad REGEX: %s", spec, reason);
		free(watch->path);
		watch->path = NULL;
		return -1;
	}
	watch->compiled = true;
	return 0;
}

bool probe_watch_matches(const struct probe_watch *watch, const char *line)
{
	return watch->compiled && regexec(&watch->pattern, line, 0, NULL, 0) == 0;
}

void probe_watch_free(struct probe_watch *watch)
{
	if (watch->compiled)
		regfree(&watch->pattern);
	free(watch->path);
	memset(watch, 0, sizeof(*watch));
}

/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Error messages of the testbed's C tools: "TOOL: message" on stderr. */
#ifndef WS_TOOL_ERROR_H
#define WS_TOOL_ERROR_H

/* Prints the program's name, the message and a newline on stderr; returns
 * -1, for the caller to return. */
int tool_error(const char *format, ...) __attribute__((format(printf, 1, 2)));

#endif

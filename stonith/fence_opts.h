/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Options of fence_berofos as fence-agents take them: stdin "key=value"
 * lines or command-line options, both mapped onto the same keys.  One table
 * (bfa_opts, like fence-agents' all_opt) gives the stdin keys, the
 * getopt_long table, the usage text and the meta-data parameters.  Pure
 * code: no I/O; the generators write into the caller's buffer. */
#ifndef FENCE_OPTS_H
#define FENCE_OPTS_H

#include <getopt.h>
#include <stdbool.h>
#include <stddef.h>

#include "stonith/berofos_params.h"

#define BFA_PASSWORD_MAX 15             /* the switch's apwd: at most 15 characters */
#define BFA_SCRIPT_MAX 1024
#define BFA_REASON_MAX 128              /* exit reasons Pacemaker shows */

enum bfa_action {
	BFA_ON, BFA_OFF, BFA_REBOOT, BFA_STATUS, BFA_LIST, BFA_LIST_STATUS, BFA_MONITOR,
	BFA_METADATA, BFA_MANPAGE, BFA_VALIDATE,
};

struct bfa_options {
	struct bfp_params p;            /* shell_timeout is p.timeout_ms, reset_wait p.reset_wait_ms */
	enum bfa_action action;
	char ip[BFP_URL_MAX];           /* as given; with ipport into p.url */
	char ipport[8];
	char plug[BFP_NAME_MAX];
	char password[BFA_PASSWORD_MAX + 1];
	bool has_password;
	char password_script[BFA_SCRIPT_MAX];
	char debug_file[BFP_PATH_MAX];
	long delay_ms;                  /* before off and reboot */
	long power_wait_ms;             /* after each confirmed on or off */
	long power_timeout_ms;
	long login_timeout_ms;          /* bounds the password script */
	long status_sleep_ms;
	long retry_on;                  /* more attempts at powering on */
	int verbose_count;              /* -v given n times, verbose=1 */
	int verbose_level;              /* -1: not given */
	char separator;                 /* of list and list-status columns */
	char plug_separator;
	bool disable_timeout;
	bool quiet;
	bool help;
	bool version;
};

enum bfa_set_result { BFA_SET_OK = 0, BFA_SET_IGNORED = 1, BFA_SET_ERROR = -1 };

/* Where a value comes from: a password is taken on stdin only, never from
 * the command line (every user sees it there). */
enum bfa_origin { BFA_FROM_STDIN, BFA_FROM_ARGV };

enum bfa_type { BFA_T_STRING, BFA_T_INTEGER, BFA_T_SECOND, BFA_T_BOOLEAN };

/* One option.  A row with a NULL help is a hidden alias (stdin only, not in
 * the usage or the meta-data). */
struct bfa_opt {
	const char *name;               /* stdin key and meta-data parameter */
	const char *old_name;           /* older stdin key, deprecated="1"; or NULL */
	const char *longopt;            /* --longopt; NULL: stdin only */
	int shortopt;                   /* -x, or 0 */
	const char *arg;                /* "ip" for --ip=[ip]; NULL: a flag */
	enum bfa_type type;
	const char *deflt;              /* default shown in meta-data, or NULL */
	bool required;
	const char *help;
	enum bfa_set_result (*set)(struct bfa_options *o, const char *value, enum bfa_origin from,
				   char *err, size_t err_len);
};

extern const struct bfa_opt bfa_opts[];
extern const size_t bfa_nopts;

void bfa_defaults(struct bfa_options *o);

/* Case-insensitive: "on", "off", "reboot", "status", "list", "list-status",
 * "monitor", "metadata" (or "meta-data"), "manpage", "validate-all";
 * "enable"/"disable" as old aliases of on/off. */
int bfa_action_parse(const char *text, enum bfa_action *action);
const char *bfa_action_name(enum bfa_action action);

/* 1/yes/on/true and 0/no/off/false, case-insensitive. */
int bfa_parse_bool(const char *text, bool *value);

/* Applies one option.  key is a stdin key ("ip", "plug", ...) or a long
 * option with '-' for '_' ("password-file").  Unknown keys are ignored with
 * a note in err (fence-agents warn and go on); a password from the command
 * line is an error. */
enum bfa_set_result bfa_set(struct bfa_options *o, const char *key, const char *value,
			    enum bfa_origin from, char *err, size_t err_len);

/* One stdin line: "key=value" (blanks around the line and one pair of
 * quotes around the value dropped), blank or "#comment". */
enum bfa_set_result bfa_set_line(struct bfa_options *o, const char *line,
				 char *err, size_t err_len);

/* After all options: builds the URL from ip and ipport, checks what the
 * action needs (an address unless metadata or manpage; a plug for on, off,
 * reboot and status; at most one password source). */
int bfa_finish(struct bfa_options *o, char *err, size_t err_len);

/* The verbosity asked for: verbose_level when given, else the -v count. */
int bfa_verbosity(const struct bfa_options *o);

/* getopt_long's table (rows of bfa_opts with a longopt; val is the row's
 * index + BFA_GETOPT_BASE) and its short-option string.  Returns 0, or -1
 * when a buffer is too small. */
#define BFA_GETOPT_BASE 256
int bfa_getopt_table(struct option *longopts, size_t max, char *shortopts, size_t short_len);
/* The row getopt_long's return value c stands for, or NULL. */
const struct bfa_opt *bfa_getopt_row(int c);

/* The usage text and the meta-data XML into buf.  Return the length
 * written, or -1 when buf is too small. */
long bfa_usage(char *buf, size_t len);
long bfa_metadata(char *buf, size_t len);

/* A password_script as an argv without a shell: words split at blanks,
 * into store.  Returns the word count, 0 when the command needs a shell
 * (quotes, $, pipes, redirections, globs ...), -1 when it is empty or too
 * long for argv/store. */
int bfa_split_command(const char *cmd, char **argv, size_t max, char *store, size_t store_len);

#endif

/* Options of fence_berofos as fence-agents take them: stdin "key=value"
 * lines or command-line options, both mapped onto the same keys.  Pure
 * code: no I/O. */
#ifndef FENCE_OPTS_H
#define FENCE_OPTS_H

#include <stdbool.h>
#include <stddef.h>

#include "stonith/berofos_params.h"

enum bfa_action {
	BFA_ON, BFA_OFF, BFA_REBOOT, BFA_STATUS, BFA_LIST, BFA_MONITOR,
	BFA_METADATA, BFA_VALIDATE,
};

struct bfa_options {
	struct bfp_params p;
	enum bfa_action action;
	char ip[BFP_URL_MAX];          /* as given; with ipport into p.url */
	char ipport[8];
	char plug[BFP_NAME_MAX];
	long delay_ms;                  /* before on, off, reboot */
	bool has_hostmap;
	bool verbose;
	bool quiet;
};

enum bfa_set_result { BFA_SET_OK = 0, BFA_SET_IGNORED = 1, BFA_SET_ERROR = -1 };

void bfa_defaults(struct bfa_options *o);

/* "on", "off", "reboot", "status", "list", "monitor", "metadata",
 * "validate-all"; "enable"/"disable" as old aliases of on/off. */
int bfa_action_parse(const char *text, enum bfa_action *action);
const char *bfa_action_name(enum bfa_action action);

/* Applies one option.  key is a stdin key ("ip", "plug", ...) or a long
 * option with '-' for '_' ("password-file").  Unknown keys are ignored with
 * a note in err (fence-agents warn and go on); a password given as a value
 * is an error. */
enum bfa_set_result bfa_set(struct bfa_options *o, const char *key, const char *value,
			    char *err, size_t err_len);

/* One stdin line: "key=value", blank or "#comment". */
enum bfa_set_result bfa_set_line(struct bfa_options *o, const char *line,
				 char *err, size_t err_len);

/* After all options: builds the URL from ip and ipport, checks what the
 * action needs (an address unless metadata; a plug for on, off, reboot and
 * status). */
int bfa_finish(struct bfa_options *o, char *err, size_t err_len);

#endif

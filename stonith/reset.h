/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The reset of a power port: the confirmed off, then the on.  A node is
 * fenced once its relay reads back off, and both stacks hold the takeover
 * until the fencing operation returns; waiting reset_wait and the on inside
 * it would add them to every failover.  So by default (reset_mode
 * background) the operation returns on the confirmed off and a detached
 * process switches the relay on reset_wait later.  That process outlives
 * its caller: it logs to syslog itself, and when the relay stays off it
 * leaves a note under the run directory that the device's monitor reports
 * until an on that reads back removes it. */
#ifndef BEROFOS_RESET_H
#define BEROFOS_RESET_H

#include <stdbool.h>
#include <stddef.h>

#include "berofos/fos_error.h"
#include "stonith/berofos_params.h"

/* Where the notes go: $WS_RUNDIR when set (the tests), else this. */
#define BFF_RUN_DIR "/run/warmstandby"

/* How the on is tried: attempts times (at least 1), interval_ms apart;
 * ident names the caller in syslog (the background on logs there). */
struct bff_on_retry {
	long attempts;
	long interval_ms;
	const char *ident;
};

enum bff_on_result {
	BFF_ON_DONE,                    /* the relay reads back on */
	BFF_ON_FAILED,                  /* it stays off; msg says why */
	BFF_ON_LATER,                   /* the background process will switch it */
};

/* The off (confirmed), then the on as p->reset_background says.  Returns
 * the result of the off: once the node is off it is fenced.  *on and msg
 * tell what became of the on. */
enum fos_err bff_reboot(const struct bfp_params *p, int port, const struct bff_on_retry *retry,
			enum bff_on_result *on, char *msg, size_t msg_len);

/* Switches port on (confirmed) and removes its note. */
enum fos_err bff_switch_on(const struct bfp_params *p, int port, char *msg, size_t msg_len);

/* A note says a background on of this switch failed: true, with msg
 * naming the port and the reason. */
bool bff_left_off(const struct bfp_params *p, char *msg, size_t msg_len);

#endif

/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Fencing operations on the berofos power ports, shared by the cluster-glue
 * plugin and fence_berofos.  Each call opens the switch through libberofos
 * (which reads the credentials file then, so a rotated password is picked
 * up), does one operation and closes it; the reset, an off and an on, is in
 * reset.h.  Nothing here logs: the message says what happened, the caller
 * logs it its own way. */
#ifndef BEROFOS_FENCE_H
#define BEROFOS_FENCE_H

#include <stdbool.h>
#include <stddef.h>

#include "berofos/fos_error.h"
#include "stonith/berofos_params.h"

#define BFF_MSG_MAX 384

/* The switch answers config.txt with these credentials. */
enum fos_err bff_status(const struct bfp_params *p, char *msg, size_t msg_len);

/* The live state of power port (0 or 1). */
enum fos_err bff_power_get(const struct bfp_params *p, int port, bool *on,
			   char *msg, size_t msg_len);

/* Switches power port on or off; FOS_OK only once the relay reads back so. */
enum fos_err bff_power_set(const struct bfp_params *p, int port, bool on,
			   char *msg, size_t msg_len);

/* The fence guard before an off or a reset of port (fence_guard.h): reads
 * the switch, asks the target on the LAN when it holds the lines and
 * watches its kicks for at most bfg_watch_ms.  FOS_OK with *go set: fence
 * now; FOS_OK with *go clear: the target is the live master, msg says why,
 * do not fence.  Any other result: the switch could not be read. */
enum fos_err bff_guard(const struct bfp_params *p, int port, bool *go,
		       char *msg, size_t msg_len);

#endif

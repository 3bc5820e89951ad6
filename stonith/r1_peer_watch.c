/* SPDX-License-Identifier: GPL-2.0-or-later */
/* r1-peer-fence's decision (r1_peer_watch.h). */
#include "config.h"

#include "stonith/r1_peer_watch.h"

#include <string.h>

static bool is_dead(const char *status)
{
	return status != NULL && strcmp(status, "dead") == 0;
}

bool r1pw_holds(const char *rsc_status)
{
	return rsc_status != NULL &&
	       (strcmp(rsc_status, "all") == 0 || strcmp(rsc_status, "local") == 0);
}

void r1pw_init(struct r1pw *watch, const char *peer_status, const char *rsc_status)
{
	watch->peer_dead = is_dead(peer_status);
	watch->notice_seen = false;
	watch->held = !watch->peer_dead && r1pw_holds(rsc_status);
}

void r1pw_shutdown_notice(struct r1pw *watch)
{
	watch->notice_seen = true;
}

void r1pw_resources(struct r1pw *watch, const char *rsc_status)
{
	if (!watch->peer_dead)
		watch->held = r1pw_holds(rsc_status);
}

enum r1pw_action r1pw_peer_status(struct r1pw *watch, const char *peer_status,
				  const char *rsc_status)
{
	if (peer_status == NULL)
		return R1PW_NOTHING;   /* Heartbeat said nothing: change nothing */
	if (!is_dead(peer_status)) {
		if (watch->peer_dead) {
			/* Back from the dead: a new life, a new notice. */
			watch->peer_dead = false;
			watch->notice_seen = false;
		}
		watch->held = r1pw_holds(rsc_status);
		return R1PW_NOTHING;
	}
	if (watch->peer_dead)
		return R1PW_NOTHING;
	watch->peer_dead = true;
	if (watch->notice_seen)
		return R1PW_LEFT_CLEANLY;
	/* Both: the resources may have moved between our last sample and now. */
	if (!watch->held || !r1pw_holds(rsc_status))
		return R1PW_NOT_HOLDER;
	return R1PW_RESET;
}

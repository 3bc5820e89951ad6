/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A pause that a signal does not cut short. */
#ifndef WS_SLEEP_H
#define WS_SLEEP_H

/* Sleeps ms milliseconds, resuming after EINTR.  Returns 0, or -1 with
 * errno set when nanosleep fails otherwise (EINVAL for a negative ms):
 * the caller is told, never left spinning. */
int ws_sleep_ms(long ms);

#endif

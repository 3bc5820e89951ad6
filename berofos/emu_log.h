/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fosemu's event log and change report (emu_log.c). */
#ifndef EMU_LOG_H
#define EMU_LOG_H

#include "berofos/emu_io.h"

/* "<epoch.ms> <ISO time> message": benchmarks read the first field. */
void emu_log(struct emu *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Logs what changed, runs the power hook, saves the state. */
void emu_report(struct emu *e, const struct emu_events *ev, const char *cause);

#endif

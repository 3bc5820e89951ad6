/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fosemu's I/O layer, shared by its files: the running emulator,
 * persistence and the two servers; the log is emu_log.h.  The device model
 * is emu_state.c. */
#ifndef EMU_IO_H
#define EMU_IO_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "berofos/emu_state.h"

#define STALLED_MAX 16

enum set_body { BODY_HTML, BODY_TEXT, BODY_EMPTY };

struct emu {
	struct emu_state st;
	const char *address;
	uint16_t http_port, udp_port;
	const char *state_file, *log_file, *pidfile, *ports_file, *hook;
	uint8_t mac[6];
	bool check_user;          /* [guess] the firmware checks "admin" */
	bool config_needs_auth;   /* [inf] config.txt is protected too */
	bool any_mac;             /* [inf] commands for another MAC are ignored */
	bool final_lf;            /* [inf] every line ends with LF */
	bool checked_bools;       /* [src] booleans read "checked" or empty */
	enum set_body set_body;   /* [guess] what a set request answers */
	bool stall_http;          /* fault: accept and never answer */
	const char *drop_request; /* fault: a set naming this parameter is lost */
	const char *drop_reply;   /* fault: ... is applied, its reply is lost */
	const char *bad_key;      /* fault: config.txt shows bad_value for this key */
	const char *bad_value;
	bool flash_mode;          /* booted into flash mode: SET_NETCONF works */
	bool no_kick_reply;       /* fault: kicks are taken but not answered */
	int stalled[STALLED_MAX];
	int stalled_count;
	FILE *log;
	int http_fd, udp_fd;
};

int emu_save_state(struct emu *e);
int emu_load_state(struct emu *e);
void emu_serve_http(struct emu *e);
void emu_serve_udp(struct emu *e);

#endif

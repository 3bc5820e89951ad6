/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libberofos: the one client of the berofos Layer-1 switch.  HTTP (state,
 * relays, power ports, watchdog, password) through libcurl, every write read
 * back to confirm; GBL4 over UDP (scan, ping, kick, netconf).  Every call has
 * a timeout and returns an enum fos_err; the handle keeps a message for an
 * administrator (fos_message).  Passwords are never logged. */
#ifndef BEROFOS_H
#define BEROFOS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "berofos/fos_devpage.h"
#include "berofos/fos_error.h"
#include "berofos/fos_gbl4.h"
#include "berofos/fos_kickstat.h"

#define FOS_DEFAULT_USER "admin"
#define FOS_DEFAULT_TIMEOUT_MS 3000
#define FOS_PASSWORD_ENV "FOS_PASSWORD"
#define FOS_PASSWORD_MAX 15          /* apwd: at most 15 characters */
#define FOS_SWITCHCONF_FILE "/etc/warmstandby/berofos.conf"
#define FOS_MSG_MAX 256

struct fos_handle;

/* Connects nothing yet: checks arguments and loads the password from
 * password_file when given (must be a regular file owned by root with mode
 * 0600), else none.  url is "http://host[:port]". */
enum fos_err fos_open(struct fos_handle **out, const char *url, const char *user,
		      const char *password_file, long timeout_ms,
		      char *message, size_t message_len);
/* fos_open's flags. */
#define FOS_OPEN_PASSWORD_ENV 0x1    /* no password_file: take $FOS_PASSWORD */
/* fos_open with flags.  Only the administrator's CLI (fosctl) asks for the
 * environment: fencing and agents use their password files alone, so a
 * variable left in some environment cannot reach the switch. */
enum fos_err fos_open_flags(struct fos_handle **out, const char *url, const char *user,
			    const char *password_file, long timeout_ms, unsigned flags,
			    char *message, size_t message_len);
void fos_close(struct fos_handle *fos);
/* The message of the last failure on this handle. */
const char *fos_message(const struct fos_handle *fos);

enum fos_err fos_read_state(struct fos_handle *fos, struct fos_state *state);
/* Any settable key by its enum; value as a user writes it ("on", "1", ...). */
enum fos_err fos_set(struct fos_handle *fos, enum fos_key key, const char *value);
/* Live relay mode: 1 joins A-B (primary), 0 joins A-D (backup, fail-safe). */
enum fos_err fos_set_mode(struct fos_handle *fos, int mode);
/* Live power port 0 or 1. */
enum fos_err fos_set_power(struct fos_handle *fos, int port, bool on);
/* Sets the interval first when interval_s > 0, then enables the watchdog;
 * confirmed when it reads back enabled and not failed. */
enum fos_err fos_watchdog_enable(struct fos_handle *fos, int interval_s);
enum fos_err fos_watchdog_disable(struct fos_handle *fos);
/* Sets the admin password and switches HTTP protection on; confirmed by
 * reading the state with the new password.  The handle then uses it.
 * *maybe_taken tells, also on failure, whether the switch may hold the new
 * password now (the apwd request may have reached it): the caller must then
 * keep the new password. */
enum fos_err fos_set_password(struct fos_handle *fos, const char *password, bool *maybe_taken);

/* Credentials file: reads the first line, refusing files not owned by root
 * or readable by others. */
enum fos_err fos_password_file_read(const char *path, char *password, size_t len,
				    char *message, size_t message_len);
/* Writes password to a new 0600 file beside path and returns its name in
 * tmp_path; the caller renames it over path once the switch took it. */
enum fos_err fos_password_file_prepare(const char *path, const char *password,
				       char *tmp_path, size_t tmp_len,
				       char *message, size_t message_len);
/* A random password of FOS_PASSWORD_MAX letters and digits. */
enum fos_err fos_password_generate(char out[FOS_PASSWORD_MAX + 1]);

/* GBL4.  addr is an IPv4 address (255.255.255.255 broadcasts). */
struct fos_kicker;
enum fos_err fos_kicker_open(struct fos_kicker **out, const char *addr, uint16_t port,
			     const uint8_t mac[6], char *message, size_t message_len);
/* Sends one kick; never waits (the socket is non-blocking). */
enum fos_err fos_kicker_kick(struct fos_kicker *kicker, char *message, size_t message_len);
/* Reads the replies that arrived since the last call, without waiting, and
 * returns how many acknowledged a kick (KICK_WDOG replies from the switch). */
unsigned fos_kicker_drain(struct fos_kicker *kicker);
void fos_kicker_close(struct fos_kicker *kicker);

/* Collects every answer until timeout_ms; always lasts the full timeout. */
enum fos_err fos_gbl4_scan(const char *addr, uint16_t port, long timeout_ms,
			   struct fos_netconf *found, size_t max, size_t *count,
			   char *message, size_t message_len);
enum fos_err fos_gbl4_ping(const char *addr, uint16_t port, const uint8_t mac[6],
			   long timeout_ms, char *message, size_t message_len);
/* One kick, then waits for the switch's reply as the vendor client does:
 * FOS_E_TIMEOUT when none comes. */
enum fos_err fos_gbl4_kick(const char *addr, uint16_t port, const uint8_t mac[6],
			   long timeout_ms, char *message, size_t message_len);
enum fos_err fos_gbl4_set_netconf(const char *addr, uint16_t port,
				  const struct fos_netconf *nc, long timeout_ms,
				  char *message, size_t message_len);

/* One section of berofos.conf. */
struct fos_switch_conf {
	char url[256];
	char user[64];
	char password_file[256];
	char udp_addr[64];
	char mac[18];
	uint16_t udp_port;
	long timeout_ms;
	long kick_interval_ms;
};
/* Loads section name of the GKeyFile at path; missing keys keep the values
 * already in conf, so callers fill defaults first. */
enum fos_err fos_switch_conf_load(const char *path, const char *name,
				  struct fos_switch_conf *conf,
				  char *message, size_t message_len);

#endif

/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Parameters of the berofos fencing device, shared by the cluster-glue
 * plugin and fence_berofos: the switch address, the login, the credentials
 * file, the node -> power port map, the timeout and the reset wait.  Pure
 * code: parsing and checks only, no I/O (the credentials file is read by
 * libberofos when the switch is opened). */
#ifndef BEROFOS_PARAMS_H
#define BEROFOS_PARAMS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define BFP_PORTS 2                    /* the switch has power ports 0 and 1 */
#define BFP_NAME_MAX 64
#define BFP_URL_MAX 256
#define BFP_PATH_MAX 256
#define BFP_ERR_MAX 200
#define BFP_DEFAULT_TIMEOUT_MS 3000
#define BFP_DEFAULT_RESET_WAIT_MS 1000
#define BFP_MAX_TIMEOUT_MS 60000
#define BFP_MAX_RESET_WAIT_MS 60000
#define BFP_DEFAULT_KICK_STALL_MS 1000
#define BFP_DEFAULT_PROBE_TIMEOUT_MS 100
#define BFP_MAX_KICK_STALL_MS 30000
#define BFP_MAX_PROBE_TIMEOUT_MS 2000

struct bfp_host {
	char name[BFP_NAME_MAX];
	int port;
};

/* A node's address on the LAN, where the fence guard asks it by ARP
 * whether it is alive (a path that is not the cluster's links). */
struct bfp_lan {
	char name[BFP_NAME_MAX];
	uint32_t ipv4;                         /* network byte order */
};

struct bfp_params {
	char url[BFP_URL_MAX];                 /* "http://host[:port]" */
	char login[BFP_NAME_MAX];
	char password_file[BFP_PATH_MAX];      /* empty: no password */
	struct bfp_host hosts[BFP_PORTS];
	size_t nhosts;
	long timeout_ms;
	long reset_wait_ms;
	/* A reset succeeds on the confirmed off; the on follows reset_wait
	 * later in a process of its own (reset.h), so the cluster
	 * does not wait for it.  false: the on is awaited (fence-agents). */
	bool reset_background;
	/* The fence guard (fence_guard.h): off unless primary_node is set. */
	char primary_node[BFP_NAME_MAX];       /* the node on the A-B side (mode 1) */
	struct bfp_lan lan[BFP_PORTS];
	size_t nlan;
	long kick_stall_ms;                    /* no kick this long: the feeder is stuck */
	long probe_timeout_ms;                 /* ARP answer awaited this long */
	/* fence_berofos only: the password it read from stdin or its password
	 * script waits in its own $FOS_PASSWORD (libberofos takes it from
	 * there only when asked; the cluster-glue plugin never asks). */
	bool password_in_env;
};

/* Writes the message into err and returns -1 (also BFA_SET_ERROR), so a
 * parser can say `return bfp_error(err, len, "...", ...)`. */
int bfp_error(char *err, size_t err_len, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Defaults: no address, login "admin", no credentials file, no hosts,
 * timeout 3 s, reset wait 1 s, the on of a reset in the background. */
void bfp_defaults(struct bfp_params *p);

/* "HOST", "HOST:PORT" or "http://HOST[:PORT][/]" into "http://HOST[:PORT]".
 * HOST is a name or IPv4 address; an IPv6 address needs brackets. */
int bfp_parse_address(const char *text, char *url, size_t url_len,
		      char *err, size_t err_len);

/* "gw1:0 gw2:1" (separators: blanks, ',' or ';') into p->hosts.  Each node
 * and each port at most once; ports are 0 or 1. */
int bfp_parse_hostmap(const char *text, struct bfp_params *p, char *err, size_t err_len);

/* Seconds with up to three decimals ("2", "0.5") into milliseconds within
 * [min_ms, max_ms]. */
int bfp_parse_seconds(const char *text, long min_ms, long max_ms, long *ms,
		      char *err, size_t err_len);

/* Login name: 1 to 63 printable characters without ':' (Basic auth). */
int bfp_parse_login(const char *text, char *login, size_t len, char *err, size_t err_len);

/* Credentials file: an absolute path (checked for ownership when read), or
 * BFP_NO_PASSWORD_FILE for a switch without a password (path set empty). */
#define BFP_NONE "none"
#define BFP_NO_PASSWORD_FILE BFP_NONE
int bfp_parse_password_file(const char *text, char *path, size_t len,
			    char *err, size_t err_len);

/* The reset mode: BFP_RESET_BACKGROUND (the on in the background) or
 * BFP_RESET_WAIT (the on awaited). */
#define BFP_RESET_BACKGROUND "background"
#define BFP_RESET_WAIT "wait"
int bfp_parse_reset_mode(const char *text, bool *background, char *err, size_t err_len);

/* The power port of node (case-insensitive, as cluster-glue lowercases
 * host names), or -1 when the map does not name it. */
int bfp_port_of(const struct bfp_params *p, const char *node);

/* A plug as fence-agents give it: a port number "0"/"1", or a node name of
 * the map.  Returns the port or -1 with a reason. */
int bfp_parse_plug(const struct bfp_params *p, const char *plug, char *err, size_t err_len);

/* A node name as the host map takes it (primary_node); BFP_NONE for none
 * (Heartbeat's positional parameters need a word). */
int bfp_parse_node(const char *text, char *node, size_t len, char *err, size_t err_len);

/* "gw1=192.0.2.11 gw2=192.0.2.12" (separators as in the host map; IPv4,
 * since the guard asks by ARP) into p->lan; BFP_NONE for an empty map. */
int bfp_parse_lan_map(const char *text, struct bfp_params *p, char *err, size_t err_len);

/* The LAN address of node from p->lan, or 0 when none is given. */
uint32_t bfp_lan_of(const struct bfp_params *p, const char *node);

/* The node name of power port, or NULL when the map does not give it. */
const char *bfp_node_of(const struct bfp_params *p, int port);

/* The guard's parameters agree with the host map: primary_node and every
 * node of the LAN map are nodes of the host map. */
int bfp_check_guard(const struct bfp_params *p, char *err, size_t err_len);

#endif

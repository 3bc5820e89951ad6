/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fosctl: the vendor CLI's verbs over libberofos.  Exit status is the
 * libberofos error code (fosctl(8), EXIT STATUS). */
#include "config.h"

#include "berofos/berofos.h"
#include "common/number.h"
#include "common/url.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define SCAN_MAX 64

struct cli {
	struct fos_switch_conf sw;
	const char *config_path;
	const char *switch_name;
	bool json;
	int interval_s;            /* watchdog on --interval */
	const char *kick_status;   /* fos-kickd's status file, for watchdog status */
	char message[2048];        /* room for two paths and a libberofos message */
	json_object *out;          /* --json result */
};

static void usage(FILE *to)
{
	fputs("usage: fosctl [options] VERB [ARGS]\n"
	      "verbs:\n"
	      "  scan                       list switches answering GBL4 discovery\n"
	      "  show                       print the whole state\n"
	      "  get KEY                    print one value (config.txt or vendor name)\n"
	      "  set KEY=VALUE              change a setting, confirmed by reading back\n"
	      "  mode [master|slave]        lines to the primary (master) or backup (slave) side\n"
	      "  power 0|1 on|off|status    a power relay\n"
	      "  watchdog on|off|status     the hardware watchdog (on: --interval S)\n"
	      "  kick                       feed the watchdog once (needs --mac)\n"
	      "  ping                       GBL4 ping (needs --mac)\n"
	      "  passwd                     new random admin password, stored in --credentials\n"
	      "  netconf IP MASK GW [dhcp]  network settings by GBL4 (switch in flash mode)\n"
	      "options:\n"
	      "  -h, --host HOST            switch address (default from the config file)\n"
	      "  -p, --port N               HTTP port (default 80)\n"
	      "  -m, --mac MAC              switch MAC for kick and ping\n"
	      "      --udp-addr IP          GBL4 destination (default the host; scan: 255.255.255.255)\n"
	      "      --udp-port N           GBL4 port (default 50123)\n"
	      "  -c, --credentials FILE     password file, root-owned, mode 0600 (else $FOS_PASSWORD)\n"
	      "  -U, --user NAME            HTTP user (default admin)\n"
	      "  -t, --timeout SECONDS      per request (default 3)\n"
	      "  -s, --switch NAME          section of the config file\n"
	      "  -f, --config FILE          default " FOS_SWITCHCONF_FILE "\n"
	      "  -i, --interval SECONDS     watchdog interval for 'watchdog on'\n"
	      "      --kick-status FILE     fos-kickd's status file, shown by 'watchdog status'\n"
	      "  -j, --json                 machine-readable output\n"
	      "      --help\n", to);
}

static int fail(struct cli *cli, enum fos_err err, const char *message)
{
	fprintf(stderr, "fosctl: %s\n", message);
	if (cli->json) {
		json_object *o = json_object_new_object();

		json_object_object_add(o, "ok", json_object_new_boolean(0));
		json_object_object_add(o, "error", json_object_new_string(fos_strerror(err)));
		json_object_object_add(o, "exit", json_object_new_int(err));
		json_object_object_add(o, "message", json_object_new_string(message));
		puts(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
		json_object_put(o);
	}
	return err;
}

/* Prints the result: JSON object in --json mode, else the text already
 * written by the verb. */
static int done(struct cli *cli)
{
	if (cli->json) {
		json_object_object_add(cli->out, "ok", json_object_new_boolean(1));
		puts(json_object_to_json_string_ext(cli->out, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
	}
	return FOS_OK;
}

static void add_value(json_object *o, enum fos_key k, const struct fos_state *state)
{
	const struct fos_key_info *info = fos_key_info(k);

	if (info->type == FOS_T_STR)
		json_object_object_add(o, info->read_key, json_object_new_string(state->v[k].str));
	else if (info->type == FOS_T_BOOL)
		json_object_object_add(o, info->read_key, json_object_new_boolean(state->v[k].num != 0));
	else
		json_object_object_add(o, info->read_key, json_object_new_int64(state->v[k].num));
}

static const char *side_of(long mode)
{
	return mode ? "master" : "slave";
}

static int open_switch(struct cli *cli, struct fos_handle **fos)
{
	enum fos_err err;

	if (cli->sw.url[0] == '\0')
		return fail(cli, FOS_E_USAGE, "no switch given: use --host or --switch");
	err = fos_open_flags(fos, cli->sw.url, cli->sw.user[0] ? cli->sw.user : NULL,
			     cli->sw.password_file[0] ? cli->sw.password_file : NULL,
			     cli->sw.timeout_ms, FOS_OPEN_PASSWORD_ENV,
			     cli->message, sizeof(cli->message));
	if (err != FOS_OK)
		return fail(cli, err, cli->message);
	return FOS_OK;
}

static int read_state(struct cli *cli, struct fos_state *state)
{
	struct fos_handle *fos;
	enum fos_err err = open_switch(cli, &fos);

	if (err != FOS_OK)
		return err;
	err = fos_read_state(fos, state);
	if (err != FOS_OK)
		err = fail(cli, err, fos_message(fos));
	fos_close(fos);
	return err;
}

static int verb_show(struct cli *cli)
{
	struct fos_state state;
	int err = read_state(cli, &state);

	if (err != FOS_OK)
		return err;
	for (int k = 0; k < FOS_K_COUNT; k++) {
		if (!state.seen[k])
			continue;
		if (cli->json)
			add_value(cli->out, (enum fos_key)k, &state);
		else
			printf("%s=%s\n", fos_key_info((enum fos_key)k)->read_key, state.v[k].str);
	}
	return done(cli);
}

static int verb_get(struct cli *cli, const char *name)
{
	struct fos_state state;
	int k = fos_key_lookup(name);
	int err;

	if (k < 0) {
		snprintf(cli->message, sizeof(cli->message), "unknown key %s (see fosctl show)", name);
		return fail(cli, FOS_E_USAGE, cli->message);
	}
	err = read_state(cli, &state);
	if (err != FOS_OK)
		return err;
	if (!state.seen[k]) {
		snprintf(cli->message, sizeof(cli->message), "the switch does not report %s",
			 fos_key_info((enum fos_key)k)->read_key);
		return fail(cli, FOS_E_BAD_REPLY, cli->message);
	}
	if (cli->json)
		add_value(cli->out, (enum fos_key)k, &state);
	else
		printf("%s\n", state.v[k].str);
	return done(cli);
}

/* Runs one write through an opened handle and reports. */
typedef enum fos_err (*write_fn)(struct fos_handle *fos, const void *arg);

static int do_write(struct cli *cli, write_fn fn, const void *arg, const char *done_text)
{
	struct fos_handle *fos;
	enum fos_err err = open_switch(cli, &fos);

	if (err != FOS_OK)
		return err;
	err = fn(fos, arg);
	if (err != FOS_OK)
		err = fail(cli, err, fos_message(fos));
	fos_close(fos);
	if (err != FOS_OK)
		return err;
	if (!cli->json)
		printf("%s\n", done_text);
	else
		json_object_object_add(cli->out, "done", json_object_new_string(done_text));
	return done(cli);
}

struct set_arg { enum fos_key key; const char *value; };

static enum fos_err write_set(struct fos_handle *fos, const void *arg)
{
	const struct set_arg *a = arg;

	return fos_set(fos, a->key, a->value);
}

static int verb_set(struct cli *cli, const char *assignment)
{
	char name[64];
	const char *eq = strchr(assignment, '=');
	struct set_arg a;
	int k;

	if (eq == NULL || (size_t)(eq - assignment) >= sizeof(name))
		return fail(cli, FOS_E_USAGE, "set takes KEY=VALUE");
	memcpy(name, assignment, (size_t)(eq - assignment));
	name[eq - assignment] = '\0';
	k = fos_key_lookup(name);
	if (k < 0 || fos_key_info((enum fos_key)k)->set_name == NULL) {
		snprintf(cli->message, sizeof(cli->message), "%s is not a settable key", name);
		return fail(cli, FOS_E_USAGE, cli->message);
	}
	a.key = (enum fos_key)k;
	a.value = eq + 1;
	snprintf(cli->message, sizeof(cli->message), "%s set to %s",
		 fos_key_info(a.key)->set_name, a.value);
	return do_write(cli, write_set, &a, cli->message);
}

static enum fos_err write_mode(struct fos_handle *fos, const void *arg)
{
	return fos_set_mode(fos, *(const int *)arg);
}

static int verb_mode(struct cli *cli, const char *side)
{
	static int mode;
	struct fos_state state;
	int err;

	if (side == NULL || strcmp(side, "status") == 0) {
		err = read_state(cli, &state);
		if (err != FOS_OK)
			return err;
		if (cli->json) {
			json_object_object_add(cli->out, "side", json_object_new_string(side_of(state.v[FOS_K_MODE].num)));
			json_object_object_add(cli->out, "mode", json_object_new_int64(state.v[FOS_K_MODE].num));
		} else
			printf("%s (mode %ld, %s)\n", side_of(state.v[FOS_K_MODE].num),
			       state.v[FOS_K_MODE].num, state.v[FOS_K_MODE].num ? "A-B" : "A-D");
		return done(cli);
	}
	if (strcmp(side, "master") == 0 || strcmp(side, "primary") == 0)
		mode = 1;
	else if (strcmp(side, "slave") == 0 || strcmp(side, "backup") == 0)
		mode = 0;
	else
		return fail(cli, FOS_E_USAGE, "mode takes master (lines to the primary, A-B) or slave (lines to the backup, A-D)");
	return do_write(cli, write_mode, &mode,
			mode ? "lines switched to the master side (mode 1, A-B)"
			     : "lines switched to the slave side (mode 0, A-D)");
}

struct power_arg { int port; bool on; };

static enum fos_err write_power(struct fos_handle *fos, const void *arg)
{
	const struct power_arg *a = arg;

	return fos_set_power(fos, a->port, a->on);
}

static int verb_power(struct cli *cli, const char *port_text, const char *what)
{
	struct power_arg a;
	struct fos_state state;
	enum fos_key key;
	int err;

	if (port_text == NULL || what == NULL ||
	    (strcmp(port_text, "0") != 0 && strcmp(port_text, "1") != 0))
		return fail(cli, FOS_E_USAGE, "power takes a port (0 or 1) and on, off or status");
	a.port = port_text[0] - '0';
	key = a.port == 0 ? FOS_K_P0 : FOS_K_P1;
	if (strcmp(what, "status") == 0) {
		err = read_state(cli, &state);
		if (err != FOS_OK)
			return err;
		if (cli->json) {
			json_object_object_add(cli->out, "port", json_object_new_int(a.port));
			json_object_object_add(cli->out, "on", json_object_new_boolean(state.v[key].num != 0));
		} else
			printf("power %d %s\n", a.port, state.v[key].num ? "on" : "off");
		return done(cli);
	}
	if (strcmp(what, "on") != 0 && strcmp(what, "off") != 0)
		return fail(cli, FOS_E_USAGE, "power takes on, off or status");
	a.on = strcmp(what, "on") == 0;
	snprintf(cli->message, sizeof(cli->message), "power %d %s", a.port, what);
	return do_write(cli, write_power, &a, cli->message);
}

static enum fos_err write_watchdog(struct fos_handle *fos, const void *arg)
{
	int interval = *(const int *)arg;

	return interval < 0 ? fos_watchdog_disable(fos) : fos_watchdog_enable(fos, interval);
}

/* fos-kickd's view of the kicks, when its status file exists: a note, not
 * an error, since fos-kickd runs only on the master. */
static void show_kick_status(struct cli *cli)
{
	struct fos_kick_status st;
	struct timespec wall;
	char text[1024], why[128];
	long long now;
	ssize_t n;
	int fd;

	if (cli->kick_status == NULL)
		return;
	fd = open(cli->kick_status, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "fosctl: no fos-kickd status in %s: %s\n", cli->kick_status, strerror(errno));
		return;
	}
	n = read(fd, text, sizeof(text));
	close(fd);
	if (n < 0 || fos_kick_status_parse(text, (size_t)n, &st, why, sizeof(why)) != 0) {
		fprintf(stderr, "fosctl: %s: %s\n", cli->kick_status, n < 0 ? strerror(errno) : why);
		return;
	}
	clock_gettime(CLOCK_REALTIME, &wall);
	now = wall.tv_sec * 1000LL + wall.tv_nsec / 1000000;
	if (cli->json) {
		json_object *o = json_object_new_object();

		json_object_object_add(o, "pid", json_object_new_int64(st.pid));
		json_object_object_add(o, "kicks", json_object_new_int64((int64_t)st.kicks));
		json_object_object_add(o, "acks", json_object_new_int64((int64_t)st.acks));
		json_object_object_add(o, "unacked", json_object_new_int64((int64_t)st.unacked));
		json_object_object_add(o, "last_ack_age_ms", st.last_ack_ms > 0
				       ? json_object_new_int64(now - st.last_ack_ms) : NULL);
		json_object_object_add(o, "updated_age_ms", json_object_new_int64(now - st.updated_ms));
		json_object_object_add(cli->out, "kickd", o);
	} else if (st.last_ack_ms > 0)
		printf("fos-kickd %ld: %lu kicks, last acknowledged %.1f s ago, %lu unacknowledged since "
		       "(status %.1f s old)\n", st.pid, st.kicks, (now - st.last_ack_ms) / 1000.0,
		       st.unacked, (now - st.updated_ms) / 1000.0);
	else
		printf("fos-kickd %ld: %lu kicks, none acknowledged (status %.1f s old)\n", st.pid,
		       st.kicks, (now - st.updated_ms) / 1000.0);
}

static int verb_watchdog(struct cli *cli, const char *what)
{
	static const char *const names[] = { "off", "on", "failed" };
	struct fos_state state;
	int interval;
	int err;

	if (what == NULL || strcmp(what, "status") == 0) {
		long ws;

		err = read_state(cli, &state);
		if (err != FOS_OK)
			return err;
		if (fos_devpage_need(&state, FOS_K_WSTATE, cli->message, sizeof(cli->message)) != 0 ||
		    fos_devpage_need(&state, FOS_K_WINTV, cli->message, sizeof(cli->message)) != 0 ||
		    fos_devpage_need(&state, FOS_K_WRETV, cli->message, sizeof(cli->message)) != 0)
			return fail(cli, FOS_E_BAD_REPLY, cli->message);
		ws = state.v[FOS_K_WSTATE].num;
		if (cli->json) {
			json_object_object_add(cli->out, "enabled", json_object_new_boolean(state.v[FOS_K_WEN].num != 0));
			json_object_object_add(cli->out, "state", json_object_new_string(ws >= 0 && ws <= 2 ? names[ws] : "unknown"));
			json_object_object_add(cli->out, "interval", json_object_new_int64(state.v[FOS_K_WINTV].num));
			json_object_object_add(cli->out, "remaining", json_object_new_int64(state.v[FOS_K_WRETV].num));
		} else
			printf("watchdog %s, interval %lds, %lds remaining\n",
			       ws >= 0 && ws <= 2 ? names[ws] : "in an unknown state",
			       state.v[FOS_K_WINTV].num, state.v[FOS_K_WRETV].num);
		show_kick_status(cli);
		return done(cli);
	}
	if (strcmp(what, "on") == 0)
		interval = cli->interval_s;
	else if (strcmp(what, "off") == 0)
		interval = -1;
	else
		return fail(cli, FOS_E_USAGE, "watchdog takes on, off or status");
	return do_write(cli, write_watchdog, &interval,
			interval < 0 ? "watchdog disabled" : "watchdog enabled");
}

static int need_mac(struct cli *cli, uint8_t mac[6])
{
	if (cli->sw.mac[0] == '\0' || fos_mac_parse(cli->sw.mac, mac) != 0)
		return fail(cli, FOS_E_USAGE, "give the switch's MAC with --mac aa:bb:cc:dd:ee:ff");
	return FOS_OK;
}

/* The host part of the URL: the default GBL4 destination ("" when there
 * is neither an address nor a URL to take it from). */
static void udp_addr_of(const struct cli *cli, char *out, size_t len)
{
	uint16_t http_port;

	if (cli->sw.udp_addr[0] != '\0')
		snprintf(out, len, "%s", cli->sw.udp_addr);
	else if (ws_url_host_port(cli->sw.url, out, len, &http_port) != 0)
		out[0] = '\0';
}

static int verb_gbl4(struct cli *cli, const char *verb)
{
	char addr[64];
	uint8_t mac[6];
	enum fos_err err;

	if (need_mac(cli, mac) != FOS_OK)
		return FOS_E_USAGE;
	udp_addr_of(cli, addr, sizeof(addr));
	if (addr[0] == '\0')
		return fail(cli, FOS_E_USAGE, "give the switch address with --host or --udp-addr");
	if (strcmp(verb, "kick") == 0)
		err = fos_gbl4_kick(addr, cli->sw.udp_port, mac, cli->sw.timeout_ms,
				    cli->message, sizeof(cli->message));
	else
		err = fos_gbl4_ping(addr, cli->sw.udp_port, mac, cli->sw.timeout_ms,
				    cli->message, sizeof(cli->message));
	if (err != FOS_OK)
		return fail(cli, err, cli->message);
	if (!cli->json)
		printf("%s %s\n", verb, strcmp(verb, "kick") == 0 ? "acknowledged" : "answered");
	return done(cli);
}

/* netconf IP NETMASK GATEWAY [dhcp]: GBL4 SET_NETCONF, which a device
 * takes only in flash mode (entered with its button at power-on). */
static int verb_netconf(struct cli *cli, int argc, char **argv)
{
	struct fos_netconf nc;
	char addr[64], host[256];
	enum fos_err err;

	memset(&nc, 0, sizeof(nc));
	if (need_mac(cli, nc.mac) != FOS_OK)
		return FOS_E_USAGE;
	if (inet_pton(AF_INET, argv[1], nc.ip) != 1 || inet_pton(AF_INET, argv[2], nc.netmask) != 1 ||
	    inet_pton(AF_INET, argv[3], nc.gateway) != 1)
		return fail(cli, FOS_E_USAGE, "netconf takes IP NETMASK GATEWAY as dotted IPv4 addresses");
	if (argc == 5 && strcmp(argv[4], "dhcp") != 0)
		return fail(cli, FOS_E_USAGE, "the last netconf argument can only be 'dhcp'");
	nc.options = argc == 5 ? 0x01 : 0;
	nc.phy_conf = 0xff;                    /* auto-negotiation */
	nc.http_port = WS_HTTP_DEFAULT_PORT;
	if (cli->sw.url[0] != '\0' &&
	    ws_url_host_port(cli->sw.url, host, sizeof(host), &nc.http_port) != 0)
		return fail(cli, FOS_E_USAGE, "the switch URL must be http://HOST[:PORT]");
	if (cli->sw.udp_addr[0] != '\0')
		snprintf(addr, sizeof(addr), "%s", cli->sw.udp_addr);
	else
		snprintf(addr, sizeof(addr), "255.255.255.255");
	err = fos_gbl4_set_netconf(addr, cli->sw.udp_port, &nc, cli->sw.timeout_ms,
				   cli->message, sizeof(cli->message));
	if (err != FOS_OK)
		return fail(cli, err, cli->message);
	if (!cli->json)
		printf("network settings accepted; they apply after the switch restarts\n");
	return done(cli);
}

static int verb_scan(struct cli *cli)
{
	struct fos_netconf found[SCAN_MAX];
	json_object *list = json_object_new_array();
	char addr[64];
	size_t count;
	enum fos_err err;

	if (cli->sw.udp_addr[0] != '\0')
		snprintf(addr, sizeof(addr), "%s", cli->sw.udp_addr);
	else
		snprintf(addr, sizeof(addr), "255.255.255.255");
	err = fos_gbl4_scan(addr, cli->sw.udp_port, cli->sw.timeout_ms, found, SCAN_MAX, &count,
			    cli->message, sizeof(cli->message));
	if (err != FOS_OK) {
		json_object_put(list);
		return fail(cli, err, cli->message);
	}
	for (size_t i = 0; i < count; i++) {
		char mac[18], ip[16], firmware[8];
		const struct fos_netconf *nc = &found[i];

		fos_mac_format(nc->mac, mac);
		snprintf(firmware, sizeof(firmware), "%u.%u", nc->fw_major, nc->fw_minor);
		snprintf(ip, sizeof(ip), "%u.%u.%u.%u", nc->ip[0], nc->ip[1], nc->ip[2], nc->ip[3]);
		if (cli->json) {
			json_object *o = json_object_new_object();

			json_object_object_add(o, "mac", json_object_new_string(mac));
			json_object_object_add(o, "ip", json_object_new_string(ip));
			json_object_object_add(o, "http_port", json_object_new_int(nc->http_port));
			json_object_object_add(o, "hwmagic", json_object_new_int(nc->hwmagic));
			json_object_object_add(o, "firmware", json_object_new_string(firmware));
			json_object_object_add(o, "dhcp", json_object_new_boolean(nc->options & 0x01));
			json_object_object_add(o, "password", json_object_new_boolean(nc->options & 0x02));
			json_object_array_add(list, o);
		} else
			printf("%s ip=%s http_port=%u firmware=%u.%u hwmagic=0x%04x%s%s\n", mac, ip,
			       nc->http_port, nc->fw_major, nc->fw_minor, nc->hwmagic,
			       nc->options & 0x01 ? " dhcp" : "", nc->options & 0x02 ? " password" : "");
	}
	if (!cli->json)
		fprintf(stderr, "fosctl: %zu switch(es) answered\n", count);
	json_object_object_add(cli->out, "switches", list);
	return done(cli);
}

static int verb_passwd(struct cli *cli)
{
	char password[FOS_PASSWORD_MAX + 1];
	char tmp[512];
	char target[sizeof(cli->sw.password_file)];
	struct fos_handle *fos;
	struct stat st;
	enum fos_err err;
	bool maybe_taken;
	char kept[4096];

	snprintf(target, sizeof(target), "%s", cli->sw.password_file);
	if (target[0] == '\0')
		return fail(cli, FOS_E_USAGE, "passwd needs --credentials FILE to store the new password");
	/* The current password: from the file when it exists, else $FOS_PASSWORD. */
	if (stat(target, &st) != 0) {
		if (errno != ENOENT) {
			snprintf(cli->message, sizeof(cli->message), "%s: %s", target, strerror(errno));
			return fail(cli, FOS_E_CONFIG, cli->message);
		}
		cli->sw.password_file[0] = '\0';
	}
	err = open_switch(cli, &fos);
	if (err != FOS_OK)
		return err;
	if (fos_password_generate(password) != FOS_OK) {
		fos_close(fos);
		return fail(cli, FOS_E_SYSTEM, "cannot get random bytes for a password");
	}
	err = fos_password_file_prepare(target, password, tmp, sizeof(tmp), cli->message,
					sizeof(cli->message));
	if (err != FOS_OK) {
		explicit_bzero(password, sizeof(password));
		fos_close(fos);
		return fail(cli, err, cli->message);
	}
	err = fos_set_password(fos, password, &maybe_taken);
	explicit_bzero(password, sizeof(password));
	if (err != FOS_OK) {
		/* Once apwd may have reached the switch, the new password is kept:
		 * deleting it could lock everybody out. */
		if (maybe_taken)
			snprintf(kept, sizeof(kept),
				 "%s; the switch may already have the new password: it is kept in %s "
				 "(root, mode 0600), the old one is still in %s; to finish, check that "
				 "'fosctl -c %s show' works, then 'mv %s %s' and run passwd again",
				 fos_message(fos), tmp, target, tmp, tmp, target);
		else {
			snprintf(kept, sizeof(kept), "%s", fos_message(fos));
			(void)unlink(tmp);
		}
		fos_close(fos);
		return fail(cli, err, kept);
	}
	fos_close(fos);
	if (rename(tmp, target) != 0) {
		snprintf(cli->message, sizeof(cli->message),
			 "the switch has the new password but %s could not be replaced (%s); it is in %s",
			 target, strerror(errno), tmp);
		return fail(cli, FOS_E_SYSTEM, cli->message);
	}
	if (!cli->json)
		printf("new password set on the switch and stored in %s\n", target);
	return done(cli);
}

static int parse_seconds(const char *text, long *ms)
{
	char *end;
	double s = strtod(text, &end);

	if (*text == '\0' || *end != '\0' || !(s > 0) || s > 3600)
		return -1;
	*ms = (long)(s * 1000 + 0.5);
	return 0;
}

enum { OPT_UDP_ADDR = 256, OPT_UDP_PORT, OPT_HELP, OPT_KICK_STATUS, OPT_VERSION };

static int parse_args(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "host", required_argument, NULL, 'h' },
		{ "port", required_argument, NULL, 'p' },
		{ "mac", required_argument, NULL, 'm' },
		{ "udp-addr", required_argument, NULL, OPT_UDP_ADDR },
		{ "udp-port", required_argument, NULL, OPT_UDP_PORT },
		{ "credentials", required_argument, NULL, 'c' },
		{ "user", required_argument, NULL, 'U' },
		{ "timeout", required_argument, NULL, 't' },
		{ "switch", required_argument, NULL, 's' },
		{ "config", required_argument, NULL, 'f' },
		{ "interval", required_argument, NULL, 'i' },
		{ "json", no_argument, NULL, 'j' },
		{ "kick-status", required_argument, NULL, OPT_KICK_STATUS },
		{ "help", no_argument, NULL, OPT_HELP },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ NULL, 0, NULL, 0 },
	};
	const char *host = NULL, *port = NULL, *mac = NULL, *udp_addr = NULL, *udp_port = NULL;
	const char *cred = NULL, *user = NULL;
	long timeout_ms = 0, interval_ms = 0;
	int c;

	while ((c = getopt_long(argc, argv, "+h:p:m:c:U:t:s:f:i:j", longopts, NULL)) != -1) {
		switch (c) {
		case 'h': host = optarg; break;
		case 'p': port = optarg; break;
		case 'm': mac = optarg; break;
		case OPT_UDP_ADDR: udp_addr = optarg; break;
		case OPT_UDP_PORT: udp_port = optarg; break;
		case 'c': cred = optarg; break;
		case 'U': user = optarg; break;
		case 't':
			if (parse_seconds(optarg, &timeout_ms) != 0)
				return fail(cli, FOS_E_USAGE, "--timeout takes seconds (0 < t <= 3600)");
			break;
		case 's': cli->switch_name = optarg; break;
		case 'f': cli->config_path = optarg; break;
		case 'i':
			if (parse_seconds(optarg, &interval_ms) != 0 || interval_ms % 1000 != 0 ||
			    interval_ms > 65535000)
				return fail(cli, FOS_E_USAGE, "--interval takes whole seconds 1..65535");
			cli->interval_s = (int)(interval_ms / 1000);
			break;
		case 'j': cli->json = true; break;
		case OPT_KICK_STATUS: cli->kick_status = optarg; break;
		case OPT_HELP: usage(stdout); exit(0);
		case OPT_VERSION: puts("fosctl (" PACKAGE_NAME ") " PACKAGE_VERSION); exit(0);
		default: usage(stderr); return FOS_E_USAGE;
		}
	}
	if (cli->switch_name != NULL || cli->config_path != NULL) {
		enum fos_err err = fos_switch_conf_load(cli->config_path ? cli->config_path : FOS_SWITCHCONF_FILE,
							cli->switch_name ? cli->switch_name : "default",
							&cli->sw, cli->message, sizeof(cli->message));
		if (err != FOS_OK)
			return fail(cli, err, cli->message);
	}
	/* Command-line options override the config file. */
	if (host != NULL || port != NULL) {
		long p = WS_HTTP_DEFAULT_PORT;

		if (port != NULL && ws_parse_long(port, 10, 1, 65535, &p) != 0)
			return fail(cli, FOS_E_USAGE, "--port takes 1..65535");
		if (host == NULL)
			host = "127.0.0.1";
		snprintf(cli->sw.url, sizeof(cli->sw.url), "http://%s:%ld", host, p);
	}
	if (mac != NULL)
		snprintf(cli->sw.mac, sizeof(cli->sw.mac), "%s", mac);
	if (udp_addr != NULL)
		snprintf(cli->sw.udp_addr, sizeof(cli->sw.udp_addr), "%s", udp_addr);
	if (udp_port != NULL) {
		long p;

		if (ws_parse_long(udp_port, 10, 1, 65535, &p) != 0)
			return fail(cli, FOS_E_USAGE, "--udp-port takes 1..65535");
		cli->sw.udp_port = (uint16_t)p;
	}
	if (cred != NULL)
		snprintf(cli->sw.password_file, sizeof(cli->sw.password_file), "%s", cred);
	if (user != NULL)
		snprintf(cli->sw.user, sizeof(cli->sw.user), "%s", user);
	if (timeout_ms > 0)
		cli->sw.timeout_ms = timeout_ms;
	return FOS_OK;
}

/* The verbs as systemd's verbs.h has them: a row carries its arity and its
 * function, so adding a verb is one row.  argv[0] is the verb itself. */
struct verb {
	const char *name;
	int min_args, max_args;
	int (*run)(struct cli *cli, int argc, char **argv);
};

static int run_scan(struct cli *cli, int argc, char **argv)
{
	(void)argc; (void)argv;
	return verb_scan(cli);
}

static int run_show(struct cli *cli, int argc, char **argv)
{
	(void)argc; (void)argv;
	return verb_show(cli);
}

static int run_get(struct cli *cli, int argc, char **argv)
{
	(void)argc;
	return verb_get(cli, argv[1]);
}

static int run_set(struct cli *cli, int argc, char **argv)
{
	(void)argc;
	return verb_set(cli, argv[1]);
}

static int run_mode(struct cli *cli, int argc, char **argv)
{
	return verb_mode(cli, argc > 1 ? argv[1] : NULL);
}

static int run_power(struct cli *cli, int argc, char **argv)
{
	(void)argc;
	return verb_power(cli, argv[1], argv[2]);
}

static int run_watchdog(struct cli *cli, int argc, char **argv)
{
	return verb_watchdog(cli, argc > 1 ? argv[1] : NULL);
}

static int run_gbl4(struct cli *cli, int argc, char **argv)
{
	(void)argc;
	return verb_gbl4(cli, argv[0]);
}

static int run_passwd(struct cli *cli, int argc, char **argv)
{
	(void)argc; (void)argv;
	return verb_passwd(cli);
}

static const struct verb verbs[] = {
	{ "scan", 0, 0, run_scan },
	{ "show", 0, 0, run_show },
	{ "get", 1, 1, run_get },
	{ "set", 1, 1, run_set },
	{ "mode", 0, 1, run_mode },
	{ "power", 2, 2, run_power },
	{ "watchdog", 0, 1, run_watchdog },
	{ "kick", 0, 0, run_gbl4 },
	{ "ping", 0, 0, run_gbl4 },
	{ "passwd", 0, 0, run_passwd },
	{ "netconf", 3, 4, verb_netconf },
};

static int dispatch(struct cli *cli, int argc, char **argv)
{
	const char *verb = argv[0];

	for (size_t i = 0; i < sizeof(verbs) / sizeof(verbs[0]); i++) {
		if (strcmp(verb, verbs[i].name) != 0)
			continue;
		if (argc - 1 < verbs[i].min_args || argc - 1 > verbs[i].max_args) {
			snprintf(cli->message, sizeof(cli->message), "wrong number of arguments for %s (see fosctl --help)", verb);
			return fail(cli, FOS_E_USAGE, cli->message);
		}
		return verbs[i].run(cli, argc, argv);
	}
	snprintf(cli->message, sizeof(cli->message), "unknown verb %s (see fosctl --help)", verb);
	return fail(cli, FOS_E_USAGE, cli->message);
}

int main(int argc, char **argv)
{
	static struct cli cli;
	int rc;

	/* We hold the switch password: no core dumps, no ptrace by other users. */
	if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0) {
		fprintf(stderr, "fosctl: prctl(PR_SET_DUMPABLE): %s\n", strerror(errno));
		return FOS_E_SYSTEM;
	}
	cli.sw.udp_port = FOS_GBL4_PORT;
	cli.sw.timeout_ms = FOS_DEFAULT_TIMEOUT_MS;
	rc = parse_args(&cli, argc, argv);
	if (rc != FOS_OK)
		return rc;
	if (optind >= argc) {
		usage(stderr);
		return FOS_E_USAGE;
	}
	cli.out = json_object_new_object();
	if (cli.out == NULL)
		return FOS_E_SYSTEM;
	rc = dispatch(&cli, argc - optind, argv + optind);
	json_object_put(cli.out);
	return rc;
}

/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Options of fence_berofos: one table of fence-agents names onto the device
 * parameters, and the stdin parser, getopt table, usage and meta-data made
 * from it. */
#include "config.h"

#include "stonith/fence_opts.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_DELAY_MS 600000L            /* above any sane pcmk fencing timeout */
#define MAX_POWER_TIMEOUT_MS 600000L

static const char *const action_names[] = {
	[BFA_ON] = "on", [BFA_OFF] = "off", [BFA_REBOOT] = "reboot", [BFA_STATUS] = "status",
	[BFA_LIST] = "list", [BFA_LIST_STATUS] = "list-status", [BFA_MONITOR] = "monitor",
	[BFA_METADATA] = "metadata", [BFA_MANPAGE] = "manpage", [BFA_VALIDATE] = "validate-all",
};
#define NACTIONS (sizeof(action_names) / sizeof(action_names[0]))

void bfa_defaults(struct bfa_options *o)
{
	memset(o, 0, sizeof(*o));
	bfp_defaults(&o->p);
	o->action = BFA_REBOOT;
	o->power_timeout_ms = 20000;
	o->login_timeout_ms = 5000;
	o->status_sleep_ms = 1000;
	o->retry_on = 1;
	o->verbose_level = -1;
	o->separator = ',';
	o->plug_separator = ',';
}

int bfa_action_parse(const char *text, enum bfa_action *action)
{
	static const struct { const char *alias; enum bfa_action action; } aliases[] = {
		{ "meta-data", BFA_METADATA }, { "enable", BFA_ON }, { "disable", BFA_OFF },
	};

	for (size_t i = 0; i < NACTIONS; i++) {
		if (strcasecmp(text, action_names[i]) == 0) {
			*action = (enum bfa_action)i;
			return 0;
		}
	}
	for (size_t i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++) {
		if (strcasecmp(text, aliases[i].alias) == 0) {
			*action = aliases[i].action;
			return 0;
		}
	}
	return -1;
}

const char *bfa_action_name(enum bfa_action action)
{
	return action_names[action];
}

int bfa_parse_bool(const char *text, bool *value)
{
	static const char *const yes[] = { "1", "yes", "on", "true" };
	static const char *const no[] = { "0", "no", "off", "false" };

	for (size_t i = 0; i < 4; i++) {
		if (strcasecmp(text, yes[i]) == 0) {
			*value = true;
			return 0;
		}
		if (strcasecmp(text, no[i]) == 0) {
			*value = false;
			return 0;
		}
	}
	return -1;
}

int bfa_verbosity(const struct bfa_options *o)
{
	return o->verbose_level >= 0 ? o->verbose_level : o->verbose_count;
}

/* --- setters: value as given; the caller prefixes errors with the key ------ */

static enum bfa_set_result checked(int rc)
{
	return rc == 0 ? BFA_SET_OK : BFA_SET_ERROR;
}

static enum bfa_set_result copy(char *dst, size_t len, const char *value, char *err, size_t err_len)
{
	size_t n = strlen(value);

	if (n >= len)
		return bfp_error(err, err_len, "value too long (at most %zu characters)", len - 1);
	memcpy(dst, value, n + 1);
	return BFA_SET_OK;
}

static enum bfa_set_result integer(const char *value, long min, long max, long *out,
				   char *err, size_t err_len)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(value, &end, 10);
	if (*value == '\0' || *end != '\0' || errno != 0 || n < min || n > max)
		return bfp_error(err, err_len, "'%s' is not an integer from %ld to %ld", value, min, max);
	*out = n;
	return BFA_SET_OK;
}

static enum bfa_set_result boolean(const char *value, bool *out, char *err, size_t err_len)
{
	if (bfa_parse_bool(value, out) != 0)
		return bfp_error(err, err_len, "'%s' is not a boolean (1/0, yes/no, on/off, true/false)",
				 value);
	return BFA_SET_OK;
}

static enum bfa_set_result one_char(const char *value, char *out, char *err, size_t err_len)
{
	if (strlen(value) != 1 || !isprint((unsigned char)value[0]))
		return bfp_error(err, err_len, "give one printable character, not '%s'", value);
	*out = value[0];
	return BFA_SET_OK;
}

#define SETTER(fn) \
	static enum bfa_set_result fn(struct bfa_options *o, const char *v, enum bfa_origin from, \
				      char *err, size_t err_len)
#define UNUSED_ARGS (void)o; (void)v; (void)from; (void)err; (void)err_len

SETTER(set_action)
{
	(void)from;
	if (bfa_action_parse(v, &o->action) != 0)
		return bfp_error(err, err_len, "unknown action '%.40s' (see -h)", v);
	return BFA_SET_OK;
}

SETTER(set_ip) { (void)from; return copy(o->ip, sizeof(o->ip), v, err, err_len); }
SETTER(set_ipport) { (void)from; return copy(o->ipport, sizeof(o->ipport), v, err, err_len); }
SETTER(set_plug) { (void)from; return copy(o->plug, sizeof(o->plug), v, err, err_len); }
SETTER(set_debug_file) { (void)from; return copy(o->debug_file, sizeof(o->debug_file), v, err, err_len); }

SETTER(set_username)
{
	(void)from;
	return checked(bfp_parse_login(v, o->p.login, sizeof(o->p.login), err, err_len));
}

SETTER(set_password_file)
{
	(void)from;
	return checked(bfp_parse_password_file(v, o->p.password_file, sizeof(o->p.password_file),
					       err, err_len));
}

SETTER(set_password)
{
	size_t n = strlen(v);

	/* Never echo v: it is the secret. */
	if (from == BFA_FROM_ARGV)
		return bfp_error(err, err_len, "refused on the command line (ps shows it): give "
				 "password on stdin or -S/--password-script");
	if (n == 0 || n > BFA_PASSWORD_MAX)
		return bfp_error(err, err_len, "the switch takes 1 to %d characters", BFA_PASSWORD_MAX);
	memcpy(o->password, v, n + 1);
	o->has_password = true;
	return BFA_SET_OK;
}

SETTER(set_password_script)
{
	(void)from;
	if (v[0] == '\0')
		return bfp_error(err, err_len, "empty command");
	return copy(o->password_script, sizeof(o->password_script), v, err, err_len);
}

SETTER(set_hostmap)
{
	(void)from;
	if (bfp_parse_hostmap(v, &o->p, err, err_len) != 0)
		return BFA_SET_ERROR;
	return BFA_SET_OK;
}

SETTER(set_primary_node)
{
	(void)from;
	return checked(bfp_parse_node(v, o->p.primary_node, sizeof(o->p.primary_node), err, err_len));
}

SETTER(set_lan_map) { (void)from; return checked(bfp_parse_lan_map(v, &o->p, err, err_len)); }

SETTER(set_reset_mode)
{
	(void)from;
	return checked(bfp_parse_reset_mode(v, &o->p.reset_background, err, err_len));
}

#define SECONDS_SETTER(fn, field, min, max) \
	SETTER(fn) \
	{ \
		(void)from; \
		return checked(bfp_parse_seconds(v, min, max, &o->field, err, err_len)); \
	}

SECONDS_SETTER(set_shell_timeout, p.timeout_ms, 1, BFP_MAX_TIMEOUT_MS)
SECONDS_SETTER(set_reset_wait, p.reset_wait_ms, 0, BFP_MAX_RESET_WAIT_MS)
SECONDS_SETTER(set_power_wait, power_wait_ms, 0, BFP_MAX_RESET_WAIT_MS)
SECONDS_SETTER(set_power_timeout, power_timeout_ms, 0, MAX_POWER_TIMEOUT_MS)
SECONDS_SETTER(set_login_timeout, login_timeout_ms, 1, BFP_MAX_TIMEOUT_MS)
SECONDS_SETTER(set_status_sleep, status_sleep_ms, 0, BFP_MAX_TIMEOUT_MS)
SECONDS_SETTER(set_delay, delay_ms, 0, MAX_DELAY_MS)
SECONDS_SETTER(set_kick_stall, p.kick_stall_ms, 1000, BFP_MAX_KICK_STALL_MS)
SECONDS_SETTER(set_probe_timeout, p.probe_timeout_ms, 10, BFP_MAX_PROBE_TIMEOUT_MS)

SETTER(set_retry_on) { (void)from; return integer(v, 0, 10, &o->retry_on, err, err_len); }
SETTER(set_separator) { (void)from; return one_char(v, &o->separator, err, err_len); }
SETTER(set_plug_separator) { (void)from; return one_char(v, &o->plug_separator, err, err_len); }
SETTER(set_disable_timeout) { (void)from; return boolean(v, &o->disable_timeout, err, err_len); }
SETTER(set_quiet) { (void)from; return boolean(v, &o->quiet, err, err_len); }
SETTER(set_help) { (void)from; return boolean(v, &o->help, err, err_len); }
SETTER(set_version) { (void)from; return boolean(v, &o->version, err, err_len); }

SETTER(set_verbose)
{
	bool on;

	/* -v stacks on the command line (-vvv); verbose=1 on stdin is level 1. */
	if (boolean(v, &on, err, err_len) != BFA_SET_OK)
		return BFA_SET_ERROR;
	if (from == BFA_FROM_ARGV)
		o->verbose_count += on ? 1 : 0;
	else
		o->verbose_count = on ? 1 : 0;
	return BFA_SET_OK;
}

SETTER(set_verbose_level)
{
	long level;

	(void)from;
	if (integer(v, 0, 100, &level, err, err_len) != BFA_SET_OK)
		return BFA_SET_ERROR;
	o->verbose_level = (int)level;
	return BFA_SET_OK;
}

/* Pacemaker passes the target's name besides the plug. */
SETTER(set_ignored) { UNUSED_ARGS; return BFA_SET_IGNORED; }

/* The table.  Order: as fence-agents list them in meta-data (connection,
 * device, then the generic options).  help texts contain no '<', '&', '"'
 * (checked by the unit tests, escaped anyway). */
const struct bfa_opt bfa_opts[] = {
	{ "action", NULL, "action", 'o', "action", BFA_T_STRING, "reboot", true,
	  "Fencing action", set_action },
	{ "ip", "ipaddr", "ip", 'a', "ip", BFA_T_STRING, NULL, true,
	  "IP address or hostname of the berofos (HOST, HOST:PORT or http://HOST[:PORT])", set_ip },
	{ "ipport", NULL, "ipport", 'u', "port", BFA_T_INTEGER, "80", false,
	  "TCP port of the web interface of the switch", set_ipport },
	{ "username", "login", "username", 'l', "name", BFA_T_STRING, "admin", false,
	  "Login name", set_username },
	{ "password", "passwd", "password", 'p', "password", BFA_T_STRING, NULL, false,
	  "Login password, on stdin only (refused on the command line)", set_password },
	{ "password_script", "passwd_script", "password-script", 'S', "script", BFA_T_STRING, NULL,
	  false, "Script to run to retrieve password (its first line)", set_password_script },
	{ "password_file", NULL, "password-file", 0, "file", BFA_T_STRING, NULL, false,
	  "File (owned by root, mode 0600) whose first line is the switch password",
	  set_password_file },
	{ "plug", "port", "plug", 'n', "id", BFA_T_STRING, NULL, false,
	  "Power port 0 or 1, or a node name of the host map", set_plug },
	{ "hostmap", NULL, "hostmap", 0, "map", BFA_T_STRING, NULL, false,
	  "Node to power port map, e.g. gw1:0 gw2:1", set_hostmap },
	{ "reset_wait", NULL, "reset-wait", 0, "seconds", BFA_T_SECOND, "1", false,
	  "Seconds the power stays off during a reboot", set_reset_wait },
	{ "reset_mode", NULL, "reset-mode", 0, "mode", BFA_T_STRING, "background", false,
	  "background: a reboot succeeds once the power reads back off and a process of its own "
	  "switches it on reset_wait later; wait: the reboot returns after the on",
	  set_reset_mode },
	{ "primary_node", NULL, "primary-node", 0, "node", BFA_T_STRING, NULL, false,
	  "Node on the B side (relay mode 1); set, the fence guard spares a live master",
	  set_primary_node },
	{ "lan_map", NULL, "lan-map", 0, "map", BFA_T_STRING, NULL, false,
	  "Node LAN addresses the guard asks by ARP, e.g. gw1=192.0.2.11 gw2=192.0.2.12",
	  set_lan_map },
	{ "kick_stall", NULL, "kick-stall", 0, "seconds", BFA_T_SECOND, "1", false,
	  "Seconds without a watchdog kick after which the guard fences a master", set_kick_stall },
	{ "probe_timeout", NULL, "probe-timeout", 0, "seconds", BFA_T_SECOND, "0.1", false,
	  "Seconds the guard waits for the master's ARP answer", set_probe_timeout },
	{ "separator", NULL, "separator", 'C', "char", BFA_T_STRING, ",", false,
	  "Separator for CSV created by 'list' operation", set_separator },
	{ "quiet", NULL, "quiet", 'q', NULL, BFA_T_BOOLEAN, NULL, false,
	  "Disable logging to stderr", set_quiet },
	{ "verbose", NULL, "verbose", 'v', NULL, BFA_T_BOOLEAN, NULL, false,
	  "Verbose mode (-vv for more)", set_verbose },
	{ "verbose_level", NULL, "verbose-level", 0, "level", BFA_T_INTEGER, NULL, false,
	  "Level of debugging detail in output", set_verbose_level },
	{ "debug_file", NULL, "debug-file", 'D', "debugfile", BFA_T_STRING, NULL, false,
	  "Write debug information to given file", set_debug_file },
	{ "version", NULL, "version", 'V', NULL, BFA_T_BOOLEAN, NULL, false,
	  "Display version information and exit", set_version },
	{ "help", NULL, "help", 'h', NULL, BFA_T_BOOLEAN, NULL, false,
	  "Display help and exit", set_help },
	{ "plug_separator", NULL, "plug-separator", 0, "char", BFA_T_STRING, ",", false,
	  "Separator for plug parameter when specifying more than 1 plug", set_plug_separator },
	{ "delay", NULL, "delay", 0, "seconds", BFA_T_SECOND, "0", false,
	  "Wait X seconds before fencing (off, reboot) is started", set_delay },
	{ "disable_timeout", NULL, "disable-timeout", 0, "true/false", BFA_T_STRING, NULL, false,
	  "Disable timeout (true/false); every request stays bounded here", set_disable_timeout },
	{ "login_timeout", NULL, "login-timeout", 0, "seconds", BFA_T_SECOND, "5", false,
	  "Wait X seconds for the password script", set_login_timeout },
	{ "power_timeout", NULL, "power-timeout", 0, "seconds", BFA_T_SECOND, "20", false,
	  "Test X seconds for status change after ON/OFF", set_power_timeout },
	{ "power_wait", NULL, "power-wait", 0, "seconds", BFA_T_SECOND, "0", false,
	  "Wait X seconds after issuing ON/OFF", set_power_wait },
	{ "shell_timeout", NULL, "shell-timeout", 0, "seconds", BFA_T_SECOND, "3", false,
	  "Wait X seconds for each answer of the switch", set_shell_timeout },
	{ "stonith_status_sleep", NULL, "stonith-status-sleep", 0, "seconds", BFA_T_SECOND, "1",
	  false, "Sleep X seconds between status calls during a STONITH action", set_status_sleep },
	{ "retry_on", NULL, "retry-on", 0, "attempts", BFA_T_INTEGER, "1", false,
	  "Count of attempts to retry power on", set_retry_on },
	/* Hidden aliases: older or Pacemaker-only keys. */
	{ "option", NULL, NULL, 0, "action", BFA_T_STRING, NULL, false, NULL, set_action },
	{ "timeout", NULL, NULL, 0, "seconds", BFA_T_SECOND, NULL, false, NULL, set_shell_timeout },
	{ "nodename", NULL, NULL, 0, "node", BFA_T_STRING, NULL, false, NULL, set_ignored },
};
const size_t bfa_nopts = sizeof(bfa_opts) / sizeof(bfa_opts[0]);

/* --- the stdin parser -------------------------------------------------------- */

static bool key_is(const char *key, const char *name)
{
	if (name == NULL)
		return false;
	for (; *key != '\0' && *name != '\0'; key++, name++) {
		char k = *key == '-' ? '_' : *key;

		if (k != *name)
			return false;
	}
	return *key == '\0' && *name == '\0';
}

static const struct bfa_opt *find(const char *key)
{
	for (size_t i = 0; i < bfa_nopts; i++)
		if (key_is(key, bfa_opts[i].name) || key_is(key, bfa_opts[i].old_name))
			return &bfa_opts[i];
	return NULL;
}

enum bfa_set_result bfa_set(struct bfa_options *o, const char *key, const char *value,
			    enum bfa_origin from, char *err, size_t err_len)
{
	const struct bfa_opt *opt = find(key);
	char why[BFP_ERR_MAX];
	enum bfa_set_result r;

	if (opt == NULL) {
		bfp_error(err, err_len, "ignoring unknown option '%.40s'", key);
		return BFA_SET_IGNORED;
	}
	why[0] = '\0';
	r = opt->set(o, value, from, why, sizeof(why));
	if (r == BFA_SET_ERROR)
		bfp_error(err, err_len, "%s: %s", opt->name, why);
	return r;
}

enum bfa_set_result bfa_set_line(struct bfa_options *o, const char *line,
				 char *err, size_t err_len)
{
	char key[64], value[BFA_SCRIPT_MAX];
	const char *eq, *end;
	enum bfa_set_result r;
	size_t len;

	while (isspace((unsigned char)*line))
		line++;
	end = line + strlen(line);
	while (end > line && isspace((unsigned char)end[-1]))
		end--;
	if (end == line || *line == '#')
		return BFA_SET_IGNORED;
	eq = memchr(line, '=', (size_t)(end - line));
	if (eq == NULL)
		return bfp_error(err, err_len, "stdin line without '=': expected key=value");
	len = (size_t)(eq - line);
	while (len > 0 && (line[len - 1] == ' ' || line[len - 1] == '\t'))
		len--;
	if (len == 0 || len >= sizeof(key))
		return bfp_error(err, err_len, "stdin line with an empty or too long key");
	memcpy(key, line, len);
	key[len] = '\0';
	eq++;
	len = (size_t)(end - eq);
	/* cibsecret and hand-written configurations quote values. */
	if (len >= 2 && (eq[0] == '"' || eq[0] == '\'') && eq[len - 1] == eq[0]) {
		eq++;
		len -= 2;
	}
	if (len >= sizeof(value))
		return bfp_error(err, err_len, "%s: value too long", key);
	memcpy(value, eq, len);
	value[len] = '\0';
	r = bfa_set(o, key, value, BFA_FROM_STDIN, err, err_len);

	explicit_bzero(value, sizeof(value));  /* may have been the password */
	return r;
}

static bool needs_plug(enum bfa_action action)
{
	return action == BFA_ON || action == BFA_OFF || action == BFA_REBOOT || action == BFA_STATUS;
}

int bfa_finish(struct bfa_options *o, char *err, size_t err_len)
{
	char address[BFP_URL_MAX + 8];
	int sources = o->has_password + (o->password_script[0] != '\0') +
		(o->p.password_file[0] != '\0');

	if (o->action == BFA_METADATA || o->action == BFA_MANPAGE || o->help || o->version)
		return 0;
	if (sources > 1)
		return bfp_error(err, err_len, "give one of password, password_script and password_file");
	if (o->ip[0] == '\0')
		return bfp_error(err, err_len, "no switch address: give ip (-a, --ip)");
	if (o->ipport[0] != '\0') {
		const char *host = strncasecmp(o->ip, "http://", 7) == 0 ? o->ip + 7 : o->ip;
		const char *bracket = strchr(host, ']');

		if (bracket != NULL ? bracket[1] == ':' : strchr(host, ':') != NULL)
			return bfp_error(err, err_len, "give the HTTP port either in ip or in ipport, not both");
		snprintf(address, sizeof(address), "%s:%s", o->ip, o->ipport);
	} else {
		snprintf(address, sizeof(address), "%s", o->ip);
	}
	if (bfp_parse_address(address, o->p.url, sizeof(o->p.url), err, err_len) != 0)
		return -1;
	if (o->plug[0] != '\0' && strchr(o->plug, o->plug_separator) != NULL)
		return bfp_error(err, err_len, "one plug per request, not a list ('%c' in plug)",
				 o->plug_separator);
	if (needs_plug(o->action) && o->plug[0] == '\0')
		return bfp_error(err, err_len, "action %s needs a plug (-n, --plug): power port 0 or 1, "
				 "or a node of the host map", bfa_action_name(o->action));
	if (o->plug[0] != '\0' && bfp_parse_plug(&o->p, o->plug, err, err_len) < 0)
		return -1;
	return bfp_check_guard(&o->p, err, err_len);
}

/* --- getopt table ----------------------------------------------------------- */

int bfa_getopt_table(struct option *longopts, size_t max, char *shortopts, size_t short_len)
{
	size_t n = 0, s = 0;

	for (size_t i = 0; i < bfa_nopts; i++) {
		const struct bfa_opt *opt = &bfa_opts[i];

		if (opt->longopt == NULL)
			continue;
		if (n + 1 >= max)
			return -1;
		longopts[n].name = opt->longopt;
		longopts[n].has_arg = opt->arg != NULL ? required_argument : no_argument;
		longopts[n].flag = NULL;
		longopts[n].val = opt->shortopt != 0 ? opt->shortopt : (int)i + BFA_GETOPT_BASE;
		n++;
		if (opt->shortopt != 0) {
			if (s + 3 > short_len)
				return -1;
			shortopts[s++] = (char)opt->shortopt;
			if (opt->arg != NULL)
				shortopts[s++] = ':';
		}
	}
	memset(&longopts[n], 0, sizeof(longopts[n]));
	if (s >= short_len)
		return -1;
	shortopts[s] = '\0';
	return 0;
}

const struct bfa_opt *bfa_getopt_row(int c)
{
	if (c >= BFA_GETOPT_BASE && (size_t)(c - BFA_GETOPT_BASE) < bfa_nopts)
		return &bfa_opts[c - BFA_GETOPT_BASE];
	for (size_t i = 0; i < bfa_nopts; i++)
		if (c != 0 && bfa_opts[i].longopt != NULL && bfa_opts[i].shortopt == c)
			return &bfa_opts[i];
	return NULL;
}

/* --- text generators -------------------------------------------------------- */

struct out {
	char *buf;
	size_t len, used;
	bool overflow;
};

static void put(struct out *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void put(struct out *out, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (out->overflow)
		return;
	va_start(ap, fmt);
	n = vsnprintf(out->buf + out->used, out->len - out->used, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= out->len - out->used)
		out->overflow = true;
	else
		out->used += (size_t)n;
}

static void put_xml(struct out *out, const char *text)
{
	for (; *text != '\0'; text++) {
		switch (*text) {
		case '<': put(out, "&lt;"); break;
		case '>': put(out, "&gt;"); break;
		case '&': put(out, "&amp;"); break;
		case '"': put(out, "&quot;"); break;
		default: put(out, "%c", *text); break;
		}
	}
}

static long done(struct out *out)
{
	return out->overflow ? -1 : (long)out->used;
}

/* "-a, --ip=[ip]" as fence-agents write it in usage and getopt mixed. */
static void mixed(const struct bfa_opt *opt, char *buf, size_t len)
{
	char shortopt[8] = "";

	if (opt->shortopt != 0)
		snprintf(shortopt, sizeof(shortopt), "-%c, ", opt->shortopt);
	if (opt->arg != NULL)
		snprintf(buf, len, "%s--%s=[%s]", shortopt, opt->longopt, opt->arg);
	else
		snprintf(buf, len, "%s--%s", shortopt, opt->longopt);
}

long bfa_usage(char *buf, size_t len)
{
	struct out out = { buf, len, 0, false };
	char left[64];

	put(&out, "Usage:\n\tfence_berofos [options]\n\tfence_berofos < key=value lines\nOptions:\n");
	for (size_t i = 0; i < bfa_nopts; i++) {
		if (bfa_opts[i].help == NULL)
			continue;
		mixed(&bfa_opts[i], left, sizeof(left));
		put(&out, "   %-30s %s", left, bfa_opts[i].help);
		if (bfa_opts[i].deflt != NULL)
			put(&out, " (default %s)", bfa_opts[i].deflt);
		put(&out, "\n");
	}
	put(&out, "Actions: ");
	for (size_t i = 0; i < NACTIONS; i++)
		put(&out, "%s%s", i > 0 ? ", " : "", action_names[i]);
	put(&out, "\nWithout options, reads key=value lines (the names above, e.g. plug=gw2)\n"
	    "from standard input. Exit: 0 success (status: on), 1 failure, 2 status: off.\n"
	    "See fence_berofos(8).\n");
	return done(&out);
}

static void parameter(struct out *out, const struct bfa_opt *opt, const char *name,
		      const char *attr, const char *attr_value)
{
	static const char *const types[] = {
		[BFA_T_STRING] = "string", [BFA_T_INTEGER] = "integer",
		[BFA_T_SECOND] = "second", [BFA_T_BOOLEAN] = "boolean",
	};
	char left[64];

	mixed(opt, left, sizeof(left));
	put(out, "\t<parameter name=\"%s\" unique=\"0\" required=\"%d\"", name, opt->required);
	if (attr != NULL)
		put(out, " %s=\"%s\"", attr, attr_value);
	put(out, ">\n\t\t<getopt mixed=\"");
	put_xml(out, left);
	put(out, "\" />\n\t\t<content type=\"%s\"", types[opt->type]);
	if (opt->deflt != NULL) {
		put(out, " default=\"");
		put_xml(out, opt->deflt);
		put(out, "\"");
	}
	put(out, " />\n\t\t<shortdesc lang=\"en\">");
	put_xml(out, opt->help);
	put(out, "</shortdesc>\n\t</parameter>\n");
}

long bfa_metadata(char *buf, size_t len)
{
	struct out out = { buf, len, 0, false };

	put(&out, "<?xml version=\"1.0\" ?>\n"
	    "<resource-agent name=\"fence_berofos\" shortdesc=\"Fence agent for the power relays "
	    "of a beroNet berofos Layer-1 switch\" >\n"
	    "<longdesc>fence_berofos switches off the berofos power port (0 or 1) that feeds a node "
	    "and reports success only when the relay reads back off. The switch is reached over "
	    "HTTP; its password comes on stdin (password, e.g. from cibsecret), from "
	    "password_script or from a root-owned 0600 file (password_file), never from the "
	    "command line. hostmap names the node on each port, so the plug can be a node "
	    "name.</longdesc>\n"
	    "<vendor-url>https://www.beronet.com/</vendor-url>\n<parameters>\n");
	for (size_t i = 0; i < bfa_nopts; i++) {
		const struct bfa_opt *opt = &bfa_opts[i];

		if (opt->help == NULL)
			continue;
		parameter(&out, opt, opt->name, opt->old_name != NULL ? "obsoletes" : NULL,
			  opt->old_name);
		if (opt->old_name != NULL)
			parameter(&out, opt, opt->old_name, "deprecated", "1");
	}
	put(&out, "</parameters>\n<actions>\n\t<action name=\"on\" automatic=\"0\"/>\n");
	for (size_t i = 0; i < NACTIONS; i++)
		if (i != BFA_ON)
			put(&out, "\t<action name=\"%s\" />\n", action_names[i]);
	put(&out, "</actions>\n</resource-agent>\n");
	return done(&out);
}

/* --- password_script without a shell ------------------------------------------ */

int bfa_split_command(const char *cmd, char **argv, size_t max, char *store, size_t store_len)
{
	static const char shell_chars[] = "|&;<>()$`\\\"'*?[]{}~#=%!\n";
	size_t argc = 0, used = 0;

	if (strpbrk(cmd, shell_chars) != NULL)
		return 0;
	while (*cmd != '\0') {
		size_t n;

		while (*cmd == ' ' || *cmd == '\t')
			cmd++;
		if (*cmd == '\0')
			break;
		n = strcspn(cmd, " \t");
		if (argc + 1 >= max || used + n + 1 > store_len)
			return -1;
		memcpy(store + used, cmd, n);
		store[used + n] = '\0';
		argv[argc++] = store + used;
		used += n + 1;
		cmd += n;
	}
	if (argc == 0)
		return -1;
	argv[argc] = NULL;
	return (int)argc;
}

/* Options of fence_berofos: fence-agents names onto the device parameters. */
#include "stonith/fence_opts.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

static const char *const action_names[] = {
	[BFA_ON] = "on", [BFA_OFF] = "off", [BFA_REBOOT] = "reboot", [BFA_STATUS] = "status",
	[BFA_LIST] = "list", [BFA_MONITOR] = "monitor", [BFA_METADATA] = "metadata",
	[BFA_VALIDATE] = "validate-all",
};

void bfa_defaults(struct bfa_options *o)
{
	memset(o, 0, sizeof(*o));
	bfp_defaults(&o->p);
	o->action = BFA_REBOOT;
}

int bfa_action_parse(const char *text, enum bfa_action *action)
{
	for (size_t i = 0; i < sizeof(action_names) / sizeof(action_names[0]); i++) {
		if (strcmp(text, action_names[i]) == 0) {
			*action = (enum bfa_action)i;
			return 0;
		}
	}
	if (strcmp(text, "enable") == 0) {
		*action = BFA_ON;
		return 0;
	}
	if (strcmp(text, "disable") == 0) {
		*action = BFA_OFF;
		return 0;
	}
	return -1;
}

const char *bfa_action_name(enum bfa_action action)
{
	return action_names[action];
}

static bool key_is(const char *key, const char *name)
{
	for (; *key != '\0' && *name != '\0'; key++, name++) {
		char k = *key == '-' ? '_' : *key;

		if (k != *name)
			return false;
	}
	return *key == '\0' && *name == '\0';
}

static enum bfa_set_result copy(char *dst, size_t len, const char *key, const char *value,
				char *err, size_t err_len)
{
	if (strlen(value) >= len)
		return bfp_error(err, err_len, "%s: value too long", key);
	memcpy(dst, value, strlen(value) + 1);
	return BFA_SET_OK;
}

static enum bfa_set_result checked(int rc)
{
	return rc == 0 ? BFA_SET_OK : BFA_SET_ERROR;
}

enum bfa_set_result bfa_set(struct bfa_options *o, const char *key, const char *value,
			    char *err, size_t err_len)
{
	if (key_is(key, "action") || key_is(key, "option")) {
		if (bfa_action_parse(value, &o->action) != 0)
			return bfp_error(err, err_len, "unknown action '%s' (on, off, reboot, status, list, "
				   "monitor, metadata, validate-all)", value);
		return BFA_SET_OK;
	}
	if (key_is(key, "ip") || key_is(key, "ipaddr"))
		return copy(o->ip, sizeof(o->ip), key, value, err, err_len);
	if (key_is(key, "ipport"))
		return copy(o->ipport, sizeof(o->ipport), key, value, err, err_len);
	if (key_is(key, "username") || key_is(key, "login"))
		return checked(bfp_parse_login(value, o->p.login, sizeof(o->p.login), err, err_len));
	if (key_is(key, "password_file"))
		return checked(bfp_parse_password_file(value, o->p.password_file,
						       sizeof(o->p.password_file), err, err_len));
	if (key_is(key, "password") || key_is(key, "passwd") || key_is(key, "password_script"))
		return bfp_error(err, err_len, "'%s' is not accepted: a password is never given as a value "
			   "or through a script here; put it in a root-owned 0600 file and give "
			   "password_file", key);
	if (key_is(key, "plug") || key_is(key, "port"))
		return copy(o->plug, sizeof(o->plug), key, value, err, err_len);
	if (key_is(key, "hostmap")) {
		if (bfp_parse_hostmap(value, &o->p, err, err_len) != 0)
			return BFA_SET_ERROR;
		o->has_hostmap = true;
		return BFA_SET_OK;
	}
	if (key_is(key, "shell_timeout") || key_is(key, "timeout"))
		return checked(bfp_parse_seconds(value, 1, BFP_MAX_TIMEOUT_MS, &o->p.timeout_ms,
						 err, err_len));
	if (key_is(key, "power_wait") || key_is(key, "reset_wait"))
		return checked(bfp_parse_seconds(value, 0, BFP_MAX_RESET_WAIT_MS, &o->p.reset_wait_ms,
						 err, err_len));
	if (key_is(key, "delay"))
		return checked(bfp_parse_seconds(value, 0, BFP_MAX_TIMEOUT_MS, &o->delay_ms,
						 err, err_len));
	if (key_is(key, "verbose")) {
		o->verbose = strcmp(value, "0") != 0 && strcmp(value, "false") != 0;
		return BFA_SET_OK;
	}
	if (key_is(key, "quiet")) {
		o->quiet = strcmp(value, "0") != 0 && strcmp(value, "false") != 0;
		return BFA_SET_OK;
	}
	/* Pacemaker passes the target's name besides the plug. */
	if (key_is(key, "nodename"))
		return BFA_SET_IGNORED;
	bfp_error(err, err_len, "ignoring unknown option '%s'", key);
	return BFA_SET_IGNORED;
}

enum bfa_set_result bfa_set_line(struct bfa_options *o, const char *line,
				 char *err, size_t err_len)
{
	char key[64];
	const char *eq;
	size_t len;

	while (*line == ' ' || *line == '\t')
		line++;
	if (*line == '\0' || *line == '\n' || *line == '#')
		return BFA_SET_IGNORED;
	eq = strchr(line, '=');
	if (eq == NULL)
		return bfp_error(err, err_len, "stdin line without '=': expected key=value");
	len = (size_t)(eq - line);
	while (len > 0 && (line[len - 1] == ' ' || line[len - 1] == '\t'))
		len--;
	if (len == 0 || len >= sizeof(key))
		return bfp_error(err, err_len, "stdin line with an empty or too long key");
	memcpy(key, line, len);
	key[len] = '\0';
	return bfa_set(o, key, eq + 1, err, err_len);
}

static bool needs_plug(enum bfa_action action)
{
	return action == BFA_ON || action == BFA_OFF || action == BFA_REBOOT || action == BFA_STATUS;
}

int bfa_finish(struct bfa_options *o, char *err, size_t err_len)
{
	char address[BFP_URL_MAX + 8];

	if (o->action == BFA_METADATA)
		return 0;
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
	if (needs_plug(o->action)) {
		if (o->plug[0] == '\0')
			return bfp_error(err, err_len, "action %s needs a plug (-n, --plug): power port 0 or 1, "
				   "or a node of the host map", bfa_action_name(o->action));
		if (bfp_parse_plug(&o->p, o->plug, err, err_len) < 0)
			return -1;
	}
	return 0;
}

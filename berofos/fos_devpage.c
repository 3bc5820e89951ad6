/* SPDX-License-Identifier: GPL-2.0-or-later */
/* config.txt: the one table of the device's keys, its parser and formatter. */
#include "config.h"

#include "berofos/fos_devpage.h"

#include "common/lines.h"
#include "common/number.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

/* Firmware order (protocol page 1.1).  The live power ports are set with
 * "cmd=5&p=N&s=V": set_key carries the fixed part so that callers append
 * "=V" like for every other key. */
static const struct fos_key_info keys[FOS_K_COUNT] = {
	[FOS_K_SZ]      = { "1_sz",      FOS_T_BOOL, "scenario",  1, "sz" },
	[FOS_K_MODE]    = { "4_mode",    FOS_T_BOOL, "mode",      4, "mode" },
	[FOS_K_RM]      = { "1_rm",      FOS_T_BOOL, "modedef",   1, "rm" },
	[FOS_K_P0]      = { "5_p0",      FOS_T_BOOL, "power1",    5, "p=0&s" },
	[FOS_K_P0_DEF]  = { "1_p0",      FOS_T_BOOL, "power1def", 1, "p0" },
	[FOS_K_P1]      = { "5_p1",      FOS_T_BOOL, "power2",    5, "p=1&s" },
	[FOS_K_P1_DEF]  = { "1_p1",      FOS_T_BOOL, "power2def", 1, "p1" },
	[FOS_K_DN]      = { "3_dn",      FOS_T_STR,  "hostname",  3, "dn" },
	[FOS_K_IP]      = { "3_ip",      FOS_T_STR,  "address",   3, "ip" },
	[FOS_K_NM]      = { "3_nm",      FOS_T_STR,  "netmask",   3, "nm" },
	[FOS_K_GW]      = { "3_gw",      FOS_T_STR,  "gateway",   3, "gw" },
	[FOS_K_DNS]     = { "3_dns",     FOS_T_STR,  "dns",       3, "dns" },
	[FOS_K_DHCP]    = { "3_dhcp",    FOS_T_BOOL, "dhcp",      3, "dhcp" },
	[FOS_K_PORT]    = { "3_port",    FOS_T_INT,  "port",      3, "port" },
	[FOS_K_PWD]     = { "3_pwd",     FOS_T_BOOL, "pwd",       3, "pwd" },
	[FOS_K_MHOST]   = { "2_mhost",   FOS_T_STR,  "smtpserv",  2, "mhost" },
	[FOS_K_MFROM]   = { "2_mfrom",   FOS_T_STR,  "smtpfrom",  2, "mfrom" },
	[FOS_K_MTO]     = { "2_mto",     FOS_T_STR,  "smtpto",    2, "mto" },
	[FOS_K_LOG]     = { "3_log",     FOS_T_BOOL, "syslog",    3, "syslog" },
	[FOS_K_LOGHOST] = { "3_loghost", FOS_T_STR,  "loghost",   3, "slgip" },
	[FOS_K_LOGPORT] = { "3_logport", FOS_T_INT,  "logport",   3, "slgpt" },
	[FOS_K_WEN]     = { "6_wen",     FOS_T_BOOL, "wdog",      6, "wen" },
	[FOS_K_WEN_DEF] = { "2_wen",     FOS_T_BOOL, "wdogdef",   2, "wen" },
	[FOS_K_WSTATE]  = { "6_wstate",  FOS_T_INT,  "wdogstate", 6, "wstate" },
	[FOS_K_WINTV]   = { "2_wintv",   FOS_T_INT,  "wdogitime", 2, "wintv" },
	[FOS_K_AS]      = { "2_as",      FOS_T_BOOL, "wdogaudio", 2, "as" },
	[FOS_K_MEN]     = { "2_men",     FOS_T_BOOL, "wdogmail",  2, "men" },
	[FOS_K_WRETV]   = { "0_wretv",   FOS_T_INT,  NULL,        0, NULL },
};

const struct fos_key_info *fos_key_info(enum fos_key key)
{
	if ((int)key < 0 || key >= FOS_K_COUNT)
		return NULL;
	return &keys[key];
}

int fos_key_lookup(const char *name)
{
	for (int k = 0; k < FOS_K_COUNT; k++)
		if (strcmp(name, keys[k].read_key) == 0 ||
		    (keys[k].set_name != NULL && strcmp(name, keys[k].set_name) == 0))
			return k;
	return -1;
}

bool fos_parse_bool(const char *text)
{
	return strcmp(text, "1") == 0 || strcmp(text, "checked") == 0;
}

int fos_bool_strict(const char *text)
{
	if (strcmp(text, "1") == 0 || strcmp(text, "checked") == 0)
		return 1;
	if (strcmp(text, "0") == 0 || text[0] == '\0')
		return 0;
	return -1;
}

static int parse_long(const char *text, long *out)
{
	return ws_parse_long(text, 10, LONG_MIN, LONG_MAX, out);
}

static void config_set(struct fos_state *out, int k, const char *value)
{
	struct fos_value *v = &out->v[k];
	bool usable = true;

	switch (keys[k].type) {
	case FOS_T_BOOL:
		v->num = fos_parse_bool(value);
		break;
	case FOS_T_INT:
		usable = parse_long(value, &v->num) == 0;
		break;
	case FOS_T_STR:
		break;
	}
	if (!usable)
		v->num = 0;
	snprintf(v->str, sizeof(v->str), "%s", value);
	out->seen[k] = usable;
	out->invalid[k] = !usable;
}

int fos_devpage_need(const struct fos_state *config, enum fos_key key,
		    char *error, size_t error_len)
{
	if ((int)key < 0 || key >= FOS_K_COUNT) {
		snprintf(error, error_len, "config.txt: no such key");
		return -1;
	}
	if (config->seen[key])
		return 0;
	if (config->invalid[key])
		snprintf(error, error_len, "config.txt: %s is not a number ('%s')",
			 keys[key].read_key, config->v[key].str);
	else
		snprintf(error, error_len, "config.txt has no %s", keys[key].read_key);
	return -1;
}

int fos_devpage_parse(const char *text, size_t len, struct fos_state *out,
		     char *error, size_t error_len)
{
	bool magic = false;
	size_t pos = 0;
	char buf[256];
	int got;

	memset(out, 0, sizeof(*out));
	/* CRLF tolerated; a line too long for buf holds no key of ours. */
	while ((got = ws_next_line(text, len, &pos, true, buf, sizeof(buf))) >= 0) {
		char *eq;

		if (got == 0)
			continue;
		if (!magic) {
			magic = strcmp(buf, FOS_DEVPAGE_MAGIC) == 0;
			continue;
		}
		eq = strchr(buf, '=');
		if (eq == NULL)
			continue;
		*eq = '\0';
		for (int k = 0; k < FOS_K_COUNT; k++) {
			if (strcmp(buf, keys[k].read_key) != 0)
				continue;
			config_set(out, k, eq + 1);
			break;
		}
	}
	if (!magic) {
		snprintf(error, error_len, "not a berofos config.txt (no '%s' line)", FOS_DEVPAGE_MAGIC);
		return -1;
	}
	return 0;
}

size_t fos_devpage_format(const struct fos_state *config, bool final_lf,
			 char *buf, size_t size)
{
	size_t need = 0;
	int n;

	n = snprintf(buf, size, "%s", FOS_DEVPAGE_MAGIC);
	need += (size_t)n;
	for (int k = 0; k < FOS_K_COUNT; k++) {
		char *at = need < size ? buf + need : NULL;
		size_t left = need < size ? size - need : 0;

		if (keys[k].type == FOS_T_STR)
			n = snprintf(at, left, "\n%s=%s", keys[k].read_key, config->v[k].str);
		else
			n = snprintf(at, left, "\n%s=%ld", keys[k].read_key, config->v[k].num);
		need += (size_t)n;
	}
	if (final_lf) {
		if (need + 1 < size) {
			buf[need] = '\n';
			buf[need + 1] = '\0';
		}
		need++;
	}
	return need;
}

static int check_int(long value, long min, long max, const char *name,
		     char *error, size_t error_len)
{
	if (value < min || value > max) {
		snprintf(error, error_len, "%s must be %ld..%ld", name, min, max);
		return -1;
	}
	return 0;
}

int fos_value_check(enum fos_key key, const char *value, char *out, size_t out_len,
		    char *error, size_t error_len)
{
	const struct fos_key_info *info = fos_key_info(key);
	long num;

	if (info == NULL || info->set_name == NULL) {
		snprintf(error, error_len, "this key is read-only");
		return -1;
	}
	switch (info->type) {
	case FOS_T_BOOL:
		if (strcmp(value, "1") == 0 || strcmp(value, "on") == 0 ||
		    strcmp(value, "true") == 0 || strcmp(value, "yes") == 0)
			num = 1;
		else if (strcmp(value, "0") == 0 || strcmp(value, "off") == 0 ||
			 strcmp(value, "false") == 0 || strcmp(value, "no") == 0)
			num = 0;
		else {
			snprintf(error, error_len, "%s takes 0 or 1 (on/off)", info->set_name);
			return -1;
		}
		snprintf(out, out_len, "%ld", num);
		return 0;
	case FOS_T_INT:
		if (parse_long(value, &num) != 0) {
			snprintf(error, error_len, "%s takes a number", info->set_name);
			return -1;
		}
		if (key == FOS_K_WSTATE) {
			if (check_int(num, 0, 2, info->set_name, error, error_len) != 0)
				return -1;
		} else if (check_int(num, 1, 65535, info->set_name, error, error_len) != 0)
			return -1;
		snprintf(out, out_len, "%ld", num);
		return 0;
	case FOS_T_STR:
		break;
	}
	if (strlen(value) >= FOS_STR_MAX || strlen(value) >= out_len) {
		snprintf(error, error_len, "%s is too long (at most %d characters)",
			 info->set_name, FOS_STR_MAX - 1);
		return -1;
	}
	if (key == FOS_K_IP || key == FOS_K_NM || key == FOS_K_GW || key == FOS_K_DNS ||
	    key == FOS_K_LOGHOST) {
		struct in_addr addr;

		if (inet_pton(AF_INET, value, &addr) != 1) {
			snprintf(error, error_len, "%s takes a dotted IPv4 address", info->set_name);
			return -1;
		}
	}
	for (const char *c = value; *c != '\0'; c++) {
		if (!isprint((unsigned char)*c) ||
		    (key == FOS_K_DN && !isalnum((unsigned char)*c) && *c != '-' && *c != '.')) {
			snprintf(error, error_len, "%s contains a character the device does not take",
				 info->set_name);
			return -1;
		}
	}
	snprintf(out, out_len, "%s", value);
	return 0;
}

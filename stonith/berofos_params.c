/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Parameters of the berofos fencing device: parsing and checks, no I/O. */
#include "config.h"

#include "stonith/berofos_params.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <arpa/inet.h>

int bfp_error(char *err, size_t err_len, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, err_len, fmt, ap);
	va_end(ap);
	return -1;
}

void bfp_defaults(struct bfp_params *p)
{
	memset(p, 0, sizeof(*p));
	snprintf(p->login, sizeof(p->login), "admin");
	p->timeout_ms = BFP_DEFAULT_TIMEOUT_MS;
	p->reset_wait_ms = BFP_DEFAULT_RESET_WAIT_MS;
	p->reset_background = true;
	p->kick_stall_ms = BFP_DEFAULT_KICK_STALL_MS;
	p->probe_timeout_ms = BFP_DEFAULT_PROBE_TIMEOUT_MS;
}

static bool host_char(char c)
{
	return isalnum((unsigned char)c) || c == '.' || c == '-' || c == '_';
}

/* A decimal TCP port 1..65535, the whole of text. */
static bool parse_tcp_port(const char *text)
{
	long port = 0;

	if (*text == '\0' || strlen(text) > 5)
		return false;
	for (const char *c = text; *c != '\0'; c++) {
		if (!isdigit((unsigned char)*c))
			return false;
		port = port * 10 + (*c - '0');
	}
	return port >= 1 && port <= 65535;
}

int bfp_parse_address(const char *text, char *url, size_t url_len, char *err, size_t err_len)
{
	char buf[BFP_URL_MAX];
	const char *host = text;
	char *end, *port = NULL;
	size_t len;

	if (text == NULL || *text == '\0')
		return bfp_error(err, err_len, "the switch address is empty");
	if (strncasecmp(text, "http://", 7) == 0)
		host = text + 7;
	else if (strstr(text, "://") != NULL)
		return bfp_error(err, err_len, "switch address '%s': only http:// is supported", text);
	len = strlen(host);
	if (len == 0 || len >= sizeof(buf))
		return bfp_error(err, err_len, "switch address '%s': empty or too long", text);
	memcpy(buf, host, len + 1);
	while (len > 0 && buf[len - 1] == '/')
		buf[--len] = '\0';
	if (strchr(buf, '/') != NULL || strchr(buf, '@') != NULL)
		return bfp_error(err, err_len, "switch address '%s': give HOST[:PORT] only "
			   "(no path, no user; the login is a parameter of its own)", text);
	if (buf[0] == '[') {
		end = strchr(buf, ']');
		if (end == NULL || end == buf + 1)
			return bfp_error(err, err_len, "switch address '%s': unbalanced '['", text);
		for (const char *c = buf + 1; c < end; c++)
			if (!isxdigit((unsigned char)*c) && *c != ':' && *c != '.')
				return bfp_error(err, err_len, "switch address '%s': bad IPv6 address", text);
		if (end[1] == ':')
			port = end + 2;
		else if (end[1] != '\0')
			return bfp_error(err, err_len, "switch address '%s': junk after ']'", text);
	} else {
		port = strchr(buf, ':');
		if (port != NULL)
			*port++ = '\0';
		if (buf[0] == '\0')
			return bfp_error(err, err_len, "switch address '%s': no host", text);
		for (const char *c = buf; *c != '\0'; c++)
			if (!host_char(*c))
				return bfp_error(err, err_len, "switch address '%s': bad character '%c' in the host",
					   text, *c);
	}
	if (port != NULL && !parse_tcp_port(port))
		return bfp_error(err, err_len, "switch address '%s': the port must be 1 to 65535", text);
	if (port != NULL && buf[0] != '[')
		port[-1] = ':';
	if ((size_t)snprintf(url, url_len, "http://%s", buf) >= url_len)
		return bfp_error(err, err_len, "switch address '%s' is too long", text);
	return 0;
}

static bool separator(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == ',' || c == ';';
}

int bfp_port_of(const struct bfp_params *p, const char *node)
{
	for (size_t i = 0; i < p->nhosts; i++)
		if (strcasecmp(p->hosts[i].name, node) == 0)
			return p->hosts[i].port;
	return -1;
}

/* One "name:port" entry of len bytes. */
static int add_host(struct bfp_params *p, const char *entry, size_t len,
		    char *err, size_t err_len)
{
	const char *colon = memchr(entry, ':', len);
	size_t name_len;
	int port;

	if (colon == NULL)
		return bfp_error(err, err_len, "host map entry '%.*s': expected NODE:PORT", (int)len, entry);
	name_len = (size_t)(colon - entry);
	if (name_len == 0)
		return bfp_error(err, err_len, "host map entry '%.*s': no node name", (int)len, entry);
	if (name_len >= BFP_NAME_MAX)
		return bfp_error(err, err_len, "host map entry '%.*s': node name too long", (int)len, entry);
	for (size_t i = 0; i < name_len; i++)
		if (!host_char(entry[i]))
			return bfp_error(err, err_len, "host map entry '%.*s': bad character in the node name",
				   (int)len, entry);
	if (len - name_len != 2 || (colon[1] != '0' && colon[1] != '1'))
		return bfp_error(err, err_len, "host map entry '%.*s': the power port must be 0 or 1",
			   (int)len, entry);
	port = colon[1] - '0';
	if (p->nhosts >= BFP_PORTS)
		return bfp_error(err, err_len, "host map: more than %d nodes (the switch has %d power ports)",
			   BFP_PORTS, BFP_PORTS);
	for (size_t i = 0; i < p->nhosts; i++) {
		if (strlen(p->hosts[i].name) == name_len &&
		    strncasecmp(p->hosts[i].name, entry, name_len) == 0)
			return bfp_error(err, err_len, "host map: node '%.*s' given twice", (int)name_len, entry);
		if (p->hosts[i].port == port)
			return bfp_error(err, err_len, "host map: power port %d given to both %s and %.*s",
				   port, p->hosts[i].name, (int)name_len, entry);
	}
	memcpy(p->hosts[p->nhosts].name, entry, name_len);
	p->hosts[p->nhosts].name[name_len] = '\0';
	p->hosts[p->nhosts].port = port;
	p->nhosts++;
	return 0;
}

/* Calls add for each entry of a map (entries separated by blanks, ',' or
 * ';'); stops at the first entry add refuses. */
typedef int (*entry_fn)(struct bfp_params *p, const char *entry, size_t len,
			char *err, size_t err_len);

static int add_entries(struct bfp_params *p, const char *text, entry_fn add,
		       char *err, size_t err_len)
{
	const char *c = text;

	for (;;) {
		size_t len;

		while (*c != '\0' && separator(*c))
			c++;
		if (*c == '\0')
			return 0;
		len = 0;
		while (c[len] != '\0' && !separator(c[len]))
			len++;
		if (add(p, c, len, err, err_len) != 0)
			return -1;
		c += len;
	}
}

int bfp_parse_hostmap(const char *text, struct bfp_params *p, char *err, size_t err_len)
{
	struct bfp_params tmp = *p;

	if (text == NULL)
		return bfp_error(err, err_len, "the host map is empty: give NODE:PORT pairs, e.g. \"gw1:0 gw2:1\"");
	tmp.nhosts = 0;
	if (add_entries(&tmp, text, add_host, err, err_len) != 0)
		return -1;
	if (tmp.nhosts == 0)
		return bfp_error(err, err_len, "the host map is empty: give NODE:PORT pairs, e.g. \"gw1:0 gw2:1\"");
	*p = tmp;
	return 0;
}

int bfp_parse_seconds(const char *text, long min_ms, long max_ms, long *ms,
		      char *err, size_t err_len)
{
	const char *c = text;
	long whole = 0, frac = 0, scale = 100;
	bool digits = false;

	if (text == NULL || *text == '\0')
		return bfp_error(err, err_len, "empty number of seconds");
	for (; isdigit((unsigned char)*c); c++) {
		digits = true;
		if (whole > 1000000)
			return bfp_error(err, err_len, "'%s': too many seconds", text);
		whole = whole * 10 + (*c - '0');
	}
	if (*c == '.') {
		for (c++; isdigit((unsigned char)*c); c++) {
			digits = true;
			if (scale == 0)
				return bfp_error(err, err_len, "'%s': at most three decimals (milliseconds)", text);
			frac += (*c - '0') * scale;
			scale /= 10;
		}
	}
	if (!digits || *c != '\0')
		return bfp_error(err, err_len, "'%s' is not a number of seconds", text);
	whole = whole * 1000 + frac;
	if (whole < min_ms || whole > max_ms)
		return bfp_error(err, err_len, "'%s' s is out of range (%ld.%03ld to %ld.%03ld s)", text,
			   min_ms / 1000, min_ms % 1000, max_ms / 1000, max_ms % 1000);
	*ms = whole;
	return 0;
}

int bfp_parse_login(const char *text, char *login, size_t len, char *err, size_t err_len)
{
	size_t n = text != NULL ? strlen(text) : 0;

	if (n == 0 || n >= len || n >= BFP_NAME_MAX)
		return bfp_error(err, err_len, "the login must have 1 to %d characters", BFP_NAME_MAX - 1);
	for (const char *c = text; *c != '\0'; c++)
		if (!isgraph((unsigned char)*c) || *c == ':')
			return bfp_error(err, err_len, "the login may not hold blanks, control characters or ':'");
	memcpy(login, text, n + 1);
	return 0;
}

int bfp_parse_password_file(const char *text, char *path, size_t len, char *err, size_t err_len)
{
	size_t n = text != NULL ? strlen(text) : 0;

	if (n == 0)
		return bfp_error(err, err_len, "the credentials file name is empty");
	/* Heartbeat's stonith_host passes parameters by position: a switch
	 * without a password needs a word in that place. */
	if (strcmp(text, BFP_NO_PASSWORD_FILE) == 0) {
		if (len > 0)
			path[0] = '\0';
		return 0;
	}
	if (text[0] != '/')
		return bfp_error(err, err_len, "the credentials file must be an absolute path, not '%s'", text);
	if (n >= len || n >= BFP_PATH_MAX)
		return bfp_error(err, err_len, "the credentials file name is too long");
	memcpy(path, text, n + 1);
	return 0;
}

int bfp_parse_plug(const struct bfp_params *p, const char *plug, char *err, size_t err_len)
{
	int port;

	if (plug == NULL || *plug == '\0')
		return bfp_error(err, err_len, "no plug given: a power port (0 or 1) or a node of the host map");
	if (strcmp(plug, "0") == 0 || strcmp(plug, "1") == 0)
		return plug[0] - '0';
	port = bfp_port_of(p, plug);
	if (port < 0)
		return bfp_error(err, err_len, "plug '%s' is neither power port 0 or 1 nor a node of the host map",
			   plug);
	return port;
}

int bfp_parse_reset_mode(const char *text, bool *background, char *err, size_t err_len)
{
	if (text != NULL && strcmp(text, BFP_RESET_BACKGROUND) == 0)
		*background = true;
	else if (text != NULL && strcmp(text, BFP_RESET_WAIT) == 0)
		*background = false;
	else
		return bfp_error(err, err_len, "reset mode '%s': give %s or %s",
				 text != NULL ? text : "", BFP_RESET_BACKGROUND, BFP_RESET_WAIT);
	return 0;
}

int bfp_parse_node(const char *text, char *node, size_t len, char *err, size_t err_len)
{
	size_t n = text != NULL ? strlen(text) : 0;

	/* Heartbeat passes parameters by position: "none" fills the place. */
	if (n > 0 && strcmp(text, BFP_NONE) == 0) {
		if (len > 0)
			node[0] = '\0';
		return 0;
	}
	if (n == 0 || n >= len || n >= BFP_NAME_MAX)
		return bfp_error(err, err_len, "the node name must have 1 to %d characters",
				 BFP_NAME_MAX - 1);
	for (const char *c = text; *c != '\0'; c++)
		if (!host_char(*c))
			return bfp_error(err, err_len, "node name '%s': bad character '%c'", text, *c);
	memcpy(node, text, n + 1);
	return 0;
}

/* One "name=address" entry of len bytes. */
static int add_lan(struct bfp_params *p, const char *entry, size_t len, char *err, size_t err_len)
{
	const char *eq = memchr(entry, '=', len);
	char name[BFP_NAME_MAX], addr[INET_ADDRSTRLEN];
	struct in_addr ip;
	size_t name_len, addr_len;

	if (eq == NULL)
		return bfp_error(err, err_len, "LAN map entry '%.*s': expected NODE=IPV4", (int)len, entry);
	name_len = (size_t)(eq - entry);
	addr_len = len - name_len - 1;
	if (name_len == 0 || name_len >= sizeof(name) || addr_len == 0 || addr_len >= sizeof(addr))
		return bfp_error(err, err_len, "LAN map entry '%.*s': expected NODE=IPV4", (int)len, entry);
	memcpy(name, entry, name_len);
	name[name_len] = '\0';
	memcpy(addr, eq + 1, addr_len);
	addr[addr_len] = '\0';
	if (bfp_parse_node(name, name, sizeof(name), err, err_len) != 0)
		return -1;
	if (inet_pton(AF_INET, addr, &ip) != 1 || ip.s_addr == 0 || ip.s_addr == INADDR_BROADCAST)
		return bfp_error(err, err_len, "LAN map entry '%.*s': '%s' is not a host's IPv4 address",
				 (int)len, entry, addr);
	if (p->nlan >= BFP_PORTS)
		return bfp_error(err, err_len, "LAN map: more than %d nodes", BFP_PORTS);
	for (size_t i = 0; i < p->nlan; i++)
		if (strcasecmp(p->lan[i].name, name) == 0)
			return bfp_error(err, err_len, "LAN map: node '%s' given twice", name);
	memcpy(p->lan[p->nlan].name, name, name_len + 1);
	p->lan[p->nlan].ipv4 = ip.s_addr;
	p->nlan++;
	return 0;
}

int bfp_parse_lan_map(const char *text, struct bfp_params *p, char *err, size_t err_len)
{
	struct bfp_params tmp = *p;

	if (text == NULL)
		return bfp_error(err, err_len, "the LAN map is empty: give NODE=IPV4 pairs");
	tmp.nlan = 0;
	if (strcmp(text, BFP_NONE) == 0) {
		*p = tmp;
		return 0;
	}
	if (add_entries(&tmp, text, add_lan, err, err_len) != 0)
		return -1;
	*p = tmp;
	return 0;
}

uint32_t bfp_lan_of(const struct bfp_params *p, const char *node)
{
	for (size_t i = 0; i < p->nlan; i++)
		if (strcasecmp(p->lan[i].name, node) == 0)
			return p->lan[i].ipv4;
	return 0;
}

const char *bfp_node_of(const struct bfp_params *p, int port)
{
	for (size_t i = 0; i < p->nhosts; i++)
		if (p->hosts[i].port == port)
			return p->hosts[i].name;
	return NULL;
}

int bfp_check_guard(const struct bfp_params *p, char *err, size_t err_len)
{
	if (p->primary_node[0] == '\0') {
		if (p->nlan > 0)
			return bfp_error(err, err_len, "a LAN map needs primary_node (the guard is off without it)");
		return 0;
	}
	if (bfp_port_of(p, p->primary_node) < 0)
		return bfp_error(err, err_len, "primary_node '%s' is not a node of the host map",
				 p->primary_node);
	for (size_t i = 0; i < p->nlan; i++)
		if (bfp_port_of(p, p->lan[i].name) < 0)
			return bfp_error(err, err_len, "LAN map: '%s' is not a node of the host map",
					 p->lan[i].name);
	return 0;
}

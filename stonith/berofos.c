/* SPDX-License-Identifier: GPL-2.0-or-later */
/* cluster-glue stonith2 plugin "berofos": fences a node by switching off the
 * berofos power port that feeds it.  Parameters are parsed by
 * berofos_params.c, the switch is driven by berofos_fence.c (libberofos);
 * this file is the plugin glue and its log lines. */
#include "config.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "stonith/berofos_fence.h"
#include "stonith/berofos_params.h"
#include "stonith/reset.h"

#define DEVICE "berofos power switch"
#include <stonith/stonith_plugin_common.h>

#define PIL_PLUGIN              berofos
#define PIL_PLUGIN_S            "berofos"
#define PIL_PLUGINLICENSE       LICENSE_GPL
#define PIL_PLUGINLICENSEURL    URL_GPL
#include <pils/plugin.h>

#define PARAM_IPADDR ST_IPADDR
#define PARAM_LOGIN ST_LOGIN
#define PARAM_PWFILE "password_file"
#define PARAM_HOSTMAP "hostmap"
#define PARAM_TIMEOUT "timeout"
#define PARAM_RESET_WAIT "reset_wait"
#define PARAM_PRIMARY "primary_node"
#define PARAM_LAN_MAP "lan_map"
#define PARAM_KICK_STALL "kick_stall"
#define PARAM_PROBE_TIMEOUT "probe_timeout"
#define PARAM_RESET_MODE "reset_mode"

/* The on of a reset, tried this often: a node left off is a pair with no
 * backup. */
static const struct bff_on_retry reset_on_retry = { 3, 1000, "stonith-berofos" };

struct pluginDevice {
	StonithPlugin sp;
	const char *pluginid;
	const char *idinfo;
	struct bfp_params params;
};

static StonithPlugin *berofos_new(const char *subplugin);
static void berofos_destroy(StonithPlugin *s);
static const char *berofos_get_info(StonithPlugin *s, int reqtype);
static const char * const *berofos_get_confignames(StonithPlugin *s);
static int berofos_set_config(StonithPlugin *s, StonithNVpair *list);
static int berofos_status(StonithPlugin *s);
static int berofos_reset_req(StonithPlugin *s, int request, const char *host);
static char **berofos_hostlist(StonithPlugin *s);

static struct stonith_ops berofos_ops = {
	berofos_new,
	berofos_destroy,
	berofos_get_info,
	berofos_get_confignames,
	berofos_set_config,
	berofos_status,
	berofos_reset_req,
	berofos_hostlist,
};

PIL_PLUGIN_BOILERPLATE2("1.0", Debug)
static const PILPluginImports *PluginImports;
static PILPlugin *OurPlugin;
static PILInterface *OurInterface;
static StonithImports *OurImports;
static void *interfprivate;

PIL_rc PIL_PLUGIN_INIT(PILPlugin *us, const PILPluginImports *imports);

PIL_rc PIL_PLUGIN_INIT(PILPlugin *us, const PILPluginImports *imports)
{
	PluginImports = imports;
	OurPlugin = us;
	imports->register_plugin(us, &OurPIExports);
	return imports->register_interface(us, PIL_PLUGINTYPE_S, PIL_PLUGIN_S, &berofos_ops,
					   NULL, &OurInterface, (void *)&OurImports,
					   &interfprivate);
}

static const char *pluginid = "berofos-Stonith";
static const char *NOTpluginID = "berofos device has been destroyed";

#define PARAM(name, req, shortdesc, longdesc) \
	XML_PARAMETER_BEGIN(name, "string", req, "0") \
	XML_PARM_SHORTDESC_BEGIN("en") shortdesc XML_PARM_SHORTDESC_END \
	XML_PARM_LONGDESC_BEGIN("en") longdesc XML_PARM_LONGDESC_END \
	XML_PARAMETER_END

#include <stonith/stonith_config_xml.h>

static const char *berofos_xml =
	XML_PARAMETERS_BEGIN
	PARAM(PARAM_IPADDR, "1", "Switch address",
	      "Address of the berofos: HOST, HOST:PORT or http://HOST[:PORT] (HTTP port 80 unless given).")
	PARAM(PARAM_HOSTMAP, "1", "Node to power port map",
	      "Which power port feeds which node: NODE:PORT pairs separated by blanks, commas or "
	      "semicolons, PORT 0 or 1, e.g. \"gw1:0 gw2:1\".")
	PARAM(PARAM_LOGIN, "0", "Login",
	      "User name for the switch's HTTP authentication (default admin).")
	PARAM(PARAM_PWFILE, "0", "Credentials file",
	      "Absolute path of a file owned by root with mode 0600 whose first line is the switch's "
	      "admin password. The password itself is never a parameter. Empty: the switch has no "
	      "password.")
	PARAM(PARAM_TIMEOUT, "0", "Timeout",
	      "Seconds to wait for each answer of the switch (default 3, decimals allowed).")
	PARAM(PARAM_RESET_WAIT, "0", "Reset wait",
	      "Seconds the power stays off during a reset before it is switched on again "
	      "(default 1, decimals allowed, 0 to 60).")
	PARAM(PARAM_PRIMARY, "0", "Primary node (fence guard)",
	      "The node wired to the switch's B side (relay mode 1), as linesw's primary_node. "
	      "Set, it turns the fence guard on: a node that holds the lines is fenced only when it "
	      "does not answer ARP on the LAN or its watchdog kicks stopped, so that the master "
	      "survives a split without a fencing delay. Empty: no guard.")
	PARAM(PARAM_LAN_MAP, "0", "LAN addresses (fence guard)",
	      "NODE=IPV4 pairs separated by blanks, commas or semicolons: each node's address on "
	      "a LAN that is not a cluster link, asked by ARP before the guard lets a master be "
	      "fenced.")
	PARAM(PARAM_KICK_STALL, "0", "Kick stall (fence guard)",
	      "Seconds without a watchdog kick after which the master counts as stuck and is "
	      "fenced even though it answers ARP (default 1; keep the kick interval well below).")
	PARAM(PARAM_PROBE_TIMEOUT, "0", "ARP wait (fence guard)",
	      "Seconds to wait for the master's ARP answer (default 0.1).")
	PARAM(PARAM_RESET_MODE, "0", "Reset mode",
	      "background (default): a reset succeeds once the power reads back off, and a "
	      "process of its own switches it on reset_wait later (3 attempts; a relay left off "
	      "is logged and makes status fail); wait: the reset returns after the on.")
	XML_PARAMETERS_END;

/* fos_err -> S_*: one place, documented in stonith_berofos(8); an error
 * not listed is S_OOPS. */
static const struct {
	enum fos_err err;
	int stonith_rc;
} stonith_rc_of_err[] = {
	{ FOS_OK, S_OK },
	{ FOS_E_USAGE, S_INVAL },
	{ FOS_E_CONFIG, S_BADCONFIG },
	{ FOS_E_UNREACHABLE, S_ACCESS },
	{ FOS_E_AUTH, S_ACCESS },
	{ FOS_E_TIMEOUT, S_TIMEOUT },
	{ FOS_E_NOT_CONFIRMED, S_RESETFAIL },
};

static int to_stonith_rc(enum fos_err err)
{
	for (size_t i = 0; i < sizeof(stonith_rc_of_err) / sizeof(stonith_rc_of_err[0]); i++)
		if (stonith_rc_of_err[i].err == err)
			return stonith_rc_of_err[i].stonith_rc;
	return S_OOPS;
}

static int berofos_status(StonithPlugin *s)
{
	struct pluginDevice *bd = (struct pluginDevice *)s;
	char msg[BFF_MSG_MAX];
	enum fos_err err;

	ERRIFNOTCONFIGED(s, S_OOPS);
	err = bff_status(&bd->params, msg, sizeof(msg));
	if (err != FOS_OK) {
		LOG(PIL_CRIT, "%s: status: %s (%s)", PIL_PLUGIN_S, msg, fos_strerror(err));
		return to_stonith_rc(err);
	}
	if (bff_left_off(&bd->params, msg, sizeof(msg))) {
		LOG(PIL_CRIT, "%s: status: %s; switch it on (stonith -T on)", PIL_PLUGIN_S, msg);
		return S_OOPS;
	}
	LOG(PIL_DEBUG, "%s: status: %s", PIL_PLUGIN_S, msg);
	return S_OK;
}

static char **berofos_hostlist(StonithPlugin *s)
{
	struct pluginDevice *bd = (struct pluginDevice *)s;
	const char *names[BFP_PORTS + 1];
	size_t i;

	ERRIFNOTCONFIGED(s, NULL);
	for (i = 0; i < bd->params.nhosts; i++)
		names[i] = bd->params.hosts[i].name;
	names[i] = NULL;
	return OurImports->CopyHostList(names);
}

static const char *request_name(int request)
{
	switch (request) {
	case ST_POWERON:
		return "on";
	case ST_POWEROFF:
		return "off";
	default:
		return "reset";
	}
}

/* The fence guard: false when the target is the live master (this side of
 * a split yields) or the switch could not be read; logged either way. */
static bool guard_allows(const struct bfp_params *p, const char *host, int port)
{
	char msg[BFF_MSG_MAX];
	enum fos_err err;
	bool go;

	err = bff_guard(p, port, &go, msg, sizeof(msg));
	if (err != FOS_OK) {
		LOG(PIL_CRIT, "%s: fencing of host %s FAILED: the guard cannot read the switch: "
		    "%s (%s)", PIL_PLUGIN_S, host, msg, fos_strerror(err));
		return false;
	}
	if (!go) {
		LOG(PIL_CRIT, "%s: fencing of host %s REFUSED by the guard: %s; this node yields "
		    "to the master", PIL_PLUGIN_S, host, msg);
		return false;
	}
	if (p->primary_node[0] != '\0')
		LOG(PIL_INFO, "%s: guard: fencing host %s: %s", PIL_PLUGIN_S, host, msg);
	return true;
}

static int berofos_reset_req(StonithPlugin *s, int request, const char *host)
{
	struct pluginDevice *bd = (struct pluginDevice *)s;
	char msg[BFF_MSG_MAX];
	enum bff_on_result on = BFF_ON_DONE;
	enum fos_err err;
	int port;

	ERRIFNOTCONFIGED(s, S_OOPS);
	if (host == NULL || (port = bfp_port_of(&bd->params, host)) < 0) {
		LOG(PIL_CRIT, "%s: %s: host '%s' is not in the host map", PIL_PLUGIN_S,
		    request_name(request), host != NULL ? host : "(none)");
		return S_BADHOST;
	}
	if (request != ST_POWERON && !guard_allows(&bd->params, host, port))
		return S_RESETFAIL;
	switch (request) {
	case ST_POWERON:
		err = bff_switch_on(&bd->params, port, msg, sizeof(msg));
		break;
	case ST_POWEROFF:
		err = bff_power_set(&bd->params, port, false, msg, sizeof(msg));
		break;
	case ST_GENERIC_RESET:
		err = bff_reboot(&bd->params, port, &reset_on_retry, &on, msg, sizeof(msg));
		break;
	default:
		LOG(PIL_CRIT, "%s: unknown request %d for host %s", PIL_PLUGIN_S, request, host);
		return S_INVAL;
	}
	if (err != FOS_OK) {
		LOG(PIL_CRIT, "%s: %s of host %s (power port %d) FAILED: %s (%s)", PIL_PLUGIN_S,
		    request_name(request), host, port, msg, fos_strerror(err));
		return to_stonith_rc(err);
	}
	if (on == BFF_ON_FAILED)
		LOG(PIL_WARN, "%s: host %s is fenced (power port %d off) but its power did not come "
		    "back: %s", PIL_PLUGIN_S, host, port, msg);
	else
		LOG(PIL_INFO, "%s: %s of host %s done: %s", PIL_PLUGIN_S, request_name(request), host,
		    msg);
	return S_OK;
}

/* Heartbeat R1 gives stonith_host's words by position, one per name here,
 * and refuses a line with fewer: a name added here would break every
 * written ha.cf.  So the later parameters (reset_mode) are taken by name
 * only (Pacemaker, stonith NAME=VALUE) and keep their defaults on R1. */
static const char * const *berofos_get_confignames(StonithPlugin *s)
{
	static const char *names[] = {
		PARAM_IPADDR, PARAM_HOSTMAP, PARAM_LOGIN, PARAM_PWFILE, PARAM_TIMEOUT,
		PARAM_RESET_WAIT, PARAM_PRIMARY, PARAM_LAN_MAP, PARAM_KICK_STALL,
		PARAM_PROBE_TIMEOUT, NULL
	};

	return names;
}

/* Parses every given parameter into p; logs and returns S_BADCONFIG on the
 * first bad one. */
static int parse_config(StonithNVpair *list, struct bfp_params *p)
{
	char err[BFP_ERR_MAX];
	const char *value;
	int rc = 0;

	bfp_defaults(p);
	value = OurImports->GetValue(list, PARAM_IPADDR);
	rc = bfp_parse_address(value, p->url, sizeof(p->url), err, sizeof(err));
	if (rc == 0)
		rc = bfp_parse_hostmap(OurImports->GetValue(list, PARAM_HOSTMAP), p, err, sizeof(err));
	if (rc == 0 && (value = OurImports->GetValue(list, PARAM_LOGIN)) != NULL && *value != '\0')
		rc = bfp_parse_login(value, p->login, sizeof(p->login), err, sizeof(err));
	if (rc == 0 && (value = OurImports->GetValue(list, PARAM_PWFILE)) != NULL && *value != '\0')
		rc = bfp_parse_password_file(value, p->password_file, sizeof(p->password_file),
					     err, sizeof(err));
	if (rc == 0 && (value = OurImports->GetValue(list, PARAM_TIMEOUT)) != NULL && *value != '\0')
		rc = bfp_parse_seconds(value, 1, BFP_MAX_TIMEOUT_MS, &p->timeout_ms, err, sizeof(err));
	if (rc == 0 && (value = OurImports->GetValue(list, PARAM_RESET_WAIT)) != NULL &&
	    *value != '\0')
		rc = bfp_parse_seconds(value, 0, BFP_MAX_RESET_WAIT_MS, &p->reset_wait_ms,
				       err, sizeof(err));
	if (rc == 0 && (value = OurImports->GetValue(list, PARAM_PRIMARY)) != NULL && *value != '\0')
		rc = bfp_parse_node(value, p->primary_node, sizeof(p->primary_node), err, sizeof(err));
	if (rc == 0 && (value = OurImports->GetValue(list, PARAM_LAN_MAP)) != NULL && *value != '\0')
		rc = bfp_parse_lan_map(value, p, err, sizeof(err));
	if (rc == 0 && (value = OurImports->GetValue(list, PARAM_KICK_STALL)) != NULL &&
	    *value != '\0')
		rc = bfp_parse_seconds(value, 1000, BFP_MAX_KICK_STALL_MS, &p->kick_stall_ms,
				       err, sizeof(err));
	if (rc == 0 && (value = OurImports->GetValue(list, PARAM_PROBE_TIMEOUT)) != NULL &&
	    *value != '\0')
		rc = bfp_parse_seconds(value, 10, BFP_MAX_PROBE_TIMEOUT_MS, &p->probe_timeout_ms,
				       err, sizeof(err));
	if (rc == 0 && (value = OurImports->GetValue(list, PARAM_RESET_MODE)) != NULL &&
	    *value != '\0')
		rc = bfp_parse_reset_mode(value, &p->reset_background, err, sizeof(err));
	if (rc == 0)
		rc = bfp_check_guard(p, err, sizeof(err));
	if (rc != 0) {
		LOG(PIL_CRIT, "%s: bad configuration: %s", PIL_PLUGIN_S, err);
		return S_BADCONFIG;
	}
	return S_OK;
}

static int berofos_set_config(StonithPlugin *s, StonithNVpair *list)
{
	struct pluginDevice *bd = (struct pluginDevice *)s;
	int rc;

	ERRIFWRONGDEV(s, S_OOPS);
	if (s->isconfigured)
		return S_OOPS;
	rc = parse_config(list, &bd->params);
	if (rc != S_OK)
		return rc;
	s->isconfigured = TRUE;
	return S_OK;
}

static const char *berofos_get_info(StonithPlugin *s, int reqtype)
{
	struct pluginDevice *bd = (struct pluginDevice *)s;

	ERRIFWRONGDEV(s, NULL);
	switch (reqtype) {
	case ST_DEVICEID:
		return bd->idinfo;
	case ST_DEVICENAME:
		return bd->params.url[0] != '\0' ? bd->params.url : "(not configured)";
	case ST_DEVICEDESCR:
		return "beroNet berofos Layer-1 switch: its two power relays feed the two nodes; "
		       "fencing switches a node's relay off and succeeds only when it reads back off.";
	case ST_DEVICEURL:
		return "https://www.beronet.com/";
	case ST_CONF_XML:
		return berofos_xml;
	default:
		return NULL;
	}
}

static void berofos_destroy(StonithPlugin *s)
{
	struct pluginDevice *bd = (struct pluginDevice *)s;

	VOIDERRIFWRONGDEV(s);
	bd->pluginid = NOTpluginID;
	FREE(bd);
}

static StonithPlugin *berofos_new(const char *subplugin)
{
	struct pluginDevice *bd = ST_MALLOCT(struct pluginDevice);

	if (bd == NULL) {
		LOG(PIL_CRIT, "%s: out of memory", PIL_PLUGIN_S);
		return NULL;
	}
	memset(bd, 0, sizeof(*bd));
	bd->pluginid = pluginid;
	bd->idinfo = DEVICE;
	bd->sp.s_ops = &berofos_ops;
	return &bd->sp;
}

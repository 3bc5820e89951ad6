/* SPDX-License-Identifier: GPL-2.0-or-later */
/* l2.c: the Heartbeat HBcomm medium `l2`, heartbeats in raw Ethernet frames.
 *
 *   ha.cf:  l2 <ifname> <peer-mac>|broadcast [ethertype=0xNNNN]
 *
 * Thin glue between Heartbeat and l2link (pcap) / l2frame (codec).
 * Heartbeat parses ha.cf in the master (root), calls mopen() there, then
 * forks one reader and one writer per medium (and closes the medium in the
 * master).  The children call drop_privs(), which may leave them with an
 * unprivileged effective uid, so the handle and the status files are opened
 * in mopen(); a child that has to reopen the interface after it came back
 * takes its saved root identity again for the moment of the open.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <heartbeat.h>
#include <HBcomm.h>
#include <clplumbing/uids.h>

#define PIL_PLUGINTYPE          HB_COMM_TYPE
#define PIL_PLUGINTYPE_S        HB_COMM_TYPE_S
#define PIL_PLUGIN              l2
#define PIL_PLUGIN_S            "l2"
#define PIL_PLUGINLICENSE       LICENSE_GPL
#define PIL_PLUGINLICENSEURL    URL_GPL
#include <pils/plugin.h>

#include "common/clock.h"
#include "hbcomm-l2/l2conf.h"
#include "hbcomm-l2/l2frame.h"
#include "hbcomm-l2/l2link.h"
#include "hbcomm-l2/l2stats.h"

_Static_assert(MAXMSG == L2F_MAX_MSG, "l2frame's message limit is Heartbeat's MAXMSG");

#define TICK_MS 1000              /* housekeeping period: status, link check */
#define BACKOFF_FIRST_MS 100
#define BACKOFF_MAX_MS 1000   /* a retry is cheap; a returning link should rejoin fast */

struct l2_medium {
	struct l2_directive conf;
	char peer_text[L2_MAC_TEXT_LEN + 10];
	struct l2link link;
	struct l2f_reasm *reasm;          /* reader only */
	uint32_t next_msg_id;             /* writer only */
	struct l2_link_counters counters; /* of this process */
	int status_fd[2];                 /* rx, tx */
	bool status_error_logged;
	uint64_t next_tick_ms;
	uint64_t next_retry_ms;
	unsigned backoff_ms;
	unsigned failed_reopens;
	bool carrier_logged_down;
	uint64_t kernel_drops_this_handle;   /* pcap's count for the open handle */
	uint8_t message[MAXMSG + 1];      /* what read() hands to Heartbeat */
};

enum { ROLE_RX = 0, ROLE_TX = 1 };
static const char *const role_names[2] = { "rx", "tx" };

static int l2_parse(const char *line);
static int l2_open(struct hb_media *mp);
static int l2_close(struct hb_media *mp);
static void *l2_read(struct hb_media *mp, int *lenp);
static int l2_write(struct hb_media *mp, void *msg, int len);
static int l2_mtype(char **buffer);
static int l2_descr(char **buffer);
static int l2_isping(void);

/* No new(): Heartbeat's ha.cf reader calls parse() for a medium that has
 * one, and new() only for media without it. */
static struct hb_media_fns l2_ops = {
	.parse = l2_parse,
	.mopen = l2_open,
	.close = l2_close,
	.read = l2_read,
	.write = l2_write,
	.mtype = l2_mtype,
	.descr = l2_descr,
	.isping = l2_isping,
};

PIL_PLUGIN_BOILERPLATE2("1.0", Debug)
static const PILPluginImports *PluginImports;
static PILPlugin *OurPlugin;
static PILInterface *OurInterface;
static struct hb_media_imports *OurImports;

#define LOG PluginImports->log
#define MALLOC PluginImports->alloc
#define STRDUP PluginImports->mstrdup
#define FREE PluginImports->mfree

PIL_rc PIL_PLUGIN_INIT(PILPlugin *us, const PILPluginImports *imports);

PIL_rc PIL_PLUGIN_INIT(PILPlugin *us, const PILPluginImports *imports)
{
	PluginImports = imports;
	OurPlugin = us;
	imports->register_plugin(us, &OurPIExports);
	return imports->register_interface(us, PIL_PLUGINTYPE_S, PIL_PLUGIN_S,
	                                   &l2_ops, NULL, &OurInterface,
	                                   (void *)&OurImports, NULL);
}

static int l2_mtype(char **buffer)
{
	*buffer = STRDUP(PIL_PLUGIN_S);
	return *buffer == NULL ? 0 : (int)strlen(PIL_PLUGIN_S);
}

static int l2_descr(char **buffer)
{
	static const char description[] = "raw Ethernet (pcap) heartbeat";

	*buffer = STRDUP(description);
	return *buffer == NULL ? 0 : (int)strlen(description);
}

static int l2_isping(void)
{
	return 0;
}

/* --- configuration ---------------------------------------------------------- */

/* Names of the media made so far: two lines on one interface get distinct
 * names, since Heartbeat tracks link status by name. */
#define MAX_L2_MEDIA 16
static char *media_names[MAX_L2_MEDIA];
static unsigned media_count;

static bool name_taken(const char *name)
{
	for (unsigned i = 0; i < media_count; i++)
		if (strcmp(media_names[i], name) == 0)
			return true;
	return false;
}

static struct hb_media *make_medium(const struct l2_directive *conf)
{
	struct l2_medium *m;
	struct hb_media *mp;
	char name[IF_NAMESIZE + sizeof(m->peer_text) + 1];

	if (media_count >= MAX_L2_MEDIA) {
		PILCallLog(LOG, PIL_CRIT, "l2 %s: more than %d l2 media", conf->ifname, MAX_L2_MEDIA);
		return NULL;
	}
	m = calloc(1, sizeof(*m));
	mp = MALLOC(sizeof(*mp));
	if (m == NULL || mp == NULL) {
		PILCallLog(LOG, PIL_CRIT, "l2 %s: out of memory", conf->ifname);
		free(m);
		if (mp != NULL)
			FREE(mp);
		return NULL;
	}
	memset(mp, 0, sizeof(*mp));
	m->conf = *conf;
	m->status_fd[ROLE_RX] = m->status_fd[ROLE_TX] = -1;
	m->link.pcap = NULL;
	m->link.fd = -1;
	if (conf->broadcast)
		snprintf(m->peer_text, sizeof(m->peer_text), "broadcast");
	else
		l2_mac_format(conf->peer, m->peer_text);

	snprintf(name, sizeof(name), "%s", conf->ifname);
	if (name_taken(name))
		snprintf(name, sizeof(name), "%s:%s", conf->ifname, m->peer_text);
	mp->name = STRDUP(name);
	if (mp->name == NULL) {
		free(m);
		FREE(mp);
		return NULL;
	}
	media_names[media_count++] = (char *)mp->name;
	mp->pd = m;
	mp->vf = &l2_ops;
	return mp;
}

static int l2_parse(const char *line)
{
	struct l2_directive conf;
	struct l2link_state state;
	struct hb_media *mp;
	char error[256];

	if (l2_directive_parse(line, &conf, error, sizeof(error)) != 0) {
		PILCallLog(LOG, PIL_CRIT, "%s [line: l2 %s]", error, line);
		return HA_FAIL;
	}
	if (l2link_query(conf.ifname, &state, NULL, NULL, error, sizeof(error)) != 0) {
		PILCallLog(LOG, PIL_CRIT, "l2: unknown interface: %s [line: l2 %s]", error, line);
		return HA_FAIL;
	}
	mp = make_medium(&conf);
	if (mp == NULL)
		return HA_FAIL;
	OurImports->RegisterNewMedium(mp);
	return HA_OK;
}

/* --- status files ------------------------------------------------------------ */

static int make_status_dir(const char *dir)
{
	char path[256];

	/* Parents first: /run/warmstandby, then /run/warmstandby/l2. */
	snprintf(path, sizeof(path), "%s", dir);
	for (char *slash = strchr(path + 1, '/'); slash != NULL; slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		if (mkdir(path, 0755) != 0 && errno != EEXIST)
			return -1;
		*slash = '/';
	}
	if (mkdir(path, 0755) != 0 && errno != EEXIST)
		return -1;
	return 0;
}

static void open_status_files(struct l2_medium *m)
{
	const char *dir = l2_status_dir();
	char path[512];

	if (make_status_dir(dir) != 0) {
		PILCallLog(LOG, PIL_WARN, "l2 %s: cannot create %s: %s; no status file",
		           m->conf.ifname, dir, strerror(errno));
		return;
	}
	for (int role = ROLE_RX; role <= ROLE_TX; role++) {
		if (m->status_fd[role] >= 0)
			continue;
		if (l2_status_path(path, sizeof(path), dir, m->conf.ifname, m->conf.peer,
		                   m->conf.broadcast, role_names[role]) != 0)
			continue;
		/* Opened here while root: the child keeps the descriptor after
		 * dropping privileges. */
		m->status_fd[role] = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
		if (m->status_fd[role] < 0)
			PILCallLog(LOG, PIL_WARN, "l2 %s: cannot open %s: %s",
			           m->conf.ifname, path, strerror(errno));
	}
}

static void write_status(struct l2_medium *m, int role)
{
	char text[2048];
	size_t len;
	int fd = m->status_fd[role];

	if (fd < 0)
		return;
	m->counters.link_open = l2link_is_open(&m->link);
	if (role == ROLE_RX && m->reasm != NULL) {
		/* pcap counts per handle: keep what earlier handles lost too */
		uint64_t now_dropped = l2link_kernel_drops(&m->link);

		if (now_dropped > m->kernel_drops_this_handle) {
			m->counters.kernel_drops += now_dropped - m->kernel_drops_this_handle;
			m->kernel_drops_this_handle = now_dropped;
		}
		m->counters.reasm_partial = l2f_reasm_partial_count(m->reasm);
		m->counters.reasm_bytes = l2f_reasm_bytes_in_use(m->reasm);
	}
	len = l2_status_format(text, sizeof(text), m->conf.ifname, m->peer_text,
	                       role_names[role], &m->counters, (int64_t)time(NULL));
	if (len == 0)
		return;
	if (pwrite(fd, text, len, 0) != (ssize_t)len || ftruncate(fd, (off_t)len) != 0) {
		if (!m->status_error_logged)
			PILCallLog(LOG, PIL_WARN, "l2 %s: writing status: %s",
			           m->conf.ifname, strerror(errno));
		m->status_error_logged = true;
	}
}

/* --- link failure and recovery ------------------------------------------------ */

static void link_failed(struct l2_medium *m, const char *why, uint64_t now)
{
	l2link_close(&m->link);
	m->counters.errors++;
	if (m->backoff_ms == 0) {
		/* Logged once per outage; the retries are silent. */
		PILCallLog(LOG, PIL_WARN, "l2 %s: link lost (%s); retrying with backoff",
		           m->conf.ifname, why);
		m->backoff_ms = BACKOFF_FIRST_MS;
	}
	m->next_retry_ms = now + m->backoff_ms;
}

static int open_link(struct l2_medium *m, char *error, size_t error_len)
{
	return l2link_open(&m->link, m->conf.ifname, m->conf.ethertype,
	                   m->conf.broadcast ? NULL : m->conf.peer, error, error_len);
}

/* Reopens when the backoff allows.  Returns true when the link is open. */
static bool try_reopen(struct l2_medium *m, uint64_t now)
{
	char error[PCAP_ERRBUF_SIZE + 64];
	bool raised = false;
	int rc;

	if (now < m->next_retry_ms)
		return false;
	/* The children run with euid nobody; opening a packet socket needs
	 * root, which drop_privs() left as the saved uid. */
	if (geteuid() != 0) {
		if (return_to_orig_privs() != 0) {
			PILCallLog(LOG, PIL_CRIT, "l2 %s: cannot regain privileges to reopen",
			           m->conf.ifname);
			m->next_retry_ms = now + BACKOFF_MAX_MS;
			return false;
		}
		raised = true;
	}
	rc = open_link(m, error, sizeof(error));
	if (raised && return_to_dropped_privs() != 0)
		PILCallLog(LOG, PIL_CRIT, "l2 %s: cannot drop privileges again", m->conf.ifname);
	if (rc != 0) {
		m->failed_reopens++;
		if (m->backoff_ms == 0)
			PILCallLog(LOG, PIL_WARN, "l2 %s: %s; retrying with backoff",
			           m->conf.ifname, error);
		m->backoff_ms = m->backoff_ms == 0 ? BACKOFF_FIRST_MS : m->backoff_ms * 2;
		if (m->backoff_ms > BACKOFF_MAX_MS)
			m->backoff_ms = BACKOFF_MAX_MS;
		m->next_retry_ms = now + m->backoff_ms;
		return false;
	}
	PILCallLog(LOG, PIL_INFO, "l2 %s: link reopened after %u failed attempts",
	           m->conf.ifname, m->failed_reopens);
	m->counters.reopens++;
	m->kernel_drops_this_handle = 0;
	m->failed_reopens = 0;
	m->backoff_ms = 0;
	return true;
}

/* Once a tick: notice a removed or replaced interface (a handle on a
 * deleted ifindex may just stay silent), follow the carrier, write status. */
static void housekeeping(struct l2_medium *m, int role, uint64_t now)
{
	struct l2link_state state;
	char error[256];

	if (now < m->next_tick_ms)
		return;
	m->next_tick_ms = now + TICK_MS;
	if (l2link_query(m->conf.ifname, &state, NULL, NULL, error, sizeof(error)) != 0)
		state.ifindex = 0;
	if (l2link_is_open(&m->link) && state.ifindex != m->link.ifindex)
		link_failed(m, state.ifindex == 0 ? "interface removed" : "interface replaced", now);
	m->counters.carrier = state.running;
	if (role == ROLE_RX) {
		if (!state.running && !m->carrier_logged_down && state.ifindex != 0) {
			PILCallLog(LOG, PIL_WARN, "l2 %s: no carrier", m->conf.ifname);
			m->carrier_logged_down = true;
		} else if (state.running && m->carrier_logged_down) {
			PILCallLog(LOG, PIL_INFO, "l2 %s: carrier back", m->conf.ifname);
			m->carrier_logged_down = false;
		}
		if (m->reasm != NULL)
			l2f_reasm_expire(m->reasm, now);
	}
	write_status(m, role);
}

/* --- open / close ------------------------------------------------------------- */

static int l2_open(struct hb_media *mp)
{
	struct l2_medium *m = mp->pd;
	struct l2f_reasm_limits limits;
	char error[PCAP_ERRBUF_SIZE + 64];

	l2link_close(&m->link);   /* Heartbeat reopens a medium after failures */
	if (m->reasm == NULL) {
		l2f_reasm_default_limits(&limits);
		m->reasm = l2f_reasm_new(&limits, &m->counters.dropped);
		if (m->reasm == NULL) {
			PILCallLog(LOG, PIL_CRIT, "l2 %s: out of memory", mp->name);
			return HA_FAIL;
		}
	}
	/* Ids differ across restarts so a peer's duplicate memory does not
	 * swallow our first messages. */
	m->next_msg_id = (uint32_t)time(NULL) ^ ((uint32_t)getpid() << 16);
	open_status_files(m);
	if (open_link(m, error, sizeof(error)) != 0) {
		/* Not fatal: the children retry, so a NIC that appears later
		 * (hotplug, slow driver) still joins. */
		PILCallLog(LOG, PIL_WARN, "l2 %s: %s; will retry", mp->name, error);
		m->backoff_ms = BACKOFF_FIRST_MS;
		m->next_retry_ms = (uint64_t)ws_mono_ms() + m->backoff_ms;
	} else {
		char mac[L2_MAC_TEXT_LEN];

		l2_mac_format(m->link.own_mac, mac);
		PILCallLog(LOG, PIL_INFO, "l2 heartbeat started on %s (own %s, peer %s, EtherType 0x%04x, MTU %zu)",
		           m->conf.ifname, mac, m->peer_text, m->conf.ethertype, m->link.mtu);
	}
	return HA_OK;
}

static int l2_close(struct hb_media *mp)
{
	struct l2_medium *m = mp->pd;

	l2link_close(&m->link);
	l2f_reasm_free(m->reasm);
	m->reasm = NULL;
	for (int role = ROLE_RX; role <= ROLE_TX; role++) {
		if (m->status_fd[role] >= 0)
			close(m->status_fd[role]);
		m->status_fd[role] = -1;
	}
	PILCallLog(LOG, PIL_INFO, "l2 heartbeat closed on %s", mp->name);
	return HA_OK;
}

/* --- reader ------------------------------------------------------------------- */

static bool mac_equal(const uint8_t *a, const uint8_t *b)
{
	return memcmp(a, b, L2F_MAC_LEN) == 0;
}

static const uint8_t broadcast_mac[L2F_MAC_LEN] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

static void answer_echo(struct l2_medium *m, const struct l2f_frame *request)
{
	char error[PCAP_ERRBUF_SIZE + 64];
	size_t n = l2f_encode_echo_reply(m->link.frame, sizeof(m->link.frame), request,
	                                 m->link.own_mac, m->conf.ethertype);

	if (n > 0 && l2link_send_frame(&m->link, m->link.frame, n, error, sizeof(error)) == 0)
		m->counters.echo_requests++;
}

/* Handles one received frame.  Returns true when it completed a message,
 * now in m->message with its length in *lenp. */
static bool handle_frame(struct l2_medium *m, const uint8_t *data, size_t len,
                         uint64_t now, int *lenp)
{
	struct l2f_frame frame;
	struct l2f_message msg;
	enum l2f_status status;

	m->counters.frames++;
	status = l2f_decode(data, len, m->conf.ethertype, &frame);
	if (status != L2F_OK) {
		m->counters.dropped.drops[status]++;
		return false;
	}
	if (mac_equal(frame.src, m->link.own_mac)) {
		m->counters.own_frames++;
		return false;
	}
	if ((!mac_equal(frame.dst, m->link.own_mac) && !mac_equal(frame.dst, broadcast_mac)) ||
	    (!m->conf.broadcast && !mac_equal(frame.src, m->conf.peer))) {
		m->counters.misaddressed++;
		return false;
	}
	switch (frame.type) {
	case L2F_TYPE_ECHO_REQUEST:
		answer_echo(m, &frame);
		return false;
	case L2F_TYPE_ECHO_REPLY:
		m->counters.echo_replies++;   /* l2ping's own handle takes these */
		return false;
	case L2F_TYPE_DATA:
		break;
	}
	if (l2f_reasm_add(m->reasm, &frame, now, &msg) != 1)
		return false;
	/* Heartbeat expects a NUL after the message, as ucast gives it. */
	memcpy(m->message, msg.data, msg.len);
	m->message[msg.len] = '\0';
	*lenp = (int)msg.len + 1;
	free(msg.data);
	m->counters.messages++;
	return true;
}

/* Returns one whole message; blocks until there is one.  Returns NULL only
 * when a signal arrived, so Heartbeat can act on it (as its UDP media do). */
static void *l2_read(struct hb_media *mp, int *lenp)
{
	struct l2_medium *m = mp->pd;
	char error[PCAP_ERRBUF_SIZE + 64];

	for (;;) {
		uint64_t now = (uint64_t)ws_mono_ms();
		const uint8_t *data;
		size_t len;
		int rc;

		housekeeping(m, ROLE_RX, now);
		if (!l2link_is_open(&m->link) && !try_reopen(m, now)) {
			uint64_t wait = m->next_retry_ms > now ? m->next_retry_ms - now : 1;

			if (poll(NULL, 0, (int)(wait < TICK_MS ? wait : TICK_MS)) < 0 && errno == EINTR)
				return NULL;
			continue;
		}
		rc = l2link_receive(&m->link, TICK_MS, &data, &len, error, sizeof(error));
		if (rc == L2LINK_INTERRUPTED)
			return NULL;
		if (rc == L2LINK_FAILED) {
			link_failed(m, error, now);
			continue;
		}
		if (rc == L2LINK_FRAME && handle_frame(m, data, len, (uint64_t)ws_mono_ms(), lenp))
			return m->message;
	}
}

/* --- writer ------------------------------------------------------------------- */

static int l2_write(struct hb_media *mp, void *msg, int len)
{
	struct l2_medium *m = mp->pd;
	char error[PCAP_ERRBUF_SIZE + 64];
	uint64_t now = (uint64_t)ws_mono_ms();
	int frames;

	housekeeping(m, ROLE_TX, now);
	if (len <= 0 || (size_t)len > L2F_MAX_MSG) {
		PILCallLog(LOG, PIL_CRIT, "l2 %s: cannot send a message of %d bytes",
		           mp->name, len);
		return HA_FAIL;
	}
	/* While the interface is away messages are dropped: Heartbeat's own
	 * timers decide what that means, a blocked writer would not help. */
	if (!l2link_is_open(&m->link) && !try_reopen(m, now)) {
		errno = ENETDOWN;   /* Heartbeat logs errno with the failure */
		return HA_FAIL;
	}
	frames = l2link_send(&m->link, m->conf.peer, L2F_TYPE_DATA, m->next_msg_id++,
	                     msg, (size_t)len, error, sizeof(error));
	if (frames < 0) {
		link_failed(m, error, now);
		return HA_FAIL;
	}
	m->counters.frames += (uint64_t)frames;
	m->counters.messages++;
	return HA_OK;
}

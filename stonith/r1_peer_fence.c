/* SPDX-License-Identifier: GPL-2.0-or-later */
/* r1-peer-fence: Heartbeat R1 respawns it on each node (ha.cf "respawn
 * root ...", written by wsctl activate).  A Heartbeat API client: it
 * hears the peer's status changes and its shutdown notice as Heartbeat
 * delivers them, and when the peer dies or is cut off while this node
 * holds the resources, it resets the peer through ha.cf's own berofos
 * stonith_host line (why: stonith/r1_peer_watch.h).  The reset runs in a
 * child (the stock stonith CLI), so that Heartbeat's messages keep being
 * read meanwhile. */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include <hb_api.h>

#include "stonith/r1_hacf.h"
#include "stonith/r1_peer_watch.h"

/* Heartbeat respawns a client that exits, unless it exits with 100. */
#define EXIT_NO_RESPAWN 100
#define WORDS_MAX 1024
#define NODE_MAX 256
/* Our resource status is sampled this often while nothing happens. */
#define IDLE_POLL_MS 1000
/* A reset that has not ended by then is killed: the plugin's own timeouts
 * (a few seconds per request) make a longer one a hang. */
#define RESET_LIMIT_S 120

struct peer_fence {
	ll_cluster_t *hb;
	char peer[NODE_MAX];
	char words[WORDS_MAX];
	struct r1pw watch;
	bool reset_wanted;
	pid_t reset_pid;           /* the running reset, or 0 */
	time_t reset_started;
};

/* The words of ha.cf's first berofos stonith_host line.  getline, not a
 * fixed buffer: a long line read in pieces could pass a truncated tail
 * for the words. */
static int read_stonith_words(const char *path, char *words, size_t size)
{
	char *line = NULL;
	size_t line_size = 0;
	FILE *cf = fopen(path, "r");
	int found = -1;

	if (cf == NULL) {
		syslog(LOG_ERR, "cannot read %s: %s", path, strerror(errno));
		return -1;
	}
	while (found != 0 && getline(&line, &line_size, cf) >= 0) {
		line[strcspn(line, "\n")] = '\0';
		switch (r1_hacf_stonith_words(line, words, size)) {
		case R1_HACF_FOUND:
			found = 0;
			break;
		case R1_HACF_TOO_LONG:
			syslog(LOG_ERR, "%s: the berofos stonith_host line is longer than %zu bytes",
			       path, size - 1);
			break;
		case R1_HACF_NOT_THIS:
			break;
		}
	}
	free(line);
	if (fclose(cf) != 0)
		syslog(LOG_WARNING, "closing %s: %s", path, strerror(errno));
	return found;
}

static const char *rsc_status(ll_cluster_t *hb)
{
	const char *status = hb->llc_ops->get_resources(hb);

	return status != NULL ? status : "unknown";
}

/* The other normal node Heartbeat knows (a two-node pair: the first). */
static int find_peer(ll_cluster_t *hb, char *peer, size_t size)
{
	const char *me = hb->llc_ops->get_mynodeid(hb);
	const char *node;
	int found = -1;

	if (me == NULL || hb->llc_ops->init_nodewalk(hb) != HA_OK)
		return -1;
	while (found != 0 && (node = hb->llc_ops->nextnode(hb)) != NULL) {
		const char *type = hb->llc_ops->node_type(hb, node);

		if (strcmp(node, me) == 0 || type == NULL || strcmp(type, "normal") != 0)
			continue;
		if ((size_t)snprintf(peer, size, "%s", node) < size)
			found = 0;
	}
	if (hb->llc_ops->end_nodewalk(hb) != HA_OK)
		syslog(LOG_WARNING, "ending Heartbeat's node walk: %s", hb->llc_ops->errmsg(hb));
	return found;
}

static void on_peer_status(const char *node, const char *status, void *data)
{
	struct peer_fence *pf = data;

	if (node == NULL || status == NULL || strcmp(node, pf->peer) != 0)
		return;
	switch (r1pw_peer_status(&pf->watch, status, rsc_status(pf->hb))) {
	case R1PW_RESET:
		syslog(LOG_WARNING, "peer %s is dead without a shutdown notice and this node "
		       "holds the resources: resetting %s", pf->peer, pf->peer);
		pf->reset_wanted = true;
		break;
	case R1PW_LEFT_CLEANLY:
		syslog(LOG_INFO, "peer %s left the cluster cleanly (shutdown notice): not reset",
		       pf->peer);
		break;
	case R1PW_NOT_HOLDER:
		syslog(LOG_INFO, "peer %s is dead; this node did not hold the resources, "
		       "Heartbeat fences it if it may hold them", pf->peer);
		break;
	case R1PW_NOTHING:
		break;
	}
}

static void on_shutdown_notice(struct ha_msg *msg, void *data)
{
	struct peer_fence *pf = data;
	const char *from = ha_msg_value(msg, F_ORIG);

	if (from != NULL && strcmp(from, pf->peer) == 0) {
		syslog(LOG_INFO, "peer %s sent its shutdown notice", pf->peer);
		r1pw_shutdown_notice(&pf->watch);
	}
}

static void start_reset(struct peer_fence *pf)
{
	pid_t pid = fork();

	if (pid < 0) {
		syslog(LOG_ERR, "resetting peer %s: fork: %s", pf->peer, strerror(errno));
		return;
	}
	if (pid == 0) {
		/* The words name the password file, never the password. */
		execlp("stonith", "stonith", "-t", "berofos", "-p", pf->words, "-T", "reset",
		       pf->peer, (char *)NULL);
		syslog(LOG_ERR, "resetting peer %s: cannot run stonith: %s", pf->peer,
		       strerror(errno));
		_exit(127);
	}
	pf->reset_pid = pid;
	pf->reset_started = time(NULL);
}

/* Reaps the reset when it has ended, or kills it past its limit. */
static void check_reset(struct peer_fence *pf)
{
	int status;
	pid_t done = waitpid(pf->reset_pid, &status, WNOHANG);

	if (done == 0) {
		if (time(NULL) - pf->reset_started > RESET_LIMIT_S) {
			syslog(LOG_ERR, "resetting peer %s: no answer in %d s, stopping it",
			       pf->peer, RESET_LIMIT_S);
			if (kill(pf->reset_pid, SIGKILL) != 0)
				syslog(LOG_ERR, "kill %ld: %s", (long)pf->reset_pid, strerror(errno));
		}
		return;
	}
	if (done < 0)
		syslog(LOG_ERR, "waiting for the reset of %s: %s", pf->peer, strerror(errno));
	else if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		syslog(LOG_INFO, "peer %s reset through its power relay", pf->peer);
	else
		syslog(LOG_ERR, "resetting peer %s failed (see the berofos plugin's log lines)",
		       pf->peer);
	pf->reset_pid = 0;
}

/* Reads what Heartbeat sent; false when the connection is gone. */
static bool read_messages(struct peer_fence *pf)
{
	ll_cluster_t *hb = pf->hb;

	/* rcvmsg runs the callbacks and disposes of every message. */
	while (hb->llc_ops->msgready(hb))
		if (hb->llc_ops->rcvmsg(hb, 0) <= 0)
			break;
	return hb->llc_ops->chan_is_connected(hb);
}

static int watch_peer(struct peer_fence *pf)
{
	struct pollfd in = { .fd = pf->hb->llc_ops->inputfd(pf->hb), .events = POLLIN };

	for (;;) {
		int ready = poll(&in, 1, pf->reset_pid != 0 ? 100 : IDLE_POLL_MS);

		if (ready < 0 && errno != EINTR) {
			syslog(LOG_ERR, "poll: %s", strerror(errno));
			return 1;
		}
		if (!read_messages(pf)) {
			syslog(LOG_NOTICE, "Heartbeat closed the connection");
			return 1;
		}
		if (ready == 0)
			r1pw_resources(&pf->watch, rsc_status(pf->hb));
		if (pf->reset_pid != 0)
			check_reset(pf);
		if (pf->reset_wanted && pf->reset_pid == 0) {
			pf->reset_wanted = false;
			start_reset(pf);
		}
	}
}

static int sign_on(struct peer_fence *pf)
{
	ll_cluster_t *hb = ll_cluster_new("heartbeat");

	if (hb == NULL) {
		syslog(LOG_ERR, "cannot create a Heartbeat API client");
		return -1;
	}
	pf->hb = hb;
	/* A casual client (no registered name), as cl_status is. */
	if (hb->llc_ops->signon(hb, NULL) != HA_OK) {
		syslog(LOG_ERR, "cannot sign on to Heartbeat: %s", hb->llc_ops->errmsg(hb));
		return -1;
	}
	if (hb->llc_ops->set_nstatus_callback(hb, on_peer_status, pf) != HA_OK ||
	    hb->llc_ops->set_msg_callback(hb, T_SHUTDONE, on_shutdown_notice, pf) != HA_OK) {
		syslog(LOG_ERR, "cannot register with Heartbeat: %s", hb->llc_ops->errmsg(hb));
		return -1;
	}
	return 0;
}

int main(void)
{
	static struct peer_fence pf;
	const char *ha_cf = getenv("HA_CF");

	openlog("r1-peer-fence", LOG_PID, LOG_DAEMON);
	if (ha_cf == NULL || ha_cf[0] == '\0')
		ha_cf = "/etc/ha.d/ha.cf";
	if (read_stonith_words(ha_cf, pf.words, sizeof(pf.words)) != 0) {
		syslog(LOG_NOTICE, "%s has no \"stonith_host * berofos\" line: nothing to do", ha_cf);
		return EXIT_NO_RESPAWN;
	}
	if (sign_on(&pf) != 0)
		return 1;
	if (find_peer(pf.hb, pf.peer, sizeof(pf.peer)) != 0) {
		syslog(LOG_NOTICE, "Heartbeat knows no peer node: nothing to do");
		return EXIT_NO_RESPAWN;
	}
	r1pw_init(&pf.watch, pf.hb->llc_ops->node_status(pf.hb, pf.peer), rsc_status(pf.hb));
	syslog(LOG_INFO, "watching peer %s (%s); this node's resources: %s", pf.peer,
	       pf.watch.peer_dead ? "dead" : "alive", rsc_status(pf.hb));
	return watch_peer(&pf);
}

/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fos-kickd: feeds one berofos watchdog by GBL4 kicks at a fixed interval.
 * It decides nothing: whoever starts it (the linesw agent, on the master)
 * stops it with SIGTERM, and then it exits WITHOUT a last kick, so the
 * switch's own countdown is what moves the lines when a master dies.
 * With --alive-file it also stops kicking, and exits with status 3, once
 * the local cluster stack has not proved alive for --alive-timeout: a
 * master whose stack hangs then loses the lines to the switch's watchdog
 * even when fencing it fails (fos_alive.h). */
#include "config.h"

#include "berofos/berofos.h"
#include "berofos/fos_alive.h"
#include "common/number.h"
#include "common/url.h"

#include <qb/qblog.h>
#include <systemd/sd-daemon.h>

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#define DEFAULT_INTERVAL_MS 5000     /* integrators: 5 s kicks for wintv 60 */
#define DEFAULT_TOLERANCE_MS 50
#define DEFAULT_PRIORITY 50
#define EVENT_RING 256               /* kicks between two reporter passes, and more */
#define REPORT_PERIOD_MS 100         /* the reporter's pass: log and jitter lines */
#define STATUS_PERIOD_MS 1000        /* how often the status file is rewritten */
#define REPORTER_JOIN_MS 1000        /* how long a stop waits for a blocked reporter */
#define DEFAULT_ALIVE_TIMEOUT_MS 5000
#define EXIT_STACK_DEAD 3            /* not restarted by the unit (Restart=on-abnormal) */

struct kickd {
	struct fos_switch_conf sw;
	long interval_ms, tolerance_ms, alive_timeout_ms;
	int priority;
	const char *pidfile, *jitter_file, *status_option, *alive_file;
	char status_file[512];
	bool to_stderr;
};

/* What the kick thread tells the reporter: one event per kick.  The kick
 * thread only stores into memory (a single-producer ring and atomic
 * counters); logging and files are the reporter's, at normal priority, so
 * nothing that can block sits between two kicks. */
struct kick_event {
	long long wall_ms;
	long long late_us;
	unsigned long kick_no;
	bool failed;
	char message[160];
};

struct shared {
	struct kick_event ring[EVENT_RING];
	atomic_uint head;                /* next slot the kick thread writes */
	atomic_uint tail;                /* next slot the reporter reads */
	atomic_ulong kicks, acks, unacked, late, failed, lost_events;
	atomic_llong last_ack_ms;
	atomic_bool done;                /* the kick loop has ended */
	atomic_bool halted;              /* the stack proved no life: no more kicks */
	long long started_ms;
	const struct kickd *k;
	FILE *jitter;
};

static volatile sig_atomic_t stop_requested;
static bool reporter_stuck;          /* it still runs: leave its files alone */

static void on_signal(int sig)
{
	(void)sig;
	stop_requested = 1;
}

static void add_ms(struct timespec *ts, long ms)
{
	ts->tv_sec += ms / 1000;
	ts->tv_nsec += (ms % 1000) * 1000000L;
	if (ts->tv_nsec >= 1000000000L) {
		ts->tv_sec++;
		ts->tv_nsec -= 1000000000L;
	}
}

static long long diff_us(const struct timespec *a, const struct timespec *b)
{
	return (a->tv_sec - b->tv_sec) * 1000000LL + (a->tv_nsec - b->tv_nsec) / 1000;
}

static void usage(FILE *to)
{
	fputs("usage: fos-kickd [options]\n"
	      "  -s, --switch NAME       section of the config file\n"
	      "  -f, --config FILE       default " FOS_SWITCHCONF_FILE "\n"
	      "  -h, --host IP           switch address for the kicks\n"
	      "  -u, --udp-port N        GBL4 port (default 50123)\n"
	      "  -m, --mac MAC           switch MAC\n"
	      "  -i, --interval MS       kick period (default 5000; keep well under wintv)\n"
	      "  -T, --tolerance MS      lateness logged as a missed deadline (default 50)\n"
	      "  -r, --priority N        SCHED_FIFO priority (default 50; 0 = do not ask)\n"
	      "  -p, --pidfile FILE\n"
	      "  -J, --jitter-log FILE   append \"epoch_ms lateness_us\" for every kick\n"
	      "  -S, --status-file FILE  kicks and the switch's replies, once a second\n"
	      "                          (default: the pidfile's name with .status)\n"
	      "  -A, --alive-file FILE   stop kicking (exit 3) when FILE, touched by the\n"
	      "                          stack's liveness checker, grows older than\n"
	      "  -t, --alive-timeout MS  this (default 5000)\n"
	      "  -e, --stderr            also log to stderr\n", to);
}

static int parse_args(struct kickd *k, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "switch", required_argument, NULL, 's' }, { "config", required_argument, NULL, 'f' },
		{ "host", required_argument, NULL, 'h' }, { "udp-port", required_argument, NULL, 'u' },
		{ "mac", required_argument, NULL, 'm' }, { "interval", required_argument, NULL, 'i' },
		{ "tolerance", required_argument, NULL, 'T' }, { "priority", required_argument, NULL, 'r' },
		{ "pidfile", required_argument, NULL, 'p' }, { "jitter-log", required_argument, NULL, 'J' },
		{ "status-file", required_argument, NULL, 'S' },
		{ "alive-file", required_argument, NULL, 'A' },
		{ "alive-timeout", required_argument, NULL, 't' },
		{ "stderr", no_argument, NULL, 'e' }, { "help", no_argument, NULL, 256 },
		{ "version", no_argument, NULL, 257 },
		{ NULL, 0, NULL, 0 },
	};
	const char *name = NULL, *config = NULL, *host = NULL, *mac = NULL;
	long interval = 0, port = 0, value;
	char message[FOS_MSG_MAX];
	int c;

	while ((c = getopt_long(argc, argv, "s:f:h:u:m:i:T:r:p:J:S:A:t:e", longopts, NULL)) != -1) {
		switch (c) {
		case 's': name = optarg; break;
		case 'f': config = optarg; break;
		case 'h': host = optarg; break;
		case 'm': mac = optarg; break;
		case 'u': if (ws_parse_long(optarg, 10, 1, 65535, &port) != 0) goto bad; break;
		case 'i': if (ws_parse_long(optarg, 10, 10, 3600000, &interval) != 0) goto bad; break;
		case 'T': if (ws_parse_long(optarg, 10, 1, 3600000, &k->tolerance_ms) != 0) goto bad; break;
		case 'r':
			if (ws_parse_long(optarg, 10, 0, 99, &value) != 0) goto bad;
			k->priority = (int)value;
			break;
		case 'p': k->pidfile = optarg; break;
		case 'J': k->jitter_file = optarg; break;
		case 'S': k->status_option = optarg; break;
		case 'A': k->alive_file = optarg; break;
		case 't': if (ws_parse_long(optarg, 10, 100, 3600000, &k->alive_timeout_ms) != 0) goto bad; break;
		case 'e': k->to_stderr = true; break;
		case 256: usage(stdout); exit(0);
		case 257: puts("fos-kickd (" PACKAGE_NAME ") " PACKAGE_VERSION); exit(0);
		default: usage(stderr); return -1;
		}
		continue;
bad:
		fprintf(stderr, "fos-kickd: bad value for -%c: %s\n", c, optarg);
		return -1;
	}
	if (optind != argc) {
		fprintf(stderr, "fos-kickd: unexpected argument %s\n", argv[optind]);
		return -1;
	}
	if (name != NULL || config != NULL) {
		if (fos_switch_conf_load(config ? config : FOS_SWITCHCONF_FILE, name ? name : "default",
					 &k->sw, message, sizeof(message)) != FOS_OK) {
			fprintf(stderr, "fos-kickd: %s\n", message);
			return -1;
		}
		if (k->sw.kick_interval_ms > 0)
			k->interval_ms = k->sw.kick_interval_ms;
	}
	if (host != NULL)
		snprintf(k->sw.udp_addr, sizeof(k->sw.udp_addr), "%s", host);
	if (k->sw.udp_addr[0] == '\0' && k->sw.url[0] != '\0') {
		uint16_t http_port;

		if (ws_url_host_port(k->sw.url, k->sw.udp_addr, sizeof(k->sw.udp_addr), &http_port) != 0) {
			fprintf(stderr, "fos-kickd: url %s is not http://HOST[:PORT]\n", k->sw.url);
			return -1;
		}
	}
	if (mac != NULL)
		snprintf(k->sw.mac, sizeof(k->sw.mac), "%s", mac);
	if (port != 0)
		k->sw.udp_port = (uint16_t)port;
	if (interval != 0)
		k->interval_ms = interval;
	if (k->sw.udp_addr[0] == '\0' || k->sw.mac[0] == '\0') {
		fprintf(stderr, "fos-kickd: give the switch with --switch or --host and --mac\n");
		return -1;
	}
	if (k->status_option != NULL)
		snprintf(k->status_file, sizeof(k->status_file), "%s", k->status_option);
	else if (k->pidfile != NULL) {
		size_t len = strlen(k->pidfile);

		if (len > 4 && strcmp(k->pidfile + len - 4, ".pid") == 0)
			len -= 4;
		snprintf(k->status_file, sizeof(k->status_file), "%.*s.status", (int)len, k->pidfile);
	}
	return 0;
}

/*
 * Two feeders of one switch would hide a dead one: the pidfile is locked for
 * the daemon's whole life, and a second instance on the same file refuses to
 * start.  Returns the open, locked descriptor, -1 on error, -2 when another
 * process holds the lock.
 */
static int lock_pidfile(const char *path)
{
	char text[32];
	int len = snprintf(text, sizeof(text), "%ld\n", (long)getpid());
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);

	if (fd < 0)
		return -1;
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		int lock_errno = errno;

		close(fd);
		errno = lock_errno;
		return lock_errno == EWOULDBLOCK ? -2 : -1;
	}
	if (ftruncate(fd, 0) != 0 || write(fd, text, (size_t)len) != len) {
		close(fd);
		return -1;
	}
	return fd;
}

static void report_running_instance(const char *path)
{
	char holder[32] = "";
	FILE *f = fopen(path, "r");

	if (f != NULL) {
		if (fgets(holder, sizeof(holder), f) == NULL)
			holder[0] = '\0';
		fclose(f);
	}
	holder[strcspn(holder, "\n")] = '\0';
	qb_log(LOG_ERR, "another fos-kickd (PID %s) holds %s: not starting a second feeder",
	       holder[0] != '\0' ? holder : "unknown", path);
}

/* Logging as the cluster stack's daemons do it (libqb): syslog, and stderr on request. */
static void start_logging(bool to_stderr)
{
	qb_log_init("fos-kickd", LOG_DAEMON, LOG_INFO);
	if (!to_stderr)
		return;
	qb_log_filter_ctl(QB_LOG_STDERR, QB_LOG_FILTER_ADD, QB_LOG_FILTER_FILE, "*", LOG_INFO);
	qb_log_format_set(QB_LOG_STDERR, "%N[%P]: %p: %b");
	qb_log_ctl(QB_LOG_STDERR, QB_LOG_CONF_ENABLED, QB_TRUE);
}

/* A hardware watchdog feeder must not be paged out nor starved. */
static void go_realtime(const struct kickd *k)
{
	struct sched_param sp = { .sched_priority = k->priority };

	if (mlockall(MCL_CURRENT | MCL_FUTURE) != 0)
		qb_log(LOG_WARNING, "mlockall failed (%s): kicks may be delayed by paging", strerror(errno));
	if (k->priority > 0 && sched_setscheduler(0, SCHED_FIFO, &sp) != 0)
		qb_log(LOG_NOTICE, "SCHED_FIFO %d not allowed (%s): running with normal priority",
		       k->priority, strerror(errno));
}

static long long wall_ms(void)
{
	struct timespec wall;

	clock_gettime(CLOCK_REALTIME, &wall);
	return wall.tv_sec * 1000LL + wall.tv_nsec / 1000000;
}

/* Kick thread side: never waits; a full ring loses the event, counted. */
static void publish(struct shared *sh, const struct kick_event *ev)
{
	unsigned head = atomic_load_explicit(&sh->head, memory_order_relaxed);
	unsigned tail = atomic_load_explicit(&sh->tail, memory_order_acquire);

	if (head - tail >= EVENT_RING) {
		atomic_fetch_add_explicit(&sh->lost_events, 1, memory_order_relaxed);
		return;
	}
	sh->ring[head % EVENT_RING] = *ev;
	atomic_store_explicit(&sh->head, head + 1, memory_order_release);
}

/* Writes the status file through a temporary file and a rename, so that a
 * reader never sees half of it. */
static void write_status(struct shared *sh)
{
	const struct kickd *k = sh->k;
	struct fos_kick_status st = {
		.pid = (long)getpid(), .interval_ms = k->interval_ms, .updated_ms = wall_ms(),
		.kicks = atomic_load(&sh->kicks), .acks = atomic_load(&sh->acks),
		.unacked = atomic_load(&sh->unacked), .late = atomic_load(&sh->late),
		.failed = atomic_load(&sh->failed), .last_ack_ms = atomic_load(&sh->last_ack_ms),
	};
	char text[512], tmp[sizeof(k->status_file) + 8];
	size_t len;
	int fd;

	if (k->status_file[0] == '\0')
		return;
	snprintf(st.mac, sizeof(st.mac), "%s", k->sw.mac);
	len = fos_kick_status_format(&st, text, sizeof(text));
	snprintf(tmp, sizeof(tmp), "%s.tmp", k->status_file);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0644);
	if (fd < 0 || len >= sizeof(text) || write(fd, text, len) != (ssize_t)len) {
		static bool warned;

		if (!warned)
			qb_log(LOG_WARNING, "cannot write the status file %s: %s", tmp, strerror(errno));
		warned = true;
		if (fd >= 0) {
			close(fd);
			(void)unlink(tmp);
		}
		return;
	}
	if (close(fd) != 0 || rename(tmp, k->status_file) != 0)
		(void)unlink(tmp);
}

/* Reporter side: logs and jitter lines for every event published so far. */
static void report_events(struct shared *sh)
{
	unsigned tail = atomic_load_explicit(&sh->tail, memory_order_relaxed);
	unsigned head = atomic_load_explicit(&sh->head, memory_order_acquire);
	unsigned long lost = atomic_exchange(&sh->lost_events, 0);

	for (; tail != head; tail++) {
		const struct kick_event *ev = &sh->ring[tail % EVENT_RING];

		if (ev->failed)
			qb_log(LOG_ERR, "kick failed: %s", ev->message);
		if (sh->jitter != NULL)
			fprintf(sh->jitter, "%lld.%03lld %lld\n", ev->wall_ms / 1000, ev->wall_ms % 1000,
				ev->late_us);
		if (ev->late_us > sh->k->tolerance_ms * 1000LL)
			qb_log(LOG_WARNING, "missed deadline: kick %lu went out %lld ms late (tolerance %ld ms)",
			       ev->kick_no, ev->late_us / 1000, sh->k->tolerance_ms);
		atomic_store_explicit(&sh->tail, tail + 1, memory_order_release);
	}
	if (sh->jitter != NULL)
		fflush(sh->jitter);
	if (lost > 0)
		qb_log(LOG_WARNING, "%lu kick events not logged (the reporter fell behind)", lost);
}

/*
 * Under systemd (Type=notify) the unit is started once the switch has
 * acknowledged a kick, so that `systemctl start` returning means that the
 * watchdog is fed.  Set by main before the reporter exists, then by the
 * reporter only.
 */
static bool ready_sent;

static void notify_ready(const struct kickd *k)
{
	int rc;

	if (ready_sent)
		return;
	ready_sent = true;
	rc = sd_notifyf(0, "READY=1\nSTATUS=kicking %s every %ld ms", k->sw.mac, k->interval_ms);
	if (rc < 0)
		qb_log(LOG_WARNING, "cannot tell systemd that the feeder is ready: %s", strerror(-rc));
}

/* One kick that waits for the switch's answer, before the kick loop: READY=1
 * follows at once rather than with the loop's second kick, which is the
 * first to see an answer.  Unanswered, the reporter sends it on the first
 * acknowledged kick of the loop. */
static void confirm_first_kick(const struct kickd *k, const uint8_t mac[6])
{
	char message[FOS_MSG_MAX];
	long timeout_ms = k->sw.timeout_ms > 0 ? k->sw.timeout_ms : 1000;

	if (timeout_ms > k->interval_ms)
		timeout_ms = k->interval_ms;
	if (fos_gbl4_kick(k->sw.udp_addr, k->sw.udp_port, mac, timeout_ms, message,
			  sizeof(message)) == FOS_OK)
		notify_ready(k);
	else
		qb_log(LOG_WARNING, "the switch did not acknowledge the first kick (%s): "
		       "ready once it acknowledges one", message);
}

/* Reporter side, once a second: the stack's last proof of life.  A file
 * that cannot be read counts as a missing one: no proof. */
static void check_alive(struct shared *sh)
{
	const struct kickd *k = sh->k;
	struct stat st;
	bool seen = stat(k->alive_file, &st) == 0;
	long long touched = seen ? st.st_mtim.tv_sec * 1000LL + st.st_mtim.tv_nsec / 1000000 : 0;
	long long since = fos_alive_since_ms(seen, touched, sh->started_ms);

	if (!fos_alive_expired(wall_ms(), since, k->alive_timeout_ms) || atomic_load(&sh->halted))
		return;
	atomic_store(&sh->halted, true);
	qb_log(LOG_CRIT, "the local cluster stack has not proved alive for %ld ms (%s %s): "
	       "stopping the kicks, the switch's watchdog moves the lines; linesw's start resumes them",
	       k->alive_timeout_ms, k->alive_file, seen ? "not touched since" : "missing since the start");
	(void)sd_notifyf(0, "STATUS=stopped kicking: the local cluster stack is not alive");
}

static void *reporter(void *arg)
{
	struct shared *sh = arg;
	struct timespec pause = { 0, REPORT_PERIOD_MS * 1000000L };
	long since_status = STATUS_PERIOD_MS;

	while (!atomic_load(&sh->done)) {
		report_events(sh);
		if (!ready_sent && atomic_load(&sh->acks) > 0)
			notify_ready(sh->k);
		if (since_status >= STATUS_PERIOD_MS) {
			write_status(sh);
			if (sh->k->alive_file != NULL)
				check_alive(sh);
			since_status = 0;
		}
		nanosleep(&pause, NULL);
		since_status += REPORT_PERIOD_MS;
	}
	report_events(sh);
	return NULL;
}

/* The kick loop: sleep to the next deadline, kick, read the replies that
 * came in since the last kick (non-blocking), publish; nothing else. */
static void kick_loop(struct shared *sh, struct fos_kicker *kicker)
{
	const struct kickd *k = sh->k;
	struct timespec next, now;

	clock_gettime(CLOCK_MONOTONIC, &next);
	while (!stop_requested && !atomic_load(&sh->halted)) {
		struct kick_event ev = { .failed = false };
		unsigned long kicks;
		unsigned acks;
		int rc = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &next, NULL);

		if (rc == EINTR || stop_requested || atomic_load(&sh->halted))
			continue;              /* re-check: a stop request means no further kick */
		if (fos_kicker_kick(kicker, ev.message, sizeof(ev.message)) != FOS_OK) {
			ev.failed = true;
			atomic_fetch_add(&sh->failed, 1);
		}
		clock_gettime(CLOCK_MONOTONIC, &now);
		ev.late_us = diff_us(&now, &next);
		ev.wall_ms = wall_ms();
		kicks = atomic_fetch_add(&sh->kicks, 1) + 1;
		ev.kick_no = kicks;
		/* Replies seen now answer the earlier kicks; this one's comes later. */
		acks = fos_kicker_drain(kicker);
		if (acks > 0) {
			atomic_fetch_add(&sh->acks, acks);
			atomic_store(&sh->unacked, 0);
			atomic_store(&sh->last_ack_ms, ev.wall_ms);
		} else if (kicks > 1)
			atomic_fetch_add(&sh->unacked, 1);
		if (ev.late_us > k->tolerance_ms * 1000LL)
			atomic_fetch_add(&sh->late, 1);
		publish(sh, &ev);
		add_ms(&next, k->interval_ms);
		if (diff_us(&now, &next) > 0) {
			/* More than a whole interval behind: restart the schedule from now
			 * instead of sending a burst of catch-up kicks. */
			next = now;
			add_ms(&next, k->interval_ms);
		}
	}
}

/* Starts the reporter (normal priority: created before go_realtime, and
 * deaf to the stop signals, which the kick thread must get), then kicks. */
static int run(struct kickd *k, struct fos_kicker *kicker, FILE *jitter)
{
	static struct shared sh;
	sigset_t stop_signals, old;
	pthread_t thread;
	int rc;

	sh.k = k;
	sh.jitter = jitter;
	sh.started_ms = wall_ms();
	sigemptyset(&stop_signals);
	sigaddset(&stop_signals, SIGTERM);
	sigaddset(&stop_signals, SIGINT);
	sigaddset(&stop_signals, SIGHUP);
	if (pthread_sigmask(SIG_BLOCK, &stop_signals, &old) != 0)
		return 1;
	rc = pthread_create(&thread, NULL, reporter, &sh);
	if (pthread_sigmask(SIG_SETMASK, &old, NULL) != 0 || rc != 0) {
		qb_log(LOG_ERR, "cannot start the reporter thread: %s", strerror(rc != 0 ? rc : errno));
		if (rc == 0) {
			atomic_store(&sh.done, true);
			pthread_join(thread, NULL);
		}
		return 1;
	}
	go_realtime(k);
	qb_log(LOG_INFO, "kicking %s (%s port %u) every %ld ms", k->sw.mac, k->sw.udp_addr,
	       (unsigned)k->sw.udp_port, k->interval_ms);
	kick_loop(&sh, kicker);
	atomic_store(&sh.done, true);
	{
		/* A reporter blocked on its jitter log or syslog must not keep a
		 * stopped feeder alive. */
		struct timespec until;

		clock_gettime(CLOCK_REALTIME, &until);
		add_ms(&until, REPORTER_JOIN_MS + REPORT_PERIOD_MS);
		if (pthread_timedjoin_np(thread, NULL, &until) != 0) {
			reporter_stuck = true;
			qb_log(LOG_WARNING, "the reporter thread is blocked (jitter log or syslog); "
			       "stopping without it");
		}
	}
	if (k->status_file[0] != '\0')
		(void)unlink(k->status_file);
	qb_log(LOG_INFO, "stopping %s without a final kick: %lu kicks, %lu acknowledged, "
	       "%lu late, %lu failed", atomic_load(&sh.halted) ? "(the stack is not alive)" : "on request",
	       atomic_load(&sh.kicks), atomic_load(&sh.acks), atomic_load(&sh.late), atomic_load(&sh.failed));
	return atomic_load(&sh.halted) ? EXIT_STACK_DEAD : 0;
}

int main(int argc, char **argv)
{
	static struct kickd k = {
		.interval_ms = DEFAULT_INTERVAL_MS, .tolerance_ms = DEFAULT_TOLERANCE_MS,
		.priority = DEFAULT_PRIORITY, .alive_timeout_ms = DEFAULT_ALIVE_TIMEOUT_MS,
	};
	struct sigaction sa = { .sa_handler = on_signal };
	struct fos_kicker *kicker;
	char message[FOS_MSG_MAX];
	uint8_t mac[6];
	FILE *jitter = NULL;
	int pid_fd = -1;
	int rc;

	k.sw.udp_port = FOS_GBL4_PORT;
	if (parse_args(&k, argc, argv) != 0)
		return 2;
	if (fos_mac_parse(k.sw.mac, mac) != 0) {
		fprintf(stderr, "fos-kickd: %s is not a MAC address\n", k.sw.mac);
		return 2;
	}
	start_logging(k.to_stderr);
	if (sigaction(SIGTERM, &sa, NULL) != 0 || sigaction(SIGINT, &sa, NULL) != 0 ||
	    sigaction(SIGHUP, &sa, NULL) != 0) {
		qb_log(LOG_ERR, "cannot install signal handlers: %s", strerror(errno));
		return 1;
	}
	/* A jitter log on a pipe whose reader went away must not kill the
	 * feeder: the write fails instead. */
	sa.sa_handler = SIG_IGN;
	if (sigaction(SIGPIPE, &sa, NULL) != 0) {
		qb_log(LOG_ERR, "cannot ignore SIGPIPE: %s", strerror(errno));
		return 1;
	}
	if (fos_kicker_open(&kicker, k.sw.udp_addr, k.sw.udp_port, mac, message, sizeof(message)) != FOS_OK) {
		qb_log(LOG_ERR, "%s", message);
		return 1;
	}
	if (k.jitter_file != NULL && (jitter = fopen(k.jitter_file, "a")) == NULL) {
		qb_log(LOG_ERR, "%s: %s", k.jitter_file, strerror(errno));
		fos_kicker_close(kicker);
		return 1;
	}
	if (k.pidfile != NULL && (pid_fd = lock_pidfile(k.pidfile)) < 0) {
		if (pid_fd == -2)
			report_running_instance(k.pidfile);
		else
			qb_log(LOG_ERR, "cannot write pidfile %s: %s", k.pidfile, strerror(errno));
		fos_kicker_close(kicker);
		if (jitter != NULL)
			fclose(jitter);
		return 1;
	}
	if (getenv("NOTIFY_SOCKET") != NULL)
		confirm_first_kick(&k, mac);
	rc = run(&k, kicker, jitter);
	fos_kicker_close(kicker);
	if (jitter != NULL && !reporter_stuck)
		fclose(jitter);
	if (pid_fd >= 0) {
		(void)unlink(k.pidfile);
		close(pid_fd);
	}
	qb_log_fini();
	if (reporter_stuck)
		_exit(rc);                     /* exit() would wait for the jitter log's lock */
	return rc;
}

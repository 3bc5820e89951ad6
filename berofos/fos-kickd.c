/* fos-kickd: feeds one berofos watchdog by GBL4 kicks at a fixed interval.
 * It decides nothing: whoever starts it (the linesw agent, on the master)
 * stops it with SIGTERM, and then it exits WITHOUT a last kick, so the
 * switch's own countdown is what moves the lines when a master dies. */
#include "berofos/berofos.h"

#include <qb/qblog.h>

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#define DEFAULT_INTERVAL_MS 5000     /* integrators: 5 s kicks for wintv 60 */
#define DEFAULT_TOLERANCE_MS 50
#define DEFAULT_PRIORITY 50

struct kickd {
	struct fos_switch_conf sw;
	long interval_ms, tolerance_ms;
	int priority;
	const char *pidfile, *jitter_file;
	bool to_stderr;
};

static volatile sig_atomic_t stop_requested;

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
	      "  -f, --config FILE       default " FOS_CONFIG_FILE "\n"
	      "  -h, --host IP           switch address for the kicks\n"
	      "  -u, --udp-port N        GBL4 port (default 50123)\n"
	      "  -m, --mac MAC           switch MAC\n"
	      "  -i, --interval MS       kick period (default 5000; keep well under wintv)\n"
	      "  -T, --tolerance MS      lateness logged as a missed deadline (default 50)\n"
	      "  -r, --priority N        SCHED_FIFO priority (default 50; 0 = do not ask)\n"
	      "  -p, --pidfile FILE\n"
	      "  -J, --jitter-log FILE   append \"epoch_ms lateness_us\" for every kick\n"
	      "  -e, --stderr            also log to stderr\n", to);
}

static int parse_long(const char *text, long min, long max, long *out)
{
	char *end;

	errno = 0;
	*out = strtol(text, &end, 10);
	return *text == '\0' || *end != '\0' || errno != 0 || *out < min || *out > max ? -1 : 0;
}

static int parse_args(struct kickd *k, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "switch", required_argument, NULL, 's' }, { "config", required_argument, NULL, 'f' },
		{ "host", required_argument, NULL, 'h' }, { "udp-port", required_argument, NULL, 'u' },
		{ "mac", required_argument, NULL, 'm' }, { "interval", required_argument, NULL, 'i' },
		{ "tolerance", required_argument, NULL, 'T' }, { "priority", required_argument, NULL, 'r' },
		{ "pidfile", required_argument, NULL, 'p' }, { "jitter-log", required_argument, NULL, 'J' },
		{ "stderr", no_argument, NULL, 'e' }, { "help", no_argument, NULL, 256 },
		{ NULL, 0, NULL, 0 },
	};
	const char *name = NULL, *config = NULL, *host = NULL, *mac = NULL;
	long interval = 0, port = 0, value;
	char message[FOS_MSG_MAX];
	int c;

	while ((c = getopt_long(argc, argv, "s:f:h:u:m:i:T:r:p:J:e", longopts, NULL)) != -1) {
		switch (c) {
		case 's': name = optarg; break;
		case 'f': config = optarg; break;
		case 'h': host = optarg; break;
		case 'm': mac = optarg; break;
		case 'u': if (parse_long(optarg, 1, 65535, &port) != 0) goto bad; break;
		case 'i': if (parse_long(optarg, 10, 3600000, &interval) != 0) goto bad; break;
		case 'T': if (parse_long(optarg, 1, 3600000, &k->tolerance_ms) != 0) goto bad; break;
		case 'r':
			if (parse_long(optarg, 0, 99, &value) != 0) goto bad;
			k->priority = (int)value;
			break;
		case 'p': k->pidfile = optarg; break;
		case 'J': k->jitter_file = optarg; break;
		case 'e': k->to_stderr = true; break;
		case 256: usage(stdout); exit(0);
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
		if (fos_switch_conf_load(config ? config : FOS_CONFIG_FILE, name ? name : "default",
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
		const char *h = k->sw.url + strlen("http://");

		snprintf(k->sw.udp_addr, sizeof(k->sw.udp_addr), "%.*s", (int)strcspn(h, ":/"), h);
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

static int run(struct kickd *k, struct fos_kicker *kicker, FILE *jitter)
{
	struct timespec next, now;
	char message[FOS_MSG_MAX];
	unsigned long kicks = 0, missed = 0, failed = 0;

	clock_gettime(CLOCK_MONOTONIC, &next);
	while (!stop_requested) {
		long long late_us;
		int rc = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &next, NULL);

		if (rc == EINTR || stop_requested)
			continue;              /* re-check: a stop request means no further kick */
		if (fos_kicker_kick(kicker, message, sizeof(message)) != FOS_OK) {
			failed++;
			qb_log(LOG_ERR, "kick failed: %s", message);
		}
		kicks++;
		clock_gettime(CLOCK_MONOTONIC, &now);
		late_us = diff_us(&now, &next);
		if (jitter != NULL) {
			struct timespec wall;

			clock_gettime(CLOCK_REALTIME, &wall);
			fprintf(jitter, "%lld.%03ld %lld\n", (long long)wall.tv_sec,
				wall.tv_nsec / 1000000, late_us);
			fflush(jitter);
		}
		if (late_us > k->tolerance_ms * 1000LL) {
			missed++;
			qb_log(LOG_WARNING, "missed deadline: kick %lu went out %lld ms late (tolerance %ld ms)",
			       kicks, late_us / 1000, k->tolerance_ms);
		}
		add_ms(&next, k->interval_ms);
		if (diff_us(&now, &next) > 0) {
			/* More than a whole interval behind: restart the schedule from now
			 * instead of sending a burst of catch-up kicks. */
			next = now;
			add_ms(&next, k->interval_ms);
		}
	}
	qb_log(LOG_INFO, "stopping on request without a final kick: %lu kicks, %lu late, %lu failed",
	       kicks, missed, failed);
	return 0;
}

int main(int argc, char **argv)
{
	static struct kickd k = {
		.interval_ms = DEFAULT_INTERVAL_MS, .tolerance_ms = DEFAULT_TOLERANCE_MS,
		.priority = DEFAULT_PRIORITY,
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
	go_realtime(&k);
	qb_log(LOG_INFO, "kicking %s (%s port %u) every %ld ms", k.sw.mac, k.sw.udp_addr,
	       (unsigned)k.sw.udp_port, k.interval_ms);
	rc = run(&k, kicker, jitter);
	fos_kicker_close(kicker);
	if (jitter != NULL)
		fclose(jitter);
	if (pid_fd >= 0) {
		(void)unlink(k.pidfile);
		close(pid_fd);
	}
	qb_log_fini();
	return rc;
}

/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fosemu: a berofos on loopback for tests and the demo.  HTTP (config.txt,
 * set requests, Basic auth) and GBL4 over UDP.  This file holds the options,
 * the set-up and the poll() loop; the device model is in emu_state.c, the
 * request parser in emu_http.c, the servers in emu_serve_http.c and
 * emu_serve_udp.c, persistence in emu_persist.c, the event log in
 * emu_log.c. */
#include "config.h"

#include "berofos/emu_io.h"
#include "berofos/emu_log.h"
#include "common/clock.h"
#include "common/number.h"
#include "berofos/emu_state.h"
#include "berofos/fos_gbl4.h"
#include "berofos/berofos.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define TICK_MS 20               /* watchdog resolution */

static volatile sig_atomic_t stop_requested;
/* A fault switched at run time: SIGUSR1 stalls HTTP (as --stall-http),
 * SIGUSR2 serves it again; 0 = no change asked, 1 = stall, 2 = serve. */
static volatile sig_atomic_t http_fault_asked;

static void on_signal(int sig)
{
	(void)sig;
	stop_requested = 1;
}

static void on_fault_signal(int sig)
{
	http_fault_asked = sig == SIGUSR1 ? 1 : 2;
}

/* The main loop's side: applies a fault switch and logs it. */
static void apply_fault_signal(struct emu *e)
{
	sig_atomic_t asked = http_fault_asked;

	if (asked == 0)
		return;
	http_fault_asked = 0;
	e->stall_http = asked == 1;
	emu_log(e, "fault: http %s (signal)", e->stall_http ? "stalled" : "served again");
}

static int bind_socket(struct emu *e, int type, uint16_t *port)
{
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons(*port) };
	socklen_t sa_len = sizeof(sa);
	int on = 1;
	int fd;

	if (inet_pton(AF_INET, e->address, &sa.sin_addr) != 1) {
		fprintf(stderr, "fosemu: %s is not an IPv4 address\n", e->address);
		return -1;
	}
	fd = socket(AF_INET, type | SOCK_CLOEXEC, 0);
	if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on)) != 0 ||
	    bind(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0 ||
	    (type == SOCK_STREAM && listen(fd, 16) != 0) ||
	    getsockname(fd, (struct sockaddr *)&sa, &sa_len) != 0) {
		fprintf(stderr, "fosemu: %s %s port %u: %s\n", type == SOCK_STREAM ? "HTTP" : "UDP",
			e->address, (unsigned)*port, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	*port = ntohs(sa.sin_port);
	return fd;
}

static int write_small_file(const char *path, const char *text)
{
	char tmp[4096];
	FILE *out;
	bool written;

	if ((size_t)snprintf(tmp, sizeof(tmp), "%s.tmp", path) >= sizeof(tmp))
		return -1;
	out = fopen(tmp, "w");
	if (out == NULL)
		return -1;
	written = fputs(text, out) != EOF;
	if (fclose(out) != 0)
		written = false;
	if (!written || rename(tmp, path) != 0) {
		(void)unlink(tmp);
		return -1;
	}
	return 0;
}

static void usage(FILE *to)
{
	fputs("usage: fosemu [options]\n"
	      "  -a, --address IP        address for HTTP and UDP (default 127.0.0.1)\n"
	      "  -p, --http-port N       HTTP port (default 80; 0 picks a free one)\n"
	      "  -u, --udp-port N        GBL4 port (default 50123; 0 picks a free one)\n"
	      "  -P, --ports-file FILE   write http_port= and udp_port= once listening\n"
	      "  -s, --state FILE        persistent device state (mode 0600)\n"
	      "  -l, --log FILE          event log (default stderr)\n"
	      "  -m, --mac MAC           device MAC (default 00:19:32:00:00:01)\n"
	      "  -H, --hook CMD          run CMD PORT on|off when a power relay changes\n"
	      "  -w, --password-file F   start with this admin password and pwd=1\n"
	      "      --pidfile FILE\n"
	      "  guesses of the protocol page, the other side:\n"
	      "      --no-latch          a kick recovers a failed watchdog\n"
	      "      --any-user          accept any user name with the right password\n"
	      "      --open-config       config.txt readable without a password\n"
	      "      --answer-any-mac    obey GBL4 commands carrying another MAC\n"
	      "      --no-final-lf       config.txt without LF after the last line\n"
	      "      --checked-bools     config.txt booleans as \"checked\" or empty\n"
	      "      --set-body html|text|empty   body of a set reply (default html)\n"
	      "      --bypass-bc-joined  bypass mode 0 joins B-C (default open)\n"
	      "  faults:\n"
	      "      --stuck KEY         writes to mode, power1 or power2 are ignored\n"
	      "      --stall-http        accept HTTP connections and never answer\n"
	      "                          (SIGUSR1 starts that at run time, SIGUSR2 ends it)\n"
	      "      --drop-request PARAM  a set request naming PARAM is lost (never applied)\n"
	      "      --drop-reply PARAM  a set request naming PARAM is applied, its reply lost\n"
	      "      --bad-value KEY=TEXT  config.txt shows TEXT for KEY, whatever its state\n"
	      "      --no-kick-reply     take kicks without answering them\n"
	      "      --fw133-group-bug   a set of cmd 1-3 clears the group's other booleans\n"
	      "      --flash-mode        as if booted into flash mode: SET_NETCONF works\n", to);
}

enum { OPT_PIDFILE = 256, OPT_NO_LATCH, OPT_ANY_USER, OPT_OPEN_CONFIG, OPT_ANY_MAC,
       OPT_NO_FINAL_LF, OPT_CHECKED, OPT_SET_BODY, OPT_BYPASS_BC, OPT_STUCK, OPT_STALL, OPT_GROUP_BUG,
       OPT_FLASH, OPT_DROP_REQUEST, OPT_DROP_REPLY, OPT_BAD_VALUE, OPT_NO_KICK_REPLY, OPT_VERSION };

static int parse_port(const char *text, uint16_t *port)
{
	long v;

	if (ws_parse_long(text, 10, 0, 65535, &v) != 0)
		return -1;
	*port = (uint16_t)v;
	return 0;
}

static int parse_args(struct emu *e, struct emu_options *opt, int argc, char **argv,
		      const char **password_file)
{
	static const struct option longopts[] = {
		{ "address", required_argument, NULL, 'a' },
		{ "http-port", required_argument, NULL, 'p' },
		{ "udp-port", required_argument, NULL, 'u' },
		{ "ports-file", required_argument, NULL, 'P' },
		{ "state", required_argument, NULL, 's' },
		{ "log", required_argument, NULL, 'l' },
		{ "mac", required_argument, NULL, 'm' },
		{ "hook", required_argument, NULL, 'H' },
		{ "password-file", required_argument, NULL, 'w' },
		{ "pidfile", required_argument, NULL, OPT_PIDFILE },
		{ "no-latch", no_argument, NULL, OPT_NO_LATCH },
		{ "any-user", no_argument, NULL, OPT_ANY_USER },
		{ "open-config", no_argument, NULL, OPT_OPEN_CONFIG },
		{ "answer-any-mac", no_argument, NULL, OPT_ANY_MAC },
		{ "no-final-lf", no_argument, NULL, OPT_NO_FINAL_LF },
		{ "checked-bools", no_argument, NULL, OPT_CHECKED },
		{ "set-body", required_argument, NULL, OPT_SET_BODY },
		{ "bypass-bc-joined", no_argument, NULL, OPT_BYPASS_BC },
		{ "stuck", required_argument, NULL, OPT_STUCK },
		{ "stall-http", no_argument, NULL, OPT_STALL },
		{ "drop-request", required_argument, NULL, OPT_DROP_REQUEST },
		{ "drop-reply", required_argument, NULL, OPT_DROP_REPLY },
		{ "bad-value", required_argument, NULL, OPT_BAD_VALUE },
		{ "no-kick-reply", no_argument, NULL, OPT_NO_KICK_REPLY },
		{ "fw133-group-bug", no_argument, NULL, OPT_GROUP_BUG },
		{ "flash-mode", no_argument, NULL, OPT_FLASH },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ NULL, 0, NULL, 0 },
	};
	int c, k;

	while ((c = getopt_long(argc, argv, "a:p:u:P:s:l:m:H:w:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'a': e->address = optarg; break;
		case 'p': if (parse_port(optarg, &e->http_port) != 0) goto bad; break;
		case 'u': if (parse_port(optarg, &e->udp_port) != 0) goto bad; break;
		case 'P': e->ports_file = optarg; break;
		case 's': e->state_file = optarg; break;
		case 'l': e->log_file = optarg; break;
		case 'm': if (fos_mac_parse(optarg, e->mac) != 0) goto bad; break;
		case 'H': e->hook = optarg; break;
		case 'w': *password_file = optarg; break;
		case OPT_PIDFILE: e->pidfile = optarg; break;
		case OPT_NO_LATCH: opt->latch = false; break;
		case OPT_ANY_USER: e->check_user = false; break;
		case OPT_OPEN_CONFIG: e->config_needs_auth = false; break;
		case OPT_ANY_MAC: e->any_mac = true; break;
		case OPT_NO_FINAL_LF: e->final_lf = false; break;
		case OPT_CHECKED: e->checked_bools = true; break;
		case OPT_SET_BODY:
			if (strcmp(optarg, "html") == 0) e->set_body = BODY_HTML;
			else if (strcmp(optarg, "text") == 0) e->set_body = BODY_TEXT;
			else if (strcmp(optarg, "empty") == 0) e->set_body = BODY_EMPTY;
			else goto bad;
			break;
		case OPT_BYPASS_BC: opt->bypass_bc_joined = true; break;
		case OPT_STUCK:
			k = fos_key_lookup(optarg);
			if (k != FOS_K_MODE && k != FOS_K_P0 && k != FOS_K_P1) goto bad;
			opt->stuck[k] = true;
			break;
		case OPT_STALL: e->stall_http = true; break;
		case OPT_DROP_REQUEST: e->drop_request = optarg; break;
		case OPT_DROP_REPLY: e->drop_reply = optarg; break;
		case OPT_NO_KICK_REPLY: e->no_kick_reply = true; break;
		case OPT_BAD_VALUE: {
			char *eq = strchr(optarg, '=');

			if (eq == NULL || strchr(eq, '\n') != NULL)
				goto bad;
			*eq = '\0';
			k = fos_key_lookup(optarg);
			*eq = '=';
			if (k < 0)
				goto bad;
			e->bad_key = fos_key_info((enum fos_key)k)->read_key;
			e->bad_value = eq + 1;
			break;
		}
		case OPT_GROUP_BUG: opt->group_bug = true; break;
		case OPT_FLASH: e->flash_mode = true; break;
		case 'h': usage(stdout); exit(0);
		case OPT_VERSION: puts("fosemu (" PACKAGE_NAME ") " PACKAGE_VERSION); exit(0);
		default: usage(stderr); return -1;
		}
		continue;
bad:
		fprintf(stderr, "fosemu: bad value for option -%c: %s\n", c < 256 ? c : '-', optarg);
		return -1;
	}
	if (optind != argc) {
		fprintf(stderr, "fosemu: unexpected argument %s\n", argv[optind]);
		return -1;
	}
	return 0;
}

static int setup(struct emu *e, const char *password_file)
{
	struct sigaction sa = { .sa_handler = on_signal };
	char text[128], msg[FOS_MSG_MAX];

	if (sigaction(SIGTERM, &sa, NULL) != 0 || sigaction(SIGINT, &sa, NULL) != 0)
		return -1;
	sa.sa_handler = on_fault_signal;
	if (sigaction(SIGUSR1, &sa, NULL) != 0 || sigaction(SIGUSR2, &sa, NULL) != 0)
		return -1;
	sa.sa_handler = SIG_IGN;
	if (sigaction(SIGPIPE, &sa, NULL) != 0)
		return -1;
	if (e->log_file != NULL) {
		e->log = fopen(e->log_file, "a");
		if (e->log == NULL) {
			fprintf(stderr, "fosemu: %s: %s\n", e->log_file, strerror(errno));
			return -1;
		}
	}
	if (e->state_file != NULL && emu_load_state(e) != 0) {
		fprintf(stderr, "fosemu: cannot load %s\n", e->state_file);
		return -1;
	}
	if (password_file != NULL) {
		if (fos_password_file_read(password_file, e->st.apwd, sizeof(e->st.apwd),
					   msg, sizeof(msg)) != FOS_OK) {
			fprintf(stderr, "fosemu: %s\n", msg);
			return -1;
		}
		e->st.cfg.v[FOS_K_PWD].num = 1;
		snprintf(e->st.cfg.v[FOS_K_PWD].str, sizeof(e->st.cfg.v[FOS_K_PWD].str), "1");
	}
	e->http_fd = bind_socket(e, SOCK_STREAM, &e->http_port);
	if (e->http_fd < 0)
		return -1;
	e->udp_fd = bind_socket(e, SOCK_DGRAM, &e->udp_port);
	if (e->udp_fd < 0)
		return -1;
	e->st.cfg.v[FOS_K_PORT].num = e->http_port;
	snprintf(e->st.cfg.v[FOS_K_PORT].str, sizeof(e->st.cfg.v[FOS_K_PORT].str), "%u",
		 (unsigned)e->http_port);
	if (e->pidfile != NULL) {
		snprintf(text, sizeof(text), "%ld\n", (long)getpid());
		if (write_small_file(e->pidfile, text) != 0) {
			fprintf(stderr, "fosemu: cannot write %s\n", e->pidfile);
			return -1;
		}
	}
	if (e->ports_file != NULL) {
		snprintf(text, sizeof(text), "http_port=%u\nudp_port=%u\n", (unsigned)e->http_port,
			 (unsigned)e->udp_port);
		if (write_small_file(e->ports_file, text) != 0) {
			fprintf(stderr, "fosemu: cannot write %s\n", e->ports_file);
			return -1;
		}
	}
	return 0;
}

static void run(struct emu *e)
{
	while (!stop_requested) {
		struct pollfd fds[2] = { { e->http_fd, POLLIN, 0 }, { e->udp_fd, POLLIN, 0 } };
		struct emu_events ev;
		int rc = poll(fds, 2, TICK_MS);

		if (rc < 0 && errno != EINTR) {
			emu_log(e, "error: poll: %s", strerror(errno));
			return;
		}
		while (waitpid(-1, NULL, WNOHANG) > 0)
			;                          /* reap finished hooks */
		apply_fault_signal(e);
		if (rc > 0 && (fds[1].revents & POLLIN))
			emu_serve_udp(e);
		if (rc > 0 && (fds[0].revents & POLLIN))
			emu_serve_http(e);
		emu_tick(&e->st, ws_mono_ms(), &ev);
		emu_report(e, &ev, "watchdog");
	}
}

int main(int argc, char **argv)
{
	static struct emu e = {
		.address = "127.0.0.1", .http_port = 80, .udp_port = FOS_GBL4_PORT,
		.mac = { 0x00, 0x19, 0x32, 0x00, 0x00, 0x01 },
		.check_user = true, .config_needs_auth = true, .final_lf = true,
		.http_fd = -1, .udp_fd = -1,
	};
	struct emu_options opt = { .latch = true };
	const char *password_file = NULL;
	int rc = 0;

	e.log = stderr;
	if (parse_args(&e, &opt, argc, argv, &password_file) != 0)
		return 2;
	emu_state_init(&e.st, &opt);
	if (setup(&e, password_file) != 0)
		rc = 1;
	else {
		emu_log(&e, "fosemu listening on %s http=%u udp=%u pid=%ld", e.address,
		      (unsigned)e.http_port, (unsigned)e.udp_port, (long)getpid());
		run(&e);
		emu_log(&e, "fosemu stopping");
		if (emu_save_state(&e) != 0)
			rc = 1;
	}
	for (int i = 0; i < e.stalled_count; i++)
		close(e.stalled[i]);
	if (e.http_fd >= 0)
		close(e.http_fd);
	if (e.udp_fd >= 0)
		close(e.udp_fd);
	if (e.pidfile != NULL && rc == 0)
		(void)unlink(e.pidfile);
	if (e.log != stderr)
		fclose(e.log);
	return rc;
}


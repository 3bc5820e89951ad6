/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fence_berofos: a fence agent with the fence-agents conventions (options
 * on stdin as key=value or on the command line, the usual actions, exit
 * codes and meta-data) that fences a node by switching off the berofos
 * power port feeding it.  Options: fence_opts.c; password_script:
 * fence_password.c; switch: berofos_fence.c. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <time.h>
#include <unistd.h>

#include "berofos/berofos.h"
#include "berofos/fos_error.h"
#include "common/sleep.h"
#include "stonith/berofos_fence.h"
#include "stonith/fence_opts.h"
#include "stonith/fence_password.h"
#include "stonith/reset.h"

/* fence-agents exit codes: 0 success (status: on), 1 failure, 2 status off. */
#define EXIT_FENCE_OK 0
#define EXIT_FENCE_FAIL 1
#define EXIT_FENCE_STATUS_OFF 2

#define TEXT_MAX 32768                  /* usage and meta-data are about 9 KiB */
#define MAX_LONGOPTS 64

_Static_assert(BFA_PASSWORD_MAX == FOS_PASSWORD_MAX, "fence_opts and libberofos disagree");

static bool quiet;
static int verbosity;
static FILE *debug_out;

static void say(const char *level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* stderr gets at most BFA_REASON_MAX characters a line (Pacemaker shows it
 * as the exit reason); the debug file gets the whole line. */
static void say(const char *level, const char *fmt, ...)
{
	char text[1024];
	int room = BFA_REASON_MAX - (int)strlen(level) - 2;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	if (debug_out != NULL) {
		fprintf(debug_out, "%ld %s: %s\n", (long)time(NULL), level, text);
		fflush(debug_out);
	}
	if (quiet)
		return;
	fprintf(stderr, "%s: %.*s\n", level, room, text);
}

#define INFO(...) do { if (verbosity > 0) say("INFO", __VA_ARGS__); } while (0)

/* Reads key=value lines from stdin, at most 100 lines. */
static int read_stdin(struct bfa_options *o)
{
	char line[BFA_SCRIPT_MAX + 64], err[BFP_ERR_MAX];
	int rc = 0;

	for (int n = 0; n < 100 && fgets(line, sizeof(line), stdin) != NULL; n++) {
		enum bfa_set_result r;

		line[strcspn(line, "\r\n")] = '\0';
		err[0] = '\0';
		r = bfa_set_line(o, line, err, sizeof(err));
		if (r == BFA_SET_ERROR) {
			say("ERROR", "%s", err);
			rc = -1;
			break;
		}
		if (r == BFA_SET_IGNORED && err[0] != '\0')
			say("WARNING", "%s", err);
	}
	explicit_bzero(line, sizeof(line));
	return rc;
}

static int read_argv(struct bfa_options *o, int argc, char **argv)
{
	struct option longopts[MAX_LONGOPTS];
	char shortopts[MAX_LONGOPTS * 2], err[BFP_ERR_MAX];
	int c;

	if (bfa_getopt_table(longopts, MAX_LONGOPTS, shortopts, sizeof(shortopts)) != 0) {
		say("ERROR", "internal: the option table does not fit");
		return -1;
	}
	opterr = 0;
	while ((c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		const struct bfa_opt *opt = bfa_getopt_row(c);

		if (opt == NULL) {
			const char *arg = argv[optind - 1];

			/* Name only: a mistyped --pasword=... must not print its value. */
			if (optopt != 0)
				say("ERROR", "unknown option or missing value: -%c (see -h)", optopt);
			else
				say("ERROR", "unknown option or missing value: %.*s (see -h)",
				    (int)strcspn(arg, "="), arg);
			return -1;
		}
		if (bfa_set(o, opt->name, opt->arg != NULL ? optarg : "1", BFA_FROM_ARGV,
			    err, sizeof(err)) != BFA_SET_OK) {
			say("ERROR", "%s", err);
			return -1;
		}
	}
	if (optind < argc) {
		say("ERROR", "unexpected argument '%.40s'", argv[optind]);
		return -1;
	}
	return 0;
}


static int print_text(long (*generate)(char *, size_t))
{
	static char text[TEXT_MAX];
	long len = generate(text, sizeof(text));

	if (len < 0) {
		say("ERROR", "internal: the text does not fit in %d bytes", TEXT_MAX);
		return EXIT_FENCE_FAIL;
	}
	if (fwrite(text, 1, (size_t)len, stdout) != (size_t)len || fflush(stdout) != 0)
		return EXIT_FENCE_FAIL;
	return EXIT_FENCE_OK;
}

/* The kind of failure first: stderr keeps only the first 128 characters. */
/* A pause between two steps; a failed pause only shortens it. */
static void wait_ms(long ms)
{
	if (ws_sleep_ms(ms) != 0)
		say("WARNING", "could not wait %ld ms: %s", ms, strerror(errno));
}

static int failed(const char *what, enum fos_err err, const char *msg)
{
	say("ERROR", "%s failed: %s: %s", what, fos_strerror(err), msg);
	return EXIT_FENCE_FAIL;
}

/* One line per plug: "PLUG,ALIAS" or, for list-status, "PLUG,ALIAS,ON".
 * The alias has no blanks: Pacemaker splits list output at blanks. */
static int list_plugs(const struct bfa_options *o, bool with_status)
{
	char msg[BFF_MSG_MAX];
	enum fos_err err;
	char sep = o->separator;

	if (!with_status) {
		/* Like fence-agents: list also proves the device answers. */
		err = bff_status(&o->p, msg, sizeof(msg));
		if (err != FOS_OK)
			return failed("list", err, msg);
	}
	for (int i = 0; i < BFP_PORTS; i++) {
		int port = o->p.nhosts > 0 ? o->p.hosts[i].port : i;
		char plug[BFP_NAME_MAX];
		bool on = false;

		if (o->p.nhosts > 0 && (size_t)i >= o->p.nhosts)
			break;
		snprintf(plug, sizeof(plug), "%s", o->p.nhosts > 0 ? o->p.hosts[i].name : (i ? "1" : "0"));
		if (with_status) {
			err = bff_power_get(&o->p, port, &on, msg, sizeof(msg));
			if (err != FOS_OK)
				return failed("list-status", err, msg);
			printf("%s%cpower-port-%d%c%s\n", plug, sep, port, sep, on ? "ON" : "OFF");
		} else {
			printf("%s%cpower-port-%d\n", plug, sep, port);
		}
	}
	return EXIT_FENCE_OK;
}

/* The checks that need the file system; the options are checked already. */
static int validate(const struct bfa_options *o)
{
	char password[FOS_PASSWORD_MAX + 1], msg[FOS_MSG_MAX];

	if (o->p.password_file[0] != '\0') {
		enum fos_err err = fos_password_file_read(o->p.password_file, password,
							  sizeof(password), msg, sizeof(msg));

		explicit_bzero(password, sizeof(password));
		if (err != FOS_OK) {
			say("ERROR", "validate-all: %s", msg);
			return EXIT_FENCE_FAIL;
		}
	}
	INFO("validate-all: the options are consistent");
	return EXIT_FENCE_OK;
}

static int power(const struct bfa_options *o, int port, bool on)
{
	char msg[BFF_MSG_MAX];
	long attempts = on ? 1 + o->retry_on : 1;
	enum fos_err err = FOS_OK;

	for (long i = 0; i < attempts; i++) {
		if (i > 0)
			wait_ms(o->status_sleep_ms);
		err = on ? bff_switch_on(&o->p, port, msg, sizeof(msg))
			 : bff_power_set(&o->p, port, false, msg, sizeof(msg));
		if (err == FOS_OK)
			break;
		if (i + 1 < attempts)
			say("WARNING", "power on failed, retrying: %s", msg);
	}
	if (err != FOS_OK)
		return failed(on ? "power on" : "power off", err, msg);
	INFO("%s", msg);
	if (o->power_wait_ms > 0)
		wait_ms(o->power_wait_ms);
	printf("Success: Powered %s\n", on ? "ON" : "OFF");
	return EXIT_FENCE_OK;
}

static int reboot(const struct bfa_options *o, int port)
{
	/* fence-agents try the on retry_on times in all during a reboot. */
	const struct bff_on_retry retry = {
		o->retry_on > 0 ? o->retry_on : 1, o->status_sleep_ms, "fence_berofos"
	};
	struct bfp_params p = o->p;
	enum bff_on_result on;
	char msg[BFF_MSG_MAX];
	enum fos_err err;

	/* power_wait follows the off as it does in fence-agents, then reset_wait. */
	p.reset_wait_ms += o->power_wait_ms;
	err = bff_reboot(&p, port, &retry, &on, msg, sizeof(msg));
	if (err != FOS_OK)
		return failed("reboot", err, msg);
	/* Fenced once the power is off, as fence-agents treat it. */
	if (on == BFF_ON_FAILED)
		say("ERROR", "power port %d is off but did not come back on: %s", port, msg);
	else
		INFO("%s", msg);
	if (on == BFF_ON_DONE && o->power_wait_ms > 0)
		wait_ms(o->power_wait_ms);
	printf("Success: Rebooted\n");
	return EXIT_FENCE_OK;
}

/* The fence guard (fence_guard.h) before an off or a reboot: true to go on;
 * false, with the reason said, when the target is the live master or the
 * switch could not be read. */
static bool guard_allows(const struct bfa_options *o, int port)
{
	char msg[BFF_MSG_MAX];
	enum fos_err err;
	bool go;

	err = bff_guard(&o->p, port, &go, msg, sizeof(msg));
	if (err != FOS_OK) {
		failed("guard", err, msg);
		return false;
	}
	if (!go) {
		say("ERROR", "fencing of power port %d refused by the guard: %s; this node yields "
		    "to the master", port, msg);
		return false;
	}
	if (o->p.primary_node[0] != '\0')
		INFO("guard: %s", msg);
	return true;
}

static int run(const struct bfa_options *o, int port)
{
	char msg[BFF_MSG_MAX];
	enum fos_err err;
	bool on;

	switch (o->action) {
	case BFA_METADATA:
	case BFA_MANPAGE:              /* fence-agents print the meta-data for both */
		return print_text(bfa_metadata);
	case BFA_VALIDATE:
		return validate(o);
	case BFA_LIST:
		return list_plugs(o, false);
	case BFA_LIST_STATUS:
		return list_plugs(o, true);
	case BFA_MONITOR:
		err = bff_status(&o->p, msg, sizeof(msg));
		if (err != FOS_OK)
			return failed("monitor", err, msg);
		if (bff_left_off(&o->p, msg, sizeof(msg))) {
			say("ERROR", "monitor: %s; switch it on (action on)", msg);
			return EXIT_FENCE_FAIL;
		}
		INFO("%s", msg);
		return EXIT_FENCE_OK;
	case BFA_STATUS:
		err = bff_power_get(&o->p, port, &on, msg, sizeof(msg));
		if (err != FOS_OK)
			return failed("status", err, msg);
		printf("Status: %s\n", on ? "ON" : "OFF");
		return on ? EXIT_FENCE_OK : EXIT_FENCE_STATUS_OFF;
	case BFA_ON:
		return power(o, port, true);
	case BFA_OFF:
		/* fence-agents delay off and reboot only: the delay is there to let
		 * one side of a split two-node cluster win. */
		if (o->delay_ms > 0) {
			INFO("waiting %ld ms (delay) before the off", o->delay_ms);
			wait_ms(o->delay_ms);
		}
		if (!guard_allows(o, port))
			return EXIT_FENCE_FAIL;
		return power(o, port, false);
	case BFA_REBOOT:
		if (o->delay_ms > 0) {
			INFO("waiting %ld ms (delay) before the reboot", o->delay_ms);
			wait_ms(o->delay_ms);
		}
		if (!guard_allows(o, port))
			return EXIT_FENCE_FAIL;
		return reboot(o, port);
	}
	return EXIT_FENCE_FAIL;
}

static int open_debug_file(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_NOFOLLOW | O_CLOEXEC, 0600);

	if (fd < 0) {
		say("ERROR", "cannot open the debug file %.60s: %s", path, strerror(errno));
		return -1;
	}
	debug_out = fdopen(fd, "a");
	if (debug_out == NULL) {
		close(fd);
		say("ERROR", "cannot open the debug file %.60s: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

/* The password from stdin or the script, handed to libberofos.  libberofos
 * takes a password only from a file or, when asked (password_in_env),
 * from $FOS_PASSWORD; the caller's
 * $FOS_PASSWORD was dropped at start, so this is our own value, in our
 * process only (no child runs after this). */
static int use_password(struct bfa_options *o)
{
	char err[BFP_ERR_MAX];

	if (o->password_script[0] != '\0') {
		if (fence_password_script(o->password_script, o->login_timeout_ms, o->password,
					  BFA_PASSWORD_MAX, err, sizeof(err)) != 0) {
			say("ERROR", "%s", err);
			return -1;
		}
		o->has_password = true;
	}
	if (!o->has_password)
		return 0;
	if (setenv(FOS_PASSWORD_ENV, o->password, 1) != 0) {
		say("ERROR", "cannot hand the password to libberofos: %s", strerror(errno));
		return -1;
	}
	explicit_bzero(o->password, sizeof(o->password));
	o->p.password_in_env = true;
	return 0;
}

int main(int argc, char **argv)
{
	static struct bfa_options o;
	char err[BFP_ERR_MAX];
	int port = -1;

	/* We hold a password: no core dumps, no ptrace by other users. */
	if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0) {
		say("ERROR", "prctl(PR_SET_DUMPABLE): %s", strerror(errno));
		return EXIT_FENCE_FAIL;
	}
	/* Options come on stdin as FenceAgentAPI says; an inherited
	 * $FOS_PASSWORD (meant for fosctl) must not log us in. */
	if (unsetenv(FOS_PASSWORD_ENV) != 0) {
		say("ERROR", "unsetenv(%s): %s", FOS_PASSWORD_ENV, strerror(errno));
		return EXIT_FENCE_FAIL;
	}
	bfa_defaults(&o);
	if ((argc == 1 ? read_stdin(&o) : read_argv(&o, argc, argv)) != 0)
		return EXIT_FENCE_FAIL;
	quiet = o.quiet;
	verbosity = bfa_verbosity(&o);
	if (o.debug_file[0] != '\0' && open_debug_file(o.debug_file) != 0)
		return EXIT_FENCE_FAIL;
	if (o.help)
		return print_text(bfa_usage);
	if (o.version) {
		printf("fence_berofos %s\n", PACKAGE_VERSION);
		return EXIT_FENCE_OK;
	}
	if (bfa_finish(&o, err, sizeof(err)) != 0) {
		say("ERROR", "%s", err);
		return EXIT_FENCE_FAIL;
	}
	if (o.plug[0] != '\0' && o.action != BFA_METADATA && o.action != BFA_MANPAGE)
		port = bfp_parse_plug(&o.p, o.plug, err, sizeof(err));
	if (o.action != BFA_METADATA && o.action != BFA_MANPAGE && o.action != BFA_VALIDATE &&
	    use_password(&o) != 0)
		return EXIT_FENCE_FAIL;
	return run(&o, port);
}

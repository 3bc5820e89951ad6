/* fence_berofos: a fence agent with the fence-agents conventions (options
 * on stdin as key=value or on the command line, the usual actions, exit
 * codes and meta-data) that fences a node by switching off the berofos
 * power port feeding it.  Options: fence_opts.c; switch: berofos_fence.c. */
#include <getopt.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <errno.h>

#include "berofos/fos_error.h"
#include "stonith/berofos_fence.h"
#include "stonith/fence_opts.h"

#include "config.h"

/* fence-agents exit codes: 0 success (status: on), 1 failure, 2 status off. */
#define EXIT_FENCE_OK 0
#define EXIT_FENCE_FAIL 1
#define EXIT_FENCE_STATUS_OFF 2

static bool quiet;

static void say(const char *level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void say(const char *level, const char *fmt, ...)
{
	va_list ap;

	if (quiet)
		return;
	fprintf(stderr, "%s: ", level);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

#define PARAM(name, getopt, type, deflt, desc) \
	"\t<parameter name=\"" name "\" unique=\"0\" required=\"0\">\n" \
	"\t\t<getopt mixed=\"" getopt "\" />\n" \
	"\t\t<content type=\"" type "\"" deflt " />\n" \
	"\t\t<shortdesc lang=\"en\">" desc "</shortdesc>\n" \
	"\t</parameter>\n"

static const char metadata[] =
	"<?xml version=\"1.0\" ?>\n"
	"<resource-agent name=\"fence_berofos\" shortdesc=\"Fence agent for the power relays of a "
	"beroNet berofos Layer-1 switch\" >\n"
	"<longdesc>fence_berofos switches off the berofos power port (0 or 1) that feeds a node and "
	"reports success only when the relay reads back off. The switch is reached over HTTP; its "
	"password is read from a root-owned 0600 file (password_file), never given as a value. "
	"hostmap names the node on each port, so the plug can be a node name.</longdesc>\n"
	"<vendor-url>https://www.beronet.com/</vendor-url>\n"
	"<parameters>\n"
	"\t<parameter name=\"action\" unique=\"0\" required=\"1\">\n"
	"\t\t<getopt mixed=\"-o, --action=[action]\" />\n"
	"\t\t<content type=\"string\" default=\"reboot\" />\n"
	"\t\t<shortdesc lang=\"en\">Fencing action</shortdesc>\n"
	"\t</parameter>\n"
	"\t<parameter name=\"ip\" unique=\"0\" required=\"1\" obsoletes=\"ipaddr\">\n"
	"\t\t<getopt mixed=\"-a, --ip=[ip]\" />\n"
	"\t\t<content type=\"string\" />\n"
	"\t\t<shortdesc lang=\"en\">IP address or hostname of the berofos (HOST, HOST:PORT or "
	"http://HOST[:PORT])</shortdesc>\n"
	"\t</parameter>\n"
	"\t<parameter name=\"ipaddr\" unique=\"0\" required=\"0\" deprecated=\"1\">\n"
	"\t\t<getopt mixed=\"-a, --ip=[ip]\" />\n"
	"\t\t<content type=\"string\" />\n"
	"\t\t<shortdesc lang=\"en\">IP address or hostname of the berofos</shortdesc>\n"
	"\t</parameter>\n"
	PARAM("ipport", "-u, --ipport=[port]", "integer", " default=\"80\"",
	      "TCP/IP port of the switch's web interface")
	PARAM("username", "-l, --username=[name]", "string", " default=\"admin\"",
	      "Login name")
	PARAM("password_file", "--password-file=[file]", "string", "",
	      "File (owned by root, mode 0600) whose first line is the switch password")
	PARAM("plug", "-n, --plug=[id]", "string", "",
	      "Power port 0 or 1, or a node name of the host map")
	PARAM("hostmap", "--hostmap=[map]", "string", "",
	      "Node to power port map, e.g. gw1:0 gw2:1")
	PARAM("shell_timeout", "--shell-timeout=[seconds]", "second", " default=\"3\"",
	      "Wait X seconds for each answer of the switch")
	PARAM("power_wait", "--power-wait=[seconds]", "second", " default=\"1\"",
	      "Seconds the power stays off during a reboot")
	PARAM("delay", "--delay=[seconds]", "second", " default=\"0\"",
	      "Wait X seconds before fencing is started")
	PARAM("verbose", "-v, --verbose", "boolean", "", "Verbose mode")
	PARAM("quiet", "-q, --quiet", "boolean", "", "Disable logging to stderr")
	PARAM("version", "-V, --version", "boolean", "", "Display version information and exit")
	PARAM("help", "-h, --help", "boolean", "", "Display help and exit")
	"</parameters>\n"
	"<actions>\n"
	"\t<action name=\"on\" automatic=\"0\"/>\n"
	"\t<action name=\"off\" />\n"
	"\t<action name=\"reboot\" />\n"
	"\t<action name=\"status\" />\n"
	"\t<action name=\"list\" />\n"
	"\t<action name=\"monitor\" />\n"
	"\t<action name=\"metadata\" />\n"
	"\t<action name=\"validate-all\" />\n"
	"</actions>\n"
	"</resource-agent>\n";

static void usage(FILE *out)
{
	fprintf(out,
		"Usage: fence_berofos [options]\n"
		"  -o, --action=ACTION        on, off, reboot (default), status, list, monitor,\n"
		"                             metadata, validate-all\n"
		"  -a, --ip=ADDRESS           the switch: HOST, HOST:PORT or http://HOST[:PORT]\n"
		"  -u, --ipport=PORT          HTTP port (default 80)\n"
		"  -l, --username=NAME        login (default admin)\n"
		"      --password-file=FILE   root-owned 0600 file holding the password\n"
		"  -n, --plug=PLUG            power port 0 or 1, or a node of --hostmap\n"
		"      --hostmap=MAP          node to power port map, e.g. \"gw1:0 gw2:1\"\n"
		"      --shell-timeout=S      seconds to wait for each answer (default 3)\n"
		"      --power-wait=S         seconds off during a reboot (default 1)\n"
		"      --delay=S              seconds to wait before fencing (default 0)\n"
		"  -v, --verbose  -q, --quiet  -V, --version  -h, --help\n"
		"Without options, reads key=value lines from standard input.\n"
		"Exit: 0 success (status: on), 1 failure, 2 status: off.\n");
}

/* Reads key=value lines from stdin, at most 100 lines. */
static int read_stdin(struct bfa_options *o)
{
	char line[1024], err[BFP_ERR_MAX];

	for (int n = 0; n < 100 && fgets(line, sizeof(line), stdin) != NULL; n++) {
		enum bfa_set_result r;

		line[strcspn(line, "\r\n")] = '\0';
		err[0] = '\0';
		r = bfa_set_line(o, line, err, sizeof(err));
		if (r == BFA_SET_ERROR) {
			say("ERROR", "%s", err);
			return -1;
		}
		if (r == BFA_SET_IGNORED && err[0] != '\0')
			say("WARNING", "%s", err);
	}
	return 0;
}

static int read_argv(struct bfa_options *o, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "action", required_argument, NULL, 'o' },
		{ "ip", required_argument, NULL, 'a' },
		{ "ipport", required_argument, NULL, 'u' },
		{ "username", required_argument, NULL, 'l' },
		{ "plug", required_argument, NULL, 'n' },
		{ "password", required_argument, NULL, 'p' },
		{ "password-script", required_argument, NULL, 'S' },
		{ "password-file", required_argument, NULL, 1 },
		{ "hostmap", required_argument, NULL, 1 },
		{ "shell-timeout", required_argument, NULL, 1 },
		{ "power-wait", required_argument, NULL, 1 },
		{ "delay", required_argument, NULL, 1 },
		{ "verbose", no_argument, NULL, 'v' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "version", no_argument, NULL, 'V' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	char err[BFP_ERR_MAX];
	int c, index;

	while ((c = getopt_long(argc, argv, "o:a:u:l:n:p:S:vqVh", longopts, &index)) != -1) {
		const char *key;

		switch (c) {
		case 1: key = longopts[index].name; break;
		case 'o': key = "action"; break;
		case 'a': key = "ip"; break;
		case 'u': key = "ipport"; break;
		case 'l': key = "username"; break;
		case 'n': key = "plug"; break;
		case 'p': key = "password"; break;
		case 'S': key = "password_script"; break;
		case 'v': o->verbose = true; continue;
		case 'q': o->quiet = quiet = true; continue;
		case 'V': printf("fence_berofos %s\n", PACKAGE_VERSION); exit(EXIT_FENCE_OK);
		case 'h': usage(stdout); exit(EXIT_FENCE_OK);
		default: usage(stderr); return -1;
		}
		if (bfa_set(o, key, optarg, err, sizeof(err)) != BFA_SET_OK) {
			say("ERROR", "%s", err);
			return -1;
		}
	}
	if (optind < argc) {
		say("ERROR", "unexpected argument '%s'", argv[optind]);
		return -1;
	}
	return 0;
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

static void list_plugs(const struct bfa_options *o)
{
	if (o->p.nhosts == 0) {
		printf("0,power port 0\n1,power port 1\n");
		return;
	}
	for (size_t i = 0; i < o->p.nhosts; i++)
		printf("%s,power port %d\n", o->p.hosts[i].name, o->p.hosts[i].port);
}

static int failed(const char *what, enum fos_err err, const char *msg)
{
	say("ERROR", "%s failed: %s (%s)", what, msg, fos_strerror(err));
	return EXIT_FENCE_FAIL;
}

static int run(const struct bfa_options *o, int port)
{
	char msg[BFF_MSG_MAX];
	bool on, powered_on;
	enum fos_err err;

	switch (o->action) {
	case BFA_METADATA:
		fputs(metadata, stdout);
		return EXIT_FENCE_OK;
	case BFA_VALIDATE:
		return EXIT_FENCE_OK;
	case BFA_LIST:
		/* Like fence-agents: list also proves the device answers. */
		err = bff_status(&o->p, msg, sizeof(msg));
		if (err != FOS_OK)
			return failed("list", err, msg);
		list_plugs(o);
		return EXIT_FENCE_OK;
	case BFA_MONITOR:
		err = bff_status(&o->p, msg, sizeof(msg));
		if (err != FOS_OK)
			return failed("monitor", err, msg);
		if (o->verbose)
			say("INFO", "%s", msg);
		return EXIT_FENCE_OK;
	case BFA_STATUS:
		err = bff_power_get(&o->p, port, &on, msg, sizeof(msg));
		if (err != FOS_OK)
			return failed("status", err, msg);
		printf("Status: %s\n", on ? "ON" : "OFF");
		return on ? EXIT_FENCE_OK : EXIT_FENCE_STATUS_OFF;
	case BFA_ON:
	case BFA_OFF:
		if (o->delay_ms > 0)
			sleep_ms(o->delay_ms);
		on = o->action == BFA_ON;
		err = bff_power_set(&o->p, port, on, msg, sizeof(msg));
		if (err != FOS_OK)
			return failed(on ? "power on" : "power off", err, msg);
		if (o->verbose)
			say("INFO", "%s", msg);
		printf("Success: Powered %s\n", on ? "ON" : "OFF");
		return EXIT_FENCE_OK;
	case BFA_REBOOT:
		if (o->delay_ms > 0)
			sleep_ms(o->delay_ms);
		err = bff_reboot(&o->p, port, &powered_on, msg, sizeof(msg));
		if (err != FOS_OK)
			return failed("reboot", err, msg);
		/* Fenced once the power is off, as fence-agents treat it. */
		if (!powered_on)
			say("ERROR", "power port %d is off but did not come back on: %s", port, msg);
		else if (o->verbose)
			say("INFO", "%s", msg);
		printf("Success: Rebooted\n");
		return EXIT_FENCE_OK;
	}
	return EXIT_FENCE_FAIL;
}

int main(int argc, char **argv)
{
	struct bfa_options o;
	char err[BFP_ERR_MAX];
	int port = -1;

	bfa_defaults(&o);
	if ((argc == 1 ? read_stdin(&o) : read_argv(&o, argc, argv)) != 0)
		return EXIT_FENCE_FAIL;
	quiet = o.quiet;
	if (bfa_finish(&o, err, sizeof(err)) != 0) {
		say("ERROR", "%s", err);
		return EXIT_FENCE_FAIL;
	}
	if (o.plug[0] != '\0' && o.action != BFA_METADATA)
		port = bfp_parse_plug(&o.p, o.plug, err, sizeof(err));
	return run(&o, port);
}

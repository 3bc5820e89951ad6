/* SPDX-License-Identifier: GPL-2.0-or-later */
/* l2drive: test driver that loads the built l2.so the way Heartbeat does
 * (PILS init, parse, mopen) and drives its write() or read() directly, so
 * the medium can be checked between two network namespaces without a
 * cluster.  Not installed.
 *
 *   l2drive <l2.so> "<l2 line>" send <count> <size> [interval-ms]
 *   l2drive <l2.so> "<l2 line>" recv <count> [timeout-s]
 *
 * Messages carry "seq <n> size <m>\n" and a fill pattern the receiver
 * checks, so a message larger than the MTU must cross intact. */
#include "config.h"

#include <dlfcn.h>
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <heartbeat.h>
#include <HBcomm.h>
#include <pils/plugin.h>

static struct hb_media_fns *medium_ops;
static struct hb_media *medium;
static struct hb_media_imports media_imports;

static void log_to_stderr(PILLogLevel priority, const char *format, ...)
	G_GNUC_PRINTF(2, 3);

static void log_to_stderr(PILLogLevel priority, const char *format, ...)
{
	va_list ap;

	fprintf(stderr, "l2drive[%d] plugin: ", (int)priority);
	va_start(ap, format);
	vfprintf(stderr, format, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static PIL_rc register_plugin(PILPlugin *plugin, const PILPluginOps *ops)
{
	(void)plugin;
	(void)ops;
	return PIL_OK;
}

static PIL_rc register_interface(PILPlugin *plugin, const char *type, const char *name,
                                 void *ops, PILInterfaceFun close_fun,
                                 PILInterface **id, void **imports, void *user_data)
{
	(void)plugin;
	(void)close_fun;
	(void)user_data;
	fprintf(stderr, "l2drive: plugin registered %s/%s\n", type, name);
	medium_ops = ops;
	*id = NULL;
	*imports = &media_imports;
	return PIL_OK;
}

static void register_medium(struct hb_media *mp)
{
	medium = mp;
}

static gpointer alloc_memory(glib_size_t size)
{
	return malloc(size);
}

static void free_memory(gpointer p)
{
	free(p);
}

static char *dup_string(const char *s)
{
	return strdup(s);
}

static void on_alarm(int signo)
{
	(void)signo;
}

/* Below this size a message holds only the fill pattern. */
#define HEADER_ROOM 48

static void fill(char *buf, size_t size, unsigned long seq)
{
	size_t start = 0;

	if (size >= HEADER_ROOM) {
		int n = snprintf(buf, size, "seq %lu size %zu\n", seq, size);

		start = n > 0 ? (size_t)n : 0;
	}
	for (size_t i = start; i < size; i++)
		buf[i] = (char)('a' + (i + (size >= HEADER_ROOM ? seq : 0)) % 26);
}

static int check(const char *buf, size_t size)
{
	unsigned long seq;
	size_t announced;
	char *copy;
	int ok;

	if (size < HEADER_ROOM)
		seq = 0;
	else if (sscanf(buf, "seq %lu size %zu", &seq, &announced) != 2 || announced != size)
		return -1;
	copy = malloc(size);
	if (copy == NULL)
		return -1;
	fill(copy, size, seq);
	ok = memcmp(copy, buf, size) == 0;
	free(copy);
	return ok ? (int)seq : -1;
}

static int send_messages(unsigned long count, size_t size, long interval_ms)
{
	char *buf = malloc(size);
	struct timespec pause = { interval_ms / 1000, (interval_ms % 1000) * 1000000L };

	if (buf == NULL)
		return 1;
	for (unsigned long seq = 1; seq <= count; seq++) {
		fill(buf, size, seq);
		if (medium_ops->write(medium, buf, (int)size) != HA_OK)
			fprintf(stderr, "l2drive: write %lu failed\n", seq);
		if (interval_ms > 0)
			nanosleep(&pause, NULL);
	}
	free(buf);
	printf("sent %lu messages of %zu bytes\n", count, size);
	return 0;
}

static int receive_messages(unsigned long count, unsigned timeout_s)
{
	struct sigaction sa;
	unsigned long good = 0, bad = 0;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;   /* no SA_RESTART: read() returns NULL */
	if (sigemptyset(&sa.sa_mask) != 0 || sigaction(SIGALRM, &sa, NULL) != 0)
		return 1;
	alarm(timeout_s);
	while (good + bad < count) {
		int len = 0;
		char *msg = medium_ops->read(medium, &len);

		if (msg == NULL)
			break;   /* the alarm: time is up */
		/* read() reports the length with the NUL it appends */
		if (len < 1 || msg[len - 1] != '\0' || check(msg, (size_t)len - 1) < 0) {
			bad++;
			fprintf(stderr, "l2drive: bad message of %d bytes\n", len);
		} else {
			good++;
		}
	}
	alarm(0);
	printf("received %lu intact, %lu bad, of %lu expected\n", good, bad, count);
	return good == count ? 0 : 1;
}

int main(int argc, char **argv)
{
	static PILPluginImports imports = {
		.register_plugin = register_plugin,
		.register_interface = register_interface,
		.log = log_to_stderr,
		.alloc = alloc_memory,
		.mfree = free_memory,
		.mstrdup = dup_string,
	};
	PIL_rc (*init)(PILPlugin *, const PILPluginImports *);
	void *handle;
	int rc;

	if (argc < 5) {
		fputs("usage: l2drive <l2.so> \"<l2 line>\" send <count> <size> [interval-ms]\n"
		      "       l2drive <l2.so> \"<l2 line>\" recv <count> [timeout-s]\n", stderr);
		return 2;
	}
	media_imports.RegisterNewMedium = register_medium;
	handle = dlopen(argv[1], RTLD_NOW);
	if (handle == NULL) {
		fprintf(stderr, "l2drive: %s\n", dlerror());
		return 2;
	}
	*(void **)&init = dlsym(handle, "HBcomm_LTX_l2_pil_plugin_init");
	if (init == NULL || init(NULL, &imports) != PIL_OK || medium_ops == NULL) {
		fprintf(stderr, "l2drive: plugin init failed\n");
		return 2;
	}
	if (medium_ops->parse(argv[2]) != HA_OK || medium == NULL) {
		fprintf(stderr, "l2drive: the plugin rejected \"%s\"\n", argv[2]);
		return 2;
	}
	if (medium_ops->mopen(medium) != HA_OK) {
		fprintf(stderr, "l2drive: mopen failed\n");
		return 2;
	}
	unsigned long count = strtoul(argv[4], NULL, 10);

	if (count == 0 || count > 1000000) {
		fputs("l2drive: count must be 1..1000000\n", stderr);
		rc = 2;
	} else if (strcmp(argv[3], "send") == 0 && argc >= 6) {
		unsigned long size = strtoul(argv[5], NULL, 10);
		long interval_ms = argc > 6 ? strtol(argv[6], NULL, 10) : 10;

		if (size == 0 || size > MAXMSG || interval_ms < 0 || interval_ms > 10000) {
			fputs("l2drive: size must be 1..MAXMSG, interval 0..10000 ms\n", stderr);
			rc = 2;
		} else {
			rc = send_messages(count, size, interval_ms);
		}
	}
	else if (strcmp(argv[3], "recv") == 0)
		rc = receive_messages(count,
		                      argc > 5 ? (unsigned)strtoul(argv[5], NULL, 10) : 10);
	else
		rc = 2;
	medium_ops->close(medium);
	return rc;
}

/* SPDX-License-Identifier: GPL-2.0-or-later */
/* /etc/warmstandby/berofos.conf: one GKeyFile section per switch. */
#include "config.h"

#include "berofos/berofos.h"

#include <glib.h>
#include <stdio.h>
#include <string.h>

static void copy_string(GKeyFile *kf, const char *group, const char *key, char *dst, size_t len)
{
	gchar *value = g_key_file_get_string(kf, group, key, NULL);

	if (value != NULL) {
		snprintf(dst, len, "%s", value);
		g_free(value);
	}
}

static int copy_long(GKeyFile *kf, const char *group, const char *key, long min, long max,
		     long *dst, char *message, size_t message_len)
{
	GError *error = NULL;
	gint64 value;

	if (!g_key_file_has_key(kf, group, key, NULL))
		return 0;
	value = g_key_file_get_int64(kf, group, key, &error);
	if (error != NULL || value < min || value > max) {
		snprintf(message, message_len, "[%s] %s must be a number %ld..%ld", group, key, min, max);
		g_clear_error(&error);
		return -1;
	}
	*dst = (long)value;
	return 0;
}

enum fos_err fos_switch_conf_load(const char *path, const char *name,
				  struct fos_switch_conf *conf,
				  char *message, size_t message_len)
{
	GKeyFile *kf = g_key_file_new();
	GError *error = NULL;
	long port = conf->udp_port;
	enum fos_err err = FOS_E_CONFIG;

	if (!g_key_file_load_from_file(kf, path, G_KEY_FILE_NONE, &error)) {
		snprintf(message, message_len, "%s: %s", path, error->message);
		g_error_free(error);
		g_key_file_free(kf);
		return FOS_E_CONFIG;
	}
	if (!g_key_file_has_group(kf, name)) {
		snprintf(message, message_len, "%s has no section [%s]", path, name);
		goto out;
	}
	if (g_key_file_has_key(kf, name, "password", NULL)) {
		snprintf(message, message_len,
			 "%s: [%s] holds a password; put it in a root-only file named by password_file",
			 path, name);
		goto out;
	}
	copy_string(kf, name, "url", conf->url, sizeof(conf->url));
	copy_string(kf, name, "user", conf->user, sizeof(conf->user));
	copy_string(kf, name, "password_file", conf->password_file, sizeof(conf->password_file));
	copy_string(kf, name, "udp_addr", conf->udp_addr, sizeof(conf->udp_addr));
	copy_string(kf, name, "mac", conf->mac, sizeof(conf->mac));
	if (copy_long(kf, name, "udp_port", 1, 65535, &port, message, message_len) != 0 ||
	    copy_long(kf, name, "timeout_ms", 1, 600000, &conf->timeout_ms, message, message_len) != 0 ||
	    copy_long(kf, name, "kick_interval_ms", 10, 3600000, &conf->kick_interval_ms,
		      message, message_len) != 0)
		goto out;
	conf->udp_port = (uint16_t)port;
	err = FOS_OK;
out:
	g_key_file_free(kf);
	return err;
}

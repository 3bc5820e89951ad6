/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The HTTP side of libberofos: config.txt reads and set requests through
 * libcurl, each write read back. */
#include "config.h"

#include "berofos/berofos.h"

#include "common/sleep.h"

#include <curl/curl.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define REPLY_MAX 65536          /* config.txt is about 600 bytes */
#define READBACK_TRIES 3
#define READBACK_GAP_MS 100

struct fos_handle {
	CURL *curl;
	char base[256];              /* "http://host:port", no trailing slash */
	char user[64];
	char password[FOS_PASSWORD_MAX + 1];
	bool has_password;
	struct curl_slist *headers;  /* no-cache request headers */
	long timeout_ms;
	char message[FOS_MSG_MAX];
};

struct reply {
	char data[REPLY_MAX];
	size_t len;
	bool overflow;
};

static enum fos_err fail(struct fos_handle *fos, enum fos_err err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static enum fos_err fail(struct fos_handle *fos, enum fos_err err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(fos->message, sizeof(fos->message), fmt, ap);
	va_end(ap);
	return err;
}

const char *fos_message(const struct fos_handle *fos)
{
	return fos->message;
}

static size_t collect(char *data, size_t size, size_t nmemb, void *user)
{
	struct reply *reply = user;
	size_t n = size * nmemb;

	if (n > sizeof(reply->data) - 1 - reply->len) {
		reply->overflow = true;
		return 0;                /* aborts the transfer */
	}
	memcpy(reply->data + reply->len, data, n);
	reply->len += n;
	reply->data[reply->len] = '\0';
	return n;
}

enum fos_err fos_open(struct fos_handle **out, const char *url, const char *user,
		      const char *password_file, long timeout_ms,
		      char *message, size_t message_len)
{
	return fos_open_flags(out, url, user, password_file, timeout_ms, 0, message, message_len);
}

enum fos_err fos_open_flags(struct fos_handle **out, const char *url, const char *user,
			    const char *password_file, long timeout_ms, unsigned flags,
			    char *message, size_t message_len)
{
	struct fos_handle *fos;
	const char *env;
	size_t url_len;

	*out = NULL;
	if (url == NULL || strncmp(url, "http://", 7) != 0 || strlen(url) >= sizeof(fos->base)) {
		snprintf(message, message_len, "switch URL must be http://HOST[:PORT]");
		return FOS_E_USAGE;
	}
	if (timeout_ms <= 0)
		timeout_ms = FOS_DEFAULT_TIMEOUT_MS;
	fos = calloc(1, sizeof(*fos));
	if (fos == NULL) {
		snprintf(message, message_len, "out of memory");
		return FOS_E_SYSTEM;
	}
	snprintf(fos->base, sizeof(fos->base), "%s", url);
	url_len = strlen(fos->base);
	while (url_len > 7 && fos->base[url_len - 1] == '/')
		fos->base[--url_len] = '\0';
	snprintf(fos->user, sizeof(fos->user), "%s", user != NULL ? user : FOS_DEFAULT_USER);
	fos->timeout_ms = timeout_ms;
	if (password_file != NULL && password_file[0] != '\0') {
		enum fos_err err = fos_password_file_read(password_file, fos->password,
							  sizeof(fos->password), message, message_len);
		if (err != FOS_OK) {
			free(fos);
			return err;
		}
		fos->has_password = true;
	} else if ((flags & FOS_OPEN_PASSWORD_ENV) != 0 &&
		   (env = getenv(FOS_PASSWORD_ENV)) != NULL && env[0] != '\0') {
		if (strlen(env) > FOS_PASSWORD_MAX) {
			snprintf(message, message_len, "$%s is longer than the switch allows (%d)",
				 FOS_PASSWORD_ENV, FOS_PASSWORD_MAX);
			free(fos);
			return FOS_E_CONFIG;
		}
		snprintf(fos->password, sizeof(fos->password), "%s", env);
		fos->has_password = true;
	}
	fos->curl = curl_easy_init();
	if (fos->curl != NULL)
		fos->headers = curl_slist_append(NULL, "Cache-Control: no-cache");
	if (fos->headers != NULL) {
		struct curl_slist *more = curl_slist_append(fos->headers, "Pragma: no-cache");

		if (more == NULL) {
			curl_slist_free_all(fos->headers);
			fos->headers = NULL;
		} else
			fos->headers = more;
	}
	if (fos->curl == NULL || fos->headers == NULL) {
		snprintf(message, message_len, "cannot initialise libcurl");
		curl_easy_cleanup(fos->curl);
		explicit_bzero(fos->password, sizeof(fos->password));
		free(fos);
		return FOS_E_SYSTEM;
	}
	*out = fos;
	return FOS_OK;
}

void fos_close(struct fos_handle *fos)
{
	if (fos == NULL)
		return;
	curl_easy_cleanup(fos->curl);
	curl_slist_free_all(fos->headers);
	explicit_bzero(fos->password, sizeof(fos->password));
	free(fos);
}

static enum fos_err from_curl(struct fos_handle *fos, CURLcode rc, const char *what)
{
	switch (rc) {
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_CONNECT:
		return fail(fos, FOS_E_UNREACHABLE, "%s: cannot connect to %s: %s",
			    what, fos->base, curl_easy_strerror(rc));
	case CURLE_OPERATION_TIMEDOUT:
		return fail(fos, FOS_E_TIMEOUT, "%s: %s did not answer within %ld ms",
			    what, fos->base, fos->timeout_ms);
	default:
		return fail(fos, FOS_E_BAD_REPLY, "%s: %s: %s", what, fos->base,
			    curl_easy_strerror(rc));
	}
}

/* Plain HTTP only: the device has nothing else, and a redirect must not
 * lead curl anywhere else. */
static CURLcode restrict_to_http(CURL *curl)
{
#if LIBCURL_VERSION_NUM >= 0x075500
	return curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http");
#else
	return curl_easy_setopt(curl, CURLOPT_PROTOCOLS, (long)CURLPROTO_HTTP);
#endif
}

/* One GET of path (starting with '/'); the body goes to reply. */
static enum fos_err http_get(struct fos_handle *fos, const char *path, const char *what,
			     struct reply *reply)
{
	char url[1024];
	CURLcode rc;
	long status = 0;
	enum fos_err err;

	if ((size_t)snprintf(url, sizeof(url), "%s%s", fos->base, path) >= sizeof(url))
		return fail(fos, FOS_E_USAGE, "%s: request too long", what);
	reply->len = 0;
	reply->overflow = false;
	reply->data[0] = '\0';
	curl_easy_reset(fos->curl);
	if (curl_easy_setopt(fos->curl, CURLOPT_URL, url) != CURLE_OK ||
	    curl_easy_setopt(fos->curl, CURLOPT_NOSIGNAL, 1L) != CURLE_OK ||
	    restrict_to_http(fos->curl) != CURLE_OK ||
	    curl_easy_setopt(fos->curl, CURLOPT_TIMEOUT_MS, fos->timeout_ms) != CURLE_OK ||
	    curl_easy_setopt(fos->curl, CURLOPT_CONNECTTIMEOUT_MS, fos->timeout_ms) != CURLE_OK ||
	    curl_easy_setopt(fos->curl, CURLOPT_WRITEFUNCTION, collect) != CURLE_OK ||
	    curl_easy_setopt(fos->curl, CURLOPT_WRITEDATA, reply) != CURLE_OK ||
	    /* Straight to the switch whatever http_proxy or ALL_PROXY say: a
	     * proxy would see the password and could answer for the switch. */
	    curl_easy_setopt(fos->curl, CURLOPT_PROXY, "") != CURLE_OK ||
	    curl_easy_setopt(fos->curl, CURLOPT_NOPROXY, "*") != CURLE_OK ||
	    curl_easy_setopt(fos->curl, CURLOPT_HTTPHEADER, fos->headers) != CURLE_OK)
		return fail(fos, FOS_E_SYSTEM, "%s: cannot set up libcurl", what);
	/* Credentials only after a 401 asks for them: a switch without a
	 * password never receives one. */
	if (fos->has_password &&
	    (curl_easy_setopt(fos->curl, CURLOPT_HTTPAUTH, (long)(CURLAUTH_BASIC | CURLAUTH_ONLY)) != CURLE_OK ||
	     curl_easy_setopt(fos->curl, CURLOPT_USERNAME, fos->user) != CURLE_OK ||
	     curl_easy_setopt(fos->curl, CURLOPT_PASSWORD, fos->password) != CURLE_OK))
		return fail(fos, FOS_E_SYSTEM, "%s: cannot set up libcurl", what);
	rc = curl_easy_perform(fos->curl);
	if (rc == CURLE_WRITE_ERROR && reply->overflow)
		return fail(fos, FOS_E_BAD_REPLY, "%s: %s sent more than %d bytes",
			    what, fos->base, REPLY_MAX);
	if (rc != CURLE_OK)
		return from_curl(fos, rc, what);
	if (curl_easy_getinfo(fos->curl, CURLINFO_RESPONSE_CODE, &status) != CURLE_OK)
		return fail(fos, FOS_E_BAD_REPLY, "%s: no HTTP status", what);
	err = fos_http_classify(status);
	switch (err) {
	case FOS_OK:
		return FOS_OK;
	case FOS_E_AUTH:
		return fail(fos, err, "%s: %s refused the login (HTTP %ld): %s", what, fos->base,
			    status, fos->has_password ? "check the user name and the credentials file"
						       : "the switch wants a password; give a credentials file");
	case FOS_E_REFUSED:
		return fail(fos, err, "%s: %s rejected the request (HTTP %ld)", what, fos->base, status);
	default:
		return fail(fos, err, "%s: %s answered with HTTP status %ld", what, fos->base, status);
	}
}

enum fos_err fos_read_state(struct fos_handle *fos, struct fos_state *state)
{
	static struct reply reply_buf;   /* large; one caller at a time per process */
	struct reply *reply = &reply_buf;
	char why[128];
	enum fos_err err;

	err = http_get(fos, "/config.txt", "reading the switch state", reply);
	if (err != FOS_OK)
		return err;
	if (fos_devpage_parse(reply->data, reply->len, state, why, sizeof(why)) != 0)
		return fail(fos, FOS_E_BAD_REPLY, "reading the switch state from %s: %s", fos->base, why);
	return FOS_OK;
}

static bool value_matches(enum fos_key key, const struct fos_state *state, const char *want)
{
	const struct fos_key_info *info = fos_key_info(key);

	if (!state->seen[key])
		return false;
	if (info->type == FOS_T_STR)
		return strcmp(state->v[key].str, want) == 0;
	return state->v[key].num == strtol(want, NULL, 10);
}

/* Sends "/?cmd=N&key=value" without reading back. */
static enum fos_err send_set(struct fos_handle *fos, enum fos_key key, const char *value,
			     const char *what)
{
	static struct reply reply_buf;
	const struct fos_key_info *info = fos_key_info(key);
	char path[512];
	char *escaped;

	escaped = curl_easy_escape(fos->curl, value, 0);
	if (escaped == NULL)
		return fail(fos, FOS_E_SYSTEM, "%s: out of memory", what);
	snprintf(path, sizeof(path), "/?cmd=%d&%s=%s", info->cmd, info->set_key, escaped);
	curl_free(escaped);
	return http_get(fos, path, what, &reply_buf);
}

/* Reads back until key holds want, a few times in case the relay settles.
 * A boolean must read as one of the values the device writes: a power port
 * reading "garbage" is not off, and fencing must not take it for off. */
static enum fos_err confirm(struct fos_handle *fos, enum fos_key key, const char *want,
			    const char *what, struct fos_state *state)
{
	const struct fos_key_info *info = fos_key_info(key);

	for (int tries = 0; tries < READBACK_TRIES; tries++) {
		enum fos_err err;

		if (tries > 0 && ws_sleep_ms(READBACK_GAP_MS) != 0)
			return fail(fos, FOS_E_SYSTEM, "%s: pause before the read-back: %s", what,
				    strerror(errno));
		err = fos_read_state(fos, state);
		if (err != FOS_OK)
			return err;
		if (state->seen[key] && info->type == FOS_T_BOOL &&
		    fos_bool_strict(state->v[key].str) < 0)
			return fail(fos, FOS_E_BAD_REPLY,
				    "%s: %s reads %s='%s', not a value the device uses (1/0 or "
				    "checked/empty): the change is not confirmed",
				    what, fos->base, info->read_key, state->v[key].str);
		if (value_matches(key, state, want))
			return FOS_OK;
	}
	if (!state->seen[key])
		return fail(fos, FOS_E_BAD_REPLY, "%s: %s does not report %s", what, fos->base,
			    info->read_key);
	return fail(fos, FOS_E_NOT_CONFIRMED,
		    "%s: %s still reads %s=%s after the write (wanted %s): the switch did not take the change",
		    what, fos->base, info->read_key, state->v[key].str, want);
}

/* Firmware 1.3.3 changed other fields of the same cmd group when one was set
 * (protocol page 1.2).  Any such change is reported, not silently accepted.
 * The watchdog's state and countdown change on their own and are skipped. */
static enum fos_err check_side_effects(struct fos_handle *fos, enum fos_key key,
				       const struct fos_state *before,
				       const struct fos_state *after, const char *what)
{
	int cmd = fos_key_info(key)->cmd;

	for (int k = 0; k < FOS_K_COUNT; k++) {
		const struct fos_key_info *other = fos_key_info((enum fos_key)k);

		if (k == (int)key || other->cmd != cmd || other->set_name == NULL ||
		    k == FOS_K_WSTATE || !before->seen[k] || !after->seen[k])
			continue;
		if (strcmp(before->v[k].str, after->v[k].str) != 0)
			return fail(fos, FOS_E_NOT_CONFIRMED,
				    "%s: %s also changed %s from '%s' to '%s' (a firmware bug of "
				    "version 1.3.3; update the firmware and check the settings)",
				    what, fos->base, other->read_key, before->v[k].str, after->v[k].str);
	}
	return FOS_OK;
}

static enum fos_err set_and_confirm(struct fos_handle *fos, enum fos_key key, const char *value,
				    const char *what)
{
	const struct fos_key_info *info = fos_key_info(key);
	struct fos_state before, state;
	char normal[FOS_STR_MAX];
	char why[128];
	enum fos_err err;

	if (info == NULL || info->set_name == NULL)
		return fail(fos, FOS_E_USAGE, "%s: the key is read-only", what);
	if (fos_value_check(key, value, normal, sizeof(normal), why, sizeof(why)) != 0)
		return fail(fos, FOS_E_USAGE, "%s: %s", what, why);
	/* Read first: auth and reachability fail before anything is sent, and
	 * the read-back can be compared for side effects. */
	err = fos_read_state(fos, &before);
	if (err != FOS_OK)
		return err;
	err = send_set(fos, key, normal, what);
	if (err != FOS_OK)
		return err;
	err = confirm(fos, key, normal, what, &state);
	if (err != FOS_OK)
		return err;
	return check_side_effects(fos, key, &before, &state, what);
}

enum fos_err fos_set(struct fos_handle *fos, enum fos_key key, const char *value)
{
	const struct fos_key_info *info = fos_key_info(key);
	char what[96];

	if (info == NULL || info->set_name == NULL)
		return fail(fos, FOS_E_USAGE, "that key is read-only");
	snprintf(what, sizeof(what), "setting %s", info->set_name);
	return set_and_confirm(fos, key, value, what);
}

enum fos_err fos_set_mode(struct fos_handle *fos, int mode)
{
	if (mode != 0 && mode != 1)
		return fail(fos, FOS_E_USAGE, "relay mode must be 0 or 1");
	return set_and_confirm(fos, FOS_K_MODE, mode ? "1" : "0",
			       mode ? "switching the lines to the primary (mode 1)"
				    : "switching the lines to the backup (mode 0)");
}

enum fos_err fos_set_power(struct fos_handle *fos, int port, bool on)
{
	char what[64];

	if (port != 0 && port != 1)
		return fail(fos, FOS_E_USAGE, "power port must be 0 or 1");
	snprintf(what, sizeof(what), "switching power port %d %s", port, on ? "on" : "off");
	return set_and_confirm(fos, port == 0 ? FOS_K_P0 : FOS_K_P1, on ? "1" : "0", what);
}

enum fos_err fos_watchdog_enable(struct fos_handle *fos, int interval_s)
{
	struct fos_state state;
	enum fos_err err;
	char value[16];
	char why[128];

	if (interval_s > 0) {
		snprintf(value, sizeof(value), "%d", interval_s);
		err = set_and_confirm(fos, FOS_K_WINTV, value, "setting the watchdog interval");
		if (err != FOS_OK)
			return err;
	}
	err = send_set(fos, FOS_K_WEN, "1", "enabling the watchdog");
	if (err != FOS_OK)
		return err;
	err = confirm(fos, FOS_K_WEN, "1", "enabling the watchdog", &state);
	if (err != FOS_OK)
		return err;
	if (fos_devpage_need(&state, FOS_K_WSTATE, why, sizeof(why)) != 0)
		return fail(fos, FOS_E_BAD_REPLY, "enabling the watchdog: %s: %s", fos->base, why);
	if (state.v[FOS_K_WSTATE].num != FOS_WSTATE_ON)
		return fail(fos, FOS_E_NOT_CONFIRMED,
			    "enabling the watchdog: %s reports watchdog state %ld, not 1 (running)",
			    fos->base, state.v[FOS_K_WSTATE].num);
	return FOS_OK;
}

enum fos_err fos_watchdog_disable(struct fos_handle *fos)
{
	return set_and_confirm(fos, FOS_K_WEN, "0", "disabling the watchdog");
}

enum fos_err fos_set_password(struct fos_handle *fos, const char *password, bool *maybe_taken)
{
	static struct reply reply_buf;
	struct fos_state state;
	char path[128];
	char *escaped;
	enum fos_err err;
	size_t len = strlen(password);

	*maybe_taken = false;
	if (len == 0 || len > FOS_PASSWORD_MAX)
		return fail(fos, FOS_E_USAGE, "the password must have 1 to %d characters",
			    FOS_PASSWORD_MAX);
	escaped = curl_easy_escape(fos->curl, password, 0);
	if (escaped == NULL)
		return fail(fos, FOS_E_SYSTEM, "setting the password: out of memory");
	snprintf(path, sizeof(path), "/?cmd=3&apwd=%s", escaped);
	explicit_bzero(escaped, strlen(escaped));
	curl_free(escaped);
	err = http_get(fos, path, "setting the password", &reply_buf);
	explicit_bzero(path, sizeof(path));
	/* Only a refusal we read, or a request that never left, proves the
	 * switch did not take it; a lost reply may hide a taken password. */
	*maybe_taken = err == FOS_OK || err == FOS_E_TIMEOUT || err == FOS_E_BAD_REPLY;
	if (err != FOS_OK)
		return err;
	/* From here on the switch knows the new password. */
	snprintf(fos->password, sizeof(fos->password), "%s", password);
	fos->has_password = true;
	err = send_set(fos, FOS_K_PWD, "1", "switching password protection on");
	if (err != FOS_OK)
		return err;
	return confirm(fos, FOS_K_PWD, "1", "confirming the new password", &state);
}

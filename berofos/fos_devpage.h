/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The berofos config.txt page as a struct: parser and formatter.  Pure code,
 * no I/O, shared by the client (libberofos) and the emulator (fosemu), so
 * the list of keys exists exactly once. */
#ifndef FOS_DEVPAGE_H
#define FOS_DEVPAGE_H

#include <stdbool.h>
#include <stddef.h>

#define FOS_DEVPAGE_MAGIC "bnfos_confmap_magic=0.1"
#define FOS_STR_MAX 64

enum fos_key {
	FOS_K_SZ, FOS_K_MODE, FOS_K_RM, FOS_K_P0, FOS_K_P0_DEF, FOS_K_P1,
	FOS_K_P1_DEF, FOS_K_DN, FOS_K_IP, FOS_K_NM, FOS_K_GW, FOS_K_DNS,
	FOS_K_DHCP, FOS_K_PORT, FOS_K_PWD, FOS_K_MHOST, FOS_K_MFROM, FOS_K_MTO,
	FOS_K_LOG, FOS_K_LOGHOST, FOS_K_LOGPORT, FOS_K_WEN, FOS_K_WEN_DEF,
	FOS_K_WSTATE, FOS_K_WINTV, FOS_K_AS, FOS_K_MEN, FOS_K_WRETV,
	FOS_K_COUNT
};

enum fos_key_type { FOS_T_BOOL, FOS_T_INT, FOS_T_STR };

/* Watchdog states as 6_wstate reports them. */
enum fos_wstate { FOS_WSTATE_OFF = 0, FOS_WSTATE_ON = 1, FOS_WSTATE_FAILED = 2 };

/* One readable value: booleans and integers in num, strings in str. */
struct fos_value {
	long num;
	char str[FOS_STR_MAX];
};

struct fos_state {
	struct fos_value v[FOS_K_COUNT];
	bool seen[FOS_K_COUNT];   /* the page carried this key with a usable value */
	bool invalid[FOS_K_COUNT];/* the page carried it with no number; str holds it */
};

struct fos_key_info {
	const char *read_key;     /* as in config.txt, e.g. "4_mode" */
	enum fos_key_type type;
	const char *set_name;     /* vendor CLI name, NULL when read-only */
	int cmd;                  /* cmd group of the set request */
	const char *set_key;      /* parameter of the set request */
};

const struct fos_key_info *fos_key_info(enum fos_key key);
/* Looks a key up by its config.txt name or its vendor CLI name; -1 if none. */
int fos_key_lookup(const char *name);

/* A boolean as the device writes it: "1" or "checked" is true. */
bool fos_parse_bool(const char *text);

/* The same, strictly, for confirming a write: 1 for "1" or "checked", 0 for
 * "0" or empty, -1 for anything else (a value the device does not use). */
int fos_bool_strict(const char *text);

/* Parses a config.txt page of len bytes (not NUL-terminated).  Lines before
 * the magic line and unknown keys are ignored, and so is a known integer key
 * that holds no integer (marked invalid, not seen: reading it is the
 * caller's error, see fos_devpage_need).  Returns 0, or -1 with a reason in
 * error when the magic line is missing. */
int fos_devpage_parse(const char *text, size_t len, struct fos_state *out,
		     char *error, size_t error_len);

/* For a caller that needs key: 0 when the page carried it with a usable
 * value, else -1 with the reason (missing, or not a number) in error. */
int fos_devpage_need(const struct fos_state *config, enum fos_key key,
		    char *error, size_t error_len);

/* Writes the page as the device does (magic first, firmware order, LF after
 * every line, also the last unless final_lf is false).  Returns the length
 * it needed (like snprintf); the output is truncated when it is >= size. */
size_t fos_devpage_format(const struct fos_state *config, bool final_lf,
			 char *buf, size_t size);

/* Checks a value for a settable key and normalises it into out (booleans
 * to "0"/"1").  Returns 0, or -1 with a reason. */
int fos_value_check(enum fos_key key, const char *value, char *out, size_t out_len,
		    char *error, size_t error_len);

#endif

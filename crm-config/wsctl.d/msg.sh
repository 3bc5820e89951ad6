# SPDX-License-Identifier: GPL-2.0-or-later
# wsctl module: messages and exits, the arguments as shell words, quoting
# for ssh, JSON strings.
# Sourced by wsctl, which holds the constants and main(); the variables
# the modules share are checked through wsctl itself.
# shellcheck shell=sh

err() { printf '%s: %s\n' "$PROG" "$*" >&2; }
say() { printf '%s\n' "$*"; }
# die CODE MESSAGE: every error names what is wrong and what to do.
die() { ws_code=$1; shift; err "$*"; ws_cleanup; exit "$ws_code"; }
usage_error() { err "$*"; err "see 'wsctl ${ws_cmd:+$ws_cmd }--help'"; ws_cleanup; exit "$EX_USAGE"; }

# The options that take no value; every other --opt=value is split.
OPTS_WITHOUT_VALUE="--help --version --dry-run --yes --purge --stop --json --force --once --loop"
# norm_args ARGS...: the arguments as one line of shell words (for eval
# "set -- ..."), each --opt=value split into --opt and value, so that the
# parsers see one form.  A value given to an option that takes none is a
# usage error.
norm_args() {
	na_out=
	for na_a in "$@"; do
		case $na_a in
		--*=*)
			na_opt=${na_a%%=*}
			case " $OPTS_WITHOUT_VALUE " in
			*" $na_opt "*) usage_error "$na_opt takes no value (give '$na_opt' alone)" ;;
			esac
			na_out="$na_out $(q "$na_opt") $(q "${na_a#*=}")" ;;
		*) na_out="$na_out $(q "$na_a")" ;;
		esac
	done
	printf '%s\n' "$na_out"
}

# flag_opts CMD SPEC ARGS...: the options of a command that takes flags
# only; SPEC is "--opt:var ..." and each var given is set to 1 (the caller
# sets them to 0 first).  Anything else is a usage error.
flag_opts() {
	fo_cmd=$1 fo_spec=$2
	shift 2
	for fo_arg in "$@"; do
		fo_var=
		for fo_e in $fo_spec; do [ "${fo_e%%:*}" != "$fo_arg" ] || fo_var=${fo_e#*:}; done
		[ -n "$fo_var" ] || usage_error "$fo_cmd: unknown option '$fo_arg'"
		eval "$fo_var=1"
	done
}

# ws_version: the release make install wrote, or in the source tree the
# one configure.ac names.
ws_version() {
	if [ -n "$WS_VERSION" ]; then
		printf '%s\n' "$WS_VERSION"
		return
	fi
	wv=$(sed -n 's/^AC_INIT(\[warmstandby\], *\[\([^]]*\)\].*/\1/p' "$(dirname "$0")/../configure.ac" 2>/dev/null)
	printf '%s (source tree)\n' "${wv:-unknown}"
}

# Shell-safe single quoting of one word, for commands run through ssh.
q() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"; }

# json_str TEXT: a JSON string (control characters dropped).
json_str() {
	printf '"%s"' "$(printf '%s' "$1" | tr '\t\n' '  ' | LC_ALL=C tr -d '\000-\037' |
		sed 's/\\/\\\\/g; s/"/\\"/g')"
}

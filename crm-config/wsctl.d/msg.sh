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
OPTS_WITHOUT_VALUE="--help --version --dry-run --yes --purge --stop --json --force"
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
